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


# a round-up names each place with the area that holds it: one event per place, not a summary
ROUND_UPS = [
    ("af-fallen", ("Government forces abandoned district centres overnight, officials said on Monday. The "
     "fallen districts are Obe in Herat, Saghar in Ghor, Khan Abad in Kunduz, Arghandab in Zabul and "
     "Lash-e Juwayn in Farah."), {"Obeh", "Saghar", "Khanabad", "Arghandab", "Lash-e Juwayn"}),
    ("af-fell-to", ("The districts that fell to the Taliban on Sunday are Saghar in Ghor, Obe in Herat, "
     "Sayad in Sar-e Pul and Lash-e Juwayn in Farah, provincial councillors said."),
     {"Obeh", "Saghar", "Sayad", "Lash-e Juwayn"}),
]


@pytest.mark.parametrize(("case_id", "text", "places"), ROUND_UPS, ids=[c[0] for c in ROUND_UPS])
def test_a_round_up_is_one_event_per_place(extractor, case_id, text, places):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=date(2021, 6, 14)))
    assert places <= {e.place.location for e in evs}, [(e.place.location, e.sub_event_type) for e in evs]
    assert all(e.event_type in ("Battles", "Strategic developments") for e in evs)


# "... comes a week after <another incident>": two incidents, the second that long before the first
# (id, published, text, {place: (date, fatalities)})
EARLIER_BY = [
    ("pk-week-after", date(2024, 11, 17), ("Militants attacked a police post in Turbat on Saturday, killing "
     "seven soldiers, a week after the same group killed 26 people at a railway station in Quetta."),
     {"Turbat": (date(2024, 11, 16), 7), "Quetta": (date(2024, 11, 9), 26)}),
    ("ng-two-days", date(2023, 6, 20), ("Gunmen killed five farmers in Gusau on Monday. The attack came two "
     "days after bandits abducted 20 villagers in Maru."),
     {"Gusau": (date(2023, 6, 19), 5), "Maru": (date(2023, 6, 17), None)}),
    ("sy-days-after", date(2023, 6, 20), ("A drone strike hit a car near Idlib on Sunday, killing two men, "
     "three days after shelling killed four civilians in Ariha."),
     {"Idleb": (date(2023, 6, 18), 2), "Ariha": (date(2023, 6, 15), 4)}),
    ("ua-appositive", date(2023, 6, 20), ("A Russian drone struck a fuel depot in Odesa on Monday, officials said. "
     "This comes a week after the head of the regional council, Oleh Kiper, survived a missile strike in Mykolaiv."),
     {"Odesa": (date(2023, 6, 19), None), "Mykolaiv": (date(2023, 6, 12), None)}),
]


@pytest.mark.parametrize(("case_id", "published", "text", "want"), EARLIER_BY, ids=[c[0] for c in EARLIER_BY])
def test_an_incident_told_as_days_before_another(extractor, case_id, published, text, want):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=published))
    got = {e.place.location: (e.event_date, e.fatalities) for e in evs}
    assert got == want


def test_days_after_the_attack_itself_is_no_other_incident(extractor):
    text = ("Gunmen killed five farmers in Gusau on Monday. Two days after the attack, police arrested "
            "three suspects in Gusau.")
    evs = extractor.extract(Article(doc_id="after-it", text=text, published=date(2023, 6, 22)))
    assert all(e.event_date != date(2023, 6, 17) for e in evs)
    text = "Two days after the vote, gunmen attacked a polling station in Gusau on Monday."
    (e,) = extractor.extract(Article(doc_id="after-vote", text=text, published=date(2023, 6, 20)))
    assert e.event_date == date(2023, 6, 19)


def test_an_army_statement_listing_operations_dates_each_by_its_own_clause(extractor):
    text = ("The army said its troops killed 15 militants in Dikwa on Monday, destroyed a camp in Gwoza on Tuesday "
            "and arrested three suspects in Bama on Wednesday.")
    evs = extractor.extract(Article(doc_id="ng-ops", text=text, published=date(2023, 6, 22)))
    got = {e.place.location: e.event_date for e in evs}
    assert got.get("Dikwa") == date(2023, 6, 19) and got.get("Bama") == date(2023, 6, 21), got


def test_two_incidents_on_two_days_in_one_sentence(extractor):
    text = ("Al-Shabaab attacked a base in Baidoa on Saturday, and on Monday a roadside bomb killed three soldiers "
            "near Afgooye.")
    evs = extractor.extract(Article(doc_id="so-two", text=text, published=date(2023, 6, 22)))
    assert {e.place.location: e.event_date for e in evs} == {"Baidoa": date(2023, 6, 17), "Afgooye": date(2023, 6, 19)}


# a claim that tells an act of its own at another place is another incident; a claim of the same act is not
CLAIMED_ACTS = [
    ("lb-claim-other", ("An Israeli air strike hit a house in Bint Jbeil on Monday, killing two people. Hezbollah "
     "claimed responsibility for targeting an Israeli position near Metula."), ["Bent Jbeil", "Metula"]),
    ("iq-claim-same", ("A bomb exploded at a church in Mosul on Sunday, killing five people. ISIS claimed "
     "responsibility for bombing the church in Mosul."), ["Mosul"]),
]


@pytest.mark.parametrize(("case_id", "text", "places"), CLAIMED_ACTS, ids=[c[0] for c in CLAIMED_ACTS])
def test_a_claim_of_another_act_is_another_incident(extractor, case_id, text, places):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert [e.place.location for e in evs] == places


# a lead that names only the region and a body sentence that names the village, with the same toll,
# tell one incident, however large the region (its centre may lie 100 km and more from the village)
REGION_THEN_VILLAGE = [
    ("ne-tillaberi", ("NIAMEY (AFP) - Jihadists killed eleven soldiers in an attack on an army post in Niger's "
                      "Tillaberi region overnight, the defence ministry said on Wednesday.\nGunmen on motorbikes "
                      "attacked the post in Ayorou on Tuesday night, killing eleven soldiers, the ministry said."),
     "Ayorou"),
]


@pytest.mark.parametrize(("case_id", "text", "village"), REGION_THEN_VILLAGE, ids=[c[0] for c in REGION_THEN_VILLAGE])
def test_a_region_lead_and_a_village_body_with_one_toll_are_one_incident(extractor, case_id, text, village):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=date(2024, 3, 6)))
    assert [(e.place.location, e.place.geo_precision) for e in evs] == [(village, 1)]


# a later sentence that points back ("the attack", "the ambush") at the same place, with no day of its
# own, tells the incident before again; it is no second incident dated the day of publication
TOLD_AGAIN = [
    ("ml-ambush", ("Jihadists killed 17 soldiers on Sunday in an ambush near Douentza, Malian army sources said.\n"
                   "The bodies of five missing soldiers were found on Tuesday, a security source said.\n"
                   "On Wednesday, JNIM claimed responsibility for the attack.\n"
                   "The ambush on the convoy took place near the town of Douentza, in the Mopti region.")),
    ("so-base", ("Al Shabaab fighters attacked an army base near Baidoa on Saturday, killing nine Somali soldiers, "
                 "officials said.\nThe toll rose to 12 on Monday, a military officer said on Tuesday.\n"
                 "The attack on the base near Baidoa lasted several hours.")),
]


@pytest.mark.parametrize(("case_id", "text"), TOLD_AGAIN, ids=[c[0] for c in TOLD_AGAIN])
def test_a_sentence_pointing_back_at_the_same_place_is_the_same_incident(extractor, case_id, text):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=date(2023, 6, 22)))
    assert len(evs) == 1 and evs[0].event_date < date(2023, 6, 19)


# a statement that attacks "remain rife" or "are common" describes a trend, not an incident
@pytest.mark.parametrize(("sentence", "generic"), [
    ("The colonels who seized power in 2021 vowed to crush the insurgency, but attacks remain rife.", True),
    ("Troops stormed bandit camps last year, but kidnappings are rife in Zamfara.", True),
    ("Roadside bombings remain common on the highway to Kandahar.", True),
    ("Gunmen killed 12 villagers in Bankass on Monday, officials said.", False),
])
def test_a_trend_statement_is_no_incident(sentence, generic):
    from marsad.extract import incidents as inc

    assert inc.is_generic(sentence, inc.Sentence(0, len(sentence), 0)) is generic


# the side that attacked tells the same attack again ("We attacked the base near X"): one incident
@pytest.mark.parametrize("text", [
    ("Al Shabaab fighters attacked a military base on the outskirts of Jowhar on Friday, killing seven Somali "
     "soldiers, an officer said.\n“We fiercely attacked the military base near Jowhar,” the group's spokesman "
     "told reporters."),
    ("Gunmen ambushed an army convoy near Djibo on Sunday, killing 11 soldiers, Burkinabe security sources said.\n"
     "“Our fighters destroyed the convoy near Djibo,” the group said in a statement."),
])
def test_the_attackers_telling_the_attack_again_is_the_same_incident(extractor, text):
    evs = extractor.extract(Article(doc_id="claim", text=text, published=D))
    assert len(evs) == 1
