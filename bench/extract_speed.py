#!/usr/bin/env python3
"""Extraction speed and peak memory over the FA-KES corpus (804 Syrian-war articles).

    python bench/extract_speed.py ../shared [--processes 2] [--limit N]

Converts SHARED/staging/fa-kes/FA-KES-Dataset.csv to a temporary JSONL, then runs
`marsad extract` on it as a separate process and prints articles/s (wall clock,
start-up included) and the peak resident memory of the whole process tree
(sampled from /proc every 50 ms; also the kernel's max RSS of the largest process).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, in kB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parents[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss[int(d)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for c, pp in parents.items():
            if pp == p and c not in tree:
                tree.add(c)
                frontier.append(c)
    return sum(rss.get(p, 0) for p in tree)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", help="path of the shared data folder (holds staging/fa-kes)")
    ap.add_argument("--processes", "-j", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    src = Path(a.shared) / "staging" / "fa-kes" / "FA-KES-Dataset.csv"
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    docs = tmp / "fakes.jsonl"
    n = words = 0
    with open(src, encoding="utf-8", errors="replace", newline="") as f, open(docs, "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            text = (row.get("article_content") or "").strip()
            if not text:
                continue
            out.write(json.dumps({"doc_id": f"fakes{row['unit_id']}", "text": text, "title": row.get("article_title"),
                                  "outlet": row.get("source"), "published": None}) + "\n")
            n += 1
            words += len(text.split())
            if a.limit and n >= a.limit:
                break
    cmd = [sys.executable, "-m", "marsad.cli", "extract", "--input", str(docs), "--output", str(tmp / "events.csv"),
           "--processes", str(a.processes)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    max_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(tmp / "events.csv", encoding="utf-8") as f:
        n_events = sum(1 for _ in f) - 1
    print(f"articles: {n} ({words / max(n, 1):.0f} words on average), events: {n_events}, processes: {a.processes}")
    print(f"wall: {wall:.1f} s, {n / wall:.1f} articles/s (start-up included)")
    print(f"peak memory, whole process tree: {peak / 1024:.0f} MB; largest single process: {max_child / 1024:.0f} MB")
    if proc.returncode:
        print(f"marsad extract exited {proc.returncode}: {err.strip()[-500:]}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
