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
    ("three US air strikes hit the depot", [("US", "strike", False)]),    # abbreviations, as written
    ("a U.S. drone strike near Jilib", [("US", "strike", False)]),
    ("residents told us the shelling went on", []),                     # "us" the pronoun
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


# (text, spans as sentence numbers: the incident's own first, killed)
SPANNED = [
    # a count to date in a later sentence is no part of the incident's toll, even when small
    ("Troops shot dead four gunmen in Kunduz. Since January 13 police officers have been killed in the province.",
     [0, 1], 4),
    ("Police killed two robbers in Kano. Nine people have died in such raids so far.", [0, 1], 2),
    # ... but a later figure restating the toll still counts
    ("Three villagers were killed in Beni. The toll has risen to five.", [0, 1], 5),
    # a total told before the incident's own count belongs to several incidents
    ("Air strikes on two homes in Rafah killed 17 people. Eleven people were killed in the first strike.",
     [1, 0], 11),
    ("Shelling of two districts of Kharkiv killed nine. A market was hit, killing four people.", [1, 0], 4),
    # with no count of its own, the incident keeps the total told before
    ("Air strikes on two homes in Rafah killed 17 people. The first strike hit the Nasser family home.",
     [1, 0], 17),
]


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for k, ch in enumerate(text):
        if ch == "." and (k + 1 == len(text) or text[k + 1] == " "):
            out.append((start, k + 1))
            start = k + 2
    return out


@pytest.mark.parametrize(("text", "order", "killed"), SPANNED, ids=[t[0][:40] for t in SPANNED])
def test_toll_over_sentences(text, order, killed):
    sents = _sentences(text)
    got = incident_toll(text, find_casualties(text), [sents[k] for k in order], {"attack"})
    assert got[0] == killed


def test_a_dateline_date_is_no_count():
    text = "GOMA, 31 Aug 2023\nAt least six protesters and one policeman were killed on Wednesday."
    assert [c.count for c in find_casualties(text) if c.kind == "killed"] == [7]
    text = "By Reuters\n12 Sep 2024\nGunmen killed four villagers in Oicha on Tuesday."
    assert [c.count for c in find_casualties(text) if c.kind == "killed"] == [4]
