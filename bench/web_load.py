"""/light and /api/geojson under concurrent load, on a large database.

    python bench/web_load.py [--events 100000] [--db /tmp/marsad-bench-web.db] [--seconds 10]

Generates N canonical events (bench/web_speed.py's generator; the file is reused when
it already holds N), starts `marsad serve` in its own process on 127.0.0.1, and for
each page and each number of concurrent clients (8 and 32) sends requests back to back
for --seconds, then prints requests/s and p50 / p99 latency.  Bodies are read as sent
(gzip, not decoded) by a bare asyncio HTTP/1.1 client, so the client's own CPU
counts little.  A write halfway through
(a new event by another connection) checks that the pages show it.  Targets (issue 10):
>= 100 requests/s at 8 clients, p99 < 1 s at 32 clients.  Prints numbers; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import delete, insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_speed import generate, pct, serve

from marsad.store import Store
from marsad.store.schema import canonical_events

PAGES = ["/light", "/api/geojson"]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One GET on a kept-alive connection; returns the status.  The body is read as sent."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = chunked = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        elif name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if length is not None:
        await reader.readexactly(length)
    elif chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def load(port: int, path: str, clients: int, seconds: float) -> tuple[int, list[float], int]:
    """(requests done, latencies in ms, non-200 answers) for `clients` clients for `seconds`.
    A bare HTTP/1.1 client (keep-alive, gzip accepted, body not decoded): the client's own
    CPU, on a machine shared with the server, stays small."""
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n").encode()

    async def one_client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        try:
            while time.perf_counter() < end:
                t = time.perf_counter()
                status = await _get(reader, writer, request)
                latencies.append((time.perf_counter() - t) * 1000)
                errors += status != 200
        finally:
            writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return len(latencies), latencies, errors


def add_event(url: str, name: str) -> None:
    day = date.today()
    with Store.open(url) as store, store.begin() as conn:
        conn.execute(insert(canonical_events), [{
            "event_date": day, "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "Bench writer", "actor2": "", "assoc_actor_1": "", "assoc_actor_2": "", "country": "Syria",
            "country_code": "SY", "admin1": "Province 1", "admin2": "", "location": name, "latitude": 35.0,
            "longitude": 38.0, "geo_precision": 1, "fatalities": 1, "source": "bench", "notes": name,
            "date_low": day, "date_high": day, "fatalities_low": 1, "fatalities_high": 1, "n_sources": 1,
            "updated_at": datetime.now(UTC)}])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/marsad-bench-web.db")
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    url = f"sqlite:///{Path(args.db).resolve()}"
    generate(url, args.events)
    base, server = serve(url)
    try:
        print(f"{args.events} canonical events, SQLite {args.db}; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores (a busy machine inflates the numbers)")
        for path in PAGES:
            t = time.perf_counter()
            httpx.get(base + path, timeout=120).raise_for_status()
            print(f"{path}: first (uncached) request {1000 * (time.perf_counter() - t):.0f} ms")
            for clients in (8, 32):
                n, ms, errors = asyncio.run(load(int(base.rsplit(":", 1)[1]), path, clients, args.seconds))
                print(f"  {path:<13} {clients:>2} clients: {n / args.seconds:7.1f} req/s  "
                      f"p50 {pct(ms, 50):7.1f} ms  p99 {pct(ms, 99):7.1f} ms  errors {errors}")
        name = f"Bench place {int(time.time())}"
        add_event(url, name)
        t = time.perf_counter()
        seen = {p: name in httpx.get(base + p, timeout=120).text for p in PAGES}
        print(f"after a write by another process: shown on {', '.join(p for p, s in seen.items() if s) or 'none'}"
              f" ({1000 * (time.perf_counter() - t):.0f} ms for both, uncached)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        with Store.open(url) as store, store.begin() as conn:     # leave the file reusable
            conn.execute(delete(canonical_events).where(canonical_events.c.source == "bench"))


if __name__ == "__main__":
    main()
