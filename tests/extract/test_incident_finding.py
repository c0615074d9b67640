"""Finding the incidents a report tells: recent incidents recalled, armed sides entering a place,
a state's military bombing, incidents told as days before another, follow-ups that say where.

Every sentence here was written for this test, in the style of wire services, local outlets and
army statements from Kenya, Pakistan, the DR Congo, Afghanistan, Somalia, Burkina Faso, Syria
and Myanmar.  One row per case.
"""
from __future__ import annotations

from datetime import date

import pytest

from marsad.records import Article

D = date(2023, 6, 20)   # a Tuesday

# an incident recalled with its date within about three months of publication is still news (coded);
# one recalled from longer ago is history (the coding guide's ~3 months)
RECALLED = [
    ("sy-two-months", date(2023, 8, 9), ("A drone strike killed two men near Idlib on Monday, a monitor said. "
     "On June 11, an air strike on a market in Ariha killed 12 people."), {"Idleb", "Ariha"}),
    ("so-five-months", date(2023, 8, 9), ("Gunmen killed six villagers in Baidoa on Monday, officials said. "
     "On March 2, 40 people were massacred at Beledweyne in a car bombing."), {"Baidoa"}),
]


@pytest.mark.parametrize(("case_id", "published", "text", "places"), RECALLED, ids=[c[0] for c in RECALLED])
def test_a_recent_incident_recalled_is_coded_an_old_one_is_not(extractor, case_id, published, text, places):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=published))
    assert {e.place.location for e in evs} == places


# an armed side entering a named place takes it; a team, a convoy of aid or a minister that enters one does not
ENTERED = [
    ("cd-entered", "Rebel fighters entered Goma on Sunday, residents said.", "Goma", True),
    ("sd-entered", ("Fighters of the paramilitary force, who had surrounded the city since Friday, on Monday "
     "entered Nyala, witnesses said."), "Nyala", True),
    ("sy-un-team", "A UN team entered Idlib on Monday to deliver aid.", None, False),
    ("minister", "The minister entered Parliament on Monday.", None, False),
]


@pytest.mark.parametrize(("case_id", "text", "where", "taken"), ENTERED, ids=[c[0] for c in ENTERED])
def test_armed_fighters_entering_a_place_take_it(extractor, case_id, text, where, taken):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    if taken:
        assert [(e.place.location, e.sub_event_type) for e in evs] == [(where, "Non-state actor overtakes territory")]
    else:
        assert evs == []


# a state's military that "bombed" a place bombed it from the air; militants who bombed a bus planted a bomb
BOMBED = [
    ("mm-military", "The military bombed a gathering in Kanbalu on Monday, killing about 170 people.", "Air/drone strike"),
    ("sd-army", "The army bombed a market in Nyala on Monday, killing 12 people, residents said.", "Air/drone strike"),
    ("pk-militants", "Militants bombed a bus in Quetta on Monday, killing five people.", "Remote explosive/landmine/IED"),
]


@pytest.mark.parametrize(("case_id", "text", "sub_event_type"), BOMBED, ids=[c[0] for c in BOMBED])
def test_who_bombed_tells_how(extractor, case_id, text, sub_event_type):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert [e.sub_event_type for e in evs] == [sub_event_type]
