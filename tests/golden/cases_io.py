"""Load the golden cases (tests/golden/cases/*.json) and the example articles they describe.

A case names its article by path relative to the repository root (``file``); for a
JSONL batch it also names the document (``doc_id``).  The article is read through
marsad's own ingest, exactly as a user's file would be.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = Path(__file__).resolve().parent / "cases"


def case_paths() -> list[Path]:
    return sorted(CASES_DIR.glob("*.json"))


def load_case(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    case["name"] = path.stem
    return case


def load_cases() -> list[dict[str, Any]]:
    return [load_case(p) for p in case_paths()]


def read_case_article(case: dict[str, Any]) -> Any:
    """The marsad Article of a case, read with ``marsad.ingest.read_sources``."""
    from marsad.config import Options
    from marsad.ingest import read_sources

    path = ROOT / case["file"]
    articles = list(read_sources([str(path)], Options()))
    if "doc_id" in case:
        found = [a for a in articles if a.doc_id == case["doc_id"]]
        if len(found) != 1:
            raise LookupError(f"{case['file']}: expected one document {case['doc_id']!r}, "
                              f"ingest gave doc_ids {[a.doc_id for a in articles]}")
        return found[0]
    if len(articles) != 1:
        raise LookupError(f"{case['file']}: expected one article, ingest gave {len(articles)}")
    return articles[0]
