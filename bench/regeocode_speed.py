#!/usr/bin/env python3
"""`marsad regeocode` over the FA-KES corpus (804 Syrian-war articles) before and after
adding UCDP GED's Syrian places: speed, peak memory and what moved.

    python bench/regeocode_speed.py ../shared [--limit N] [--db URL]

1. ingests SHARED/staging/fa-kes/FA-KES-Dataset.csv into a new database (SQLite in a
   temporary folder unless --db names an empty one);
2. `marsad regeocode --dry-run` with nothing added: every report should be found at the
   place it has (any move is a disagreement between regeocode and extraction);
3. `marsad gazetteer add-events` with SHARED/staging/ucdp-ged-syria (rows up to 2018);
4. `marsad regeocode` (timed, peak memory of the process), then once more (moves nothing).
Prints one line per step.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_speed import tree_rss_kb  # the same /proc sampler


def run(args: list[str]) -> tuple[float, int, str]:
    """Run `marsad ARGS`; (seconds, peak MB of the process tree, stdout)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as fout, tempfile.TemporaryFile("w+") as ferr:     # no pipe to fill up
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", *args], stdout=fout, stderr=ferr, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.05)
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"marsad {' '.join(args)} exited {proc.returncode}: {err.strip()[-500:]}")
    return time.perf_counter() - t0, peak // 1024, out


def line(name: str, secs: float, mb: int, res: dict) -> str:
    moved = res["moved"]
    dists = sorted(m["km"] for m in moved if m["km"] is not None)
    med = f", median {dists[len(dists) // 2]:.1f} km, max {dists[-1]:.1f} km" if dists else ""
    return (f"{name}: {secs:.1f} s, {res['checked'] / secs:.0f} events/s, peak {mb} MB; checked {res['checked']}, "
            f"moved {len(moved)}{med}, unchanged {res['unchanged']}, not found {res['not_found']}, "
            f"detached {res['detached']}, merged {res['merged']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", help="path of the shared data folder (holds staging/fa-kes, staging/ucdp-ged-syria)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--db", default=None, help="an empty database (default: SQLite in a temporary folder)")
    a = ap.parse_args()
    shared = Path(a.shared)
    tmp = Path(tempfile.mkdtemp(prefix="marsad-regeocode-"))
    db = a.db or f"sqlite:///{tmp / 'bench.db'}"
    docs = tmp / "fakes.jsonl"
    n = 0
    with open(shared / "staging/fa-kes/FA-KES-Dataset.csv", encoding="utf-8", errors="replace", newline="") as f, \
            open(docs, "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            text = (row.get("article_content") or "").strip()
            try:
                day = datetime.strptime(row.get("date") or "", "%m/%d/%Y").date().isoformat()
            except ValueError:
                continue
            if text:
                out.write(json.dumps({"doc_id": f"fakes{row['unit_id']}", "text": text, "published": day,
                                      "title": row.get("article_title"), "outlet": row.get("source")}) + "\n")
                n += 1
            if a.limit and n >= a.limit:
                break
    secs, mb, _ = run(["ingest", str(docs), "--db", db])
    print(f"ingest: {n} articles in {secs:.1f} s, peak {mb} MB")
    secs, mb, out = run(["regeocode", "--db", db, "--dry-run", "--json"])
    print(line("regeocode, nothing added (dry run)", secs, mb, json.loads(out)))
    ged = shared / "staging/ucdp-ged-syria/ucdp_ged_syria_2016_2018.csv"
    secs, mb, out = run(["gazetteer", "add-events", str(ged), "--until", "2018-12-31", "--db", db])
    print(f"add-events UCDP GED Syria: {secs:.1f} s: {out.strip()}")
    secs, mb, out = run(["regeocode", "--db", db, "--json"])
    print(line("regeocode after add-events", secs, mb, json.loads(out)))
    secs, mb, out = run(["regeocode", "--db", db, "--json"])
    print(line("regeocode again", secs, mb, json.loads(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
