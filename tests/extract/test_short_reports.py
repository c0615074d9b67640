"""Short reports: one-line monitor reports, wire briefs and headlines, in the present tense.

Every line here was written for this test, in the style of war monitors, wire briefs and
ministry bulletins from Syria, Yemen, Somalia, the Sahel, Afghanistan, Nigeria and Ukraine.
One row per rule: (id, published, text, expected fields of the event at `place`).
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from marsad.extract import incidents as inc
from marsad.extract.dates import find_dates
from marsad.extract.taxonomy import TriggerLexicon
from marsad.records import Article, Place

D = date(2023, 6, 20)   # a Tuesday
LEX = TriggerLexicon.load()

# phrasings of an incident that name no trigger marsad knew before
PHRASINGS = [
    # an execution by stoning is an attack on civilians, not stones thrown in a riot
    ("so-stoning", "Al-Shabaab stoned a woman to death in Jilib on Monday, residents said.", "Jilib",
     {"sub_event_type": "Attack"}),
    ("af-stoning", "The Taliban carry out the public “stoning” of a couple in Ghor province", "Ghor",
     {"event_type": "Violence against civilians"}),
    ("ml-stoning", "Jihadists carried out the stoning of a young man in Talataye, in the Gao region", "Telatai",
     {"event_type": "Violence against civilians"}),
    # "claims the lives of": the headline's present tense of "claimed the lives of"
    ("ye-claims", "Houthi siege claims the lives of 4 children in Taiz city", "Taizz",
     {"fatalities": 4}),
    ("ng-claims", "Herders' reprisal claims the lives of 12 villagers in Zurmi, Zamfara State", "Zurmi",
     {"fatalities": 12}),
    # a place taken from an armed side, in the present or the past
    ("sy-captures", "Regime forces capture Maarat al-Numan from rebels in the south of Idlib", "Maarrat an Numan",
     {"event_type": "Battles"}),
    ("so-seized", "Somali troops seized Bulobarde from al-Shabaab fighters on Sunday, the army said.", "Buulobarde",
     {"event_type": "Battles", "event_date": date(2023, 6, 18)}),
    ("ua-captures", "Russian forces capture Soledar from Ukrainian troops", "Soledar",
     {"event_type": "Battles"}),
    # "control" with a determiner and an adjective before the place noun
    ("sy-control", "The SDF control the last village in the eastern countryside of Deir Ezzor", "Deir ez-Zor",
     {"event_type": "Battles"}),
    ("ye-control", "Houthi fighters control a new village in the west of Marib", "Marib",
     {"event_type": "Battles"}),
    ("af-expand", "The Taliban expand their control in the north of Kunduz province", "Kunduz",
     {"event_type": "Battles"}),
    ("ml-extend", "JNIM fighters extended their control over the outskirts of Djenne on Friday", "Djenne",
     {"event_type": "Battles"}),
    # ground fighting told as operations against a named side
    ("so-operations", "Somali army continues its military operations against al-Shabaab in Middle Shabelle",
     "Middle Shabelle", {"event_type": "Battles"}),
    ("ng-operations", "Troops continue operations in Gwoza against Boko Haram terrorists", "Gwoza",
     {"event_type": "Battles"}),
    ("mz-operations", "Rwandan troops continue their operations in Macomia against “Al-Shabaab” insurgents",
     "Macomia", {"event_type": "Battles"}),
    ("pk-operations", "Security forces continue their operations in Mir Ali, North Waziristan", "North Waziristan Agency",
     {"event_type": "Battles"}),
    # a scene-setting "during their operations against X" is not a battle
    ("iq-during", ("Iraqi troops, during their clearance operations against ISIS remnants, found a cache of "
     "weapons and explosives near Tarmiyah"), "At Tarmiyah", {"sub_event_type": "Disrupted weapons use"}),
    # "bodies are found": the present tense of "bodies were found"
    ("ml-bodies", "Bodies of 5 men are found in Mopti after an attack on the road", "Mopti",
     {"event_type": "Violence against civilians"}),
    # "advancement", a force that "manages to advance", one that "advances near" a place
    ("sy-advancement", "ISIS achieves a new advancement in the desert of al-Sukhnah", "As Sukhnah",
     {"event_type": "Battles"}),
    ("ye-near", "Houthi fighters advance near Harib and clashes continue in the south of Marib", "Harib",
     {"event_type": "Battles"}),
    ("ua-manage", "Ukrainian forces manage to advance in the southern outskirts of Bakhmut", "Bakhmut",
     {"event_type": "Battles"}),
    # a headline's "continues to <act>" reports the act today (in an article's body it is a trend)
    ("ye-continues", "Houthi forces continue to shell residential areas of Taiz city", "Taizz",
     {"sub_event_type": "Shelling/artillery/missile attack"}),
    ("so-continues", "Al-Shabaab continues to attack army bases in Bardhere", "Baardheere",
     {"event_type": "Battles"}),
    # "aerial and rocket strikes", "rocket strikes", "bombard"
    ("ye-aerial", "Aerial and rocket strikes hit the outskirts of Hodeidah city", "Al Hudaydah",
     {"sub_event_type": "Air/drone strike"}),
    ("ua-rocket", "Rocket strikes hit Kramatorsk overnight, the governor said.", "Kramatorsk",
     {"sub_event_type": "Shelling/artillery/missile attack"}),
    ("sy-bombard", "Regime forces bombard Kafr Nabl and its surroundings", "Kafranbel",
     {"sub_event_type": "Shelling/artillery/missile attack"}),
]


@pytest.mark.parametrize(("case_id", "text", "place", "want"), PHRASINGS, ids=[c[0] for c in PHRASINGS])
def test_a_short_report_gives_its_event(extractor, case_id, text, place, want):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    at = [e for e in evs if e.place and e.place.location == place]
    assert at, f"{case_id}: {[(e.sub_event_type, e.place and e.place.location) for e in evs]}"
    got = {k: getattr(at[0], k) for k in want}
    assert got == want, f"{case_id}: {got}"


# "N days after <something>" dates the something, not the incident the line reports
AFTER = [
    ("sy-after", "A car bomb hits Azaz 2 days after 2 bombings killed 5 in the town", "Izaz"),
    ("so-after", "Three days after the army took the town, a roadside bomb hits a convoy in Beledweyne",
     "Beledweyne"),
    ("ua-after", "Three days after Ukrainian troops entered the city, Russian shelling hits Kherson again", "Kherson"),
    # a day named for an earlier massacre is not a date
    ("sy-black", "Warplanes kill 9 in Saraqib, the worst toll since the Black Tuesday massacre", "Saraqib"),
    ("ng-bloody", "Gunmen kill 6 in Jos a year after the Bloody Sunday attack", "Jos"),
]


@pytest.mark.parametrize(("case_id", "text", "place"), AFTER, ids=[c[0] for c in AFTER])
def test_a_delay_after_another_event_does_not_move_the_incident(extractor, case_id, text, place):
    published = date(2023, 6, 22)     # a Thursday
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=published))
    at = [e for e in evs if e.place and e.place.location == place]
    assert at and at[0].event_date == published, f"{case_id}: {[(e.event_date, e.place and e.place.location) for e in evs]}"


def test_a_delay_that_stands_alone_still_counts_from_the_story():
    (d,) = find_dates("Two days later, gunmen returned.", D)
    assert d.offset_days == 2
    (d,) = find_dates("He died three days after.", D)
    assert d.offset_days == 3
    (d,) = find_dates("Militants attacked the base on Black Tuesday and again on Friday.", D)
    assert d.value == date(2023, 6, 16)


def _at(text: str, word: str, lat: float, lon: float, precision: int = 1) -> Place:
    i = text.index(word)
    return Place(location=word, latitude=lat, longitude=lon, geo_precision=precision, admin1="X",
                 mention=word, start=i, end=i + len(word))


# "<quarter> neighbourhood in <city>", "<village> near <town>": a namesake of the first found far
# from the second is another place of that name; the town named after it stands for it
LIES_IN = [
    # (text, first name, its namesake's point, anchor name, anchor point, place chosen)
    ("Shelling hit the Sheikh Saad neighbourhood in Aden city", "Sheikh Saad", (30.0, 31.0),
     "Aden", (12.78, 45.02), "Aden"),
    ("Gunmen killed two men in Hodan district's Taleex neighbourhood of Mogadishu", "Taleex", (9.15, 48.42),
     "Mogadishu", (2.04, 45.34), "Mogadishu"),
    ("Militants attacked Kolo village near Gao", "Kolo", (13.9, 2.2), "Gao", (16.27, -0.04), "Gao"),
    ("Shells fell on Novoselivka, close to Kharkiv", "Novoselivka", (47.0, 35.0), "Kharkiv", (50.0, 36.23),
     "Kharkiv"),
    # a namesake that does lie near the town is the place
    ("Militants attacked Kolo village near Gao", "Kolo", (16.4, -0.1), "Gao", (16.27, -0.04), "Kolo"),
    ("Shelling hit the Sheikh Saad neighbourhood in Aden city", "Sheikh Saad", (12.8, 45.0),
     "Aden", (12.78, 45.02), "Sheikh Saad"),
    # "near <X> District": an area's centre says little of how far its villages lie
    ("Al-Shabaab attacked Dif village near Dhobley district", "Dif", (0.99, 40.96), "Dhobley", (0.41, 41.01),
     "Dif"),
]


@pytest.mark.parametrize(("text", "first", "at1", "anchor", "at2", "chosen"), LIES_IN,
                         ids=[c[1] + ">" + c[5] for c in LIES_IN])
def test_a_far_namesake_of_a_place_said_to_lie_in_a_town_is_not_taken(text, first, at1, anchor, at2, chosen):
    places = [_at(text, first, *at1), _at(text, anchor, *at2)]
    (chain,) = inc.place_chains(text, places)
    assert inc.best_place(text, chain).location == chosen


# what fell on a village puts the incident in it, as "strikes on" and "shelled" do
FELL_ON = [
    ("so-fell", "Mortar shells fell on Bariire in Lower Shabelle on Monday, killing two children.", "Bariirre"),
    ("ua-fell", "Two rockets fell on Robotyne in the south of Zaporizhzhia overnight.", "Robotyne"),
]


@pytest.mark.parametrize(("case_id", "text", "place"), FELL_ON, ids=[c[0] for c in FELL_ON])
def test_what_fell_on_a_village_happened_in_it(extractor, case_id, text, place):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert [e.place and e.place.location for e in evs] == [place]


# "clashes in X and in the vicinity of Y": a second place of its own (ACLED: one event per location);
# "X in Y", "X, in the countryside of Y" name the area that holds X
AND_IN = [
    ("Heavy clashes in the Marib desert and in the vicinity of Harib", ["Harib"]),
    ("Fighting in Avdiivka and near Marinka on Monday", ["Marinka"]),
    ("Militants attacked Kolo in the Gao region", []),
    ("Fighting in Avdiivka, in the countryside of Donetsk", []),
]


@pytest.mark.parametrize(("text", "also"), AND_IN, ids=[c[0][:30] for c in AND_IN])
def test_a_place_listed_with_and_in_is_one_more_location(text, also):
    words = re.findall(r"Marib|Harib|Avdiivka|Marinka|Kolo|Gao|Donetsk", text)
    places = [_at(text, w, 15.0 + k, 45.0 + k, precision=3 if w in ("Gao", "Donetsk") else 1)
              for k, w in enumerate(words)]
    (chain,) = inc.place_chains(text, places)
    assert [p.location for p in inc.coordinated(text, chain, chain[0])] == also


# "<place> witnesses <incident>": the place a short report opens with is where it happened
WITNESSED = [
    ("The Kabkabiya area witnesses heavy fighting near the road to Tawila", "Kabkabiya"),
    ("Northern Marib witnessed violent clashes and shelling close to Harib", "Marib"),
    # a witness who speaks is no place that witnessed anything
    ("Heavy fighting erupted near Tawila, witnesses in Kabkabiya said", "Tawila"),
]


@pytest.mark.parametrize(("text", "where"), WITNESSED, ids=[c[1] + ":" + c[0][:20] for c in WITNESSED])
def test_a_place_that_witnesses_an_incident_is_where_it_happened(text, where):
    words = re.findall(r"Kabkabiya|Tawila|Marib|Harib", text)
    places = [_at(text, w, 13.0 + k, 25.0 + k) for k, w in enumerate(words)]
    chains = inc.place_chains(text, places)
    groups = inc.group_triggers(text, inc.live_triggers(text, inc.Sentence(0, len(text), 0, True),
                                                        LEX.find(text), [], False), chains)
    (_, idx), *_ = groups
    assert idx is not None and chains[idx][0].location == where
