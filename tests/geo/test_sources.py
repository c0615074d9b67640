"""Places users add: GeoNames dumps (file, URL, zip), ACLED / UCDP event CSVs, alias files,
on SQLite and PostgreSQL, through the library and the `marsad gazetteer` commands."""
import csv
import json
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import GazetteerError
from marsad.geo import Gazetteer, Geocoder
from marsad.geo.gazetteer import km
from marsad.store.places import add_aliases, add_events, add_geonames, read_user_places


def _geonames_line(gid, name, alts, lat, lon, fclass, fcode, cc, a1, pop):
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1,
            "", "", "", str(pop), "", "300", "Asia/Damascus", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


# invented villages, so that the built-in gazetteer cannot know them
DUMP = "\n".join([
    _geonames_line(9000001, "Khirbet Zaytounat", ["Khirbat az Zaytunat", "Kherbet Zeitouna"],
                   35.501, 36.802, "P", "PPL", "SY", "10", 0),
    _geonames_line(9000002, "Tall Qasab Jadid", ["Tal Qassab al-Jadid"], 36.611, 40.902, "P", "PPL", "SY", "01", 120),
    _geonames_line(9000003, "Wadi Qarmout", [], 35.0, 37.0, "H", "WAD", "SY", "10", 0),       # a valley: skipped
]) + "\n"


@pytest.fixture
def load(gaz):
    """The gazetteer of a database's user places, reusing the session's GeoNames index."""
    return lambda url: Gazetteer.load(read_user_places(url), cities=gaz.cities)


def test_add_geonames_from_a_file(url, tmp_path, load):
    p = tmp_path / "SY.txt"
    p.write_text(DUMP, encoding="utf-8")
    res = add_geonames(url, str(p))
    assert (res.places, res.skipped) == (2, 1) and res.aliases == 2   # "Tal Qassab al-Jadid" folds like its name
    c = load(url).lookup("Kherbet Zeitouna", country="SY")[0]
    assert c.name == "Khirbet Zaytounat" and c.admin1 == "Hama" and abs(c.latitude - 35.501) < 1e-6
    # adding the same source again replaces, not duplicates
    add_geonames(url, str(p))
    user = read_user_places(url)
    assert len(user.places) == 2 and len(user.aliases) == 2


def test_add_geonames_zip_from_a_real_http_server(url, http_dir, load):
    root, base = http_dir
    with zipfile.ZipFile(root / "SY.zip", "w") as z:
        z.writestr("readme.txt", "not the dump")
        z.writestr("SY.txt", DUMP)
    res = add_geonames(url, f"{base}/SY.zip")
    assert res.places == 2 and res.source == "geonames:SY.zip"
    geo = Geocoder(load(url))
    text = "Regime shells hit Tal Qassab al-Jadid in Hasakah."
    places = geo.places_in(text, 0, len(text), geo.context(text))
    assert places[0].mention == "Tal Qassab al-Jadid" and places[0].geo_precision == 1
    assert km(places[0].latitude, places[0].longitude, 36.611, 40.902) < 1


def test_add_geonames_errors(tmp_path, http_dir):
    _root, base = http_dir
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path}/x.db"
    with pytest.raises(GazetteerError, match="19"):
        add_geonames(db, str(bad))
    with pytest.raises(GazetteerError, match="download failed"):
        add_geonames(db, f"{base}/missing.zip")
    with pytest.raises(GazetteerError, match="no such file"):
        add_geonames(db, str(tmp_path / "nope.txt"))


def _write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_add_events_ucdp(url, tmp_path, load):
    header = ["id", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude",
              "country", "date_start"]
    p = _write_csv(tmp_path / "ged.csv", header, [
        [1, 1, "Umm Jurn town", "Hama governorate", "Salamiyah district", 35.2101, 37.3102, "Syria", "2017-03-01"],
        [2, 1, "Umm Jurn town", "Hama governorate", "Salamiyah district", 35.2105, 37.3107, "Syria", "2017-03-09"],
        [3, 4, "Hama governorate", "Hama governorate", "", 35.13, 36.75, "Syria", "2017-03-01"],   # imprecise
        [4, 2, "Zor Shammar village", "Deir Ez-Zor governorate", "", 35.41, 40.31, "Syria", "2019-05-01"],  # too late
        [5, 2, "Birat Hamad village", "Aleppo governorate", "", 36.4, 37.4, "Syria", "2018-12-31"],
    ])
    res = add_events(url, str(p), until=date(2018, 12, 31))
    assert res.places == 2 and res.skipped == 2
    gaz = load(url)
    c = gaz.lookup("Umm Jurn", country="SY")[0]
    assert c.name == "Umm Jurn" and c.admin1 == "Hama" and c.gazetteer_id.startswith("user:")
    assert gaz.lookup("Zor Shammar", country="SY") == [] or gaz.lookup("Zor Shammar")[0].feature != "user"


def test_add_events_acled(url, tmp_path, load):
    header = ["event_date", "country", "iso", "admin1", "admin2", "location", "latitude", "longitude",
              "geo_precision"]
    p = _write_csv(tmp_path / "acled.csv", header, [
        ["2020-05-17", "Iraq", 368, "Diyala", "Khanaqin", "Qaryat Sadunat", 34.401, 45.301, 1],
        ["2020-05-18", "Iraq", 368, "Diyala", "Khanaqin", "Khanaqin", 34.35, 45.39, 2],     # not precise
    ])
    res = add_events(url, str(p))
    assert res.places == 1
    geo = Geocoder(load(url))
    text = "ISIS attacked the village of Qaryat Sadunat in Diyala."
    (p1, _) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p1.location == "Qaryat Sadunat" and p1.geo_precision == 1 and p1.country_code == "IQ"


def test_add_events_rejects_other_csvs(tmp_path):
    p = _write_csv(tmp_path / "x.csv", ["a", "b"], [[1, 2]])
    with pytest.raises(GazetteerError, match="neither an ACLED nor a UCDP"):
        add_events(f"sqlite:///{tmp_path}/x.db", str(p))


def test_add_aliases(url, tmp_path, load):
    p = tmp_path / "aliases.csv"
    p.write_text("alias,place,country,latitude,longitude\n"
                 "Deir Ezzor al-Jadida,Deir ez-Zor,SY,,\n"
                 "Qaryat Abu Sawsan,Qaryat Abu Sawsan,IQ,34.41,45.29\n", encoding="utf-8")
    assert add_aliases(url, str(p)).aliases == 2
    gaz = load(url)
    a = gaz.lookup("Deir Ezzor al-Jadida")[0]
    assert a.name == "Deir ez-Zor" and a.country_code == "SY"
    b = gaz.lookup("Qaryat Abu Sawsan")[0]
    assert (b.latitude, b.country_code, b.admin1) == (34.41, "IQ", "Diyala")


def test_missing_database_adds_nothing(tmp_path):
    gaz = Gazetteer.load(read_user_places(f"sqlite:///{tmp_path}/does-not-exist.db"))
    assert gaz.lookup("Aleppo")[0].country_code == "SY"
    assert not (tmp_path / "does-not-exist.db").exists()


def test_cli_add_and_lookup(tmp_path):
    db = str(tmp_path / "cli.db")
    (tmp_path / "SY.txt").write_text(DUMP, encoding="utf-8")
    r = CliRunner().invoke(cli, ["gazetteer", "add-geonames", str(tmp_path / "SY.txt"), "--db", db])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["places"] == 2
    r = CliRunner().invoke(cli, ["gazetteer", "lookup", "Kherbet Zeitouna", "--country", "SY", "--db", db])
    assert r.exit_code == 0, r.output
    first = json.loads(r.output.splitlines()[0])
    assert first["name"] == "Khirbet Zaytounat" and "kherbet" in first["why"] and first["score"] > 0
    r = CliRunner().invoke(cli, ["gazetteer", "lookup", "Qwxzv", "--db", db])
    assert r.exit_code == 1


def test_cli_help_has_examples():
    for cmd in ("add-geonames", "add-events", "add-aliases", "lookup"):
        r = CliRunner().invoke(cli, ["gazetteer", cmd, "--help"])
        assert r.exit_code == 0 and "marsad gazetteer" in r.output


def test_unreachable_database_adds_nothing_and_warns(caplog):
    gaz = Gazetteer.load(read_user_places("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"))
    assert gaz.lookup("Aleppo")[0].country_code == "SY"
    assert "cannot read user places" in caplog.text


def test_users_places_make_their_country_a_weak_prior(url, tmp_path, load, gaz):
    header = ["where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "date_start"]
    rows = [[1, f"Qaryat Mukhtara {i} village", "Rif Dimashq governorate", "", 33.6 + i / 100, 36.1, "Syria",
             "2017-01-01"] for i in range(5)]
    add_events(url, str(_write_csv(tmp_path / "ged.csv", header, rows)))
    text = "Snipers wounded two people in Madaya."
    plain = Geocoder(gaz).places_in(text, 0, len(text), Geocoder(gaz).context(text))
    geo = Geocoder(load(url))
    (p,) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p.country_code == "SY" and (not plain or plain[0].country_code != "SY")


def test_cli_errors_are_one_line(tmp_path, capsys):
    from marsad.cli import main
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tdump\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["gazetteer", "add-geonames", str(bad), "--db", str(tmp_path / "x.db")])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "19" in err and len(err.splitlines()) == 1
