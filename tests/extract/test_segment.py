"""Incident segmentation as a state machine: the transition each sentence (or clause) takes.

One row per case: sentences written for these tests in the style of several wars'
reporting, and the named transitions (`marsad.extract.segment.Step`) expected, in order.
"""
from __future__ import annotations

from datetime import date

import pytest

from marsad.extract.segment import Step
from marsad.records import Article

O, C, D, Q, B = Step.OPEN, Step.CLAIM, Step.DETAIL, Step.QUIET, Step.BACKGROUND

CASES = [
    # (theatre, text, transitions, incidents)
    ("Syria", ("On May 3, ISIS fighters attacked an SDF checkpoint near Al-Busayrah, killing two. "
              "The group claimed responsibility for the attack."), [O, C], 1),
    ("Nigeria", ("Gunmen killed five farmers in Gusau, Zamfara State, on Tuesday. "
                "Police said the death toll rose to seven."), [O, Step.DIED_OF_WOUNDS], 1),
    ("Ukraine", ("Russian forces shelled Kherson on Monday, killing a woman. "
                "In 2019, Russian forces captured the town of Oleshky."), [O, B], 1),
    ("Somalia", ("Al-Shabaab militants attacked a police station in Afgoye on Sunday. "
                "The town lies 30 km northwest of Mogadishu."), [O, Q], 1),
    ("Mali", ("JNIM militants ambushed a Malian army convoy near Boni on Sunday. "
             "The attackers also burned two trucks."), [O, D], 1),
    ("Yemen", ("Houthi drones struck a Saudi base in Najran, and Houthi fighters shelled government "
              "positions in Marib on Friday."), [O, O], 2),
    ("Iraq", ("ISIS cells attacked an Iraqi army post in Diyala on Monday. "
             "Three soldiers were wounded, the army said."), [O, D], 1),
    ("Ethiopia", ("Fighting broke out in Tigray region on Monday. "
                 "The clashes took place in Adigrat, residents said."), [O, Step.REFINE], 1),
    ("Nigeria", ("Boko Haram fighters raided Gwoza on Saturday. "
                "The raid followed the killing of a local commander."), [O, Step.AFTERMATH], 1),
    ("Sudan", "RSF fighters shelled El Fasher on Thursday. Casualties were reported.", [O, Step.NOT_EVENT], 1),
    ("DR Congo", ("Armed men attacked a village in Ituri on Friday, killing six civilians. "
                 "The M23 rebels have continued to attack villages over the past months."), [O, B], 1),
    ("Pakistan", ("Pakistani troops clashed with militants in North Waziristan on Sunday, the ISPR said. "
                 "The militants later attacked a checkpoint in Bannu, 60 km east."), [O, O], 2),
    ("anywhere", "Unidentified gunmen killed three people on Monday.", [Step.UNPLACED], 1),
]


@pytest.mark.parametrize(("theatre", "text", "steps", "n"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_transitions(extractor, theatre: str, text: str, steps: list[Step], n: int) -> None:
    article = extractor.prepare(Article(doc_id="t", text=text, published=date(2024, 5, 8), outlet="Test Wire"))
    _, scope = extractor.read(article)
    assert [s for _, s in scope.trace] == steps
    assert len(scope.incidents) == n


def test_the_date_in_scope_dates_later_incidents_and_keeps_its_words(extractor) -> None:
    text = ("On Sunday, fighting resumed around Bakhmut. Russian forces shelled Chasiv Yar, "
            "killing two civilians.")
    _, scope = extractor.read(Article(doc_id="t", text=text, published=date(2024, 5, 8)))
    last = scope.incidents[-1]
    assert last.date_value == date(2024, 5, 5) and not last.date_explicit
    assert last.date_span is not None and text[last.date_span.start:last.date_span.end] == "Sunday"
