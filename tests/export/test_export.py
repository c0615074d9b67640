from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.export import CSV_COLUMNS, ExportFilter, disorder_type, export
from marsad.store import Store
from marsad.store.importer import import_jsonl
from tests.export.data import build


def run(store: Store, fmt: str, **kw) -> str:
    out = io.StringIO()
    export(store.engine, fmt, out, **kw)
    return out.getvalue()


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    build(store, tmp_path)
    return store


def test_acled_csv_one_line_per_incident(filled: Store) -> None:
    text = run(filled, "acled-csv")
    assert text.splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = csv_rows(text)
    # 3 articles x 3 reports + 2 reports + 1 ACLED row = 12 reports; two merged -> 11 incidents
    assert len(rows) == 11
    by_id = {r["marsad_id"]: r for r in rows}
    merged = by_id["test-0:0"]
    assert merged["event_id_cnty"][:3] == "SYR" and merged["event_id_cnty"][3:].isdigit()
    assert "test-1:0" not in by_id
    assert (merged["sources_count"], merged["source"]) == ("2", "Example News; Other")
    assert merged["evidence_text"].count(" | ") == 1          # both reports' evidence
    acled = by_id["acled:SYR9001"]
    assert acled["event_id_cnty"] == "SYR9001"
    assert (acled["event_date"], acled["year"], acled["disorder_type"]) == ("2023-07-01", "2023", "Political violence")
    assert (acled["latitude"], acled["longitude"], acled["iso"]) == ("36.2", "37.1", "760")
    ar = by_id["ar-1:0"]
    assert (ar["location"], ar["admin2"], ar["injuries"], ar["fatalities"]) == ("Al-Ghadfa", "Maarrat An-Nu'man", "4", "2")
    assert ar["source"] == "وكالة مثال"                       # no attribution: the outlet
    assert ar["evidence_text"].startswith("قصفت")
    undated = by_id["ar-1:1"]
    assert (undated["event_date"], undated["year"], undated["latitude"], undated["geo_precision"]) == ("", "", "", "")
    assert rows[-1]["marsad_id"] == "ar-1:1"                 # undated last, the rest by date
    dates = [r["event_date"] for r in rows[:-1]]
    assert dates == sorted(dates)


def test_acled_csv_reports(filled: Store) -> None:
    rows = csv_rows(run(filled, "acled-csv", reports=True))
    assert len(rows) == 12
    assert {r["sources_count"] for r in rows} == {"1"}
    assert "test-1:0" in {r["marsad_id"] for r in rows}


def test_filters(filled: Store) -> None:
    def ids(**kw: object) -> set[str]:
        return {r["marsad_id"] for r in csv_rows(run(filled, "acled-csv", flt=ExportFilter(**kw)))}
    assert ids(since=date(2024, 3, 1), until=date(2024, 3, 31)) == {"ar-1:0"}
    assert ids(until=date(2023, 12, 31)) == {"acled:SYR9001"}
    assert len(ids(country="syria")) == 10 and ids(country="SY") == ids(country="Syria")
    assert ids(country="Iraq") == set()


def test_geojson(filled: Store) -> None:
    doc = json.loads(run(filled, "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 11
    f = next(f for f in doc["features"] if f["properties"]["marsad_id"] == "ar-1:0")
    assert f["geometry"] == {"type": "Point", "coordinates": [36.7, 35.5]}
    # the ACLED columns, the point in the geometry only, plus marsad.geojson's common id and n_sources
    assert set(f["properties"]) == (set(CSV_COLUMNS) - {"latitude", "longitude"} | {"id", "n_sources"}
                                    | {"acled_actor1", "acled_assoc_actor_1", "acled_actor2", "acled_assoc_actor_2"})
    assert (f["properties"]["actor1"], f["properties"]["acled_actor1"]) == (
        "Unidentified Armed Group (Syria)", "Unidentified Armed Group (Syria)")
    assert f["id"] == f["properties"]["id"]
    nowhere = next(f for f in doc["features"] if f["properties"]["marsad_id"] == "ar-1:1")
    assert nowhere["geometry"] is None


def test_empty_database_exports_valid_files(store: Store) -> None:
    assert json.loads(run(store, "geojson")) == {"type": "FeatureCollection", "features": []}
    assert run(store, "jsonl") == ""
    assert run(store, "acled-csv").count("\n") == 1


def test_unknown_format(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        run(store, "xlsx")


def test_jsonl_carries_everything(filled: Store) -> None:
    lines = [json.loads(line) for line in run(filled, "jsonl").splitlines()]
    assert len(lines) == 11
    merged = next(x for x in lines if x["reports"][0]["event_uid"] == "test-0:0")
    assert [r["event_uid"] for r in merged["reports"]] == ["test-0:0", "test-1:0"]
    assert merged["merge_links"][0]["matched_event_uid"] == "test-0:0"
    assert merged["merge_links"][0]["reasons"] == '["same day", "3 km apart"]'
    rep = merged["reports"][0]
    assert rep["document"]["text"].startswith("Report 0") and len(rep["evidence"]) == 2
    # a document is written whole once, then referred to by its doc_id
    docs = [r["document"] for x in lines for r in x["reports"] if r["document"]]
    assert sum("text" in d for d in docs) == 4 and len(docs) == 11
    assert "id" not in merged and "canonical_id" not in rep and "document_id" not in rep
    acled = next(x for x in lines if x["reports"][0]["origin"] == "acled-import")
    assert acled["reports"][0]["document"] is None and acled["reports"][0]["event_uid"] == "acled:SYR9001"


@pytest.mark.parametrize("reports", [False, True])
def test_jsonl_round_trip(tmp_path: Path, url: str, reports: bool) -> None:
    """SQLite -> JSONL -> an empty database on each backend -> the same JSONL."""
    with Store.open(f"sqlite:///{tmp_path}/src.db") as src:
        build(src, tmp_path)
        first = run(src, "jsonl", reports=reports)
        first_csv = run(src, "acled-csv", reports=reports)
    dump = tmp_path / "dump.jsonl"
    dump.write_text(first, encoding="utf-8")
    with Store.open(url) as dst:
        res = import_jsonl(dst, dump)
        assert (res.added, res.existing, res.errors) == (12, 0, [])
        if reports:            # one report per line: each becomes its own incident again
            assert len(csv_rows(run(dst, "acled-csv"))) == 12
        assert run(dst, "jsonl", reports=reports) == first
        assert run(dst, "acled-csv", reports=reports) == first_csv
        again = import_jsonl(dst, dump)
        assert (again.added, again.existing, again.errors) == (0, 11 if not reports else 12, [])
        assert run(dst, "jsonl", reports=reports) == first


def test_jsonl_bad_lines_are_reported_and_skipped(store: Store, tmp_path: Path) -> None:
    good = {"event_uid": "x:0", "origin": "marsad", "event_type": "Battles", "sub_event_type": "Armed clash",
            "time_precision": 1, "created_at": "2024-01-01T00:00:00+00:00", "event_date": "2024-01-01",
            "fatalities": 1, "evidence": [{"start": 0, "end": 3, "text": "abc", "role": "trigger"}],
            "document": None}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "event_uid": "x:1", "fatalities": "many"}),
        json.dumps({**good, "event_uid": "x:2", "event_date": "yesterday"}),
        json.dumps({"hello": 1}),
        json.dumps({**good, "event_uid": "x:3", "document": {"doc_id": "never-seen"}}),
        "",
        json.dumps({**good, "event_uid": "x:4", "time_precision": None}),
        json.dumps([1, 2]),
        json.dumps({**good, "event_uid": "x:5", "evidence": [{"start": "zero", "end": 3, "text": "a"}]}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = import_jsonl(store, path)
    assert res.added == 1
    assert [line for line, _ in res.errors] == [2, 3, 4, 5, 6, 8, 9, 10]
    msgs = dict(res.errors)
    assert "fatalities 'many'" in msgs[3] and "yesterday" in msgs[4] and "never-seen" in msgs[6]
    assert "refused by the database" in msgs[8] and "start 'zero'" in msgs[10]
    rows = csv_rows(run(store, "acled-csv"))
    assert [r["marsad_id"] for r in rows] == ["x:0"]


def test_disorder_types() -> None:
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Strategic developments", "Agreement") == "Strategic developments"
    assert disorder_type("Made up", "Thing") == ""


def test_round_trip_keeps_real_merges_and_splits(tmp_path: Path, url: str) -> None:
    """Reports merged and split by marsad.merge survive export -> import -> export."""
    from marsad.merge import merge_new, split
    from marsad.records import Article, Event, Evidence, Place

    def report(n: int, outlet: str, dead: int) -> tuple[Article, list[Event]]:
        text = f"{outlet} says ISIS attacked an army post in Al-Sukhnah, killing {dead} soldiers (copy {n})."
        art = Article(doc_id=f"m-{n}", text=text, published=date(2024, 4, 2), outlet=outlet)
        ev = Event(doc_id=art.doc_id, event_type="Battles", sub_event_type="Armed clash",
                   event_date=date(2024, 4, 1), actor1="ISIS", actor2="Military Forces of Syria (2000-)",
                   place=Place("Al-Sukhnah", 34.885, 38.871, "Syria", 760, "SY", "Homs", geo_precision=1),
                   fatalities=dead, evidence=[Evidence(text, 0, len(text))])
        return art, [ev]

    with Store.open(f"sqlite:///{tmp_path}/src.db") as src:
        ids = []
        for n, (o, d) in enumerate([("Wire A", 5), ("Wire B", 7), ("Wire C", 6)]):
            ids.append(src.save_article(*report(n, o, d)).event_ids)
            with src.begin() as conn:                  # save, then merge, as the pipeline does
                merge_new(conn, ids[-1])
        with src.begin() as conn:
            split(conn, ids[2][0])
        dump = run(src, "jsonl")
    path = tmp_path / "m.jsonl"
    path.write_text(dump, encoding="utf-8")
    lines = [json.loads(x) for x in dump.splitlines()]
    with Store.open(url) as dst:
        assert import_jsonl(dst, path).errors == []
        assert run(dst, "jsonl") == dump
    # Merge rules belong to marsad.merge and may change; build() covers links and blocks
    # by hand.  When the three were merged and the third split off, check what that left.
    if sorted(len(x["reports"]) for x in lines) == [1, 2]:
        merged = next(x for x in lines if len(x["reports"]) == 2)
        assert merged["n_sources"] == 2 and merged["merge_links"]
        assert any(r.get("blocked_with") for x in lines for r in x["reports"])


def test_jsonl_line_rolled_back_takes_its_document_with_it(store: Store, tmp_path: Path) -> None:
    doc = {"doc_id": "d1", "text": "Some text.", "content_hash": "h" * 64, "n_events": 1,
           "ingested_at": "2024-01-01T00:00:00+00:00", "url": None}
    base = {"origin": "marsad", "event_type": "Battles", "sub_event_type": "Armed clash", "time_precision": 1,
            "created_at": "2024-01-01T00:00:00+00:00", "fatalities": 0, "evidence": []}
    lines = [
        {**base, "event_uid": "d1:0", "document": doc, "latitude": "north"},    # refused: doc rolled back
        {**base, "event_uid": "d1:1", "document": {"doc_id": "d1"}},            # so d1 is unknown here
        {**base, "event_uid": "d1:2", "document": doc},                         # and stored here
    ]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    res = import_jsonl(store, path)
    assert res.added == 1 and [n for n, _ in res.errors] == [1, 2]
    assert store.find_document(doc_id="d1") is not None
