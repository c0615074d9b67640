"""The golden cases are well-formed: ACLED taxonomy spelled exactly, sane windows and points.

These tests need nothing but the case files and examples/, so they pass whatever the
state of the extractor; they keep a hand edit of a case from silently weakening the gate.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from tests.golden.cases_io import ROOT, case_paths, load_case

# ACLED's 6 event types and 25 sub-event types, spelled as ACLED spells them.
ACLED_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
CASE_KEYS = {"file", "doc_id", "published", "events"}
EVENT_KEYS = {"id", "optional", "date", "event_type", "sub_event_type", "actors", "location",
              "lat", "lon", "tol_km", "country", "fatalities", "note"}
REQUIRED_EVENT_KEYS = {"id", "date", "event_type", "sub_event_type", "location", "lat", "lon", "tol_km", "country"}
# A required event happens before its article is published, and not long before.
MAX_AGE = timedelta(days=31)

PATHS = case_paths()


def test_there_are_golden_cases_for_every_example():
    files = {load_case(p)["file"] for p in PATHS}
    examples = {f"examples/{p.name}" for p in (ROOT / "examples").iterdir()
                if p.suffix in {".txt", ".html", ".jsonl"}}
    assert examples <= files, f"examples without a golden case: {sorted(examples - files)}"
    assert len(PATHS) >= 12


def test_jsonl_documents_each_have_one_case():
    by_doc: dict[str, list[str]] = {}
    for p in PATHS:
        case = load_case(p)
        if case["file"].endswith(".jsonl"):
            by_doc.setdefault(case["doc_id"], []).append(p.name)
    with open(ROOT / "examples" / "batch.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    assert sorted(by_doc) == sorted(d["doc_id"] for d in docs)
    assert all(len(v) == 1 for v in by_doc.values()), by_doc
    for d in docs:
        assert set(d) == {"doc_id", "text", "published", "url", "outlet", "title"}, d["doc_id"]


def _example_words(case: dict) -> int:
    path = ROOT / case["file"]
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        text = next(json.loads(line)["text"] for line in raw.splitlines()
                    if line.strip() and json.loads(line)["doc_id"] == case["doc_id"])
    elif path.suffix == ".html":
        text = re.sub(r"<[^>]+>", " ", re.search(r"<article>(.*)</article>", raw, re.DOTALL).group(1))
    else:
        text = raw.split("\n\n", 1)[1]
    return len(text.split())


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_case_is_well_formed(path):
    case = load_case(path)
    case.pop("name")
    assert set(case) <= CASE_KEYS and {"file", "published", "events"} <= set(case), set(case)
    assert (ROOT / case["file"]).is_file(), case["file"]
    assert (case["file"].endswith(".jsonl")) == ("doc_id" in case), "doc_id is for JSONL documents only"
    published = date.fromisoformat(case["published"])
    assert date(2019, 1, 1) <= published <= date(2025, 12, 31)
    assert 150 <= _example_words(case) <= 500, "an example article has 150-500 words"

    events = case["events"]
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)), f"duplicate ids {ids}"
    required = [e for e in events if not e.get("optional")]
    assert 2 <= len(required) <= 5, "each example reports 2-5 incidents"
    for e in events:
        where = f"{path.name}/{e.get('id')}"
        assert set(e) <= EVENT_KEYS, f"{where}: unknown keys {set(e) - EVENT_KEYS}"
        assert REQUIRED_EVENT_KEYS <= set(e), f"{where}: missing {REQUIRED_EVENT_KEYS - set(e)}"
        assert isinstance(e.get("optional", False), bool), where
        _check_taxonomy(where, e)
        _check_place(where, e)
        _check_actors(where, e)
        _check_fatalities(where, e)
        _check_date(where, e, published)


def _check_taxonomy(where: str, e: dict) -> None:
    types, subs = e["event_type"], e["sub_event_type"]
    assert types and isinstance(types, list), f"{where}: event_type is a non-empty list"
    assert subs and isinstance(subs, list), f"{where}: sub_event_type is a non-empty list"
    for t in types:
        assert t in ACLED_TAXONOMY, f"{where}: {t!r} is not an ACLED event type"
    for s in subs:
        assert any(s in ACLED_TAXONOMY[t] for t in types), (
            f"{where}: sub-event type {s!r} belongs to none of {types}")
    for t in types:
        assert any(s in ACLED_TAXONOMY[t] for s in subs), f"{where}: no sub-event type given for {t!r}"


def _check_place(where: str, e: dict) -> None:
    assert isinstance(e["lat"], (int, float)) and -90 <= e["lat"] <= 90, f"{where}: lat"
    assert isinstance(e["lon"], (int, float)) and -180 <= e["lon"] <= 180, f"{where}: lon"
    limit = 500 if e.get("optional") else 60
    assert 0 < e["tol_km"] <= limit, f"{where}: tol_km {e['tol_km']} (a required event at most {limit})"
    assert re.fullmatch(r"[A-Z]{2}", e["country"]), f"{where}: country is ISO alpha-2"
    assert e["location"].strip(), f"{where}: location"


def _check_actors(where: str, e: dict) -> None:
    actors = e.get("actors", [])
    assert isinstance(actors, list)
    for aliases in actors:
        assert isinstance(aliases, list) and aliases, f"{where}: an actor is a non-empty list of names"
        assert all(isinstance(a, str) and a.strip() for a in aliases), f"{where}: {aliases}"
        assert len(set(aliases)) == len(aliases), f"{where}: repeated alias in {aliases}"
    if not e.get("optional"):
        assert actors, f"{where}: a required event names at least one actor"


def _check_fatalities(where: str, e: dict) -> None:
    if "fatalities" not in e:
        assert e.get("optional"), f"{where}: a required event states its fatalities (null when none given)"
        return
    f = e["fatalities"]
    values = f if isinstance(f, list) else [f]
    if isinstance(f, list):
        assert f, f"{where}: empty fatalities list"
    for v in values:
        assert v is None and not isinstance(f, list) or (isinstance(v, int) and not isinstance(v, bool) and v >= 0), (
            f"{where}: fatalities must be null, a count or a list of counts: {f!r}")


def _check_date(where: str, e: dict, published: date) -> None:
    d = e["date"]
    if d is None:
        return
    assert isinstance(d, list) and len(d) == 2, f"{where}: date is [first, last] or null"
    lo, hi = date.fromisoformat(d[0]), date.fromisoformat(d[1])
    assert lo <= hi, f"{where}: window {d} runs backwards"
    assert hi <= published, f"{where}: event after the article was published"
    if not e.get("optional"):
        assert published - lo <= MAX_AGE, f"{where}: a required event {d} far before the dateline is background"
