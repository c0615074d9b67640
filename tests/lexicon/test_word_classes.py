"""Each word class of marsad/data/word_classes.csv has a table of sentences here
(class,sentence,expected): adding a case is adding a row."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad import datafiles
from marsad.extract.casualties import find_casualties

HERE = Path(__file__).parent


def _table(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _casualties(sentence: str) -> str:
    found = find_casualties(sentence)
    return "; ".join(f"{'?' if c.count is None else c.count} {c.kind}" for c in found) or "-"


CHECKS = {"casualties.csv": _casualties}


@pytest.mark.parametrize(("table", "row"), [(t, r) for t in CHECKS for r in _table(t)],
                         ids=lambda x: x["sentence"][:50] if isinstance(x, dict) else x)
def test_row(table: str, row: dict[str, str]) -> None:
    assert CHECKS[table](row["sentence"]) == row["expected"], row["class"]


def test_every_class_has_cases() -> None:
    tested = {r["class"] for t in CHECKS for r in _table(t)}
    missing = sorted(set(datafiles.word_classes()) - tested)
    assert not missing, f"word classes without a test row: {missing}"
