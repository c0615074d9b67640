"""Exports by file name: Parquet (typed columns), a refused unknown extension, and
GeoJSON in one feature schema (with ids) from the CLI and the API."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from marsad.geojson import CORE
from tests.export.data import marsad


def test_parquet_has_the_csv_rows_typed(capsys, filled_url, tmp_path):
    import pyarrow.parquet as pq  # a declared dependency: no skip
    code, csv_out, _ = marsad(capsys, "export", "--db", filled_url, "--country", "SY")
    code, _, err = marsad(capsys, "export", "--db", filled_url, "--country", "SY", "-o", str(tmp_path / "e.parquet"))
    assert code == 0 and "as parquet" in err
    table = pq.read_table(tmp_path / "e.parquet")
    want = list(csv.DictReader(io.StringIO(csv_out)))
    got = table.to_pylist()
    assert len(got) == len(want) > 0
    assert [r["event_id_cnty"] for r in got] == [r["event_id_cnty"] for r in want]
    first = got[0]
    assert isinstance(first["event_date"], date) and isinstance(first["fatalities"], int)
    assert first["latitude"] is None or isinstance(first["latitude"], float)
    assert str(table.schema.field("injuries").type) == "int64"
    assert not (tmp_path / "e.parquet.part").exists()


@pytest.mark.parametrize("name", ["out.xlsx", "out", "out.csv.gz"])
def test_unknown_extension_is_refused(capsys, filled_url, tmp_path, name):
    code, _, err = marsad(capsys, "export", "--db", filled_url, "-o", str(tmp_path / name))
    assert code != 0 and name in err
    assert all(x in err for x in ("acled-csv", "geojson", "jsonl", "parquet", ".parquet"))
    assert list(tmp_path.glob("out*")) == []


def test_explicit_format_with_any_name(capsys, filled_url, tmp_path):
    code, _, _ = marsad(capsys, "export", "--db", filled_url, "--format", "acled-csv", "-o", str(tmp_path / "x.txt"))
    assert code == 0 and (tmp_path / "x.txt").read_text().startswith("event_id_cnty,")
    code, _, err = marsad(capsys, "export", "--db", filled_url, "--format", "parquet")
    assert code != 0 and "-o FILE.parquet" in err


def test_cli_and_api_geojson_share_the_feature_schema(capsys, filled_url, tmp_path):
    from fastapi.testclient import TestClient

    from marsad.config import Options
    from marsad.web.app import create_app

    marsad(capsys, "export", "--db", filled_url, "-o", str(tmp_path / "e.geojson"))
    cli = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]
    with TestClient(create_app(filled_url, Options(db=filled_url, api_key=None, tile_url=None))) as client:
        api = client.get("/api/geojson", params={"limit": 1000}).json()["features"]
    located = [f for f in cli if f["geometry"]]
    assert {f["id"] for f in located} == {f["id"] for f in api}
    by_id = {f["id"]: f for f in api}
    for f in located:
        other = by_id[f["id"]]
        assert set(CORE) <= set(f["properties"]) and set(CORE) <= set(other["properties"])
        assert {k: f["properties"][k] for k in CORE} == {k: other["properties"][k] for k in CORE}
        assert f["geometry"] == other["geometry"]
