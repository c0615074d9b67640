"""ACLED's 25 sub-event types, one short report each (tests/extract/data/sub_event_cases.csv)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.extract.taxonomy import SUB_TO_TYPE
from marsad.records import Article

_CASES = Path(__file__).parent / "data" / "sub_event_cases.csv"


def _rows() -> list[tuple[str, str]]:
    rows = []
    for ln in _CASES.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            sub, text = ln.split(",", 1)
            rows.append((sub, text))
    return rows


def test_every_sub_event_type_has_several_cases():
    subs = [s for s, _ in _rows()]
    for sub in SUB_TO_TYPE:
        assert subs.count(sub) >= (1 if sub == "Other" else 3), sub


@pytest.mark.parametrize("sub, text", _rows(), ids=[f"{i}-{s}" for i, (s, _) in enumerate(_rows())])
def test_first_event_has_the_codebook_sub_event_type(extractor, sub, text):
    events = extractor.extract(Article(doc_id="t", text=text, published=date(2023, 6, 13), outlet="Test Wire"))
    got = events[0].sub_event_type if events else "none"
    assert got == sub
    if events:
        assert events[0].event_type == SUB_TO_TYPE[sub]
