"""marsad.text.dates: the calendar words and the dateline, shared by ingest and extract."""
from __future__ import annotations

import doctest
from datetime import date

import pytest

import marsad.countries
import marsad.text.dates
from marsad.extract import dates as extract_dates
from marsad.text.dates import DAY_PATTERNS, MONTH_NUM, find_dateline, month_day


@pytest.mark.parametrize("module", [marsad.text.dates, marsad.countries])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


# one row per way a wire or a local outlet prints its date at the top of a story
DATELINES = [
    ("MOGADISHU, Somalia, Sept. 14, 2023 (wire) - Al-Shabaab fighters stormed a base ...", date(2023, 9, 14)),
    ("Updated 03/02/2022 - 18:40\nShelling hit a market in Kharkiv on Tuesday ...", date(2022, 2, 3)),
    ("2021-11-28T06:10:00Z\nGunmen raided a village in Zamfara state ...", date(2021, 11, 28)),
    ("Published Saturday 4 March 2017\nAir strikes on Mosul's old city ...", date(2017, 3, 4)),
    ("Monday, August 1st, 2016 -- The junta's aircraft bombed a village in Sagaing ...", date(2016, 8, 1)),
    # a day without a year is no dateline: the article's date stays unknown
    ("On May 21 gunmen attacked a convoy near Gao, officials said.", None),
    # a date past the top of the article is the story's, not the publication's
    ("Gunmen attacked a convoy near Gao. " * 15 + "The base was built on 12 January 2015.", None),
    # an impossible day is not a date
    ("31/02/2020 - clashes in Idlib", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected


def test_month_day_reads_us_order_only_when_the_day_first_reading_is_impossible() -> None:
    assert month_day({"mnum": "05", "day": "21"}) == (5, 21)
    assert month_day({"mnum": "21", "day": "05"}) == (5, 21)
    assert month_day({"mon": "Sept", "day": "9"}) == (9, 9)


def test_extraction_reads_days_with_the_same_patterns_and_month_names() -> None:
    # one grammar of a written day: the extractor's first patterns are these objects
    assert [rx for rx, _ in extract_dates._ABSOLUTE[:len(DAY_PATTERNS)]] == DAY_PATTERNS
    assert extract_dates._MONTH_NUM is MONTH_NUM
