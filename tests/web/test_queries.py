"""marsad.store.queries on the sample database (SQLite)."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import ConfigError
from marsad.store.queries import EventFilter, count_events, get_event, list_events, segments
from tests.web.sample import HOSTILE


def _ids(rows):
    return [r["id"] for r in rows]


def test_lists_canonical_events_newest_first(conn, ids):
    rows, total = list_events(conn, EventFilter())
    assert total == 4                                   # the two Hajin reports are one event
    assert _ids(rows) == [ids["hajin"], ids["hostile"], ids["idlib"], ids["kirkuk"]]
    assert rows[0]["n_sources"] == 2 and rows[0]["event_date"] == date(2024, 5, 6)


@pytest.mark.parametrize("f, expected", [
    (EventFilter(country="iraq"), ["kirkuk"]),
    (EventFilter(admin1="DEIR EZ-ZOR"), ["hajin", "hostile"]),
    (EventFilter(actor="democratic forces"), ["hajin"]),          # matches actor2, part of the name
    (EventFilter(actor="Civilians"), ["hostile", "idlib"]),
    (EventFilter(event_type="protests"), ["kirkuk"]),
    (EventFilter(text="sarmin"), ["idlib"]),
    (EventFilter(since=date(2024, 4, 19), until=date(2024, 4, 30)), ["hostile", "idlib"]),
    (EventFilter(bbox=(40.0, 34.0, 41.0, 35.0)), ["hajin"]),
    (EventFilter(bbox=(179.0, -10.0, -179.0, 10.0)), []),          # across the antimeridian: nothing there
    (EventFilter(origin="acled-import"), []),
    (EventFilter(origin="marsad", country="Syria"), ["hajin", "hostile", "idlib"]),
    (EventFilter(actor="%"), []),                                   # LIKE wildcards are literal
    (EventFilter(text="<script>"), ["hostile"]),
])
def test_filters(conn, ids, f, expected):
    rows, total = list_events(conn, f)
    assert sorted(_ids(rows)) == sorted(ids[k] for k in expected)
    assert total == len(expected)


def test_sorting_and_paging(conn, ids):
    rows, _ = list_events(conn, EventFilter(), sort="fatalities,-event_date")
    assert [r["fatalities"] for r in rows] == [0, 0, 2, 4]
    assert _ids(rows[:2]) == [ids["hostile"], ids["kirkuk"]]
    page, total = list_events(conn, EventFilter(), limit=2, offset=2)
    assert total == 4 and _ids(page) == [ids["idlib"], ids["kirkuk"]]
    assert list_events(conn, EventFilter(), offset=10) == ([], 4)
    with pytest.raises(ConfigError, match="cannot sort by 'latitude'"):
        list_events(conn, EventFilter(), sort="-latitude")
    with pytest.raises(ConfigError):
        list_events(conn, EventFilter(), limit=-1)


def test_bbox_with_south_above_north_is_refused(conn):
    with pytest.raises(ConfigError, match="south"):
        list_events(conn, EventFilter(bbox=(30.0, 40.0, 40.0, 30.0)))


def test_event_has_every_report_with_checked_evidence(conn, ids):
    ev = get_event(conn, ids["hajin"])
    assert ev is not None and len(ev["reports"]) == 2
    outlets = {r["document"]["outlet"] for r in ev["reports"]}
    assert outlets == {"Euphrates Monitor", "Valley Post"}
    for r in ev["reports"]:
        (span,) = r["evidence"]
        assert span["located"] is True
        assert r["document"]["text"][span["start"]:span["end"]] == span["text"]
    merged = [r for r in ev["reports"] if r["merge"]]
    assert len(merged) == 1 and "same actors" in merged[0]["merge"]["reasons"]
    assert get_event(conn, 999_999) is None


def test_hostile_text_is_returned_verbatim(conn, ids):
    ev = get_event(conn, ids["hostile"])
    (r,) = ev["reports"]
    assert HOSTILE in r["document"]["text"] and HOSTILE in r["evidence"][0]["text"]


def test_segments_marks_spans_and_merges_overlaps():
    text = "one two three four"
    segs = segments(text, [{"start": 4, "end": 9}, {"start": 8, "end": 13}])
    assert [(s["text"], s["mark"]) for s in segs] == [("one ", False), ("two three", True), (" four", False)]
    assert "".join(s["text"] for s in segs) == text
    assert segments("", []) == [{"text": "", "mark": False}]


def test_stale_offsets_are_relocated_or_flagged():
    from marsad.store.queries import _spans

    text = "Intro. The blast hit the market. End."
    moved, missing = _spans(text, [{"start": 0, "end": 5, "text": "The blast hit the market."},
                                   {"start": 3, "end": 9, "text": "not in the text"}])
    assert moved["located"] and text[moved["start"]:moved["end"]] == "The blast hit the market."
    assert missing["located"] is False and missing["start"] is None


def test_counts_by_week_are_monday_keyed_and_stacked(conn):
    rows = count_events(conn, EventFilter(), "week")
    assert [r["key"] for r in rows] == ["2024-02-26", "2024-04-15", "2024-04-29", "2024-05-06"]
    may = rows[-1]
    assert may["n"] == 1 and may["types"] == {"Battles": 1} and may["fatalities"] == 4
    assert rows[0]["types"] == {"Protests": 1}


def test_counts_by_actor_type_and_admin1(conn):
    actors = {r["key"]: r["n"] for r in count_events(conn, EventFilter(), "actor")}
    assert actors["Civilians (Syria)"] == 2 and actors["Islamic State"] == 1
    types = count_events(conn, EventFilter(country="Syria"), "type")
    assert sum(r["n"] for r in types) == 3
    admin1 = count_events(conn, EventFilter(), "admin1")
    assert admin1[0] == {"key": "Deir ez-Zor", "n": 2, "fatalities": 4}
    with pytest.raises(ConfigError):
        count_events(conn, EventFilter(), "month")  # type: ignore[arg-type]
