"""The export, import-acled and db commands, run through marsad's real entry point."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from marsad.store import Store, migrate
from tests.export.data import ACLED_HEADER, acled_line, build, marsad


def test_export_csv_to_stdout_and_files(capsys: pytest.CaptureFixture[str], filled_url: str,
                                        tmp_path: Path) -> None:
    code, out, err = marsad(capsys, "export", "--db", filled_url, "--country", "Syria",
                            "--since", "2024-01-01")
    assert code == 0 and "exported 9 events as acled-csv" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 9 and all(r["country"] == "Syria" for r in rows)
    code, _, err = marsad(capsys, "export", "--db", filled_url, "-o", str(tmp_path / "e.geojson"))
    assert code == 0 and json.loads((tmp_path / "e.geojson").read_text())["type"] == "FeatureCollection"
    code, _, _ = marsad(capsys, "export", "--db", filled_url, "--reports", "-o", str(tmp_path / "r.jsonl"))
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 12
    assert not list(tmp_path.glob("*.part"))


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = marsad(capsys, "export", "--format", "xlsx", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "xlsx" in err
    code, _, err = marsad(capsys, "export", "--since", "last week", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "last week" in err
    code, _, err = marsad(capsys, "export", "--db", str(tmp_path / "missing" / "x.db"))
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    code, _, err = marsad(capsys, "export", "--db", str(tmp_path / "typo.db"))
    assert code == 1 and "no database here" in err and not (tmp_path / "typo.db").exists()


def test_import_acled_reports_bad_rows_and_exit_code(capsys: pytest.CaptureFixture[str], url: str,
                                                     tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("\n".join([ACLED_HEADER, acled_line("SYR1", "2023-07-01")]) + "\n")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("\n".join([ACLED_HEADER, acled_line("SYR2", "2023-07-02"),
                                acled_line("SYR3", "not a day")]) + "\n")
    code, _, err = marsad(capsys, "import-acled", str(good), "--db", url)
    assert code == 0 and "1 added, 0 already stored, 0 bad" in err
    code, _, err = marsad(capsys, "import-acled", str(good), str(mixed), "--db", url)
    assert code == 1
    assert f"{mixed}:3: event_date 'not a day'" in err and "0 added, 1 already stored" in err
    code, _, err = marsad(capsys, "import-acled", str(tmp_path / "nope.csv"), "--db", url)
    assert code == 2 and "nope.csv" in err                    # click: the file does not exist
    code, out, _ = marsad(capsys, "export", "--db", url)
    assert [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(out))] == ["SYR1", "SYR2"]


def test_jsonl_round_trip_through_the_cli(capsys: pytest.CaptureFixture[str], filled_url: str,
                                          tmp_path: Path) -> None:
    dump = tmp_path / "all.jsonl"
    assert marsad(capsys, "export", "--db", filled_url, "-o", str(dump))[0] == 0
    fresh = f"sqlite:///{tmp_path}/fresh.db"
    code, _, err = marsad(capsys, "import-acled", str(dump), "--db", fresh)
    assert code == 0 and "12 added" in err
    _, a, _ = marsad(capsys, "export", "--format", "jsonl", "--db", filled_url)
    _, b, _ = marsad(capsys, "export", "--format", "jsonl", "--db", fresh)
    assert a == b and a == dump.read_text(encoding="utf-8")


def test_db_upgrade_and_info(capsys: pytest.CaptureFixture[str], empty_url: str, tmp_path: Path) -> None:
    url = empty_url
    code, _, err = marsad(capsys, "db", "upgrade", "--db", url)
    assert code == 0 and f"from empty to schema revision {migrate.head()}" in err
    code, _, err = marsad(capsys, "db", "upgrade", "--db", url)
    assert "already at" in err
    with Store.open(url) as store:
        build(store, tmp_path)
    code, out, _ = marsad(capsys, "db", "info", "--db", url)
    info = dict(line.split("\t")[:2] for line in out.splitlines())
    assert info["revision"] == migrate.head()
    assert (info["documents"], info["events"], info["canonical_events"], info["merge_links"]) == ("4", "12", "11", "1")
    assert "secret" not in out


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in (["export"], ["import-acled"], ["db"], ["db", "info"], ["db", "upgrade"]):
        code, out, _ = marsad(capsys, *cmd, "--help")
        assert code == 0 and "Example" in out and "marsad " in out
