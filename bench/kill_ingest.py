"""Crash safety of `marsad ingest`: SIGKILL at random points, re-run, compare with one clean pass.

    python bench/kill_ingest.py [--incidents 200] [--outlets 3] [--kills 6] [--seed 1] [--dir /tmp/marsad-kill]

Writes a JSONL batch of made-up reports (each incident told by several outlets, in the
style of several wars, so that merging has work to do), ingests it once cleanly into
one SQLite file, and into another kills `marsad ingest` with SIGKILL at a random moment
--kills times (each run resumes the batch: stored articles are skipped), then lets it
finish.  Prints, for both databases: documents, reports, canonical events, the
canonical partition (which reports are one incident) and PRAGMA integrity_check, and
whether they are the same.  Prints numbers; asserts nothing (exit code 1 if they differ).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

# (place, country) pairs the built-in gazetteer knows; actors and targets per theatre
THEATRES = [
    (["Hajin", "Al-Mayadin", "Al-Bukamal", "Raqqa"], "ISIS", "an SDF checkpoint", "SDF fighters"),
    (["Kirkuk", "Tikrit", "Baiji", "Samarra"], "ISIS", "an Iraqi army patrol", "soldiers"),
    (["Gwoza", "Bama", "Dikwa", "Monguno"], "Boko Haram", "a military base", "soldiers"),
    (["Gao", "Mopti", "Menaka", "Djenne"], "JNIM", "a gendarmerie post", "gendarmes"),
    (["Baidoa", "Beledweyne", "Jowhar", "Afgooye"], "Al-Shabaab", "an army convoy", "troops"),
]
STYLES = [
    "{actor} fighters attacked {target} near {place} on {day}, killing {n} {victims}, {source} said.",
    "{n} {victims} were killed on {day} when {actor} militants stormed {target} in {place}, according to {source}.",
    "At least {n} {victims} died in an assault by {actor} on {target} outside {place} on {day}, {source} reported.",
]
OUTLETS = ["Desk A", "Desk B", "Desk C", "Desk D", "Desk E"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def batch(incidents: int, outlets: int, rng: random.Random) -> list[dict[str, str]]:
    lines = []
    start = date(2024, 1, 1)
    for i in range(incidents):
        places, actor, target, victims = THEATRES[i % len(THEATRES)]
        place = places[(i // len(THEATRES)) % len(places)]
        when = start + timedelta(days=3 * i)
        n = rng.randint(2, 12)
        for k in range(outlets):
            published = when + timedelta(days=k % 2)
            day = DAYS[when.weekday()]
            text = rng.choice(STYLES).format(actor=actor, target=target, place=place, day=day, n=n + (k % 2),
                                             victims=victims, source=f"sources speaking to {OUTLETS[k]}")
            lines.append({"doc_id": f"kill-{i}-{k}", "published": published.isoformat(),
                          "outlet": OUTLETS[k], "text": text})
    rng.shuffle(lines)
    return lines


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:                       # not created or not migrated yet
        return 0


def ingest(path: Path, db: Path, kill_at: int | None = None, rng: random.Random | None = None) -> tuple[int | None, float]:
    """Run `marsad ingest`; with kill_at, SIGKILL it a random few milliseconds after the
    database holds that many documents (so the kill lands mid-batch, not at start-up)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(path), "--db", f"sqlite:///{db}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_at is None:
        return proc.wait(), time.perf_counter() - t
    while proc.poll() is None:
        if _count(db) >= kill_at:
            time.sleep((rng or random).uniform(0, 0.05))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return None, time.perf_counter() - t
        time.sleep(0.01)
    return proc.returncode, time.perf_counter() - t


def snapshot(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    try:
        docs = {r[0] for r in con.execute("SELECT doc_id FROM documents")}
        reports = {r[0]: r[1:] for r in con.execute(
            "SELECT event_uid, event_date, event_type, sub_event_type, actor1, actor2, location, fatalities "
            "FROM events")}
        groups: dict[int, list[str]] = {}
        for uid, cid in con.execute("SELECT event_uid, canonical_id FROM events"):
            groups.setdefault(cid, []).append(uid)
        partition = sorted(tuple(sorted(g)) for g in groups.values())
        canon = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM canonical_events c WHERE NOT EXISTS "
                              "(SELECT 1 FROM events e WHERE e.canonical_id = c.id)").fetchone()[0]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return {"documents": docs, "reports": reports, "partition": partition, "canonical": canon,
            "empty canonical": orphans, "integrity": integrity}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=200)
    ap.add_argument("--outlets", type=int, default=3)
    ap.add_argument("--kills", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default="/tmp/marsad-kill")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    for old in work.glob("*.db*"):
        old.unlink()
    src = work / "batch.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in batch(args.incidents, args.outlets, rng)), encoding="utf-8")
    clean, killed = work / "clean.db", work / "killed.db"
    code, secs = ingest(src, clean)
    print(f"batch: {args.incidents * args.outlets} articles ({args.incidents} incidents x {args.outlets} outlets)")
    print(f"clean pass: exit {code}, {secs:.1f} s")
    done = 0
    total = _count(clean)                     # identical texts are one document
    for i in range(args.kills):
        have = _count(killed) if killed.exists() else 0
        step = max(1, (total - have) // (args.kills - i + 1))
        target = have + rng.randint(1, 2 * step)    # spread over the batch, one kill per share
        code, took = ingest(src, killed, kill_at=target, rng=rng)
        n = _count(killed)
        done += code is None
        print(f"  run {i + 1}: {'SIGKILL' if code is None else f'finished (exit {code})'} after {took:.1f} s "
              f"(aimed at document {target}), {n} documents stored")
    code, secs = ingest(src, killed)
    print(f"final run: exit {code}, {secs:.1f} s; {done} runs killed")
    a, b = snapshot(clean), snapshot(killed)
    same = True
    for key in ("documents", "reports", "partition"):
        ok = a[key] == b[key]
        same &= ok
        print(f"{key:>16}: clean {len(a[key]):4d}  killed {len(b[key]):4d}  {'same' if ok else 'DIFFERENT'}")
    for key in ("canonical", "empty canonical", "integrity"):
        ok = a[key] == b[key]
        same &= ok
        print(f"{key:>16}: clean {a[key]!s:>4}  killed {b[key]!s:>4}  {'same' if ok else 'DIFFERENT'}")
    print("RESULT: " + ("the killed runs end with the same database as one clean pass" if same
                        else "the killed runs end DIFFERENT from one clean pass"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
