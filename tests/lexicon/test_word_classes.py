"""Each word class of marsad/data/word_classes.csv has a table of sentences here
(class,sentence,expected): adding a case is adding a row."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from marsad import datafiles
from marsad.extract import incidents, tolls
from marsad.extract.casualties import find_casualties, parse_count
from marsad.extract.dates import find_dates
from marsad.geo.resolve import named_districts
from marsad.records import Article, Place

HERE = Path(__file__).parent
PUBLISHED = date(2023, 6, 20)  # a Tuesday


def _table(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return [{k: v if k == "expected" else v.strip() for k, v in r.items()} for r in rows]


def _casualties(row: dict[str, str], extractor: Any) -> str:
    if row["expected"].startswith("value "):
        return f"value {parse_count(row['sentence'])}"
    found = find_casualties(row["sentence"])
    if row["expected"] in ("claim", "count"):
        return "claim" if tolls.is_claim(row["sentence"], found[0]) else "count"
    if row["expected"] in ("one dead", "no one dead"):
        return "one dead" if tolls.one_dead(row["sentence"]) else "no one dead"
    return "; ".join(f"{'?' if c.count is None else c.count} {c.kind}" for c in found) or "-"


def _incidents(row: dict[str, str], extractor: Any) -> str:
    text = row["sentence"]
    if row["expected"] in ("generic", "news"):
        return "generic" if incidents.is_generic(text, incidents.Sentence(0, len(text), 0)) else "news"
    if row["expected"] in ("told before", "new"):
        return "told before" if incidents.refers_back(text, incidents.Sentence(0, len(text), 0)) else "new"
    art = Article(doc_id="t", text=text, title="Security update", published=PUBLISHED)
    return "; ".join(f"{e.sub_event_type} {e.event_date}" for e in extractor.extract(art)) or "-"


def _road_end(sentence: str) -> str:
    """The place between asterisks: the end of a road, a destination or an origin, or the incident's place."""
    start, end = sentence.index("*"), sentence.rindex("*") - 1
    text = sentence.replace("*", "")
    place = Place(location=text[start:end], mention=text[start:end], start=start, end=end)
    return "road end" if incidents.road_end(text, place) else "incident place"


def _places(row: dict[str, str], extractor: Any) -> str:
    if row["expected"].startswith("within ") or row["expected"] == "not said":
        km = incidents.lies_within_km(f" {row['sentence']} ")     # the words between two places
        return "not said" if km is None else f"within {km:g} km"
    if row["expected"].startswith("district: "):
        return "district: " + "; ".join(named_districts(row["sentence"]))
    if row["expected"] in ("road end", "incident place"):
        return _road_end(row["sentence"])
    art = Article(doc_id="t", text=row["sentence"], title="Security update", published=PUBLISHED)
    return "; ".join(f"{e.place.location} {e.place.geo_precision}"
                     for e in extractor.extract(art) if e.place is not None) or "-"


def _roles(row: dict[str, str], extractor: Any) -> str:
    art = Article(doc_id="t", text=row["sentence"], title="Security update", published=PUBLISHED)
    return "; ".join(f"{e.sub_event_type} / {e.actor1} / {e.actor2} / {e.source}"
                     for e in extractor.extract(art)) or "-"


def _dates(row: dict[str, str], extractor: Any) -> str:
    found = find_dates(row["sentence"], PUBLISHED)
    return "; ".join(f"{d.text} {d.value} {d.precision}" for d in found) or "-"


CHECKS = {"casualties.csv": _casualties, "incidents.csv": _incidents, "places.csv": _places,
          "roles.csv": _roles, "dates.csv": _dates}
ROWS = [(t, r) for t in CHECKS for r in _table(t)]


@pytest.mark.parametrize(("table", "row"), ROWS, ids=[f"{r['class']}:{r['sentence'][:40]}" for _, r in ROWS])
def test_row(table: str, row: dict[str, str], extractor: Any) -> None:
    assert CHECKS[table](row, extractor) == row["expected"], row["class"]


def test_every_class_has_cases() -> None:
    tested = {r["class"] for _, r in ROWS}
    missing = sorted(set(datafiles.word_classes()) - tested)
    assert not missing, f"word classes without a test row: {missing}"
