"""Sentence-level rules: live triggers, place chains, grouping, coordination, background."""
from __future__ import annotations

from datetime import date

from marsad.extract import incidents as inc
from marsad.extract.taxonomy import TriggerLexicon
from marsad.records import Place

LEX = TriggerLexicon.load()


def _sent(text: str) -> inc.Sentence:
    return inc.Sentence(0, len(text), 0)


def _live(text: str, day_date: bool = False) -> list[str]:
    return [t.text for t in inc.live_triggers(text, _sent(text), LEX.find(text), [], day_date)]


def test_modal_warning_and_negation_cancel_triggers():
    assert _live("Observers warned that ISIS could attack the prison.") == []
    assert _live("The device was intended to target civilians.") == []
    assert _live("No one was killed.") == []
    assert "attacked" in _live("ISIS attacked the prison on May 17.")


def test_generic_statements_open_nothing():
    assert _live("ISIS has intensified its attacks on security forces.") == []
    assert _live("The group continues to carry out ambushes, assassinations and bombings.") == []
    assert _live("The SDF is supported by the coalition and fought them in Raqqa.") == []


def test_history_opens_nothing():
    assert _live("Since 2017, the militants have attacked the town.") == []


def test_pluperfect_recollection_is_background_but_reported_speech_is_not():
    assert _live("He had been wounded in an earlier battle.") == []
    assert _live("Al-Ahmad reported that ISIS had kidnapped three members.") != []


def test_may_the_month_is_not_a_modal():
    assert _live("SANA reported that on May 18, seven operatives escaped from Al-Hawl prison.")


def _place(text: str, word: str, precision: int = 1, lat: float = 35.0) -> Place:
    i = text.index(word)
    return Place(location=word, latitude=lat, longitude=40.0, geo_precision=precision, admin1="X",
                 country="Syria", country_code="SY", mention=word, start=i, end=i + len(word))


def test_place_chains_and_grouping_split_two_incidents():
    text = ("ISIS detonated an explosive device in the village of Tal Uthman outside Raqqa, "
            "and targeted an SDF vehicle in the town of Jadid, east of Deir.")
    places = [_place(text, w) for w in ("Tal Uthman", "Raqqa", "Jadid", "Deir")]
    chains = inc.place_chains(text, places)
    assert [[p.location for p in c] for c in chains] == [["Tal Uthman", "Raqqa"], ["Jadid", "Deir"]]
    groups = inc.group_triggers(text, LEX.find(text), chains)
    assert [idx for _, idx in groups] == [0, 1]


def test_road_ends_rank_below_the_place_of_the_incident():
    text = "ISIS ambushed a bus on the Palmyra-Deir road near Sukhnah."
    chain = [_place(text, "Palmyra"), _place(text, "Deir"), _place(text, "Sukhnah", precision=2)]
    assert inc.best_place(text, chain).location == "Sukhnah"


def test_only_road_ends_gives_the_last_end_near_it():
    text = "A bomb hit a patrol on the Aleppo-Raqqa road."
    chain = [_place(text, "Aleppo"), _place(text, "Raqqa")]
    best = inc.best_place(text, chain)
    assert best.location == "Raqqa" and best.geo_precision == 2


def test_coordinated_places_are_one_event_each_but_between_is_one_place():
    text = "Clashes in Hama and Homs."
    chain = inc.place_chains(text, [_place(text, "Hama"), _place(text, "Homs", lat=34.7)])[0]
    assert [p.location for p in inc.coordinated(text, chain, chain[0])] == ["Homs"]
    text2 = "Clashes between Hama and Homs."
    chain2 = inc.place_chains(text2, [_place(text2, "Hama"), _place(text2, "Homs", lat=34.7)])[0]
    assert inc.coordinated(text2, chain2, chain2[0]) == []


def test_a_village_placed_at_the_town_named_with_it_is_no_list():
    # "Tindikoro, Mopti": the village the gazetteer lacks took Mopti's point; one place, not two
    text = "Gunmen attacked Tindikoro, Mopti on Monday."
    village = _place(text, "Tindikoro")
    village.placed_at = "Mopti"
    chain = inc.place_chains(text, [village, _place(text, "Mopti", lat=14.5)])[0]
    assert inc.coordinated(text, chain, chain[0]) == []
    village.placed_at = ""                     # two places the gazetteer knows: one event each
    assert [p.location for p in inc.coordinated(text, chain, chain[0])] == ["Mopti"]


def test_background_dates():
    pub = date(2020, 5, 21)
    assert inc.is_background(date(2019, 3, 1), 3, pub)
    assert not inc.is_background(date(2020, 5, 17), 1, pub)
    assert inc.is_background(date(2015, 1, 1), 4, pub)
