"""Roles, tolls and incidents in the language of many wars' reporting.

Every sentence here was written for this test, in the style of wire services, local
outlets, UN/NGO updates and army statements from Ukraine, Gaza and Lebanon, Sudan,
Myanmar, the Sahel, Nigeria, Somalia and Kenya, Pakistan, Afghanistan, the DR Congo
and Mozambique.  One row per rule: (id, published, text, expected fields of the only
event, or of the event at the named place when the text reports several).
"""
from __future__ import annotations

from datetime import date

import pytest

from marsad.records import Article

D = date(2023, 6, 20)   # a Tuesday

# the state behind the weapon acts ("Russian shelling", "Israeli air strikes")
STATE_WEAPON = [
    ("ua-shelling", ("Russian shelling of the town of Nikopol on Thursday killed two civilians, the regional "
     "governor said."), {"actor1": "Russia", "actor2": "Civilians", "fatalities": 2,
                         "event_date": date(2023, 6, 15)}),
    ("ua-missile", ("A Russian missile strike on a residential building in Zaporizhzhia on Wednesday left "
     "seven people dead and injured 16, emergency services said."),
     {"actor1": "Russia", "fatalities": 7, "injuries": 16,
      "sub_event_type": "Shelling/artillery/missile attack"}),
    ("gaza-air", ("Israeli air strikes on a house in Rafah killed at least 11 people overnight, health "
     "officials said."), {"actor1": "Israel", "fatalities": 11, "sub_event_type": "Air/drone strike",
                         "event_date": date(2023, 6, 19)}),
    ("lb-drone", "An Israeli drone strike on a car near Nabatieh on Monday killed two Hezbollah members.",
     {"actor1": "Israel", "actor2": "Hezbollah", "fatalities": 2}),
]

# the people a strike or shelling kills, with no armed side named, are civilians
STATE_WEAPON += [
    ("ua-person", ("At least one person was killed in Russian shelling of the city of Kharkiv on Friday, the "
     "governor said."), {"actor1": "Russia", "actor2": "Civilians", "fatalities": 1}),
    ("ye-people", "Houthi shelling on residential areas of Taiz killed three people on Monday.",
     {"actor1": "Houthis", "actor2": "Civilians", "fatalities": 3}),
]

# interceptions: their own Disrupted weapons use event; the weapon's owner is actor2
INTERCEPT = [
    ("ua-defence", "Ukrainian air defences shot down 12 drones over Kyiv on Monday, the air force said.",
     {"actor1": "Ukraine", "sub_event_type": "Disrupted weapons use", "event_date": date(2023, 6, 19)}),
    ("ua-owner", "Ukrainian forces shot down a Russian drone over Odesa late on Monday, the military said.",
     {"actor1": "Ukraine", "actor2": "Russia", "sub_event_type": "Disrupted weapons use"}),
]

# unnamed perpetrators: the Unidentified Armed Group of the incident's country
UNNAMED = [
    ("pk-bomber", ("At least 12 people were killed and 30 wounded when a suicide bomber struck a mosque in "
     "Peshawar on Monday, officials said."),
     {"actor1": "Unidentified Armed Group (Pakistan)", "fatalities": 12, "sub_event_type": "Suicide bomb"}),
    ("bf-militants", "Militants attacked an army base in Djibo on Sunday, killing four soldiers.",
     {"actor1": "Unidentified Armed Group (Burkina Faso)", "actor2": "Military Forces of Burkina Faso",
      "fatalities": 4, "event_type": "Battles"}),
    ("ml-gunmen", ("BAMAKO (Reuters) - Gunmen killed 14 villagers in central Mali's Mopti region late on "
     "Saturday, a local official said."),
     {"actor1": "Unidentified Armed Group (Mali)", "actor2": "Civilians", "fatalities": 14,
      "event_date": date(2023, 6, 17)}),
]

# tolls: both sides' dead add up; a party's own claim is not the toll; wounded never count
TOLLS = [
    ("pk-both-sides", ("Gunmen killed nine police officers in an attack on a checkpoint in Bannu on Monday. "
     "Three of the attackers were also killed in the exchange of fire."), {"fatalities": 12}),
    ("ng-both-sides", ("ISWAP fighters ambushed a military convoy near Monguno on Sunday, killing six soldiers. "
     "Four insurgents were killed in the exchange, the army said."),
     {"actor1": "ISWAP", "actor2": "Military Forces of Nigeria", "fatalities": 10, "event_type": "Battles"}),
    ("so-claim", ("Al-Shabaab fighters stormed an army base near Afgooye on Wednesday, killing at least "
     "five soldiers, officials said. The group said it had killed 30 soldiers."),
     {"actor1": "al-Shabaab", "fatalities": 5}),
    ("cd-about", ("Suspected ADF rebels killed about 20 civilians with machetes in Beni territory on Sunday "
     "night, a local official said. More than 10 others were wounded."),
     {"actor1": "ADF", "actor2": "Civilians", "fatalities": 20, "injuries": 10}),
]

TOLLS += [
    ("ne-died-later", ("Militants ambushed a patrol near Diffa on Sunday, killing six soldiers. Two more soldiers "
                       "died of their wounds in hospital on Monday."),
     {"fatalities": 8, "event_date": date(2023, 6, 18), "actor2": "Military Forces of Niger"}),
]

# ambushes: the ambushers against the ambushed, a battle
AMBUSH = [
    ("ke-ambush", ("An ambush by al-Shabaab fighters on a Kenyan police convoy near Mandera on Monday killed "
     "three officers."), {"actor1": "al-Shabaab", "actor2": "Police Forces of Kenya", "event_type": "Battles",
                         "fatalities": 3}),
]

# places that only say where the incident's place lies
WHERE = [
    ("mm-township", ("Junta aircraft bombed a village in Kanbalu Township, Sagaing Region, on Sunday, killing "
     "six civilians."), {"actor1": "Myanmar military", "fatalities": 6, "sub_event_type": "Air/drone strike"}),
    ("sd-capital", ("Army warplanes struck RSF positions in Nyala, the capital of South Darfur, on Monday, killing "
     "at least 15 people."), {"actor1": "SAF", "fatalities": 15}),
    ("ua-river", ("Russian shelling killed three civilians in Kherson on Tuesday, as attacks continued along the "
     "Dnipro River."), {"actor1": "Russia", "fatalities": 3}),
]

# an ambush on soldiers is a battle, even with a civilian among the dead
AMBUSH += [
    ("cd-convoy", ("On 18 June, an ambush by ADF combatants on an army convoy near Butembo killed four "
     "soldiers and a civilian driver."), {"actor1": "ADF", "event_type": "Battles", "fatalities": 5}),
]

CASES = STATE_WEAPON + INTERCEPT + UNNAMED + TOLLS + AMBUSH + WHERE


@pytest.mark.parametrize(("case_id", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_one_incident(extractor, case_id, text, want):
    evs = extractor.extract(Article(doc_id=case_id, text=text, published=D))
    assert len(evs) == 1, f"{case_id}: {[(e.sub_event_type, e.place and e.place.location) for e in evs]}"
    got = {k: getattr(evs[0], k) for k in want}
    assert got == want, f"{case_id}: {got}"


def test_a_claim_is_kept_in_the_notes(extractor):
    text = ("Al-Shabaab fighters stormed an army base near Afgooye on Wednesday, killing at least five soldiers, "
            "officials said. The group said it had killed 30 soldiers.")
    (e,) = extractor.extract(Article(doc_id="claim", text=text, published=D))
    assert e.fatalities == 5 and "[claimed toll: 30]" in e.notes


def test_strikes_on_a_states_weapons_do_not_make_it_the_attacker(extractor):
    text = "Ukrainian drones struck Russian artillery positions near Bakhmut on Monday, killing five soldiers."
    (e,) = extractor.extract(Article(doc_id="target", text=text, published=D))
    assert e.actor1 == "Ukraine"


# dates: a wire dateline's day is the story's day; an address with only a month dates it to that month
def test_wire_dateline_day_dates_an_undated_incident(extractor):
    text = "KABUL, June 19 (Reuters) - A roadside bomb killed three Taliban fighters in Kandahar province, officials said."
    (e,) = extractor.extract(Article(doc_id="dl", text=text, published=D))
    assert e.event_date == date(2023, 6, 19) and e.actor1 == "Unidentified Armed Group (Afghanistan)"


def test_month_only_url_dates_an_article_without_a_publication_date(extractor):
    text = ("Fighting between the army and militants on Thursday, March 9, left five soldiers dead near Bannu "
            "in Khyber Pakhtunkhwa, officials said.")
    art = Article(doc_id="url", text=text, published=None, url="https://news.example/2023/03/waziristan-clash/")
    evs = extractor.extract(art)
    assert evs and all(e.event_date == date(2023, 3, 9) for e in evs)


def test_a_trend_is_not_an_incident(extractor):
    text = ("Residents of Kanbalu Township said that air strikes on their villages have become more frequent "
            "since July, and that families now sleep in bunkers.")
    assert extractor.extract(Article(doc_id="trend", text=text, published=D)) == []


def test_the_day_a_report_was_made_is_not_the_incidents_day(extractor):
    text = ("Gunmen have killed 15 civilians in attacks in the western part of Oromia, state media reported "
            "Thursday. The attacks were carried out on Monday and Tuesday in Nekemte, the official said.")
    evs = extractor.extract(Article(doc_id="said", text=text, published=date(2023, 6, 16)))
    assert [(e.event_date, e.fatalities) for e in evs] == [(date(2023, 6, 12), 15)]
    assert evs[0].place.geo_precision == 1 and evs[0].place.admin1 == "Oromia"   # the follow-up says where


def test_a_follow_up_gives_the_day_of_an_undated_incident(extractor):
    text = ("At least 20 civilians have been killed by air strikes on a market in the northern province of Saada, "
            "a health official said. The official said the aircraft conducted two raids on the market on Saturday.")
    (e,) = extractor.extract(Article(doc_id="fu", text=text, published=date(2023, 6, 18)))
    assert e.event_date == date(2023, 6, 17) and e.fatalities == 20


def test_a_local_government_area_of_a_state_is_one_place(extractor):
    text = ("Suspected armed bandits on Friday night attacked Dumbu village in Maru Local Government Area of "
            "Zamfara State, killing two people and kidnapping 11 others.")
    evs = extractor.extract(Article(doc_id="lga", text=text, published=date(2020, 11, 1)))
    assert len(evs) == 1 and evs[0].event_date == date(2020, 10, 30)
    p = evs[0].place            # the village no gazetteer knows, kept by name at its LGA (Maru)
    assert (p.location, p.admin1, p.geo_precision) == ("Dumbu", "Zamfara", 2) and "Maru" in p.why


def test_the_incident_took_place_dates_it_but_a_condemnation_does_not(extractor):
    text = ("Clashes between the Taliban and NRF fighters left five dead in the Paryan district of Panjshir province. "
            "The incident took place on Thursday morning, local sources said.")
    (e,) = extractor.extract(Article(doc_id="tp", text=text, published=date(2022, 12, 20)))
    assert e.event_date == date(2022, 12, 15)
    text = ("Snipers shot dead a soldier in Kifri. The governor condemned the attack on Wednesday.")
    (e,) = extractor.extract(Article(doc_id="cond", text=text, published=date(2021, 5, 11)))
    assert e.event_date == date(2021, 5, 11)


# statements: the side that says it is a source, unless it says it acted itself
STATEMENTS = [
    ("bf-army-said", "The army said militants attacked a checkpoint near Djibo on Sunday, killing three soldiers.",
     {"actor1": "Unidentified Armed Group (Burkina Faso)", "actor2": "Military Forces of Burkina Faso"}),
    ("ne-army-own", "The army said its troops killed 15 terrorists in an operation near Diffa on Sunday.",
     {"actor1": "Military Forces of Niger", "fatalities": 15}),
    ("so-claim-next", ("Al-Shabaab claimed responsibility for a suicide bombing at a restaurant in Mogadishu on "
     "Sunday that killed six people."), {"actor1": "al-Shabaab", "sub_event_type": "Suicide bomb", "fatalities": 6}),
]


@pytest.mark.parametrize(("case_id", "text", "want"), STATEMENTS, ids=[c[0] for c in STATEMENTS])
def test_statements_and_claims(extractor, case_id, text, want):
    test_one_incident(extractor, case_id, text, want)


def test_the_state_behind_an_articles_air_strikes_flies_its_later_ones(extractor):
    text = ("On Friday, seven people were killed in a series of Israeli air strikes in southern Lebanon, the "
            "health ministry said. An air strike on Nabatieh killed three people, and another strike hit a car "
            "near Tyre, killing two.")
    evs = extractor.extract(Article(doc_id="air", text=text, published=date(2024, 8, 24)))
    strikes = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    assert strikes and all(e.actor1 == "Israel" for e in strikes), [(e.actor1, e.place.location) for e in strikes]
