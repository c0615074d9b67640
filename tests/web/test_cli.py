"""`marsad events` and `marsad serve --help` through the real entry point."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from marsad.cli import main


def table_lines(out: str) -> list[str]:
    """The lines of a printed table, without the rule under its header."""
    return [line for line in out.splitlines() if line.strip("\u2500 ")]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out, err = capsys.readouterr()
    return done.value.code, out, err


def test_events_table(capsys, sample_db):
    code, out, err = run(capsys, "events", "--db", sample_db[0], "--country", "Syria")
    assert code == 0
    lines = table_lines(out)
    assert lines[0].split()[:3] == ["id", "date", "type"]
    assert len(lines) == 4 and "Hajin" in lines[1] and "2024-05-06" in lines[1]
    assert "3 of 3 events shown" in err


def test_events_json_lines_with_filters(capsys, sample_db, ids):
    code, out, _ = run(capsys, "events", "--db", sample_db[0], "--actor", "civilians", "--format", "json",
                       "--since", "2024-04-01", "--sort", "event_date")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == [ids["idlib"], ids["hostile"]]
    assert rows[0]["event_date"] == "2024-04-19"


def test_hostile_text_stays_on_one_line(capsys, sample_db):
    code, out, _ = run(capsys, "events", "--db", sample_db[0], "--text", "busayrah")
    assert code == 0 and len(table_lines(out)) == 2


def test_bad_sort_is_one_line_error(capsys, sample_db):
    code, out, err = run(capsys, "events", "--db", sample_db[0], "--sort", "colour")
    assert code != 0 and out == ""
    assert err.startswith("error: sort: cannot sort by 'colour'") and len(err.splitlines()) == 1


def test_serve_help_has_an_example(capsys):
    code, out, _ = run(capsys, "serve", "--help")
    assert code == 0 and "marsad serve --db marsad.db" in out and "127.0.0.1" in out


def test_serve_runs_on_loopback(sample_db, tmp_path):
    """`marsad serve` as a real process: it answers on 127.0.0.1 and stops on SIGTERM."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MARSAD_API_KEY": ""}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", sample_db[0], "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"marsad serve did not start: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["events"] == 4
        assert httpx.get(f"http://127.0.0.1:{port}/light", timeout=5).status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in err.decode()
