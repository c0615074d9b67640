"""`marsad events show|split`, `marsad trends`, `marsad report` through the real CLI entry point."""
from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from marsad.cli import main
from marsad.store import Store
from marsad.store.schema import events
from tests.merge.conftest import ingest
from tests.merge.pairs import PAIRS


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(list(args))
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = Store.open(url)                    # migrated, as users get it
    for name in ("sukhnah-ambush", "hajin-vs-bahra"):
        pair = next(p for p in PAIRS if p.name == name)
        ingest(store, pair.a)
        ingest(store, pair.b)
    store.close()
    return url


def _ids(url: str, uid: str) -> tuple[int, int]:
    eng = sa.create_engine(url)
    with eng.connect() as conn:
        row = conn.execute(sa.select(events.c.id, events.c.canonical_id).where(events.c.event_uid == uid)).one()
    eng.dispose()
    return row.id, row.canonical_id


def test_show_explains_and_split_undoes(db, capsys):
    rid, cid = _ids(db, "p1b:0")
    code, out, _ = run(capsys, "events", "show", str(cid), "--db", db)
    assert code == 0
    assert "fatalities best 5, low 5, high 9" in out
    assert "Why merged:" in out and "same place: Sukhna / Al-Sukhnah" in out
    assert f"report {rid}" in out and "SANA; Syrian Observatory" in out
    code, out, _ = run(capsys, "events", "--db", db, "show", str(cid), "--format", "json")
    assert code == 0 and len(json.loads(out)["reports"]) == 2
    code, out, err = run(capsys, "events", "split", str(rid), "--db", db)
    assert code == 0 and "split from event" in err
    new = int(out.strip())
    assert _ids(db, "p1b:0")[1] == new != cid
    code, out, _ = run(capsys, "events", "show", str(new), "--db", db)
    assert "Split by an analyst" in out
    code, _, err = run(capsys, "events", "split", "9999", "--db", db)
    assert code != 0 and "no report with id 9999" in err and err.count("\n") == 1


def test_trends_and_report(db, capsys, tmp_path):
    code, out, _ = run(capsys, "trends", "--by", "admin1", "--weeks", "3", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["admin1", "total"]
    assert any(line.startswith("Deir ez-Zor") for line in lines)
    assert "Surges:" in out
    code, out, _ = run(capsys, "trends", "--by", "actor", "--format", "json", "--db", db)
    data = json.loads(out)
    assert data["by"] == "actor" and "ISIS" in data["series"]
    code, out, _ = run(capsys, "trends", "--by", "type", "--format", "csv", "--until", "2024-04-30", "--db", db)
    assert out.splitlines()[0] == "type,week,incidents"
    code, out, err = run(capsys, "report", "--since", "2024-01-01", "--out", str(tmp_path / "brief"), "--db", db)
    assert code == 0 and out.splitlines()[0].endswith("brief.md")
    md = (tmp_path / "brief" / "brief.md").read_text()
    assert "| Al-Sukhnah, Homs, Syria | Armed clash | ISIS vs Military Forces of Syria | 5 (5-9) | 2: SANA; Syrian Observatory |" in md
    assert "| " + str(date(2024, 3, 12)) in md
    code, _, err = run(capsys, "report", "--since", "2031-01-01", "--out", str(tmp_path / "b2"), "--db", db)
    assert code != 0 and "--since" in err
