"""The server's memory while big uploads are refused.

    python bench/api_upload.py [--mb 300] [--parallel 3] [--db /tmp/marsad-upload.db]

Starts `marsad serve` (its own process, MARSAD_API_KEY set) on 127.0.0.1 and sends
POST /api/articles bodies of --mb megabytes: without a key, with a wrong key, and with
the key but over the body limit (announced by Content-Length, and chunked without
one), one at a time and --parallel at once.  The client sends until the server answers.
Prints each answer's status, how many bytes the client got to send, and the server's
resident memory (VmRSS, sampled every 10 ms) before and at its peak.  Target (issue 10):
401 or 413, growth < 50 MB.  Prints numbers; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

KEY = "bench-upload-key"
CHUNK = b" " * (256 * 1024)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve(db: str) -> tuple[int, subprocess.Popen[bytes]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MARSAD_API_KEY": KEY}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--port", str(port),
                             "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return port, proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("marsad serve did not start")


def upload(port: int, size: int, headers: dict[str, str], chunked: bool = False) -> tuple[int, int]:
    """(HTTP status, body bytes sent before the answer)."""
    head = "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {size}\r\n") + "\r\n"
    sent = 0
    reply = b""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        s.setblocking(False)
        while sent < size:
            try:
                reply += s.recv(65536)
                if reply:
                    break
            except BlockingIOError:
                pass
            piece = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n" if chunked else CHUNK
            try:
                s.setblocking(True)
                s.settimeout(5)
                s.sendall(piece)
                s.setblocking(False)
            except OSError:
                break
            sent += len(CHUNK)
        s.setblocking(True)
        s.settimeout(60)
        try:
            if chunked and not reply and sent >= size:
                s.sendall(b"0\r\n\r\n")
            while b"\r\n" not in reply:
                more = s.recv(65536)
                if not more:
                    break
                reply += more
        except OSError:                      # no answer in time: status 0
            pass
    return (int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0), sent


def measure(pid: int, label: str, jobs: list[tuple[dict[str, str], bool]], port: int, size: int) -> None:
    before = rss_mb(pid)
    peak = before
    results: list[tuple[int, int]] = []
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, rss_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    threads = [threading.Thread(target=lambda h=h, c=c: results.append(upload(port, size, h, c))) for h, c in jobs]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    took = time.perf_counter() - t
    time.sleep(0.2)
    stop.set()
    sampler.join()
    answers = ", ".join(f"{status} after {sent / 1e6:.1f} MB sent" for status, sent in results)
    print(f"{label:<44} {answers}; {took:.2f} s; server RSS {before:.0f} MB -> peak {peak:.0f} MB "
          f"(+{peak - before:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=300)
    ap.add_argument("--parallel", type=int, default=3)
    ap.add_argument("--db", default="/tmp/marsad-upload.db")
    args = ap.parse_args()
    size = int(args.mb * 1e6)
    port, proc = serve(args.db)
    try:
        print(f"marsad serve pid {proc.pid}; bodies of {args.mb:g} MB; body limit: MARSAD_MAX_BODY_MB "
              f"or 20 MB by default")
        cases = [
            ("no key", {}, False),
            ("wrong key", {"X-API-Key": "wrong"}, False),
            ("key, over the limit (Content-Length)", {"X-API-Key": KEY}, False),
            ("key, over the limit (chunked)", {"X-API-Key": KEY}, True),
        ]
        for label, headers, chunked in cases:
            measure(proc.pid, label, [(headers, chunked)], port, size)
        measure(proc.pid, f"no key, {args.parallel} at once", [({}, False)] * args.parallel, port, size)
        measure(proc.pid, f"key, chunked, {args.parallel} at once", [({"X-API-Key": KEY}, True)] * args.parallel,
                port, size)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
