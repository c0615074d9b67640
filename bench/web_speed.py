"""How fast the API and the dashboard are on a large database.

    python bench/web_speed.py [--events 100000] [--db /tmp/marsad-bench.db] [--runs 40]

Generates N canonical events in an SQLite file (kept and reused when it
already holds N), serves it with `marsad serve` (its own process) on
127.0.0.1, then prints:
  - filtered GET /api/events: p50 / p95 over a mix of filters (target p95 < 100 ms)
  - GET /api/counts by week, actor, type, admin1 (target < 300 ms each)
  - GET /api/geojson and /light
  - dashboard first load in Chromium, until the table, map and timeline are
    drawn (target < 2 s); needs MARSAD_CHROMIUM (default /usr/bin/chromium).
Prints numbers only; it asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select

from marsad.store import Store
from marsad.store.schema import canonical_events

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]
ACTORS = [f"Armed group {i}" for i in range(80)] + ["Islamic State", "Syrian Democratic Forces",
                                                   "Military Forces of Syria", "Civilians (Syria)"]


def generate(url: str, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    regions = [(f"Province {i}", 32 + rng.random() * 5, 36 + rng.random() * 8) for i in range(30)]
    now = datetime.now(UTC)
    store = Store.open(url)
    try:
        with store.engine.connect() as conn:
            have = conn.execute(select(func.count()).select_from(canonical_events)).scalar_one()
        if have == n:
            print(f"reusing {n} events in {url}", file=sys.stderr)
            return
        if have:
            sys.exit(f"{url} already holds {have} events; give another --db")
        t = time.perf_counter()
        with store.begin() as conn:
            batch = []
            for i in range(n):
                admin1, lat, lon = rng.choice(regions)
                day = date.fromordinal(date(2018, 1, 1).toordinal() + rng.randrange(2500))
                batch.append({
                    "event_date": day, "time_precision": rng.choice([1, 1, 1, 2, 3]),
                    "event_type": rng.choice(TYPES), "sub_event_type": "Generated",
                    "actor1": rng.choice(ACTORS), "actor2": rng.choice(ACTORS + [""] * 30),
                    "assoc_actor_1": "", "assoc_actor_2": "",
                    "country": rng.choice(["Syria", "Syria", "Syria", "Iraq"]), "country_code": "",
                    "admin1": admin1, "admin2": "", "location": f"Place {rng.randrange(3000)}",
                    "latitude": lat + rng.gauss(0, .4), "longitude": lon + rng.gauss(0, .4),
                    "geo_precision": rng.choice([1, 1, 2, 3]),
                    "fatalities": rng.choice([0, 0, 0, 1, 2, 3, 5, 12]), "source": "generator",
                    "notes": f"generated event number {i} near {admin1}", "date_low": day, "date_high": day,
                    "fatalities_low": 0, "fatalities_high": 0, "n_sources": rng.choice([1, 1, 2, 3]),
                    "updated_at": now})
                if len(batch) == 10_000:
                    conn.execute(insert(canonical_events), batch)
                    batch = []
            if batch:
                conn.execute(insert(canonical_events), batch)
        print(f"generated {n} events in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    finally:
        store.close()


def serve(url: str) -> tuple[str, subprocess.Popen[bytes]]:
    """`marsad serve` in its own process, as an analyst runs it (a server in this
    process would share its interpreter lock with the benchmark's client)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", url, "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            sys.exit("marsad serve stopped: " + (proc.stderr.read().decode(errors="replace")[-500:]
                                                 if proc.stderr else ""))
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            sys.exit("marsad serve did not answer within 120 s")
        time.sleep(0.1)


def timed(client: httpx.Client, path: str, params: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    r = client.get(path, params=params)
    dt = (time.perf_counter() - t) * 1000
    r.raise_for_status()
    return dt


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


FILTERS: list[dict[str, str]] = [
    {},
    {"country": "Iraq"},
    {"admin1": "Province 3"},
    {"type": "Battles"},
    {"actor": "Islamic State"},
    {"since": "2022-01-01", "until": "2022-06-30"},
    {"q": "place 12"},
    {"bbox": "38,33,40,35"},
    {"country": "Syria", "type": "Explosions/Remote violence", "since": "2023-01-01"},
    {"actor": "Armed group 7", "sort": "-fatalities"},
    {"admin1": "Province 9", "offset": "500"},
    {"sort": "n_sources,-event_date", "limit": "100"},
]


def dashboard_load(base: str, chromium: str, runs: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args, headless=True)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})   # cold cache each time
            page = ctx.new_page()
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-loaded]", state="attached", timeout=60_000)
            page.wait_for_selector("body[data-borders]", state="attached", timeout=60_000)
            out.append((time.perf_counter() - t) * 1000)
            ctx.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/marsad-bench-web.db")
    ap.add_argument("--runs", type=int, default=40, help="requests per filter")
    args = ap.parse_args()
    url = f"sqlite:///{Path(args.db).resolve()}"
    generate(url, args.events)
    base, server = serve(url)
    with httpx.Client(base_url=base, timeout=60) as c:
        for f in FILTERS:                                   # warm the SQLite page cache
            timed(c, "/api/events", f)
        load = os.getloadavg()[0]
        print(f"events: {args.events} canonical events, SQLite {args.db}; load average {load:.1f} on "
              f"{os.cpu_count()} cores (numbers are wall-clock: a busy machine inflates them)")
        all_ms: list[float] = []
        for f in FILTERS:
            ms = [timed(c, "/api/events", f) for _ in range(args.runs)]
            all_ms += ms
            label = "&".join(f"{k}={v}" for k, v in f.items()) or "(no filter)"
            print(f"  GET /api/events {label:<60} p50 {pct(ms, 50):6.1f} ms  p95 {pct(ms, 95):6.1f} ms")
        print(f"filtered event queries: p50 {pct(all_ms, 50):.1f} ms  p95 {pct(all_ms, 95):.1f} ms  "
              f"max {max(all_ms):.1f} ms  (target p95 < 100 ms)")
        worst = 0.0
        for by in ("week", "actor", "type", "admin1"):
            for f in ({}, {"country": "Syria", "since": "2021-01-01"}):
                ms = [timed(c, "/api/counts", {"by": by, **f}) for _ in range(max(5, args.runs // 4))]
                worst = max(worst, pct(ms, 95))
                label = "&".join(f"{k}={v}" for k, v in f.items()) or "(no filter)"
                print(f"  GET /api/counts?by={by:<7} {label:<35} p50 {pct(ms, 50):6.1f} ms  p95 {pct(ms, 95):6.1f} ms")
        print(f"counts: worst p95 {worst:.1f} ms  (target < 300 ms)")
        ms = [timed(c, "/api/geojson") for _ in range(5)]
        print(f"GET /api/geojson (newest 5000 points): median {statistics.median(ms):.1f} ms")
        ms = [timed(c, "/light") for _ in range(5)]
        size = len(c.get("/light").content)
        print(f"GET /light: median {statistics.median(ms):.1f} ms, {size} bytes (target < 50,000)")
    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    if Path(chromium).exists():
        loads = dashboard_load(base, chromium)
        print("dashboard first load (cold cache, until table+map+timeline+borders drawn): "
              + ", ".join(f"{x:.0f}" for x in loads) + f" ms; median {statistics.median(loads):.0f} ms "
              "(target < 2000 ms)")
    else:
        print(f"dashboard first load: skipped (no chromium at {chromium}; set MARSAD_CHROMIUM)")
    server.terminate()
    server.wait(timeout=30)


if __name__ == "__main__":
    main()
