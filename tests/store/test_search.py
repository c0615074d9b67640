"""Text search (the API's ``q``): the SQLite trigram index gives exactly what a
scan of location, notes and actors gives, and stays in step with the table."""
from __future__ import annotations

import string
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, update

from marsad.store import Store, search
from marsad.store.queries import EventFilter, list_events
from marsad.store.schema import canonical_events

NOW = datetime.now(UTC)


def _row(i: int, location: str, notes: str = "", actor1: str = "", actor2: str = "") -> dict[str, object]:
    return {"id": i, "event_date": date(2024, 1, 1 + i % 28), "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": actor1, "actor2": actor2, "location": location, "notes": notes, "fatalities": 0,
            "updated_at": NOW}


def _found(conn, q: str, indexed: bool) -> list[int]:
    saved = conn.info.get("marsad_fts")
    conn.info["marsad_fts"] = indexed and saved
    try:
        rows, total = list_events(conn, EventFilter(text=q), limit=1000)
    finally:
        conn.info["marsad_fts"] = saved
    assert total == len(rows)
    return sorted(r["id"] for r in rows)


def test_sqlite_has_the_index_and_postgresql_scans(store: Store) -> None:
    with store.engine.connect() as conn:
        assert search.indexed(conn) == (conn.dialect.name == "sqlite")


def test_index_follows_inserts_updates_and_deletes(store: Store) -> None:
    with store.begin() as conn:
        conn.execute(insert(canonical_events), [
            _row(1, "Kabajib", "ISIS attacked Fifth Corps positions near Kabajib", "ISIS", "Fifth Corps"),
            _row(2, "Al-Shula", "Clashes on the Deir ez-Zor road", "SDF"),
            _row(3, "Hajin", 'A "quoted" 50% claim_with_underscore', "Coalition")])
    with store.engine.connect() as conn:
        assert _found(conn, "kabaj", True) == [1]
        assert _found(conn, "FIFTH CORPS", True) == [1]              # actor2, any case
        assert _found(conn, "deir ez-zor road", True) == [2]
        assert _found(conn, '"quoted"', True) == [3]                  # quotes are text, not syntax
        assert _found(conn, "50%", True) == [3] and _found(conn, "0%", True) == [3]
        assert _found(conn, "m_w", True) == [3]
        assert _found(conn, "IS", True) == [1]                        # two letters: the scan
        assert _found(conn, "Tal Uthman", True) == []
    with store.begin() as conn:
        conn.execute(update(canonical_events).where(canonical_events.c.id == 2)
                     .values(notes="SDF repelled an attack near Tal Uthman"))
        conn.execute(delete(canonical_events).where(canonical_events.c.id == 1))
    with store.engine.connect() as conn:
        assert _found(conn, "Tal Uthman", True) == [2]
        assert _found(conn, "deir ez-zor", True) == []
        assert _found(conn, "kabajib", True) == []


WORDS = ["Deir", "ez-Zor", "Hajin", "SDF", "ISIS", "Fifth", "Corps", "al-", "road", "near", "5", "Kabajib"]
TEXT = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=8),
       q=st.text(alphabet=string.ascii_letters + " -5%_\"'", min_size=1, max_size=9))
def test_index_and_scan_agree(store: Store, rows, q) -> None:
    with store.begin() as conn:
        conn.execute(delete(canonical_events))
        conn.execute(insert(canonical_events), [_row(i + 1, loc, notes, a1) for i, (loc, notes, a1) in enumerate(rows)])
    with store.engine.connect() as conn:
        want = sorted(i + 1 for i, r in enumerate(rows) if any(q.lower() in f.lower() for f in r))
        assert _found(conn, q, False) == want
        assert _found(conn, q, True) == want
