"""The analyst brief: files, content, escaping."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.errors import ConfigError
from marsad.report import chart_map, gather, write_report
from tests.trends.conftest import MONDAY

PNG = b"\x89PNG\r\n\x1a\n"


def test_brief_files_and_content(brief_db, tmp_path):
    out = tmp_path / "brief"
    with brief_db.connect() as conn:
        brief = write_report(conn, MONDAY + timedelta(weeks=8), out, until=MONDAY + timedelta(weeks=15, days=6))
    assert brief.markdown == out / "brief.md" and brief.html.exists()
    names = {p.name for p in brief.images}
    assert names == {"weekly_types.png", "weekly_admin1.png", "map.png", "surges.png"}
    for p in brief.images:
        assert p.read_bytes()[:8] == PNG and p.stat().st_size > 5000
    md = brief.markdown.read_text()
    assert md.startswith("# Conflict brief: 2024-02-26 to 2024-04-21")
    surge_lines = [line for line in md.splitlines() if line.startswith("| admin1 |")]
    assert len(surge_lines) == 1 and "Deir ez-Zor" in surge_lines[0]
    assert "Benjamini-Hochberg" in md
    deadly = md.split("## Deadliest incidents")[1].split("##")[0]
    first_row = deadly.strip().splitlines()[2]
    assert "40 (35-52)" in first_row and "3: SANA; Syrian Observatory; North Press \\| wire" in first_row
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "![Map of incidents](map.png)" in md
    page = brief.html.read_text()
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<img src="surges.png"' in page and '<img src="map.png"' in page
    assert brief.n_surges >= 1


def test_gather_numbers(brief_db):
    since = MONDAY + timedelta(weeks=15)
    with brief_db.connect() as conn:
        d = gather(conn, since, top=3)
    assert d.until == max(e.event_date for e in d.deadliest) or d.until >= since
    assert d.n_incidents == sum(n for _, n in d.by_type)
    assert d.n_reports == 0                         # incidents inserted without reports
    assert len(d.deadliest) <= 3
    assert all(since <= e.event_date <= d.until for e in d.deadliest)
    assert next(iter(d.weekly["type"].values()))[0][0] == since


def test_brief_of_an_empty_period_and_bad_dates(brief_db, tmp_path):
    with brief_db.connect() as conn:
        with pytest.raises(ConfigError, match="--since"):
            gather(conn, date(2030, 1, 1))
        brief = write_report(conn, date(2020, 1, 1), tmp_path / "b", until=date(2020, 2, 1))
    md = brief.markdown.read_text()
    assert brief.n_incidents == 0 and "No fatalities reported" in md and "No series is" in md


def test_map_draws_without_points(tmp_path):
    p = chart_map([], tmp_path / "m.png")
    assert p.read_bytes()[:8] == PNG


def test_the_map_draws_the_borders_the_dashboard_ships():
    from marsad.report import _borders
    assert len(_borders()) > 100          # world-atlas arcs; none if the file went missing
