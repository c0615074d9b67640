"""marsad's own events in the ACLED export: ACLED's actor names and codes, marsad's short
names kept in marsad_actor*, ids that are ISO3 + number and the same in every database."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from marsad.export import export
from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store

SOMALIA = Place("Afgooye", 2.14, 45.12, "Somalia", 706, "SO", "Lower Shabelle", "Afgooye", 1)
MALI = Place("Djiguibombo", 14.35, -3.61, "Mali", 466, "ML", "Mopti", "Bandiagara", 1)
UKRAINE = Place("Dnipro", 48.47, 35.04, "Ukraine", 804, "UA", "Dnipropetrovsk", "", 1)
CONGO = Place("Goma", -1.68, 29.22, "Democratic Republic of the Congo", 180, "CD", "Nord-Kivu", "", 1)

# (actor1, assoc1, actor2, event type, sub-event type, place, date) -> expected ACLED columns
CASES = [
    (("al-Shabaab", "", "Military Forces of Somalia", "Battles", "Armed clash", SOMALIA, date(2024, 3, 9)),
     {"actor1": "Al Shabaab", "inter1": "2", "actor2": "Military Forces of Somalia (2022-)", "inter2": "1",
      "interaction": "12", "civilian_targeting": "", "region": "Eastern Africa", "country": "Somalia",
      "event_id_cnty": "SOM", "disorder_type": "Political violence"}),
    (("JNIM", "Katiba Macina", "Civilians", "Violence against civilians", "Attack", MALI, date(2024, 7, 1)),
     {"actor1": "JNIM: Jama'at Nusrat al-Islam wal-Muslimin", "assoc_actor_1": "Katiba Macina", "inter1": "2",
      "actor2": "Civilians (Mali)", "inter2": "7", "interaction": "27", "civilian_targeting": "Civilian targeting",
      "region": "Western Africa", "event_id_cnty": "MLI"}),
    (("Russia", "", "Civilians", "Explosions/Remote violence", "Shelling/artillery/missile attack", UKRAINE,
      date(2023, 9, 22)),
     {"actor1": "Military Forces of Russia (2000-)", "inter1": "8", "actor2": "Civilians (Ukraine)", "inter2": "7",
      "interaction": "78", "civilian_targeting": "Civilian targeting", "region": "Europe", "event_id_cnty": "UKR"}),
    (("Protesters", "", "", "Protests", "Peaceful protest", CONGO, date(2023, 8, 30)),
     {"actor1": "Protesters (Democratic Republic of Congo)", "inter1": "6", "actor2": "", "inter2": "0",
      "interaction": "60", "country": "Democratic Republic of Congo", "region": "Middle Africa",
      "disorder_type": "Demonstrations", "admin3": "", "source_scale": "", "tags": ""}),
]


def _save(store: Store) -> None:
    for i, ((a1, as1, a2, etype, sub, place, day), _) in enumerate(CASES):
        text = f"Report {i}: something happened in {place.location}."
        art = Article(doc_id=f"w-{i}", text=text, published=day, outlet="Test Wire")
        ev = Event(doc_id=art.doc_id, event_type=etype, sub_event_type=sub, event_date=day, actor1=a1,
                   assoc_actor_1=as1, actor2=a2, place=place, fatalities=1, source="Test Wire",
                   evidence=[Evidence(text, 0, len(text))])
        store.save_article(art, [ev])


def _rows(store: Store) -> dict[str, dict[str, str]]:
    out = io.StringIO()
    export(store.engine, "acled-csv", out)
    return {r["marsad_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}


def test_marsad_events_carry_acleds_names_and_codes(store: Store) -> None:
    _save(store)
    rows = _rows(store)
    for i, ((a1, as1, a2, *_), want) in enumerate(CASES):
        row = rows[f"w-{i}:0"]
        got = {k: row[k][:3] if k == "event_id_cnty" else row[k] for k in want}
        assert got == want
        assert (row["marsad_actor1"], row["marsad_assoc_actor_1"], row["marsad_actor2"]) == (a1, as1, a2)
        assert row["event_id_cnty"][3:].isdigit()


def test_event_ids_are_the_same_in_every_database(tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        with Store.open(f"sqlite:///{tmp_path}/{name}.db") as store:
            _save(store)
            ids.append({k: r["event_id_cnty"] for k, r in _rows(store).items()})
    assert ids[0] == ids[1] and len(set(ids[0].values())) == len(CASES)


def test_geojson_keeps_marsads_names_as_the_api_does(store: Store) -> None:
    import json

    _save(store)
    out = io.StringIO()
    export(store.engine, "geojson", out)
    props = {f["properties"]["marsad_id"]: f["properties"] for f in json.loads(out.getvalue())["features"]}
    congo = props["w-3:0"]
    assert (congo["actor1"], congo["acled_actor1"]) == ("Protesters", "Protesters (Democratic Republic of Congo)")
    assert congo["country"] == "Democratic Republic of the Congo"      # as stored, as /api/geojson gives it
    assert props["w-0:0"]["acled_actor2"] == "Military Forces of Somalia (2022-)"
