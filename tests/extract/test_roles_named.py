"""Who acted and against whom when the text names a side by a common noun, by the group it
belongs to, by a word for a state to be, or by a former membership.

Sentences written for these tests, in the style of reporting from Syria, Nigeria, the Sahel,
Mozambique, Somalia and Kenya, Myanmar and Sudan.  One row per rule: (id, text, expected fields
of the event at ``place``, or of the only event).
"""
from __future__ import annotations

from datetime import date

import pytest

from marsad.records import Article

D = date(2024, 6, 14)   # a Friday

# the group named after a common noun is the side that acted: "rebels from HTS", "militants loyal to IS"
BELONGS = [
    ("sy-from", "Jihadist rebels from Hayat Tahrir al-Sham shelled army positions near Kafr Nabl, Syria, on Wednesday.",
     {"actor1": "HTS", "actor2": "Military Forces of Syria"}),
    ("mz-loyal", ("Militants loyal to the Islamic State group beheaded three villagers in Mocimboa da Praia, "
     "Mozambique, on Sunday."), {"actor1": "Islamic State Mozambique", "actor2": "Civilians", "fatalities": 3}),
    ("ke-linked", "Gunmen linked to al-Shabaab killed two teachers in Mandera, Kenya, on Tuesday.",
     {"actor1": "al-Shabaab", "actor2": "Civilians", "fatalities": 2}),
    ("ml-affiliated", ("Fighters affiliated with JNIM attacked an army post in Boni, Mali, on Thursday, killing "
     "seven soldiers."), {"actor1": "JNIM", "actor2": "Military Forces of Mali", "fatalities": 7}),
]

# "the Islamic State group" is the province of the war it fights in; "an Islamic state" is no group
THEATRE = [
    ("ng-province", ("Militants belonging to the Islamic State group killed six soldiers in an attack on a base "
     "in Damboa, Nigeria, on Sunday."), {"actor1": "ISWAP", "actor2": "Military Forces of Nigeria"}),
    ("bf-isil", ("Fighters of ISIL attacked a gendarmerie post in Djibo, Burkina Faso, on Monday, killing "
     "five gendarmes."), {"actor1": "IS Sahel"}),
    ("so-polity", ("The group is fighting to establish an Islamic state in Somalia. Militants attacked a police "
     "post in Afgooye, Somalia, on Friday."), {"actor1": "Unidentified Armed Group (Somalia)",
                                                "actor2": "Police Forces of Somalia"}),
]

# people who left an armed group are civilians; a group only said to be active nearby is no party
NO_PARTY = [
    ("sy-former", "Two former rebels were shot dead by unknown gunmen in Daraa, Syria, on Tuesday.",
     {"actor1": "Unidentified Armed Group (Syria)", "actor2": "Civilians", "sub_event_type": "Attack",
      "fatalities": 2}),
    ("sy-former-regime", "Remnants of the former regime attacked an army post in Latakia, Syria, on Thursday.",
     {"actor1": "Syrian regime forces"}),                  # a group, not its former members
    ("ml-active", ("The attack took place on Monday in Ogossagou village in the Mopti region, Mali, where groups "
     "linked to al-Qaeda and ISIL have been active for years, killing 30 people."),
     {"actor1": "Unidentified Armed Group (Mali)", "actor2": "Civilians", "fatalities": 30}),
    ("ne-operate", ("Gunmen stormed a church in Tillaberi, Niger, an area where Islamic State fighters operate, "
     "killing five worshippers on Sunday."), {"actor1": "Unidentified Armed Group (Niger)",
                                               "actor2": "Civilians"}),
]

# "the ethnic army", "the militant group": the side named before acts again; an ethnic army is no state
ANAPHOR = [
    ("mm-ethnic", ("The Kachin Independence Army attacked a junta outpost in Bhamo, Myanmar, on Sunday. The "
     "ethnic army attacked another junta base in Momauk, Myanmar, on Monday."),
     {"place": "Momauk", "actor1": "KIA", "actor2": "Myanmar military"}),
    ("mm-anaphor-first", ("The Kachin Independence Army attacked a junta outpost in Bhamo, Myanmar, on Sunday. The "
     "ethnic army seized the junta's base in Momauk, Myanmar, on Monday, despite the junta's resistance."),
     {"place": "Momauk", "actor1": "KIA", "actor2": "Myanmar military"}),
    ("mm-aa", ("The Arakan Army has taken full control of a junta battalion headquarters in Paletwa, Myanmar, it "
     "said on Wednesday. The AA also attacked a police outpost in Maungdaw, Myanmar, on Monday."),
     {"place": "Maungdaw", "actor1": "Arakan Army"}),
    ("mm-full-control", ("The Arakan Army has taken full control of a junta battalion headquarters in Paletwa, Myanmar, "
     "it said on Wednesday."), {"actor1": "Arakan Army", "sub_event_type": "Non-state actor overtakes territory"}),
    ("so-group", ("Al-Shabaab fighters ambushed a convoy in Afgooye, Somalia, on Friday, killing four soldiers. "
     "The militant group also attacked a police station in Wanlaweyn, Somalia, on Friday."),
     {"place": "Wanlaweyn", "actor1": "al-Shabaab", "actor2": "Police Forces of Somalia"}),
]

# "fighting between X and Y": both sides fought, the first named is actor1
BETWEEN = [
    ("so-between", "Heavy fighting between al-Shabaab and Somali forces was reported in Bulo Burde, Somalia, on Tuesday.",
     {"actor1": "al-Shabaab", "actor2": "Military Forces of Somalia", "sub_event_type": "Armed clash"}),
    ("et-federal", "Fighting erupted between Fano militia and federal forces in Bahir Dar, Ethiopia, on Monday, killing 12.",
     {"actor1": "Fano", "actor2": "Military Forces of Ethiopia", "fatalities": 12}),
    ("pk-exchange", ("Residents reported an exchange of fire between TTP militants and Pakistani troops in Bannu, "
     "Pakistan, on Friday."), {"actor1": "TTP", "actor2": "Military Forces of Pakistan"}),
    # the place between the fighting and its sides does not cut the pair apart
    ("sd-place-first", ("Fighting broke out in Omdurman, Sudan, between the army and the RSF on Saturday, and "
     "lasted for hours."), {"actor1": "SAF", "actor2": "RSF"}),
]

# a side that says the dead were its own is the side attacked, in the sentence after the incident's
OWN_DEAD = [
    ("lb-own", ("An Israeli drone strike on a car near Bint Jbeil on Monday killed two men. Hezbollah said in a "
     "statement that the dead were two of its fighters."), {"actor1": "Israel", "actor2": "Hezbollah", "fatalities": 2}),
]

# an incident told without a place, placed by the next sentence ("The attack took place on Sunday in X"),
# keeps its own sentence's toll, actors and kind of violence
PLACED_AFTER = [
    ("ng-placed", ("Unidentified gunmen killed about 25 people in an attack on a village in northwestern Nigeria, "
     "officials said. The attack took place on Sunday in Kurmi village in Zamfara state."),
     {"actor1": "Unidentified Armed Group (Nigeria)", "actor2": "Civilians", "sub_event_type": "Attack",
      "fatalities": 25}),
    ("bf-placed", ("Militants ambushed an army patrol in the country's north, killing six soldiers, the army said. "
     "The ambush happened on Tuesday near Djibo, Burkina Faso."),
     {"actor1": "Unidentified Armed Group (Burkina Faso)", "actor2": "Military Forces of Burkina Faso",
      "fatalities": 6, "event_date": date(2024, 6, 11)}),
]

# a place that changed hands told from the side that lost it: "abandoned", "were pushed out of", "fell to"
LOST = [
    ("af-pushed", ("Afghan government forces abandoned or were pushed out of the district centre of Saghar in Ghor "
     "province on Sunday as Taliban fighters gained ground, officials said."),
     {"actor1": "Taliban", "actor2": "Military Forces of Afghanistan",
      "sub_event_type": "Non-state actor overtakes territory"}),
    ("mz-fell", "The town of Macomia in Cabo Delgado, Mozambique, fell to the insurgents on Wednesday.",
     {"sub_event_type": "Non-state actor overtakes territory"}),
    ("ml-captured-by", "The town of Tessit, Mali, was briefly captured by JNIM fighters on Sunday, residents said.",
     {"actor1": "JNIM", "sub_event_type": "Non-state actor overtakes territory"}),
]

# the state behind an abbreviated weapon ("US air strikes") acts; the same words name no target
ABBREVIATED = [
    ("iq-us", ("Sources said at least 18 militia fighters were killed following three US air strikes in al-Qaim, "
     "Iraq, on Sunday."), {"actor1": "Military Forces of the United States", "actor2": "", "fatalities": 18}),
    ("so-us", "A U.S. drone strike killed two al-Shabaab commanders near Jilib, Somalia, on Tuesday.",
     {"actor1": "Military Forces of the United States", "actor2": "al-Shabaab"}),
]

# "cited the army as saying": a source, not the side attacked; a weapon "fired from" somewhere by nobody named
SOURCES = [
    ("il-cited", ("Israeli media cited the Israeli army as saying that several rockets were launched from Lebanon "
     "towards Kiryat Shmona on Friday."), {"actor1": "Unidentified Armed Group (Israel)", "actor2": ""}),
    ("ua-quoted", ("Ukrainian media quoted the Ukrainian military as saying that two missiles were fired from Belgorod "
     "at Kharkiv, Ukraine, on Monday."), {"actor2": ""}),
]

# where the aircraft flew from is not where the strike was
ORIGIN = [
    ("ng-origin", ("Fighter jets launched from Maiduguri struck fleeing militants near Bama, Nigeria, on Sunday, the "
     "air force said."), {"place": "Bama", "sub_event_type": "Air/drone strike"}),
    ("ml-origin", ("Helicopter gunships taking off from Gao carried out air strikes on a militant convoy near Menaka, "
     "Mali, on Tuesday."), {"place": "Menaka", "sub_event_type": "Air/drone strike"}),
]

# a side that says it acted, or claims an incident, is actor1; one that says it lost men is actor2
SAID = [
    ("ml-behind", ("JNIM said it was behind an attack on a military camp in Diallassagou, Mali, on Friday that killed "
     "14 soldiers."), {"actor1": "JNIM", "actor2": "Military Forces of Mali", "fatalities": 14}),
    ("af-claimed-killing", ("The Taliban claimed the killing of five police officers at a checkpoint in Ghazni, "
     "Afghanistan, on Tuesday."), {"actor1": "Taliban", "actor2": "Police Forces of Afghanistan"}),
    ("ye-shot-down", "The Houthis said they shot down a US MQ-9 drone over Marib, Yemen, on Sunday.",
     {"actor1": "Houthis", "actor2": "Military Forces of the United States",
      "sub_event_type": "Disrupted weapons use"}),
    ("sy-lost", "The SDF said one of its fighters was killed in an ISIS attack in Hajin, Syria, on Friday.",
     {"actor1": "ISIS", "actor2": "SDF", "fatalities": 1}),
    ("pk-said-the-attack", ("The BLA said the attack \"was carried out on a Pakistani army unit\" at the railway "
     "station in Quetta, Pakistan, on Saturday."), {"actor1": "BLA", "actor2": "Military Forces of Pakistan"}),
    ("pk-manned-by", ("Around 50 militants attacked a border post manned by the Frontier Corps near Kalat, Pakistan, on "
     "Friday, killing seven soldiers."), {"actor2": "Military Forces of Pakistan", "fatalities": 7}),
    ("ke-claimed-that", ("The Kenyan police claimed that al-Shabaab fighters attacked a bus near Mandera, Kenya, on "
     "Monday, killing two passengers."), {"actor1": "al-Shabaab", "actor2": "Civilians"}),   # a source's claim
]

CASES = SAID + SOURCES + ABBREVIATED + BELONGS + THEATRE + NO_PARTY + ANAPHOR + BETWEEN + OWN_DEAD + PLACED_AFTER + LOST


# a round-up lists, place by place, where the incidents told just before happened: one event per place
ROUNDUPS = [
    ("af-fallen", ("KABUL, June 14 (Reuters) - Afghan government forces abandoned or were pushed out of three district "
     "centres in the past 24 hours, as Taliban fighters gained ground, officials said. The fallen districts are "
     "Obe in Herat, Saghar in Ghor and Arghandab in Zabul."), {"Obeh", "Saghar", "Arghandab"}, "Taliban"),
    ("af-captured", ("Taliban fighters captured three district centres from Afghan forces on Sunday, officials said. "
     "The captured districts are Obe in Herat, Saghar in Ghor and Arghandab in Zabul."),
     {"Obeh", "Saghar", "Arghandab"}, "Taliban"),
    ("ng-villages", ("Bandits attacked villages in Zamfara state, Nigeria, on Friday night, killing residents and "
     "abducting dozens, police said. The affected towns are Anka, Gusau and Bakura."),
     {"Anka", "Gusau", "Bakura"}, "Unidentified Armed Group (Nigeria)"),
]


@pytest.mark.parametrize(("case_id", "text", "places", "actor1"), ROUNDUPS, ids=[c[0] for c in ROUNDUPS])
def test_a_roundup_gives_one_event_per_place(extractor, case_id, text, places, actor1):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert {e.place.location for e in evs if e.place is not None} == places, case_id
    assert {e.actor1 for e in evs} == {actor1}


@pytest.mark.parametrize(("case_id", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_roles(extractor, case_id, text, want):
    want = dict(want)
    place = want.pop("place", None)
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    if place is not None:
        evs = [e for e in evs if e.place is not None and e.place.location == place]
    assert len(evs) == 1, f"{case_id}: {[(e.sub_event_type, e.place and e.place.location) for e in evs]}"
    got = {k: getattr(evs[0], k) for k in want}
    assert got == want, f"{case_id}: {got}"


@pytest.mark.parametrize(("case_id", "text", "want"), ORIGIN, ids=[c[0] for c in ORIGIN])
def test_where_aircraft_flew_from_is_no_place_of_the_strike(extractor, case_id, text, want):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert [(e.place.location if e.place else None, e.sub_event_type) for e in evs] == \
        [(want["place"], want["sub_event_type"])]


@pytest.mark.parametrize("text", [
    "An ISIS member was captured by security forces in Hajin, Syria, on Monday.",
    "Dozens of families were forced out of their homes in Beni, Congo, on Sunday.",
])
def test_people_taken_or_moved_are_no_place_changing_hands(extractor, text):
    evs = extractor.extract(Article(doc_id="t", text=text, published=D))
    assert not [e for e in evs if "territory" in e.sub_event_type]


def test_an_incident_told_after_came_n_days_after_is_that_much_earlier(extractor):
    text = ("Gunmen attacked a police post in Bannu, Pakistan, on Sunday night, killing two officers. The assault came "
            "just two days after militants killed three soldiers in an ambush in Lakki Marwat, Pakistan.")
    evs = extractor.extract(Article(doc_id="t", text=text, published=D))
    assert sorted((e.place.location, e.event_date) for e in evs if e.place is not None) == [
        ("Bannu", date(2024, 6, 9)), ("Lakki", date(2024, 6, 7))]


@pytest.mark.parametrize(("text", "want"), [
    (("Militants ambushed a convoy near Djibo, Burkina Faso, on Wednesday, two days after they stormed a police post "
      "in Arbinda."), [("Aribinda", date(2024, 6, 10)), ("Djibo", date(2024, 6, 12))]),
    (("The Kenyan army said al-Shabaab raided a camp in Mandera, Kenya, on Sunday. The raid came a week after a "
      "roadside bomb killed four police officers in Lamu, Kenya."),
     [("Lamu", date(2024, 6, 2)), ("Mandera", date(2024, 6, 9))]),
])
def test_n_days_after_an_earlier_incident(extractor, text, want):
    evs = extractor.extract(Article(doc_id="t", text=text, published=D))
    assert sorted((e.place.location, e.event_date) for e in evs if e.place is not None) == want


# two incidents of one sentence on different days: each clause keeps its own day
@pytest.mark.parametrize(("text", "want"), [
    ("Gunmen killed three farmers in Maru, Nigeria, on Monday and abducted ten villagers in Anka on Wednesday.",
     [("Anka", date(2024, 6, 12)), ("Maru", date(2024, 6, 10))]),
    ("Russian drones struck Odesa, Ukraine, overnight on Monday, and missiles hit Kharkiv on Tuesday, killing two.",
     [("Kharkiv", date(2024, 6, 11)), ("Odesa", date(2024, 6, 10))]),
])
def test_each_clause_keeps_its_own_day(extractor, text, want):
    evs = extractor.extract(Article(doc_id="t", text=text, published=D))
    assert sorted((e.place.location, e.event_date) for e in evs if e.place is not None) == want
