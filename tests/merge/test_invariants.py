"""Invariants after many merges and splits of random reports around a few villages."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

import sqlalchemy as sa

from marsad.merge import Report, merge_new, score_pair, split
from marsad.records import Article, Event, Evidence, Place
from marsad.store.schema import canonical_events, events, merge_blocks

VILLAGES = [("Hajin", 34.692, 40.835), ("Al-Bahra", 34.726, 40.786), ("Al-Shuhayl", 35.126, 40.513),
            ("Diban", 35.089, 40.522), ("Al-Busayrah", 35.155, 40.432)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Protests", "Peaceful protest")]


def _random_article(rng: random.Random, k: int) -> tuple[Article, list[Event]]:
    evs = []
    for i in range(rng.choice([1, 1, 2])):
        name, lat, lon = rng.choice(VILLAGES)
        geo = rng.choice([1, 1, 2, 3])
        typ = rng.choice(TYPES)
        evs.append(Event(
            doc_id=f"r{k}", index=i, event_type=typ[0], sub_event_type=typ[1],
            event_date=date(2024, 5, 1) + timedelta(days=rng.randrange(6)), time_precision=rng.choice([1, 1, 1, 2]),
            actor1=rng.choice(["ISIS", "Syrian Democratic Forces", "Unidentified Armed Group"]),
            fatalities=rng.choice([0, 1, 2, 5]), source=f"outlet {k % 4}",
            place=Place(location=name if geo < 3 else "Deir ez-Zor", latitude=lat if geo < 3 else 35.0,
                        longitude=lon if geo < 3 else 40.5, geo_precision=geo, country="Syria", admin1="Deir ez-Zor",
                        gazetteer_id=f"g:{name}" if geo == 1 else None),
            evidence=[Evidence(text="x", start=0, end=1)]))
    return Article(doc_id=f"r{k}", text=f"Random article {k}.", published=date(2024, 5, 7)), evs


def test_invariants_after_random_merges_and_splits(store):
    rng = random.Random(42)
    split_ids = []
    for k in range(150):
        art, evs = _random_article(rng, k)
        ids = store.save_article(art, evs).event_ids
        with store.begin() as conn:
            merge_new(conn, ids)
            if k % 10 == 9:                       # an analyst splits a random merged report
                multi = conn.execute(sa.select(events.c.id).where(events.c.canonical_id.in_(
                    sa.select(events.c.canonical_id).group_by(events.c.canonical_id)
                    .having(sa.func.count() > 1)))).scalars().all()
                if multi:
                    split_ids.append(rng.choice(multi))
                    split(conn, split_ids[-1])
    with store.engine.connect() as conn:
        reps = [dict(r) for r in conn.execute(sa.select(events)).mappings()]
        canon = {r["id"]: dict(r) for r in conn.execute(sa.select(canonical_events)).mappings()}
        blocks = {tuple(b) for b in conn.execute(sa.select(merge_blocks.c.event_a, merge_blocks.c.event_b))}
    groups = defaultdict(list)
    for r in reps:
        groups[r["canonical_id"]].append(r)
    assert set(groups) == set(canon)                       # no empty canonical event, none missing
    assert split_ids and blocks
    merged = 0
    for cid, g in groups.items():
        c = canon[cid]
        merged += len(g) > 1
        figures = [r["fatalities"] for r in g if r["fatalities"]]
        assert c["fatalities_low"] == (min(figures) if figures else 0)
        assert c["fatalities_high"] == (max(figures) if figures else 0)
        assert c["fatalities_low"] <= c["fatalities"] <= c["fatalities_high"]
        assert c["n_sources"] == len({r["document_id"] for r in g})
        assert c["date_low"] <= c["event_date"] <= c["date_high"]
        assert c["geo_precision"] == min(r["geo_precision"] for r in g)
        for a, b in combinations(g, 2):                    # complete linkage: no pair vetoed, none split
            assert (min(a["id"], b["id"]), max(a["id"], b["id"])) not in blocks
            assert score_pair(Report.from_row(a), Report.from_row(b)).veto is None
    assert merged >= 10
