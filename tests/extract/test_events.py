"""The extractor on sentences and short articles written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.records import SENTENCE_ROLES, Article


def _events(extractor, text, published=date(2023, 6, 13), outlet="Test Wire", title=None):
    return extractor.extract(Article(doc_id="t", text=text, published=published, outlet=outlet, title=title))


def test_two_incidents_in_one_sentence(extractor):
    evs = _events(extractor, "On Sunday, ISIS militants detonated an explosive device on a vehicle in Tabqa, "
                             "and attacked an SDF checkpoint in the town of Al-Busayrah, killing two fighters.")
    assert len(evs) == 2
    by_place = {e.place.location: e for e in evs}
    tabqa = next(e for k, e in by_place.items() if "Thawrah" in k or "Tabqa" in k or "Tabaqah" in k)
    assert tabqa.sub_event_type == "Remote explosive/landmine/IED"
    other = next(e for e in evs if e is not tabqa)
    assert other.fatalities == 2 and other.actor1 == "ISIS" and other.actor2 == "SDF"
    assert all(e.event_date == date(2023, 6, 11) for e in evs)


def test_follow_up_sentences_add_to_the_incident(extractor):
    text = ("ISIS militants attacked positions of the Syrian army near Al-Sukhnah on Saturday. "
            "According to the Observatory, the attackers set fire to a truck, bringing the army's losses "
            "to seven dead and at least 13 wounded. A woman travelling with them was also killed.")
    evs = _events(extractor, text)
    assert len(evs) == 1
    e = evs[0]
    assert e.event_type == "Battles" and e.actor1 == "ISIS" and e.actor2 == "Syrian regime forces"
    assert e.fatalities == 8 and e.injuries == 13
    assert e.event_date == date(2023, 6, 10)
    assert "SOHR" in e.source and "Test Wire" in e.source       # "the Observatory" is SOHR
    assert len([v for v in e.evidence if v.role in SENTENCE_ROLES]) == 3
    words = {}
    for v in e.evidence:
        words.setdefault(v.role, []).append(v.text)
    # every field keeps the words it came from, in any sentence of the incident
    assert words["date"] == ["Saturday"] and words["place"] == ["Al-Sukhnah"]
    assert words["actor1"] == ["ISIS militants"] and words["actor2"] == ["Syrian army"]
    assert "attacked" in words["type"] and "seven dead" in " ".join(words["fatalities"])


def test_background_and_estimates_are_not_events(extractor):
    text = ("In March 2019, the SDF captured the village of Al-Baghuz. Between 10,000 and 15,000 ISIS fighters "
            "remain in Syria and Iraq, according to estimates. Analysts warned that the group could attack "
            "prisons in Hasakah.")
    assert _events(extractor, text) == []


def test_attribution_goes_to_source_not_actors(extractor):
    evs = _events(extractor, "SANA reported that regime forces shelled the town of Saraqib in Idlib on Monday.")
    assert len(evs) == 1
    assert "SANA" in evs[0].source
    assert "SANA" not in (evs[0].actor1, evs[0].actor2)
    assert evs[0].actor1 == "Syrian regime forces"


def test_unknown_gunmen_killing_a_civilian(extractor):
    evs = _events(extractor, "Unknown gunmen shot dead a teacher in the city of Daraa on Tuesday evening.")
    assert len(evs) == 1
    e = evs[0]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor1 == "Unidentified Armed Group (Syria)" and e.actor2 == "Civilians" and e.fatalities == 1


def test_headline_and_body_are_one_event(extractor):
    text = ("Two soldiers killed in ISIS attack near Kirkuk\n\n"
            "Two Iraqi soldiers were killed on Monday when ISIS militants attacked an army post in the "
            "village of Al-Rashad, south of Kirkuk, security sources said.")
    evs = _events(extractor, text)
    assert len(evs) == 1 and evs[0].fatalities == 2


@pytest.mark.parametrize("text", [
    "Regime forces target Duma city",
    "ISIS advances in Yarmouk camp south of Damascus",
    "http://www.example-monitor.org/en/2016/01/04/clashes-in-the-western-countryside-of-daraa/",
])
def test_headline_style_one_liners(extractor, text):
    assert len(_events(extractor, text, published=date(2016, 4, 1))) >= 1


def test_evidence_offsets_index_the_article(extractor):
    text = "Filler line.\n\nISIS fighters ambushed an army patrol near Tikrit on Sunday, killing three soldiers."
    evs = _events(extractor, text)
    assert evs
    for e in evs:
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text


def test_extract_many_in_two_processes_matches_one(extractor):
    arts = [Article(doc_id=f"d{i}", text=t, published=date(2023, 6, 13)) for i, t in enumerate([
        "ISIS fighters ambushed an army patrol near Tikrit on Sunday, killing three soldiers.",
        "A Turkish drone struck a car in Qamishli on Monday, killing two people.",
        "The weather was mild.",
    ])]
    one = [(a.doc_id, [e.to_row() for e in evs]) for a, evs in extractor.extract_many(arts)]
    two = [(a.doc_id, [e.to_row() for e in evs]) for a, evs in extractor.extract_many(arts, n_process=2)]
    assert one == two


def test_another_incident_on_the_road_to_a_town_is_not_a_detail_of_the_last(extractor):
    # the second incident's only known place is a road's destination; "also" says it is a new one
    text = ("On Monday, ISIS fighters kidnapped two soldiers near Maadan in the Raqqa countryside. "
            "ISIS also planted a landmine that hit a patrol on the road to Al-Jarniyah.")
    evs = _events(extractor, text)
    kinds = sorted(e.sub_event_type for e in evs)
    assert kinds == ["Abduction/forced disappearance", "Remote explosive/landmine/IED"]
    mine = next(e for e in evs if e.sub_event_type == "Remote explosive/landmine/IED")
    assert "Jarn" in mine.place.location and mine.actor1 == "ISIS"
    assert mine.place.geo_precision == 2                        # near the town, not in it


def test_a_road_destination_without_also_still_adds_to_the_incident(extractor):
    text = ("On Monday, ISIS fighters ambushed an army convoy near Maadan in the Raqqa countryside. "
            "The attackers then shelled the road to Al-Jarniyah.")
    evs = _events(extractor, text)
    assert len(evs) == 1 and evs[0].sub_event_type == "Armed clash"


def test_a_list_of_the_dead_is_counted_once(extractor):
    text = ("Five civilians were killed and another wounded in an ISIS attack on a village near Tikrit on Saturday. "
            "The militants stormed the house of the village chief, killing him, two of his sons, and another two "
            "of his relatives.")
    evs = _events(extractor, text)
    assert len(evs) == 1
    assert (evs[0].fatalities, evs[0].injuries) == (5, 1)


def test_the_body_toll_wins_over_the_headline(extractor):
    title = "Six killed in ISIS attacks in Diyala"
    text = (title + "\n\nISIS militants attacked a PMF post in the village of Tal Uri near Khanaqin on Monday night, "
            "killing an officer and wounding three fighters.")
    evs = _events(extractor, text, title=title)
    assert len(evs) == 1
    assert (evs[0].fatalities, evs[0].injuries) == (1, 3)


def test_a_bomb_that_exploded_is_an_explosion_and_the_claimant_is_the_perpetrator(extractor):
    alone = _events(extractor, "A bomb exploded on Quwatli street in Raqqa on Tuesday, wounding two SDF fighters.")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.injuries) for e in alone] == [
        ("Remote explosive/landmine/IED", "Unidentified Armed Group (Syria)", "SDF", 2)]   # ACLED: no claimant
    claimed = _events(extractor, "A bomb exploded on Quwatli street in Raqqa on Tuesday, wounding two SDF fighters. "
                                 "ISIS claimed responsibility for the attack in a statement on Wednesday.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in claimed] == [
        ("Remote explosive/landmine/IED", "ISIS", "SDF")]


@pytest.mark.parametrize("text, want", [
    (("On Sunday, a vehicle-borne improvised explosive device (VBIED) exploded near a headquarter of the "
     "Syrian Democratic Forces (SDF) on Tal Abyad street in the city of Raqqa.\nISIS claimed responsibility for "
     "the attack and said that it was carried out by its cells in Raqqa."), ("ISIS", "SDF")),
    (("On Sunday, a car bomb exploded outside an office of the Syrian Democratic Forces (SDF) in Raqqa.\n"
     "ISIS claimed responsibility in a statement."), ("ISIS", "SDF")),
    (("A roadside bomb hit a PMF vehicle near Tarmiyah on Monday, wounding three fighters. "
     "ISIS later claimed the attack in a statement."), ("ISIS", "PMF")),
    (("A car bomb exploded at a market in Azaz on Tuesday, killing four civilians. No group claimed "
     "responsibility for the attack."), ("Unidentified Armed Group (Syria)", "Civilians")),
])
def test_a_claim_in_the_next_sentence_names_the_perpetrator(extractor, text, want):
    evs = _events(extractor, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("Remote explosive/landmine/IED", *want)]


def test_many_cases_of_something_is_a_trend_not_an_incident(extractor):
    text = ("Security in eastern Syria remains fragile, local sources said on Monday. Areas held by the SDF in "
            "eastern Deir ez-Zor witness many cases of looting and kidnapping of civilians, residents said.")
    assert _events(extractor, text) == []


def test_allies_go_with_the_side_they_back(extractor):
    raid = _events(extractor, "On Tuesday the US-led coalition, backed by the SDF, made an airdrop in the town of "
                              "Al-Busayrah, and arrested ten suspected ISIS members.")
    assert [(e.actor1, e.assoc_actor_1, e.actor2) for e in raid] == [("International Coalition", "SDF", "ISIS")]
    attack = _events(extractor, "ISIS militants attacked a checkpoint backed by Russian forces near Palmyra on Tuesday.")
    assert [(e.actor1, e.assoc_actor_1, e.actor2) for e in attack] == [("ISIS", "", "Russia")]


def test_a_foreign_force_names_the_war_it_fights_not_only_its_home(extractor):
    # no country is named: "Russian forces" must not make Palmyra a Russian namesake
    evs = _events(extractor, "Russian forces shelled ISIS positions near Palmyra on Tuesday.")
    assert [(e.place.country_code, e.actor1) for e in evs] == [("SY", "Russia")]


@pytest.mark.parametrize("text, want", [
    ("Army units advanced in the Raqqa countryside on Saturday, inflicting heavy losses upon ISIS terrorists.",
     ("Government regains territory", "Military Forces of Syria", "ISIS")),
    ("Units of the army and armed forces killed 15 ISIS terrorists near Deir ez-Zor airport on Saturday.",
     ("Armed clash", "Military Forces of Syria", "ISIS")),
    ("The army shot down a drone belonging to ISIS near Palmyra on Saturday.",
     ("Disrupted weapons use", "Military Forces of Syria", "ISIS")),
    # the soldiers here are the victims, not the side that acted
    ("Two soldiers were killed when ISIS militants attacked an army checkpoint near Palmyra on Saturday.",
     ("Armed clash", "ISIS", "Military Forces of Syria")),
])
def test_an_unnamed_army_as_subject_is_the_actor(extractor, text, want):
    evs = _events(extractor, text, published=date(2016, 6, 13))
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [want]


def test_security_forces_firing_on_protesters(extractor):
    evs = _events(extractor, "Security forces opened fire on protesters in Nasiriyah on Saturday, killing three.")
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in evs] == [
        ("Excessive force against protesters", "Protesters", 3)]


@pytest.mark.parametrize("text", [
    "ISIL has been battling Iraqi government forces around Tikrit since June 9.",
    "A visit to Damascus by a United Nations team of chemical weapons experts began on Thursday.",
    "The United States says the air strikes are carried out to assist the SDF against ISIS in Manbij.",
])
def test_durations_inspections_and_justifications_are_not_incidents(extractor, text):
    assert _events(extractor, text) == []


def test_a_named_army_is_not_also_its_own_target(extractor):
    evs = _events(extractor, "Syrian army warplanes hit militant positions in Idlib province on Thursday.")
    assert [(e.actor1, e.actor2) for e in evs] == [("Syrian regime forces", "")]


def test_the_death_of_x_makes_x_the_victim(extractor):
    evs = _events(extractor, "SOHR documented the death of two SDF members in an attack by ISIS cells on a checkpoint "
                             "in the town of Al-Busayrah in Deir ez-Zor on Tuesday.")
    assert [(e.actor1, e.actor2, e.fatalities) for e in evs] == [("ISIS", "SDF", 2)]


def test_what_a_protest_is_against_did_not_happen(extractor):
    evs = _events(extractor, "Hundreds of people demonstrated in Idlib city on Friday against the regime and the "
                             "Russian bombardment.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("Peaceful protest", "Protesters", "")]
