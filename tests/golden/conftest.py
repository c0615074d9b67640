"""Fixtures of the golden tests: one Extractor per session, one extraction per case."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.golden.cases_io import read_case_article
from tests.golden.scoring import CaseResult, match_case


@pytest.fixture(scope="session")
def extractor() -> Any:
    try:
        from marsad.extract import Extractor
    except ImportError as exc:  # the extractor is written by the lead; say so plainly
        pytest.fail(f"marsad.extract.Extractor is not importable: {exc}")
    return Extractor()


@pytest.fixture(scope="session")
def golden_run(extractor: Any) -> Callable[[dict[str, Any]], tuple[list[dict[str, Any]], CaseResult]]:
    """run(case) -> (predicted rows, CaseResult), extracting each article once per session."""
    cache: dict[str, tuple[list[dict[str, Any]], CaseResult]] = {}

    def run(case: dict[str, Any]) -> tuple[list[dict[str, Any]], CaseResult]:
        name = case["name"]
        if name not in cache:
            article = read_case_article(case)
            rows = [event.to_row() for event in extractor.extract(article)]
            cache[name] = (rows, match_case(name, case["events"], rows))
        return cache[name]

    return run
