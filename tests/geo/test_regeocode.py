"""`marsad regeocode`: stored reports placed again after a user adds places or aliases,
on SQLite and PostgreSQL: ids and evidence kept, merged incidents kept consistent,
--dry-run writes nothing, a second run moves nothing, and the new places are those
a fresh extraction gives."""
from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from marsad.cli import cli
from marsad.geo import Gazetteer, Geocoder
from marsad.geo.gazetteer import km
from marsad.merge import merge_new
from marsad.records import Article, Event, Evidence, Place
from marsad.regeocode import regeocode, summary
from marsad.store import Store
from marsad.store.places import add_aliases, add_geonames, read_user_places
from marsad.store.schema import canonical_events, events, evidence, merge_links
from tests.geo.test_sources import DUMP

VILLAGE = (35.501, 36.802)       # Khirbet Zaytounat, an invented village of Hama (tests/geo/test_sources.py)
A_TEXT = "Gunmen killed three farmers in the village of Khirbet Zaytounat in the Hama countryside on Monday."
B_TEXT = "Gunmen killed three farmers in the Hama countryside on Monday, a local source said."
X_TEXT = "Gunmen killed three farmers in Khirbet Zaytounat on Monday, residents said."


def _place(gaz: Gazetteer, text: str, mention: str) -> Place:
    """The place the geocoder gives `mention` in `text` with this gazetteer."""
    geo = Geocoder(gaz)
    places = geo.places_in(text, 0, len(text), geo.context(text))
    return next(p for p in places if mention in p.mention)


def _save(store: Store, doc_id: str, text: str, place: Place, outlet: str) -> int:
    art = Article(doc_id=doc_id, text=text, published=date(2024, 5, 21), outlet=outlet,
                  url=f"https://example.org/{doc_id}")
    ev = Event(doc_id=doc_id, event_type="Violence against civilians", sub_event_type="Attack",
               event_date=date(2024, 5, 20), actor1="Unidentified Armed Group", actor2="Civilians",
               place=place, fatalities=3, evidence=[Evidence(text, 0, len(text))])
    (eid,) = store.save_article(art, [ev]).event_ids
    with store.begin() as conn:
        merge_new(conn, [eid])
    return eid


def _snapshot(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(t.c.id))]
                for t in (events, canonical_events, evidence, merge_links)}


def _row(store: Store, table: sa.Table, id_: int) -> dict:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(table).where(table.c.id == id_)).mappings().one())


@pytest.fixture
def store(url):
    s = Store.open(url)
    yield s
    s.close()


@pytest.fixture
def with_village(url, tmp_path, gaz):
    """Add the village to the database; return the gazetteer that knows it."""
    (tmp_path / "SY.txt").write_text(DUMP, encoding="utf-8")
    add_geonames(url, str(tmp_path / "SY.txt"))
    return lambda: Gazetteer.load(read_user_places(url), cities=gaz.cities, places=gaz.places)


def test_a_report_that_no_longer_fits_its_incident_leaves_it(store, url, gaz, with_village):
    # before the village was known: both reports at Hama (precision 2), one incident
    old = _place(gaz, A_TEXT, "Khirbet")
    assert old.location == "Khirbet Zaytounat" and old.geo_precision == 2
    a = _save(store, "a", A_TEXT, old, "Outlet A")
    b = _save(store, "b", B_TEXT, _place(gaz, B_TEXT, "Hama"), "Outlet B")
    assert _row(store, events, a)["canonical_id"] == _row(store, events, b)["canonical_id"]
    before = _snapshot(store)

    dry = regeocode(url, dry_run=True, gazetteer=with_village())
    assert (len(dry.moved), dry.detached, dry.dry_run) == (1, 1, True)
    assert _snapshot(store) == before                       # a dry run writes nothing
    assert "dry run: nothing was written" in summary(dry)

    res = regeocode(url, gazetteer=with_village())
    (m,) = res.moved
    assert (m.event_id, m.old["geo_precision"], m.new["geo_precision"]) == (a, 2, 1)
    assert 35 < m.km < 50 and m.new["gazetteer_id"].startswith("user:")
    ra, rb = _row(store, events, a), _row(store, events, b)
    assert km(ra["latitude"], ra["longitude"], *VILLAGE) < 0.1
    assert ra["event_uid"] == "a:0" and ra["evidence_text"] == A_TEXT      # id and evidence kept
    assert ra["canonical_id"] != rb["canonical_id"] and res.detached == 1
    ca, cb = _row(store, canonical_events, ra["canonical_id"]), _row(store, canonical_events, rb["canonical_id"])
    assert (ca["location"], ca["geo_precision"], ca["n_sources"]) == ("Khirbet Zaytounat", 1, 1)
    assert (cb["location"], cb["n_sources"]) == (rb["location"], 1)
    with store.engine.connect() as conn:
        links = conn.execute(sa.select(merge_links.c.undone)).scalars().all()
    assert links and all(links)                             # the merge is shown as undone
    assert len(_snapshot(store)["evidence"]) == len(before["evidence"])
    again = regeocode(url, gazetteer=with_village())        # nothing left to move
    assert (len(again.moved), again.unchanged) == (0, 2)


def test_a_moved_report_joins_the_incident_at_its_new_place(store, url, gaz, with_village):
    a = _save(store, "a", A_TEXT, _place(gaz, A_TEXT, "Khirbet"), "Outlet A")
    x = _save(store, "x", X_TEXT, _place(with_village(), X_TEXT, "Khirbet"), "Outlet X")
    assert _row(store, events, a)["canonical_id"] != _row(store, events, x)["canonical_id"]
    res = regeocode(url, gazetteer=with_village())
    assert ([m.event_id for m in res.moved], res.merged, res.unchanged) == ([a], 1, 1)
    ra, rx = _row(store, events, a), _row(store, events, x)
    assert ra["canonical_id"] == rx["canonical_id"]
    c = _row(store, canonical_events, rx["canonical_id"])
    assert c["n_sources"] == 2 and c["location"] == "Khirbet Zaytounat"
    with store.engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(canonical_events)).scalar_one()
    assert n == 1                                           # the emptied singleton is gone


def test_merged_reports_that_move_together_stay_together(store, url, gaz, with_village):
    old = _place(gaz, A_TEXT, "Khirbet")
    a = _save(store, "a", A_TEXT, old, "Outlet A")
    a2 = _save(store, "a2", A_TEXT.replace("three farmers", "3 farmers"), old, "Outlet C")
    cid = _row(store, events, a)["canonical_id"]
    assert _row(store, events, a2)["canonical_id"] == cid
    res = regeocode(url, gazetteer=with_village())
    assert (len(res.moved), res.detached, res.canonical_updated) == (2, 0, 1)
    c = _row(store, canonical_events, cid)
    assert c["n_sources"] == 2 and km(c["latitude"], c["longitude"], *VILLAGE) < 0.1


def test_reports_whose_place_name_is_gone_or_unknown_keep_their_place(store, url, gaz, with_village):
    text = "Gunmen killed three farmers in Idlib on Monday."
    p = _place(gaz, text, "Idlib")
    p.location, p.gazetteer_id = "Somewhere Else", "geonames:0"     # no mention of the text stands for it
    a = _save(store, "a", text, p, "Outlet A")
    before = _row(store, events, a)
    res = regeocode(url, gazetteer=with_village())
    assert (res.checked, res.not_found, len(res.moved)) == (1, 1, 0)
    assert _row(store, events, a) == before


def test_cli_regeocode_prints_what_moved(store, url, gaz, tmp_path):
    _save(store, "a", A_TEXT, _place(gaz, A_TEXT, "Khirbet"), "Outlet A")
    (tmp_path / "al.csv").write_text("alias,place,country,latitude,longitude\n"
                                     "Khirbet Zaytounat,Khirbet Zaytounat,SY,35.501,36.802\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["gazetteer", "add-aliases", str(tmp_path / "al.csv"), "--db", url])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["regeocode", "--db", url, "--dry-run", "--verbose"])
    assert r.exit_code == 0, r.output
    assert "1 events checked: 1 moved" in r.output and "dry run" in r.output
    assert "Khirbet Zaytounat (Hama, SY; precision 2) -> Khirbet Zaytounat (Hama, SY; precision 1)" in r.output
    assert "event 1 (a:0)" in r.output or "(a:0)" in r.output
    r = CliRunner().invoke(cli, ["regeocode", "--db", url, "--json"])
    out = json.loads(r.output)
    assert len(out["moved"]) == 1 and out["dry_run"] is False
    assert out["moved"][0]["new"]["gazetteer_id"] == "user-alias:Khirbet Zaytounat"


@pytest.mark.slow
def test_regeocode_gives_what_a_fresh_extraction_gives(store, url, gaz, tmp_path):
    """End to end: articles ingested before the user added a village and an alias;
    after regeocode each report is where extracting the article again puts it."""
    from marsad.config import Options
    from marsad.extract import Extractor
    from marsad.pipeline import Pipeline

    texts = {"a1": A_TEXT, "a2": "Regime shelling killed two civilians in Kafr Zeitoun Jadida, east of Homs, "
                                 "on Tuesday."}
    arts = [Article(doc_id=k, text=t, published=date(2024, 5, 22), outlet="Example News") for k, t in texts.items()]
    ex = Extractor(gazetteer=gaz)
    with Pipeline(Options(db=url), extractor=ex, store=store) as pipe:
        for art in arts:
            pipe.process(art)
    (tmp_path / "SY.txt").write_text(DUMP, encoding="utf-8")
    add_geonames(url, str(tmp_path / "SY.txt"))
    (tmp_path / "al.csv").write_text("alias,place,country,latitude,longitude\n"
                                     "Kafr Zeitoun Jadida,Kafr Zeitoun Jadida,SY,34.75,37.05\n", encoding="utf-8")
    add_aliases(url, str(tmp_path / "al.csv"))
    ids_before = [r[:2] for r in _snapshot(store)["events"]]
    gaz2 = Gazetteer.load(read_user_places(url), cities=gaz.cities, places=gaz.places)
    res = regeocode(url, gazetteer=gaz2)
    assert len(res.moved) == 2
    assert [r[:2] for r in _snapshot(store)["events"]] == ids_before
    fresh = Extractor(gazetteer=gaz2, nlp=ex.nlp)
    with store.engine.connect() as conn:
        stored = {r.event_uid: r for r in conn.execute(sa.select(events))}
        words = {r.event_id: (r.start, r.end, r.text) for r in conn.execute(
            sa.select(evidence).where(evidence.c.role == "place"))}
    for art in arts:
        (ev,) = fresh.extract(art)
        got = stored[ev.event_id]
        assert (got.location, got.geo_precision) == (ev.place.location, ev.place.geo_precision)
        assert km(got.latitude, got.longitude, ev.place.latitude, ev.place.longitude) < 0.01
        # the place's evidence moved with it: the words a fresh extraction gives
        (place_words,) = [(v.start, v.end, v.text) for v in ev.evidence if v.role == "place"]
        assert words[got.id] == place_words


# one short report in the style of each of several wars, several places each (written for this test)
WARS = [
    ("Gunmen on motorcycles killed 12 villagers in Kurmin Masara, Kaduna State, on Sunday night, police said. "
    "In a separate attack, two farmers were abducted near Kajuru."),
    ("Jihadists attacked a military post in Boulkessi, in Mali's Mopti region, on Tuesday, killing five soldiers. "
    "The army said it repelled a second attack in Douentza the same day."),
    ("Russian missiles struck Kharkiv on Friday morning, killing three civilians, the regional governor said. "
    "Shelling also hit Kupiansk, wounding one man."),
    ("Houthi forces shelled residential areas of Taiz city on Wednesday, killing a child, local officials said. "
    "Clashes continued east of Marib."),
    ("Al-Shabaab militants ambushed a convoy near Afgoye on Saturday, killing four soldiers. "
    "A roadside bomb later exploded in Mogadishu's Hodan district."),
    ("Regime warplanes bombed Maarat al-Numan in the Idlib countryside on Monday, killing seven people. "
    "Aleppo's western countryside was also shelled."),
]


@pytest.mark.slow
def test_with_nothing_added_nothing_moves(store, url, gaz):
    """Regeocode agrees with extraction: with no place added, every report is found again
    where it is (FA-KES, 804 articles: 2761 of 2763; bench/regeocode_speed.py)."""
    from marsad.config import Options
    from marsad.extract import Extractor
    from marsad.pipeline import Pipeline

    with Pipeline(Options(db=url), extractor=Extractor(gazetteer=gaz), store=store) as pipe:
        for i, text in enumerate(WARS):
            pipe.process(Article(doc_id=f"w{i}", text=text, published=date(2024, 6, 3), outlet="Example Wire"))
    before = _snapshot(store)
    res = regeocode(url, gazetteer=gaz)
    assert res.checked >= len(WARS) and (len(res.moved), res.not_found) == (0, 0)
    assert res.unchanged == res.checked and _snapshot(store) == before


def test_cli_regeocode_of_a_missing_database_fails_in_one_line(tmp_path, capsys):
    from marsad.cli import main
    with pytest.raises(SystemExit) as exit_info:
        main(["regeocode", "--db", str(tmp_path / "nope.db")])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "no database here" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "nope.db").exists()
