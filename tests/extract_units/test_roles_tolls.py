"""The state behind a weapon and the toll of an incident, on phrases written for these tests."""
from __future__ import annotations

import pytest

from marsad.extract.casualties import find_casualties
from marsad.extract.roles import find_state_weapons, weapon_nouns
from marsad.extract.tolls import incident_toll, side_of, toll_sides

DEMONYMS = {"russian": "RU", "ukrainian": "UA", "israeli": "IL", "turkish": "TR", "sudanese": "SD"}

WEAPONS = [
    # (phrase, [(country, use, stopped)])
    ("Russian shelling hit the market", [("RU", "strike", False)]),
    ("an Israeli air strike on a car", [("IL", "strike", False)]),
    ("Turkish fighter jets bombed the hills", [("TR", "strike", False)]),
    ("a Russian cruise missile struck the port", [("RU", "strike", False)]),
    ("Ukrainian air defences shot down the drones", [("UA", "defence", False)]),
    ("troops shot down a Russian drone", [("RU", "strike", True)]),
    ("two Russian drones were intercepted over Kyiv", [("RU", "strike", True)]),
    ("drones struck Russian artillery near the river", []),          # the target, not the user
    ("the Russian ambassador said", []),                             # no weapon
    ("Sudanese refugees fled the bombing", []),                      # not "<demonym> <weapon>"
    ("junta aircraft bombed the village", [("", "strike", False)]),   # the state of the place
    ("regime warplanes struck the town", [("", "strike", False)]),
    ("militants attacked an army convoy with drones", []),
]


@pytest.mark.parametrize(("text", "want"), WEAPONS, ids=[w[0] for w in WEAPONS])
def test_state_behind_weapon(text, want):
    got = [(w.country_code, w.use, w.stopped) for w in find_state_weapons(text, 0, len(text), DEMONYMS)]
    assert got == want


def test_weapon_and_side_tables_load():
    assert weapon_nouns()["air defence"] == "defence" and weapon_nouns()["shelling"] == "strike"
    assert toll_sides()["gunmen"] == "attackers" and toll_sides()["villagers"] == "attacked"
    assert side_of("Kenyan police officers") == "attacked" and side_of("suspected bandits") == "attackers"
    assert side_of("") is None


TOLLS = [
    # (text, (killed, injured, claimed))
    ("Bandits killed 11 villagers in Maru. Four of the bandits were killed by vigilantes.", (15, None, None)),
    ("Five soldiers were killed. The death toll later rose to seven soldiers.", (7, None, None)),
    ("The blast killed at least nine people and wounded 20.", (9, 20, None)),
    ("Militants killed about 30 civilians. The group claimed it killed 60 soldiers.", (30, None, 60)),
    ("The group said it had killed dozens of soldiers.", (12, None, None)),            # the only figure
    ("Five soldiers died. Commanders said that the army killed 100 militants.", (5, None, 100)),
    ("Three people were killed. The death toll later rose to 30.", (30, None, None)),         # a restated toll
    ("More than 40 people were killed and at least 12 wounded.", (40, 12, None)),
    ("Three soldiers were killed. A civilian was also killed.", (4, None, None)),
]


@pytest.mark.parametrize(("text", "want"), TOLLS, ids=[t[0][:40] for t in TOLLS])
def test_incident_toll(text, want):
    assert incident_toll(text, find_casualties(text), [(0, len(text))], {"attack"}) == want


def test_a_running_total_in_a_later_sentence_is_not_the_incidents_toll():
    text = "Two soldiers were killed in Kidal. More than 80 soldiers have died there this year."
    spans = [(0, 34), (35, len(text))]
    assert incident_toll(text, find_casualties(text), spans, {"attack"}) == (2, None, None)
    text = "Three people were killed in Goma. The death toll later rose to 30."
    assert incident_toll(text, find_casualties(text), [(0, 33), (34, len(text))], {"attack"})[0] == 30
