"""Generic words for state forces and actors of every war: one row per case, sentences
written for these tests in the style of several wars.  A word that names no country
stands for the state forces of the country where the event happens."""
from __future__ import annotations

import pytest

from marsad.extract.actors import ActorMatcher


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.load()


# (sentence, country of the event, [(words, actor)])
GENERIC = [
    ("The army repelled an attack on its base near Boni.", "ML", [("The army", "Military Forces of Mali")]),
    ("Security forces killed five militants in Djibo.", "BF", [("Security forces", "Military Forces of Burkina Faso")]),
    ("The junta's soldiers burned houses in the village.", "MM", [("junta", "Myanmar military")]),
    ("Junta forces shelled the town.", "NE", [("Junta forces", "Military Forces of Niger")]),
    ("Police arrested three suspects in Mandera.", "KE", [("Police", "Police Forces of Kenya")]),
    ("Government forces clashed with al-Shabaab near Afgooye.", "SO",
     [("Government forces", "Military Forces of Somalia"), ("al-Shabaab", "al-Shabaab")]),
    ("Government forces retook the district.", "YE", [("Government forces", "Military Forces of Yemen")]),
    ("The military said it killed bandits in Zamfara.", "NG",
     [("The military", "Military Forces of Nigeria"), ("bandits", "Unidentified Armed Group")]),
    ("Policemen were ambushed on the road.", "PK", [("Policemen", "Police Forces of Pakistan")]),
    ("Gendarmes were killed at a checkpoint.", "BJ", [("Gendarmes", "Police Forces of Benin")]),  # no row: ACLED's name
    ("Government forces shelled rebel positions.", "SY", [("Government forces", "Syrian regime forces")]),
    ("Security forces arrested ISIS members in Kirkuk.", "IQ",
     [("Security forces", "Iraqi security forces"), ("ISIS members", "ISIS")]),
    ("The regime arrested two journalists.", "MM", [("The regime", "Myanmar military"), ("journalists", "Civilians")]),
    ("State Security officers detained him.", "EG", [("State Security", "Military Forces of Egypt")]),
    ("Federal police were attacked in Gondar.", "ET", [("Federal police", "Police Forces of Ethiopia")]),
    ("ISF patrols deployed in Tripoli.", "LB", [("ISF", "Police Forces of Lebanon")]),
    ("ISF patrols deployed in Kirkuk.", "IQ", [("ISF", "Iraqi security forces")]),
    ("Popular Committees clashed with Houthis.", "YE", [("Houthis", "Houthis")]),
    # Syria has several authorities: "security forces" there say nobody until the text says whose
    ("Security forces searched the camp.", "SY", []),
    # "rebels" of one war are nobody in another
    ("Rebels attacked an army post.", "ML", []),
    ("Rebels attacked an army post.", "SY", [("Rebels", "Syrian rebels")]),
    # with no country known, a generic word that is no alias names nobody
    ("The army moved in.", None, []),
]


@pytest.mark.parametrize(("text", "country", "expected"), GENERIC)
def test_generic_words_are_the_state_forces_of_the_event_country(matcher, text, country, expected) -> None:
    assert [(m.text, m.name) for m in matcher.find(text, country=country)] == expected


# named actors of each war, with the country their name leaves no doubt about
WARS = [
    ("Somali National Army troops and AMISOM forces", "SO",
     [("Somali National Army", "Military Forces of Somalia"), ("AMISOM", "ATMIS")]),
    ("Kenya Defence Forces soldiers", "KE", [("Kenya Defence Forces", "Military Forces of Kenya")]),
    ("ISWAP fighters overran a Nigerian army base", "NG",
     [("ISWAP", "ISWAP"), ("Nigerian army", "Military Forces of Nigeria")]),
    ("JNIM and Wagner mercenaries", "ML", [("JNIM", "JNIM"), ("Wagner mercenaries", "Wagner Group")]),
    ("VDP auxiliaries and Burkinabe soldiers", "BF", [("VDP", "VDP"), ("Burkinabe soldiers", "Military Forces of Burkina Faso")]),
    ("the Rapid Support Forces and the Sudanese army", "SD", [("Rapid Support Forces", "RSF"), ("Sudanese army", "SAF")]),
    ("M23 rebels fought FARDC troops", "CD", [("M23 rebels", "M23"), ("FARDC", "Military Forces of the Democratic Republic of Congo")]),
    ("CODECO militiamen attacked a camp", "CD", [("CODECO", "CODECO")]),
    ("al-Shabaab insurgents raided a village in Cabo Delgado", "MZ", [("al-Shabaab", "Islamic State Mozambique")]),
    ("Fano fighters clashed with the ENDF", "ET", [("Fano fighters", "Fano"), ("ENDF", "Military Forces of Ethiopia")]),
    ("Houthi forces and Yemeni government forces", "YE",
     [("Houthi forces", "Houthis"), ("Yemeni government forces", "Military Forces of Yemen")]),
    ("Israeli warplanes struck Hezbollah", "LB", [("Israeli warplanes", "Israel"), ("Hezbollah", "Hezbollah")]),
    ("TTP militants attacked Pakistani security forces", "PK",
     [("TTP militants", "TTP"), ("Pakistani security forces", "Military Forces of Pakistan")]),
    ("Taliban militants attacked a police post in Bannu", "PK", [("Taliban militants", "TTP"), ("police", "Police Forces of Pakistan")]),
    ("Taliban militants attacked a police post in Kunduz", "AF", [("Taliban militants", "Taliban"), ("police", "Police Forces of Afghanistan")]),
    # the Islamic State's province where it fights (ACLED names them apart)
    ("Islamic State fighters overran a base", "NG", [("Islamic State fighters", "ISWAP")]),
    ("Islamic State fighters overran a base", "NE", [("Islamic State fighters", "IS Sahel")]),
    ("IS militants bombed a mosque", "AF", [("IS militants", "ISKP")]),
    ("Islamic State militants beheaded villagers", "MZ",
     [("Islamic State militants", "Islamic State Mozambique"), ("villagers", "Civilians")]),
    ("ISIS militants attacked a checkpoint", "SY", [("ISIS militants", "ISIS")]),
    ("the Taliban and the National Resistance Front", "AF", [("Taliban", "Taliban"), ("National Resistance Front", "NRF")]),
    ("the Arakan Army seized a junta base", "MM", [("Arakan Army", "Arakan Army"), ("junta", "Myanmar military")]),
    ("US forces struck Kataib Hezbollah", "IQ",
     [("US forces", "International Coalition"), ("Kataib Hezbollah", "Kataib Hezbollah")]),
    ("a US airstrike on al-Shabaab", "SO",
     [("US airstrike", "Military Forces of the United States"), ("al-Shabaab", "al-Shabaab")]),
]


@pytest.mark.parametrize(("text", "country", "expected"), WARS)
def test_each_war_names_its_own_actors(matcher, text, country, expected) -> None:
    assert [(m.text, m.name) for m in matcher.find(text, country=country)] == expected


def test_localise_rereads_generic_words_for_the_event_country(matcher) -> None:
    # an article read as Kenyan; the event happens in Somalia
    found = matcher.find("Government forces and police repelled the raid.", country="KE")
    assert [m.name for m in found] == ["Military Forces of Kenya", "Police Forces of Kenya"]
    there = matcher.localise(found, "SO")
    assert [(m.text, m.name) for m in there] == [("Government forces", "Military Forces of Somalia"),
                                                 ("police", "Police Forces of Somalia")]
    assert [(m.start, m.end) for m in there] == [(m.start, m.end) for m in found]
    assert matcher.localise(matcher.find("Rebels attacked.", country="SY"), "ML") == []


def test_every_state_forces_row_names_an_actor_of_the_table(matcher) -> None:
    from marsad.extract.actors import _packaged_state_forces

    missing = [(k, v) for k, v in _packaged_state_forces().items() if v != "-" and v not in matcher.actors]
    assert missing == []
