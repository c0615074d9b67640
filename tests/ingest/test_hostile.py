"""Hostile inputs through `marsad ingest` and `marsad extract`, as a user runs them (the
real entry point in a subprocess): no traceback, no good document lost, exit code 1
and one line per bad input naming it (file:line for a JSONL line) and the fix."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from marsad.store.schema import documents

pytestmark = pytest.mark.slow

# Good articles written for this test, in the style of three wars.
GOOD = [
    {"doc_id": "good-1", "published": "2024-03-04", "outlet": "Sahel Desk",
     "text": "Gunmen attacked a gendarmerie post near Djibo on Sunday, killing four gendarmes, "
             "security sources said."},
    {"doc_id": "good-2", "published": "2024-03-05", "outlet": "Lake Chad Monitor",
     "text": "Boko Haram fighters stormed the village of Gwoza on Monday night and killed seven "
             "farmers, residents said."},
    {"doc_id": "good-3", "published": "2024-03-06", "outlet": "Euphrates Desk",
     "text": "A roadside bomb struck an SDF patrol near Al-Shuhayl on Tuesday, killing two fighters."},
]


def _line(record: dict) -> bytes:
    return json.dumps(record).encode() + b"\n"


def _bad_lines() -> dict[str, bytes]:
    """Bad JSONL lines, keyed by what the error line must say."""
    base = {"published": "2024-03-07", "outlet": "Bad Desk", "text": "Shelling hit Idlib on Monday."}
    nul = _line({**base, "doc_id": "nul"}).replace(b"Shelling", b"Shel\x00ling")
    return {
        "doc_id is 400 characters": _line({**base, "doc_id": "x" * 400}),
        "NUL byte": nul,
        "publication date 9999-12-31 is not plausible": _line({**base, "doc_id": "d9", "published": "9999-12-31"}),
        "publication date 0001-01-01 is not plausible": _line({**base, "doc_id": "d1", "published": "0001-01-01"}),
        "the language model takes": _line({**base, "doc_id": "huge", "text": "Shelling hit Idlib. " * 110_000}),
    }


def _batch(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """good, bad, good, bad ... in one file; returns it and each bad line's number."""
    lines, where = [], {}
    bad = list(_bad_lines().items())
    for i, good in enumerate(GOOD):
        lines.append(_line(good))
        for said, raw in bad[i * 2:(i + 1) * 2] if i < 2 else bad[4:]:
            lines.append(raw)
            where[said] = len(lines)
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"".join(lines))
    return path, where


def _marsad(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, env=env, check=False,
                          capture_output=True, text=True, timeout=600)


def _errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error: ")]


def _check_lines(stderr: str, path: Path, where: dict[str, int], extra: list[str]) -> None:
    assert "Traceback" not in stderr, stderr
    errors = _errors(stderr)
    assert len(errors) == len(where) + len(extra), stderr
    for said, lineno in where.items():
        assert any(e.startswith(f"error: {path}:{lineno}: ") and said in e and " - " in e for e in errors), \
            (said, errors)
    for said in extra:
        assert any(said in e and " - " in e for e in errors), (said, errors)


def test_ingest_reports_each_bad_input_and_keeps_every_good_one(tmp_path):
    path, where = _batch(tmp_path)
    deep = tmp_path / "deep.html"          # nested past lxml's 255 levels: its text must still come out
    deep.write_text("<html><body>" + "<div>" * 400 + "<p>Gunmen killed three shepherds near Tadmur on "
                    "Friday, local sources said.</p>" + "</div>" * 400 + "</body></html>", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    r = _marsad("ingest", str(path), str(deep), "ftp://example.org/a.txt", "--db", db,
                "--published", "2024-03-08", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    _check_lines(r.stderr, path, where, ["ftp://example.org/a.txt: unsupported URL scheme"])
    eng = create_engine(db)
    with eng.connect() as conn:
        stored = set(conn.execute(select(documents.c.doc_id)).scalars())
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 4
    eng.dispose()
    assert {"good-1", "good-2", "good-3"} <= stored
    assert r.stderr.strip().splitlines()[-1].startswith("4 articles read, 4 new")


def test_extract_reports_each_bad_line_and_writes_the_rest(tmp_path):
    path, where = _batch(tmp_path)
    out = tmp_path / "events.csv"
    r = _marsad("extract", "-i", str(path), "-o", str(out), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    _check_lines(r.stderr, path, where, [])
    written = {row.split(",")[0] for row in out.read_text(encoding="utf-8").splitlines()[1:]}
    assert {"good-1", "good-2", "good-3"} <= written
