"""Notes in ACLED's style, one row per case: when, who did what to whom, where, the toll
and its source."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.extract.notes import acled_note
from marsad.records import Event, Place

MOPTI = Place("Djiguibombo", admin1="Mopti", admin2="Bandiagara")
CASES = [
    (Event("d", "Violence against civilians", "Attack", date(2024, 7, 1), 1, "JNIM", "", "Civilians", "",
           MOPTI, fatalities=40, source="local officials"),
     ("On 1 July 2024, JNIM attacked civilians in Djiguibombo (Bandiagara, Mopti). "
     "40 people were reported killed, according to local officials.")),
    (Event("d", "Explosions/Remote violence", "Air/drone strike", date(2023, 4, 10), 2, "Myanmar military", "",
           "", "", Place("Pazigyi", admin1="Sagaing"), fatalities=1, injuries=3, source="RFA"),
     ("Around 10 April 2023, Myanmar military carried out an air or drone strike in Pazigyi (Sagaing). "
     "1 person was reported killed and 3 injured, according to RFA.")),
    (Event("d", "Protests", "Peaceful protest", date(2024, 6, 1), 3, "Protesters", "", "", "",
           Place("Nairobi", admin1="Nairobi")),
     "In June 2024, protesters held a peaceful protest in Nairobi. No fatalities were reported."),
    (Event("d", "Battles", "Armed clash", None, 1, "", "", "RSF", "", None, fatalities=0),
     "Unidentified actors clashed with RSF. No fatalities were reported."),
    (Event("d", "Explosions/Remote violence", "Remote explosive/landmine/IED", date(2022, 1, 3), 1,
           "Unidentified Armed Group", "", "", "", Place("Lamu", admin1="Lamu"), fatalities=2, source="Kenya Police"),
     ("On 3 January 2022, an explosive device of an unidentified armed group went off in Lamu. "
     "2 people were reported killed, according to Kenya Police.")),
]


@pytest.mark.parametrize(("event", "note"), CASES)
def test_acled_style_notes(event: Event, note: str) -> None:
    assert acled_note(event) == note


ACLED_SUB_EVENT_TYPES = {
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Violent demonstration", "Mob violence", "Chemical weapon", "Air/drone strike", "Suicide bomb",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
}


def test_every_sub_event_type_has_a_template() -> None:
    from marsad.extract.notes import _templates

    assert set(_templates()) == ACLED_SUB_EVENT_TYPES
