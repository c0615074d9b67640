"""Date expressions and their resolution against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.extract.dates import find_dates, resolve_day_month, resolve_weekday
from marsad.text.dates import find_dateline

THU = date(2020, 5, 21)  # a Thursday


def one(text: str, published: date | None = THU) -> tuple[str, date | None, int, str]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    return d.text, d.value, d.precision, d.kind


ABSOLUTE = [
    ("On May 17, the group struck.", ("May 17", date(2020, 5, 17), 1, "absolute")),
    ("It happened May 17, 2020 near the town.", ("May 17, 2020", date(2020, 5, 17), 1, "absolute")),
    ("They came on 17 May.", ("17 May", date(2020, 5, 17), 1, "absolute")),
    ("on 10 May 2024", ("10 May 2024", date(2024, 5, 10), 1, "absolute")),
    ("on 18 May", ("18 May", date(2020, 5, 18), 1, "absolute")),
    ("on 22 May", ("22 May", date(2020, 5, 22), 1, "absolute")),  # inside the two-day slack
    ("on 25 May", ("25 May", date(2019, 5, 25), 1, "absolute")),  # beyond it: last year
    ("In March 2019, the SDF took the town.", ("March 2019", date(2019, 3, 1), 3, "absolute")),
    ("in December 2017", ("December 2017", date(2017, 12, 1), 3, "absolute")),
    ("on the 14th of July", ("the 14th of July", date(2019, 7, 14), 1, "absolute")),
    ("on July 14th", ("July 14th", date(2019, 7, 14), 1, "absolute")),
    ("on 14/07/2020", ("14/07/2020", date(2020, 7, 14), 1, "absolute")),
    ("on 2020-07-14", ("2020-07-14", date(2020, 7, 14), 1, "absolute")),
    ("on 05/21/2020", ("05/21/2020", date(2020, 5, 21), 1, "absolute")),  # month first when day > 12
    ("on Thursday, May 21, 2020", ("Thursday, May 21, 2020", date(2020, 5, 21), 1, "absolute")),
    ("on Dec. 30", ("Dec. 30", date(2019, 12, 30), 1, "absolute")),
    ("on May 17-18", ("May 17-18", date(2020, 5, 17), 1, "absolute")),
    ("in mid-May", ("mid-May", date(2020, 5, 1), 3, "absolute")),
    ("in early April", ("early April", date(2020, 4, 1), 3, "absolute")),
    ("since 2017", ("2017", date(2017, 1, 1), 4, "absolute")),
    ("in 2014", ("2014", date(2014, 1, 1), 4, "absolute")),
]


@pytest.mark.parametrize("text,expected", ABSOLUTE)
def test_absolute(text: str, expected: tuple[str, date | None, int, str]) -> None:
    assert one(text) == expected


def test_year_boundary() -> None:
    assert one("on December 30", date(2021, 1, 2))[1] == date(2020, 12, 30)
    assert resolve_day_month(30, 12, date(2021, 1, 2)) == date(2020, 12, 30)
    assert resolve_day_month(29, 2, date(2021, 3, 1)) == date(2020, 2, 29)


RELATIVE = [
    ("on Sunday", ("Sunday", date(2020, 5, 17), 1, "weekday")),
    ("last Thursday", ("last Thursday", date(2020, 5, 14), 1, "weekday")),  # not the day of publication
    ("on Thursday", ("Thursday", date(2020, 5, 21), 1, "weekday")),  # the day of publication
    ("Tuesday evening", ("Tuesday evening", date(2020, 5, 19), 1, "weekday")),
    ("late Tuesday", ("late Tuesday", date(2020, 5, 19), 1, "weekday")),
    ("Sunday night", ("Sunday night", date(2020, 5, 17), 1, "weekday")),
    ("early Saturday", ("early Saturday", date(2020, 5, 16), 1, "weekday")),
    ("Friday", ("Friday", date(2020, 5, 15), 1, "weekday")),
    ("yesterday", ("yesterday", date(2020, 5, 20), 1, "relative")),
    ("late yesterday evening", ("late yesterday evening", date(2020, 5, 20), 1, "relative")),
    ("last night", ("last night", date(2020, 5, 20), 1, "relative")),
    ("Today the group", ("Today", THU, 1, "relative")),
    ("this evening", ("this evening", THU, 1, "relative")),
    ("this morning", ("this morning", THU, 1, "relative")),
    ("tonight", ("tonight", THU, 1, "relative")),
    ("two days ago", ("two days ago", date(2020, 5, 19), 1, "relative")),
    ("three days before", ("three days before", date(2020, 5, 18), 1, "relative")),
    ("a week ago", ("a week ago", date(2020, 5, 14), 2, "relative")),
    ("a few days ago", ("a few days ago", date(2020, 5, 18), 2, "relative")),
    ("earlier this week", ("earlier this week", THU, 2, "vague")),
    ("In recent days", ("In recent days", THU, 2, "vague")),
    ("over the last month", ("over the last month", THU, 3, "vague")),
    ("last week", ("last week", date(2020, 5, 14), 2, "vague")),
    ("last month", ("last month", date(2020, 4, 21), 3, "vague")),
    ("at noon", ("at noon", None, 1, "time")),
    ("at 10:30 p.m.", ("at 10:30 p.m.", None, 1, "time")),
]


@pytest.mark.parametrize("text,expected", RELATIVE)
def test_relative(text: str, expected: tuple[str, date | None, int, str]) -> None:
    assert one(text) == expected


def test_today_weekday() -> None:
    found = find_dates("today, Thursday, ISIS struck", THU)
    assert [(d.text, d.value) for d in found] == [("today", THU), ("Thursday", THU)]


def test_weekday_resolution() -> None:
    assert resolve_weekday(3, THU) == THU
    assert resolve_weekday(3, THU, last=True) == date(2020, 5, 14)
    assert resolve_weekday(4, THU) == date(2020, 5, 15)


NOT_DATES = [
    "ISIS may attack again",
    "a 30-year-old man",
    "Brigade 23 and the 17th Division",
    "20,000 fighters remain",
    "the 2015 attack",
    "killed 2014 people",
    "may 17 people",
    "Call 0944 123 456",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, THU) == []


def test_without_publication_date() -> None:
    found = find_dates("On May 17 ISIS struck; on Friday it struck again; yesterday too.", None)
    assert [(d.text, d.value) for d in found] == [("May 17", None), ("Friday", None), ("yesterday", None)]
    found = find_dates("In 2019 ISIS lost Baghuz. On May 17 it struck.", None)
    assert [(d.text, d.value) for d in found] == [("2019", date(2019, 1, 1)), ("May 17", date(2019, 5, 17))]


def test_lead_word_and_year_flag() -> None:
    a, b, c = find_dates("Since 2017 they have waited; on May 17 they moved; in March 2019 they lost.", THU)
    assert (a.lead, b.lead, c.lead) == ("since", "on", "in")
    assert (a.year_explicit, b.year_explicit, c.year_explicit) == (True, False, True)


def test_window_and_offsets() -> None:
    text = "Title\n\nOn May 17, ISIS struck. Yesterday it struck again. On 2 June it left."
    s, e = text.index("ISIS"), text.index("On 2")
    found = find_dates(text, THU, s, e)
    assert [d.text for d in found] == ["Yesterday"]
    for d in find_dates(text, THU):
        assert text[d.start : d.end] == d.text


DATELINES = [
    (
        "close button\nFeatures\n\nISIS Still Active\n\nMay 21, 2020\nAhmad Salloum\n5 min read\n",
        date(2020, 5, 21),
    ),
    ("Thursday 31 December 2020 7:20 am\nBy staff", date(2020, 12, 31)),
    ("Published 21/05/2020 - 10:15\nText", date(2020, 5, 21)),
    ("2020-05-21T10:00:00Z Damascus", date(2020, 5, 21)),
    ("Posted on Mon, 4 Jan 2021\n", date(2021, 1, 4)),
    ("No date here at all, only May 17 without a year.", None),
    ("x" * 500 + " May 21, 2020", None),  # too far from the top
]


@pytest.mark.parametrize("text,expected", DATELINES)
def test_dateline(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected


STORY_RELATIVE = [
    ("the following day", None, 1),
    ("the next day", None, 1),
    ("the previous day", date(2020, 5, 20), -1),
    ("A day earlier", date(2020, 5, 20), -1),
    ("later that day", None, 0),
    ("hours later", None, 0),
    ("two days later", None, 2),
    ("two days earlier", date(2020, 5, 19), -2),
    ("yesterday", date(2020, 5, 20), -1),
    ("the day before yesterday", date(2020, 5, 19), -2),
    ("in the past 24 hours", THU, 0),
]


@pytest.mark.parametrize("text,value,offset", STORY_RELATIVE)
def test_offsets_from_story_date(text: str, value: date | None, offset: int) -> None:
    (d,) = find_dates(text, THU)
    assert (d.text, d.value, d.offset_days, d.kind) == (text, value, offset, "relative")


@pytest.mark.parametrize(
    "text,published,value",
    [
        ("over the weekend", THU, date(2020, 5, 16)),
        ("this past weekend", date(2020, 5, 25), date(2020, 5, 23)),
        ("last weekend", date(2020, 5, 23), date(2020, 5, 16)),
        ("since the beginning of the year", THU, THU),
    ],
)
def test_weekend_and_since(text: str, published: date, value: date) -> None:
    (d,) = find_dates(text, published)
    assert d.value == value and d.kind == "vague"


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("in May and June 2020", None, [("May", date(2020, 5, 1)), ("June 2020", date(2020, 6, 1))]),
        ("since May this year", date(2021, 9, 1), [("May this year", date(2021, 5, 1))]),
        ("in March last year", date(2021, 9, 1), [("March last year", date(2020, 3, 1))]),
        ("in March last year", None, [("March last year", None)]),
    ],
)
def test_month_with_year_nearby(
    text: str, published: date | None, expected: list[tuple[str, date | None]]
) -> None:
    assert [(d.text, d.value) for d in find_dates(text, published)] == expected
