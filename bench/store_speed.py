"""How fast marsad's store saves articles, and how much memory it takes.

Saves N generated articles (3 events each, two evidence spans per event, about
2 KB of text) one `save_article` call each - one transaction per article, as
the pipeline does - then exports them, and prints articles/s, events/s, the
client's CPU time per article (independent of other load on the machine; the
rest is waiting on the disk or the server) and the peak resident memory.  Each backend runs in a fresh process, so the memory
figures are its own.

    python bench/store_speed.py                         # SQLite, 10,000 articles
    python bench/store_speed.py --n 2000 --pg postgresql://postgres@127.0.0.1:5432/bench

The PostgreSQL database should be empty (the script drops marsad's tables first).
"""
from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

from marsad.records import Article, Event, Evidence, Place

FILLER = ("Local sources said the situation remained tense overnight, with residents reporting the sound "
          "of heavy machine-gun fire and several vehicles moving along the main road. ")


def make(i: int) -> tuple[Article, list[Event]]:
    day = date(2023, 1, 1) + timedelta(days=i % 700)
    sentences = [f"On {day:%B %d}, fighters attacked a checkpoint near village {i}-{k}, killing {k + 1} soldiers."
                 for k in range(3)]
    text = " ".join(s + " " + FILLER * 4 for s in sentences)
    art = Article(doc_id=f"bench-{i}", text=text, published=day, url=f"https://bench.example/{i}",
                  outlet="Bench Wire", title=f"Attack {i}")
    events, pos = [], 0
    for k, s in enumerate(sentences):
        start = text.index(s, pos)
        events.append(Event(
            doc_id=art.doc_id, index=k, event_type="Battles", sub_event_type="Armed clash", event_date=day,
            actor1="ISIS", actor2="Military Forces of Syria (2000-)",
            place=Place(f"Village {i}-{k}", 35 + (i % 100) / 100, 38 + k / 10, "Syria", 760, "SY", "Homs",
                        geo_precision=1), fatalities=k + 1, source="Bench Wire", notes=s,
            evidence=[Evidence(s, start, start + len(s)), Evidence("village", start + 40, start + 47, "place")]))
        pos = start + len(s)
    return art, events


def run_one(url: str, n: int) -> dict[str, object]:
    from sqlalchemy import text as sql

    from marsad.export import export
    from marsad.store import Store

    if url.startswith("postgres"):
        from sqlalchemy import create_engine

        from marsad.config import db_url
        eng = create_engine(db_url(url))
        with eng.begin() as conn:
            conn.execute(sql("DROP TABLE IF EXISTS merge_links, merge_blocks, evidence, events, canonical_events, "
                             "documents, feed_items, user_places, user_aliases, schema_migrations CASCADE"))
        eng.dispose()
    store = Store.open(url)
    articles = [make(i) for i in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for art, evs in articles:
        store.save_article(art, evs)
    save_s, save_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    for art, evs in articles[:1000]:
        assert not store.save_article(art, evs).created
    again_s = (time.perf_counter() - t0) * n / min(n, 1000)
    del articles
    timings = {}
    for fmt in ("acled-csv", "jsonl"):
        t0 = time.perf_counter()
        out = io.StringIO()
        export(store.engine, fmt, out, reports=True)
        timings[fmt] = time.perf_counter() - t0
        out.close()
    counts = store.counts()
    store.close()
    return {
        "articles": n, "events": counts["events"],
        "save_articles_per_s": round(n / save_s, 1), "save_events_per_s": round(3 * n / save_s, 1),
        "save_cpu_ms_per_article": round(1000 * save_cpu / n, 2),
        "resave_articles_per_s": round(n / again_s, 1),
        "export_csv_events_per_s": round(counts["events"] / timings["acled-csv"], 1),
        "export_jsonl_events_per_s": round(counts["events"] / timings["jsonl"], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="articles to save (default 10000)")
    ap.add_argument("--pg", default=None, help="also run on this (empty) PostgreSQL database")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)     # child process: one backend
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.n)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        backends = [("sqlite", f"sqlite:///{tmp}/bench.db")] + ([("postgresql", args.pg)] if args.pg else [])
        for name, url in backends:
            res = subprocess.run([sys.executable, __file__, "--one", url, "--n", str(args.n)],
                                 capture_output=True, text=True, check=False)
            if res.returncode != 0:
                print(f"{name}: failed\n{res.stderr[-2000:]}", file=sys.stderr)
                continue
            r = json.loads(res.stdout)
            print(f"{name:10s} {r['articles']} articles, {r['events']} events: "
                  f"save {r['save_articles_per_s']} articles/s ({r['save_events_per_s']} events/s, "
                  f"{r['save_cpu_ms_per_article']} ms CPU per article in this process), "
                  f"re-save (skipped) {r['resave_articles_per_s']} articles/s, "
                  f"export {r['export_csv_events_per_s']} events/s csv, {r['export_jsonl_events_per_s']} events/s jsonl, "
                  f"peak RSS {r['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
