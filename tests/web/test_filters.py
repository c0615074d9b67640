"""One filter language in `marsad events`, `export`, `trends`, the API and /light:
actor aliases in any case, countries by ISO2, ISO3 or name, repeated = any of,
--db before the subcommand, no empty database made by a mistyped --db."""
from __future__ import annotations

import json

import pytest

from marsad.cli import main
from marsad.store.filters import EventFilter
from marsad.store.queries import list_events


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out, err = capsys.readouterr()
    return done.value.code, out, err


# (filter, events expected in the sample database): the sample stores "Islamic State",
# "Syrian Democratic Forces" (one incident told twice), countries "Syria" (SY, 3 incidents)
# and "Iraq" (IQ, 1).
CASES = [
    ({"actor": "ISIS"}, 1),                         # the canonical name of the stored alias
    ({"actor": "daesh"}, 1),                        # another alias, lower case
    ({"actor": "islamic STATE"}, 1),                # the stored spelling, any case
    ({"actor": "qsd"}, 1),                          # an alias of the SDF
    ({"actor": "democratic forces"}, 1),            # part of a stored name still works
    ({"actor": "no such group"}, 0),
    ({"country": "SY"}, 3), ({"country": "syr"}, 3), ({"country": "Syrian Arab Republic"}, 3),
    ({"country": "syria"}, 3), ({"country": "IRQ"}, 1),
    ({"country": ["SY", "iq"]}, 4),                 # repeated: any of
    ({"actor": ["daesh", "protesters (iraq)"]}, 2),
    ({"country": "SY", "actor": "ISIS"}, 1),        # different fields: all of
    ({"country": "XX"}, 0),
]


@pytest.mark.parametrize(("kw", "n"), CASES)
def test_filter_language(conn, kw, n):
    assert list_events(conn, EventFilter(**kw))[1] == n


def test_cli_aliases_codes_and_repeats(capsys, sample_db):
    code, out, err = run(capsys, "events", "--db", sample_db[0], "--actor", "Islamic State", "--format", "json")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, err = run(capsys, "--db", sample_db[0], "events", "--country", "SYR", "--country", "IQ")
    assert code == 0 and "4 of 4 events shown" in err
    code, out, err = run(capsys, "--db", sample_db[0], "trends", "--actor", "isis", "--weeks", "8",
                         "--format", "json")
    series = json.loads(out)["series"]
    assert code == 0 and sum(n for pts in series.values() for _, n in pts) == 1


def test_export_filters(capsys, sample_db, tmp_path):
    out = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "--db", sample_db[0], "export", "--country", "SYR", "--actor", "daesh",
                       "-o", str(out))
    assert code == 0 and "exported 1 events" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_api_and_light(client):
    r = client.get("/api/events", params=[("country", "SYR"), ("country", "iq")])
    assert r.status_code == 200 and r.json()["total"] == 4
    assert client.get("/api/events", params={"actor": "daesh"}).json()["total"] == 1
    assert client.get("/api/geojson", params={"actor": "ISIS"}).json()["features"]
    page = client.get("/light", params={"actor": "isis", "country": "sy"}).text
    assert "Hajin" in page and "Kirkuk" not in page
    page = client.get("/light", params={"country": "SY | IQ"}).text    # the form's way to write two
    assert "Hajin" in page and "Kirkuk" in page


@pytest.mark.parametrize("argv", [["events"], ["trends"], ["events", "show", "1"], ["export"],
                                  ["report", "--since", "2024-01-01", "--out", "brief"], ["serve"],
                                  ["db", "info"]])
def test_mistyped_db_is_not_created(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--db", "tpyo.db", *argv)
    assert code != 0 and "tpyo.db" in err and "no database here" in err
    assert not (tmp_path / "tpyo.db").exists()


def test_report_takes_the_same_filters(capsys, sample_db, tmp_path):
    code, _, err = run(capsys, "--db", sample_db[0], "report", "--since", "2024-01-01", "--country", "SYR",
                         "--actor", "daesh", "--out", str(tmp_path / "brief"))
    assert code == 0 and "1 incidents" in err
    md = (tmp_path / "brief" / "brief.md").read_text(encoding="utf-8")
    assert "Only incidents with country: SYR; actor: daesh." in md and "Hajin" in md and "Kirkuk" not in md


@pytest.mark.parametrize("argv", [["db", "info"], ["events", "show", "1"], ["events", "--limit", "1"],
                                  ["trends", "--weeks", "2"]])
def test_db_before_the_command_reaches_nested_commands(capsys, sample_db, argv):
    code, out, err = run(capsys, "--db", sample_db[0], *argv)
    assert code == 0 and "no database here" not in err and out
