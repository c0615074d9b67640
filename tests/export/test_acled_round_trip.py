"""import-acled keeps every column of ACLED's 2024 export: importing an ACLED file and
exporting it again gives the same columns and values (fixtures/acled_2024.csv, rows
written for this test in ACLED's format, one per war and column oddity)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from marsad.export import ACLED_EXPORT_COLUMNS, export
from marsad.store import Store
from marsad.store.importer import import_acled_csv, import_jsonl

FIXTURE = Path(__file__).parent / "fixtures" / "acled_2024.csv"
NUMERIC = {"latitude", "longitude"}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _acled_part(row: dict[str, str]) -> dict[str, object]:
    return {k: float(row[k]) if k in NUMERIC and row[k] else row[k] for k in ACLED_EXPORT_COLUMNS}


def _export(store: Store, fmt: str = "acled-csv", *, reports: bool = False) -> str:
    out = io.StringIO()
    export(store.engine, fmt, out, reports=reports)
    return out.getvalue()


@pytest.mark.parametrize("reports", [False, True])
def test_import_then_export_gives_acled_rows_back(url: str, reports: bool) -> None:
    with Store.open(url) as store:
        result = import_acled_csv(store, FIXTURE)
        assert (result.added, result.errors) == (6, [])
        text = _export(store, reports=reports)
    header = text.splitlines()[0].split(",")
    assert tuple(header[:len(ACLED_EXPORT_COLUMNS)]) == ACLED_EXPORT_COLUMNS
    want = {r["event_id_cnty"]: _acled_part(r) for r in _rows(FIXTURE.read_text(encoding="utf-8"))}
    got = {r["event_id_cnty"]: _acled_part(r) for r in _rows(text)}
    assert got == want


def test_acled_rows_survive_a_jsonl_round_trip(tmp_path: Path, url: str) -> None:
    with Store.open(f"sqlite:///{tmp_path}/a.db") as src:
        import_acled_csv(src, FIXTURE)
        first_csv = _export(src)
        (tmp_path / "dump.jsonl").write_text(_export(src, "jsonl"), encoding="utf-8")
    with Store.open(url) as dst:
        assert import_jsonl(dst, tmp_path / "dump.jsonl").added == 6
        assert _export(dst) == first_csv


def test_export_header_is_acleds_2024_column_order() -> None:
    assert FIXTURE.read_text(encoding="utf-8").splitlines()[0] == ",".join(ACLED_EXPORT_COLUMNS)
