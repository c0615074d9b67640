"""Merge quality and speed.  Prints numbers; not a test.

1. The hand-written article pairs (tests/merge/pairs.py): precision and recall of
   "same incident" decisions, each pair alone and all pairs in one database.
2. Synthetic ingest: N reports (default 100,000) of generated incidents, each told
   by 1-3 outlets with shifted dates, other spellings/precision of the place and
   other tolls, stored with Store.save_article and merged with merge_new as the
   pipeline does; prints the time of each, peak memory (max RSS) and pairwise
   precision/recall against the known incidents.

    python bench/merge_bench.py                       # pairs + 100,000 reports in SQLite
    python bench/merge_bench.py --events 20000 --db postgresql://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.config import db_url
from marsad.merge import merge_new
from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store
from marsad.store import engine as store_engine
from marsad.store.schema import events, metadata


def fresh_store(url: str) -> Store:
    eng = store_engine.create(url)
    if eng.dialect.name == "postgresql":
        with eng.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    metadata.create_all(eng)
    return Store(eng, url)


def canonical_map(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(events.c.event_uid, events.c.canonical_id)).all())


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- pairs


def bench_pairs(tmp: Path) -> None:
    from tests.merge.pairs import PAIRS

    def ingest(store: Store, doc) -> None:
        art, evs = doc.build()
        res = store.save_article(art, evs)
        with store.begin() as conn:
            merge_new(conn, res.event_ids)

    def uids(p) -> tuple[str, str]:
        return (
            (f"{p.a.doc_id}:0", f"{p.a.doc_id}:1") if p.b is None else (f"{p.a.doc_id}:0", f"{p.b.doc_id}:0")
        )

    for mode in ("each pair alone", "all pairs in one db"):
        tp = fp = fn = tn = 0
        missed = []
        stores = []
        if mode == "all pairs in one db":
            s = fresh_store(f"sqlite:///{tmp / 'pairs-all.db'}")
            for p in PAIRS:
                ingest(s, p.a)
                if p.b:
                    ingest(s, p.b)
            stores = [(p, s) for p in PAIRS]
        else:
            for i, p in enumerate(PAIRS):
                s = fresh_store(f"sqlite:///{tmp / f'pair{i}.db'}")
                ingest(s, p.a)
                if p.b:
                    ingest(s, p.b)
                stores.append((p, s))
        for p, s in stores:
            cmap = canonical_map(s)
            a, b = uids(p)
            merged = cmap[a] == cmap[b]
            tp += merged and p.same
            fp += merged and not p.same
            fn += (not merged) and p.same
            tn += (not merged) and not p.same
            if merged != p.same:
                missed.append(p.name)
        pr, rc, f1 = prf(tp, fp, fn)
        print(
            f"pairs ({mode}): {len(PAIRS)} pairs ({sum(p.same for p in PAIRS)} same incident): "
            f"TP {tp} FP {fp} FN {fn} TN {tn}  precision {pr:.3f} recall {rc:.3f} F1 {f1:.3f}"
            + (f"  wrong: {', '.join(missed)}" if missed else "")
        )


# --------------------------------------------------------------------------- synthetic ingest

TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
ACTORS = [
    "ISIS",
    "Syrian Democratic Forces",
    "Military Forces of Syria",
    "Military Forces of Turkey",
    "Hayat Tahrir al-Sham",
    "Syrian National Army",
    "Military Forces of Russia",
    "Civilians (Syria)",
]
OUTLETS = [f"Outlet {i}" for i in range(40)]
ADMIN1 = ["Deir ez-Zor", "Homs", "Aleppo", "Idlib", "Daraa", "Ar-Raqqa", "Al-Hasakah", "Hama", "Rif Dimashq"]


def make_villages(rng: random.Random, n: int) -> list[tuple[str, float, float, str]]:
    out = []
    for i in range(n):
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(36.0, 42.0)
        a1 = ADMIN1[int((lat - 32.5) / 4.5 * 3) * 3 + int((lon - 36.0) / 6.0 * 3)]
        prefix = rng.choice(["Tell ", "Kafr ", "Deir ", "Ain ", "Khirbet ", "Umm ", "Abu ", "Al-", "", "", ""])
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3])))
        out.append((prefix + stem.capitalize(), lat, lon, a1))
    return out


SYLLABLES = ["ba", "da", "ra", "mi", "sha", "ha", "ka", "lu", "za", "ni", "tu", "qa", "fa", "su", "ja", "wa",
             "bir", "mar", "sal", "din", "kh", "yat"]


def misspell(rng: random.Random, name: str) -> str:
    """Another outlet's spelling: a vowel dropped, changed or a letter doubled."""
    i = rng.randrange(1, len(name))
    return rng.choice([name[:i] + name[i + 1:], name[:i] + name[i] + name[i:],
                       name.replace("a", "e", 1), name.replace("u", "ou", 1)])


def generate(n_reports: int, seed: int = 7, days: int = 730):
    """Yield (article, events, incident ids) until n_reports reports are made."""
    rng = random.Random(seed)
    villages = make_villages(rng, 3000)
    start = date(2023, 1, 1)
    made = 0
    incident = 0
    pending: list[tuple[int, dict]] = []  # (incident id, report fields)
    while made < n_reports:
        incident += 1
        v = rng.choice(villages)
        typ = rng.choice(TYPES)
        day = start + timedelta(days=rng.randrange(days))
        a1, a2 = rng.sample(ACTORS, 2)
        dead = rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
        for _ in range(min(rng.choice([1, 1, 1, 2, 2, 3]), n_reports - made)):
            r = rng.random()
            if r < 0.7:
                geo, lat, lon, name = (
                    1,
                    v[1],
                    v[2],
                    v[0] if rng.random() < 0.8 else misspell(rng, v[0]),
                )
            elif r < 0.92:
                geo, lat, lon, name = (
                    2,
                    v[1] + rng.uniform(-0.06, 0.06),
                    v[2] + rng.uniform(-0.06, 0.06),
                    v[0],
                )
            else:
                geo, lat, lon, name = 3, 0.0, 0.0, v[3]
            shift = rng.choice([0, 0, 0, 0, 1, -1])
            pending.append(
                (
                    incident,
                    {
                        "event_type": typ[0],
                        "sub_event_type": typ[1],
                        "event_date": day + timedelta(days=shift),
                        "actor1": a1 if rng.random() < 0.85 else "Unidentified Armed Group",
                        "actor2": a2,
                        "fatalities": max(0, dead + rng.choice([0, 0, -1, 1, 2])) if dead else 0,
                        "place": Place(
                            location=name,
                            latitude=lat if geo < 3 else 34.0 + ADMIN1.index(v[3]) * 0.3,
                            longitude=lon if geo < 3 else 38.0,
                            geo_precision=geo,
                            country="Syria",
                            iso=760,
                            country_code="SY",
                            admin1=v[3],
                            gazetteer_id=f"g:{v[1]:.4f},{v[2]:.4f}" if geo == 1 else None,
                        ),
                    },
                )
            )
            made += 1
        # articles are published in roughly date order, one or two events each
        while len(pending) > 40 or (made >= n_reports and pending):
            take = [
                pending.pop(rng.randrange(len(pending)))
                for _ in range(min(len(pending), rng.choice([1, 1, 2])))
            ]
            yield take


def bench_ingest(url: str, n: int, batch: int, days: int = 730) -> None:
    store = fresh_store(url)
    truth: dict[str, int] = {}
    t_save = t_merge = c_save = c_merge = 0.0
    pending_ids: list[int] = []
    n_articles = 0
    merged = 0
    t0 = time.perf_counter()
    for k, take in enumerate(generate(n, days=days)):
        doc_id = f"bench-{k}"
        text = " ".join(f"Report {i} of article {k}." for i in range(len(take)))
        outlet = OUTLETS[k % len(OUTLETS)]
        evs = []
        for i, (inc, f) in enumerate(take):
            ev = Event(
                doc_id=doc_id,
                index=i,
                source=outlet,
                notes=f"incident {inc}",
                evidence=[Evidence(text=f"Report {i}", start=0, end=8)],
                **f,
            )
            truth[ev.event_id] = inc
            evs.append(ev)
        art = Article(doc_id=doc_id, text=text, published=take[0][1]["event_date"], outlet=outlet)
        s, cs = time.perf_counter(), time.process_time()
        res = store.save_article(art, evs)
        t_save += time.perf_counter() - s
        c_save += time.process_time() - cs
        n_articles += 1
        pending_ids += res.event_ids
        if n_articles % batch == 0:
            s, cs = time.perf_counter(), time.process_time()
            with store.begin() as conn:
                merged += sum(d.merged for d in merge_new(conn, pending_ids))
            t_merge += time.perf_counter() - s
            c_merge += time.process_time() - cs
            pending_ids = []
        if n_articles % 10000 == 0:
            print(
                f"  {len(truth)} reports, save {t_save:.0f} s, merge {t_merge:.0f} s (cpu {c_merge:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    if pending_ids:
        s, cs = time.perf_counter(), time.process_time()
        with store.begin() as conn:
            merged += sum(d.merged for d in merge_new(conn, pending_ids))
        t_merge += time.perf_counter() - s
        c_merge += time.process_time() - cs
    total = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cmap = canonical_map(store)
    # pairwise precision/recall: pairs of reports in one canonical event vs in one incident
    by_canon: dict[int, list[int]] = defaultdict(list)
    for uid, cid in cmap.items():
        by_canon[cid].append(truth[uid])
    same_pred = sum(len(v) * (len(v) - 1) // 2 for v in by_canon.values())
    tp = sum(c * (c - 1) // 2 for v in by_canon.values() for c in Counter(v).values())
    inc_sizes = Counter(truth.values())
    same_true = sum(c * (c - 1) // 2 for c in inc_sizes.values())
    p, r, f1 = prf(tp, same_pred - tp, same_true - tp)
    print(
        f"ingest {len(truth)} reports ({n_articles} articles, {len(inc_sizes)} incidents) into "
        f"{store.engine.dialect.name}, merge every {batch} article(s):"
    )
    print(
        f"  wall {total:.1f} s = save_article {t_save:.1f} s + merge_new {t_merge:.1f} s "
        f"({1000 * t_merge / len(truth):.2f} ms per report); {merged} merges"
    )
    print(
        f"  cpu of this process: save_article {c_save:.1f} s, merge_new {c_merge:.1f} s "
        f"({1000 * c_merge / len(truth):.2f} ms per report; wall > cpu = waiting for disk or other processes)"
    )
    print(
        f"  canonical events {len(by_canon)} (true incidents {len(inc_sizes)}); pairwise precision "
        f"{p:.3f} recall {r:.3f} F1 {f1:.3f}"
    )
    print(f"  peak memory (max RSS of this process) {rss_mb:.0f} MB")
    if os.environ.get("MERGE_BENCH_ERRORS"):
        _error_kinds(store, truth)
    store.close()


def _error_kinds(store: Store, truth: dict[str, int]) -> None:
    """Which geo precisions the wrongly merged pairs have (for tuning)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(events.c.event_uid, events.c.canonical_id, events.c.geo_precision,
                                      events.c.event_type)).all()
    by_canon: dict[int, list] = defaultdict(list)
    for r in rows:
        by_canon[r.canonical_id].append(r)
    kinds: Counter = Counter()
    for g in by_canon.values():
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                if truth[a.event_uid] != truth[b.event_uid]:
                    kinds[tuple(sorted((a.geo_precision, b.geo_precision)))] += 1
    print("  wrong pairs by geo_precision:", dict(kinds.most_common()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="reports to ingest (0: pairs only)")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--batch", type=int, default=1, help="articles saved per merge_new call")
    ap.add_argument("--days", type=int, default=730, help="days the generated incidents spread over")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_pairs(tmp)
        if args.events:
            url = db_url(args.db) if args.db else f"sqlite:///{tmp / 'bench.db'}"
            bench_ingest(url, args.events, args.batch, args.days)


if __name__ == "__main__":
    main()
