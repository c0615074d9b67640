"""`marsad ingest` and `marsad watch` end to end: real pipeline, real SQLite, real HTTP server."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from marsad.cli import cli
from marsad.store.schema import documents, feed_items

from .conftest import DATA


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def n_rows(db: str, table) -> int:
    eng = create_engine(db)
    try:
        with eng.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        eng.dispose()


def test_help_has_examples():
    for command in ("ingest", "watch"):
        out = run(command, "--help").output
        assert "Example" in out and f"marsad {command} " in out


def test_ingest_folder_then_again(tmp_path):
    db = f"sqlite:///{tmp_path / 'm.db'}"
    first = run("ingest", str(DATA), "--db", db)
    assert first.exit_code == 1
    errors = [ln for ln in first.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 7
    assert f"error: {DATA / 'undated.txt'}: no publication date found - pass --published" in first.stderr
    summary = first.stderr.strip().splitlines()[-1]
    # checkpoint.html and the JSONL line carrying the same page: the second is recognised
    assert summary.startswith("6 articles read, 5 new, 1 already stored, ") and summary.endswith(
        "7 inputs failed"
    )
    assert first.stdout == ""
    assert n_rows(db, documents) == 5

    again = run(
        "ingest",
        str(DATA / "raqqa_header.txt"),
        str(DATA / "undated.txt"),
        "--db",
        db,
        "--published",
        "2024-05-01",
        "--outlet",
        "Desert Desk",
    )
    assert again.exit_code == 0, again.stderr
    assert again.stderr.strip().splitlines()[-1].startswith("2 articles read, 1 new, 1 already stored")
    eng = create_engine(db)
    with eng.connect() as conn:
        row = conn.execute(
            select(documents.c.published, documents.c.outlet).where(
                documents.c.origin == str(DATA / "undated.txt")
            )
        ).one()
    eng.dispose()
    assert str(row.published) == "2024-05-01" and row.outlet == "Desert Desk"


def test_ingest_bad_option_and_url(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'u.db'}"
    bad = run("ingest", str(DATA / "undated.txt"), "--published", "May 1", "--db", db)
    assert bad.exit_code == 2 and "YYYY-MM-DD" not in bad.stdout  # click's own usage error
    res = run(
        "ingest", site.url("/news/checkpoint-mayadin"), site.url("/missing"), "--db", db, "--timeout", "2"
    )
    assert res.exit_code == 1
    assert f"error: {site.url('/missing')}: HTTP 404 Not Found - check the URL" in res.stderr
    assert res.stderr.strip().splitlines()[-1].startswith("1 article read, 1 new, 0 already stored")


def test_watch_once_twice(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.url('/atom.xml')}\n")
    first = run("watch", str(feeds), "--once", "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "2 articles read, 2 new" in first.stderr and "0 items seen before" in first.stderr and "1 feed: 1 read, 0 unchanged, 0 failed" in first.stderr
    second = run("watch", str(feeds), "--once", "--db", db)
    assert (
        second.exit_code == 0
        and "0 articles read" in second.stderr
        and "2 items seen before" in second.stderr
    )
    assert n_rows(db, feed_items) == 2 and n_rows(db, documents) == 2


@pytest.mark.slow
def test_watch_stops_cleanly_on_sigterm(tmp_path, site):
    db = f"sqlite:///{tmp_path / 's.db'}"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.rss") + "\n")
    # a 10-minute interval: the signal must also cut the wait between polls short
    cmd = [
        sys.executable,
        "-c",
        "from marsad.cli import main; main()",
        "watch",
        str(feeds),
        "--every",
        "10m",
        "--db",
        db,
    ]
    proc = subprocess.Popen(
        cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stderr], daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(" poll 1: " in ln for ln in seen):
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                continue
        assert any(" poll 1: " in ln for ln in seen), seen
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        reader.join(timeout=5)
        rest = "".join(seen) + "".join(lines.queue)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, rest
    assert "SIGTERM: stopping after the current item" in rest
    assert n_rows(db, feed_items) == 3  # two items stored, the 404 item remembered as failed
