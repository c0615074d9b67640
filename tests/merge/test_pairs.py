"""The hand-written article pairs: one incident told twice -> one canonical event,
two incidents -> two.  Each pair on its own, then all pairs in one database."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from marsad.merge import explain
from marsad.store.schema import canonical_events, events
from tests.merge.conftest import canonical_of, ingest
from tests.merge.pairs import PAIRS, Pair


def _uids(pair: Pair) -> tuple[str, str]:
    if pair.b is None:
        return f"{pair.a.doc_id}:0", f"{pair.a.doc_id}:1"
    return f"{pair.a.doc_id}:0", f"{pair.b.doc_id}:0"


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_pair(store, pair: Pair):
    ingest(store, pair.a)
    if pair.b is not None:
        ingest(store, pair.b)
    ua, ub = _uids(pair)
    same = canonical_of(store, ua) == canonical_of(store, ub)
    if pair.known_miss:
        assert same != pair.same, f"fixed? update pairs.py: {pair.known_miss}"
        pytest.xfail(pair.known_miss)
    assert same == pair.same
    with store.engine.connect() as conn:
        n_canon = conn.execute(sa.select(sa.func.count()).select_from(canonical_events)).scalar_one()
        n_rep = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
    assert n_rep == 2
    assert n_canon == (1 if same else 2)        # the emptied singleton is gone


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.name in ("sukhnah-ambush", "hajin-vs-bahra")],
                         ids=lambda p: p.name)
def test_pair_both_backends(any_store, pair: Pair):
    ingest(any_store, pair.a)
    ingest(any_store, pair.b)
    ua, ub = _uids(pair)
    assert (canonical_of(any_store, ua) == canonical_of(any_store, ub)) == pair.same


def test_all_pairs_in_one_database(store):
    for pair in PAIRS:
        ingest(store, pair.a)
        if pair.b is not None:
            ingest(store, pair.b)
    for pair in PAIRS:
        ua, ub = _uids(pair)
        expect = pair.same != bool(pair.known_miss)
        assert (canonical_of(store, ua) == canonical_of(store, ub)) == expect, pair.name


def test_merged_event_keeps_every_report(store):
    pair = next(p for p in PAIRS if p.name == "sukhnah-ambush")
    ingest(store, pair.a)
    ingest(store, pair.b)
    cid = canonical_of(store, "p1a:0")
    with store.engine.connect() as conn:
        info = explain(conn, cid)
    c = info["canonical"]
    assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (5, 5, 9)
    assert c["n_sources"] == 2
    assert c["source"] == "SANA; Syrian Observatory"
    assert c["actor1"] == "ISIS"                       # a named actor beats "Unidentified Armed Group"
    assert c["event_date"] == "2024-03-12"
    reps = {r["event_uid"]: r for r in info["reports"]}
    assert reps["p1a:0"]["fatalities"] == 5 and reps["p1b:0"]["fatalities"] == 9
    assert reps["p1b:0"]["location"] == "Sukhna" and reps["p1b:0"]["outlet"] == "Syrian Observatory"
    (link,) = info["links"]
    assert link["event_id"] == reps["p1b:0"]["id"] and link["matched_event_id"] == reps["p1a:0"]["id"]
    assert any("same place" in r for r in link["reasons"])
    assert any("fatalities 9 / 5" in r for r in link["reasons"])


def test_region_level_report_takes_the_precise_place(store):
    pair = next(p for p in PAIRS if p.name == "deir-region-vs-mayadin")
    ingest(store, pair.a)
    ingest(store, pair.b)
    with store.engine.connect() as conn:
        c = explain(conn, canonical_of(store, "p6a:0"))["canonical"]
    assert c["location"] == "Al-Mayadin" and c["geo_precision"] == 2
    assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (6, 6, 7)


def test_week_and_day_precision_keep_the_day(store):
    pair = next(p for p in PAIRS if p.name == "palmyra-abduction-week")
    ingest(store, pair.a)
    ingest(store, pair.b)
    with store.engine.connect() as conn:
        c = explain(conn, canonical_of(store, "p9a:0"))["canonical"]
    assert (c["event_date"], c["time_precision"]) == ("2024-03-06", 1)
    assert (c["date_low"], c["date_high"]) == ("2024-03-04", "2024-03-06")
