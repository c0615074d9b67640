"""Calendar dates written out in the text: the month and weekday names, the four
patterns of a day ("May 21, 2020", "31 December 2020", "2020-05-21", "21/05/2020"),
and the publication date a dateline prints near the top of an article.

Ingest reads datelines with it; `marsad.extract.dates` builds its date grammar on
the same words and patterns, so there is one list of month names.

    >>> find_dateline("KABUL, Thursday 31 December 2020 7:20 am - Gunmen ...")
    datetime.date(2020, 12, 31)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from marsad.datafiles import word_class

# -- vocabulary ----------------------------------------------------------
MONTHS = word_class("month")  # marsad/data/word_classes.csv
MONTH_NUM: dict[str, int] = {}
for _i, _m in enumerate(MONTHS, start=1):
    for _form in {_m, _m.upper(), _m[:3], _m[:3].upper()} | ({"Sept", "SEPT"} if _i == 9 else set()):
        MONTH_NUM[_form] = _i
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NUM = {w: i for i, w in enumerate(WEEKDAYS)} | {w.upper(): i for i, w in enumerate(WEEKDAYS)}
WEEKDAY_ABBR = {w[:3]: i for i, w in enumerate(WEEKDAYS)} | {
    w[:3].upper(): i for i, w in enumerate(WEEKDAYS)
}


def alt(words: Iterable[object]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


MON = rf"(?P<mon>{alt(MONTH_NUM)})\.?"
MON_AHEAD = rf"(?:{alt(MONTH_NUM)})"
WD = rf"(?:{alt(WEEKDAY_NUM)}|{alt(WEEKDAY_ABBR)}\.?)"
DAYNUM = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
NOT_NUM_AFTER = r"(?![\d:])(?!\s*-?\s*(?:year|yr)s?\b)(?!\s*(?:%|percent|km|kilomet|mile|meter|metre))"

# -- a day written in full (the year may be missing except in a dateline) -------------
DAY_PATTERNS: list[re.Pattern[str]] = [
    # Thursday, May 21, 2020 / May 21st / Dec. 30 2020 / May 17-18
    re.compile(
        rf"\b(?:{WD},?\s+)?{MON}\s+{DAYNUM}(?:\s*[-\u2013]\s*\d{{1,2}})?"
        rf"(?:,?\s+{YEAR})?\b{NOT_NUM_AFTER}"
    ),
    # Thursday 31 December 2020 / on the 14th of July / 17 May
    re.compile(
        rf"\b(?:{WD},?\s+)?(?:the\s+)?{DAYNUM}(?:\s*[-\u2013]\s*\d{{1,2}})?\s+(?:of\s+)?"
        rf"{MON}(?:,?\s+{YEAR})?\b(?![\d:])"
    ),
    # 2020-05-21, 2020/05/21
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>1[0-2]|0?[1-9])[-/.](?P<day>[12]\d|3[01]|0?[1-9])"
        r"(?:\b|(?=T\d))(?![-/.]?\d)"
    ),
    # 21/05/2020, 21.05.2020, 21-05-2020 (day first unless impossible)
    re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})[/.-](?P<mnum>\d{1,2})[/.-]" + YEAR + r"\b(?![/.-]?\d)"),
]


def month_day(groups: Mapping[str, str | None]) -> tuple[int, int]:
    """The (month, day) of a match of a date pattern; month 1 / day 1 when it names none.

    >>> month_day({"mnum": "21", "day": "05"})     # 05/21/2020: US order
    (5, 21)
    """
    if groups.get("mnum"):
        month, day = int(groups["mnum"] or 0), int(groups["day"] or 0)
        if month > 12 and day <= 12:
            month, day = day, month
        return month, day
    month = MONTH_NUM[groups["mon"] or ""] if groups.get("mon") else 1
    return month, int(groups["day"] or 0) if groups.get("day") else 1


# -- the dateline ---------------------------------------------------------------------
DATELINE_SPAN = 400


def find_dateline(text: str) -> date | None:
    """The publication date printed near the top of an article (first ~400 characters).

    Only full dates with a year count: "May 21, 2020", "21/05/2020", "2020-05-21",
    "Thursday 31 December 2020 7:20 am".

    >>> find_dateline("Features\\n\\nMay 21, 2020\\nAhmad Salloum")
    datetime.date(2020, 5, 21)
    >>> find_dateline("On May 21 gunmen attacked") is None
    True
    """
    head_end = min(len(text), DATELINE_SPAN)
    found: list[tuple[int, date]] = []
    for rx in DAY_PATTERNS:
        for m in rx.finditer(text, 0, head_end):
            if not m.group("year"):
                continue
            try:
                found.append((m.start(), date(int(m.group("year")), *month_day(m.groupdict()))))
            except ValueError:
                continue
    return min(found, key=lambda f: f[0])[1] if found else None
