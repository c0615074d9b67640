"""ACLED's codebook as marsad applies it (marsad.acled): actor names, inter and
interaction codes, civilian targeting, country names, regions and event ids."""
from __future__ import annotations

from datetime import date

import pytest

from marsad import acled

# (marsad name, country, date, ACLED name)
NAMES = [
    ("Civilians", "SO", None, "Civilians (Somalia)"),
    ("Unidentified Armed Group", "SY", None, "Unidentified Armed Group (Syria)"),
    ("Protesters", "CD", None, "Protesters (Democratic Republic of Congo)"),
    ("al-Shabaab", "SO", None, "Al Shabaab"),
    ("ISIS", "SY", None, "Islamic State (Syria)"),
    ("ISIS", "IQ", None, "Islamic State (Iraq)"),
    ("Military Forces of Mali", "ML", date(2024, 1, 5), "Military Forces of Mali (2021-)"),
    ("Military Forces of Mali", "ML", date(2019, 1, 5), "Military Forces of Mali (2013-2020)"),
    ("Syrian regime forces", "SY", date(2020, 5, 17), "Military Forces of Syria (2000-2024)"),
    ("Syrian regime forces", "SY", date(2025, 2, 1), "Military Forces of Syria (2024-)"),
    ("Taliban", "AF", date(2020, 6, 1), "Taliban"),
    ("Taliban", "AF", date(2023, 6, 1), "Military Forces of Afghanistan (2021-)"),
    ("Military Forces of Benin", "BJ", None, "Military Forces of Benin"),   # not in the table: kept
    ("Dogon Ethnic Militia (Mali)", "ML", None, "Dogon Ethnic Militia (Mali)"),  # an imported ACLED name
    ("Civilians", None, None, "Civilians"),
    ("", "SO", None, ""),
]


@pytest.mark.parametrize(("name", "cc", "on", "expected"), NAMES)
def test_acled_names(name, cc, on, expected) -> None:
    assert acled.acled_name(name, cc, on) == expected


# (marsad name, event country, inter code)
INTER = [
    ("Military Forces of Somalia", "SO", 1), ("Police Forces of Kenya", "KE", 1),
    ("Military Forces of Kenya", "SO", 8),          # a state's forces abroad: external
    ("Russia", "UA", 8), ("Russia", "RU", 1), ("Military Forces of Benin", "BJ", 1),
    ("Military Forces of Benin", "NE", 8),
    ("al-Shabaab", "SO", 2), ("JNIM", "ML", 2), ("RSF", "SD", 3), ("Fano", "ET", 3),
    ("Unidentified Armed Group", "NG", 3), ("Israeli settlers", "PS", 4), ("Protesters", "KE", 6),
    ("Civilians", "YE", 7), ("ATMIS", "SO", 8), ("MONUSCO", "CD", 8),
    ("Civilians (Mali)", "ML", 7), ("Something Unknown", "ML", None), ("", "ML", None),
]


@pytest.mark.parametrize(("name", "cc", "code"), INTER)
def test_inter_codes(name, cc, code) -> None:
    assert acled.inter_code(name, cc) == code


@pytest.mark.parametrize(("i1", "i2", "code"), [(1, 2, 12), (2, 1, 12), (2, 7, 27), (8, 7, 78), (1, 1, 11),
                                                 (6, None, 60), (1, 0, 10), (None, 7, None)])
def test_interaction(i1, i2, code) -> None:
    assert acled.interaction(i1, i2) == code


TARGETING = [
    ("Violence against civilians", "Attack", 2, 7, "Civilian targeting"),
    ("Violence against civilians", "Abduction/forced disappearance", 3, 7, "Civilian targeting"),
    ("Explosions/Remote violence", "Air/drone strike", 8, 7, "Civilian targeting"),
    ("Explosions/Remote violence", "Air/drone strike", 1, 2, ""),
    ("Riots", "Mob violence", 5, 7, "Civilian targeting"),
    ("Protests", "Excessive force against protesters", 6, 1, "Civilian targeting"),
    ("Protests", "Peaceful protest", 6, None, ""),
    ("Battles", "Armed clash", 1, 2, ""),
    ("Strategic developments", "Looting/property destruction", 2, 7, ""),
]


@pytest.mark.parametrize(("etype", "sub", "i1", "i2", "expected"), TARGETING)
def test_civilian_targeting(etype, sub, i1, i2, expected) -> None:
    assert acled.civilian_targeting(etype, sub, i1, i2) == expected


def test_countries_and_regions() -> None:
    assert (acled.country_name("CD"), acled.region("CD")) == ("Democratic Republic of Congo", "Middle Africa")
    assert (acled.country_name("PS"), acled.region("PS")) == ("Palestine", "Middle East")
    assert (acled.region("MM"), acled.region("UA"), acled.region("NG")) == ("Southeast Asia", "Europe", "Western Africa")
    assert acled.country_name("ZZ") == "" and acled.region(None) == ""


def test_event_ids_are_iso3_and_stable() -> None:
    a = acled.event_id_cnty("bbc-2024-01:3", "SO")
    assert a == acled.event_id_cnty("bbc-2024-01:3", "SO") and a.startswith("SOM") and a[3:].isdigit()
    assert acled.event_id_cnty("bbc-2024-01:4", "SO") != a
    assert acled.event_id_cnty("x:0", None).startswith("XXX")
    assert int(a[3:]) >= 10**11                       # never one of ACLED's own (shorter) numbers


def test_codes_of_a_marsad_event() -> None:
    got = acled.codes({"event_date": date(2024, 7, 1), "event_type": "Violence against civilians",
                       "sub_event_type": "Attack", "actor1": "JNIM", "assoc_actor_1": "Katiba Macina",
                       "actor2": "Civilians", "assoc_actor_2": "", "country_code": "ML", "country": "Mali"})
    assert got == {"actor1": "JNIM: Jama'at Nusrat al-Islam wal-Muslimin", "assoc_actor_1": "Katiba Macina",
                   "inter1": 2, "actor2": "Civilians (Mali)", "assoc_actor_2": "", "inter2": 7, "interaction": 27,
                   "civilian_targeting": "Civilian targeting", "disorder_type": "Political violence",
                   "region": "Western Africa", "country": "Mali"}
