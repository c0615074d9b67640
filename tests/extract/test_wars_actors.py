"""Whole sentences of several wars through the extractor: generic words for state forces
are the forces of the event's country, and notes say when, who, what, where and the toll.
Sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.acled import extract_row
from marsad.records import Article

# (sentence, actor1, actor2, location, fatalities, note begins)
CASES = [
    ("Government forces clashed with Houthi fighters in Marib, Yemen, on Sunday, killing four.",
     "Military Forces of Yemen", "Houthis", "Marib", 4, "On 9 June 2024, Military Forces of Yemen clashed with Houthis"),
    ("Security forces killed five al-Shabaab militants in an operation near Afgooye in Somalia on Monday.",
     "Military Forces of Somalia", "al-Shabaab", "Afgooye", 5, "On 10 June 2024, Military Forces of Somalia"),
    ("Police said gunmen killed three villagers in Zamfara state, Nigeria, on Friday.",
     "Unidentified Armed Group (Nigeria)", "Civilians", "Zamfara", 3,
     "On 14 June 2024, an unidentified armed group attacked"),
    ("The junta's aircraft bombed a village in Sagaing region, Myanmar, on Wednesday, killing nine civilians.",
     "Myanmar military", "Civilians", "Sagaing", 9, "On 12 June 2024, Myanmar military carried out an air"),
]


@pytest.mark.parametrize(("text", "actor1", "actor2", "location", "killed", "note"), CASES)
def test_state_forces_of_the_event_country(extractor, text, actor1, actor2, location, killed, note) -> None:
    (e,) = extractor.extract(Article(doc_id="w", text=text, published=date(2024, 6, 14), outlet="Test Wire"))
    assert (e.actor1, e.actor2, e.place.location, e.fatalities) == (actor1, actor2, location, killed)
    assert not any("Syria" in n for n in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2))
    assert e.notes.startswith(note) and e.notes.endswith(f"{killed} people were reported killed, according to "
                                                         f"{e.source}.")
    row = extract_row(e)
    assert row["event_id_cnty"][:3] == {"YE": "YEM", "SO": "SOM", "NG": "NGA", "MM": "MMR"}[e.place.country_code]


@pytest.mark.parametrize("text", [
    ("Gunmen killed seven villagers overnight in a raid on Oicha, in Congo's North Kivu province, local officials "
    "said on Tuesday. Police also put the death toll at seven."),
    ("Gunmen killed seven villagers overnight in an attack on Oicha, in Congo's North Kivu province, local "
    "officials said on Tuesday. The UN peacekeeping force said it had sent troops."),
])
def test_who_gives_the_toll_is_a_source_not_a_party(extractor, text) -> None:
    (e,) = extractor.extract(Article(doc_id="w", text=text, published=date(2024, 6, 14), outlet="Test Wire"))
    assert (e.actor1, e.actor2, e.assoc_actor_2) == (
        "Unidentified Armed Group (Democratic Republic of the Congo)", "Civilians", "")
    assert e.fatalities == 7 and "local officials" in e.source


# the state's posts and sites are the state's forces: "attacked government positions",
# "an attack on pro-government sites", "stormed a military outpost"
@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("Al-Shabaab fighters attacked government positions near Afgooye, Somalia, on Monday.",
     "al-Shabaab", "Military Forces of Somalia"),
    ("Houthi fighters launched an attack on pro-government sites near Marib, Yemen, on Sunday.",
     "Houthis", "Military Forces of Yemen"),
    ("Taliban fighters stormed a government checkpoint in Helmand, Afghanistan, on Friday.",
     "Taliban", "Military Forces of Afghanistan"),
])
def test_state_posts_are_the_state_forces(extractor, text, actor1, actor2) -> None:
    (e,) = extractor.extract(Article(doc_id="p", text=text, published=date(2024, 6, 14), outlet="Test Wire"))
    assert (e.actor1, e.actor2) == (actor1, actor2)


# a headline says who died, the body who acted: the body's roles win when the two are merged
@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    (("Al-Shabaab member killed south of Afgooye in Lower Shabelle\n\nAn al-Shabaab member was killed during "
      "an attack on the Somali army's checkpoint south of Afgooye in Lower Shabelle region."),
     "al-Shabaab", "Military Forces of Somalia"),
    (("Taliban member killed north of Lashkar Gah in Helmand\n\nA Taliban member was killed during an attack "
      "on the Afghan army's checkpoint north of Lashkar Gah in Helmand province."),
     "Taliban", "Military Forces of Afghanistan"),
    (("ISWAP member killed south of Bama in Borno\n\nAn ISWAP member was killed during an attack on the "
      "Nigerian army's checkpoint south of Bama in Borno state."), "ISWAP", "Military Forces of Nigeria"),
])
def test_body_roles_over_the_headline(extractor, text, actor1, actor2) -> None:
    (e,) = extractor.extract(Article(doc_id="t", text=text, published=date(2024, 6, 14), outlet="Test Wire"))
    assert (e.actor1, e.actor2) == (actor1, actor2)
