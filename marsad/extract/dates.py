"""Find date expressions in news text and resolve them against the publication date.

    >>> from datetime import date
    >>> [(d.text, d.value, d.precision) for d in find_dates("On May 17, ISIS attacked.", date(2020, 5, 21))]
    [('May 17', datetime.date(2020, 5, 17), 1)]
    >>> [(d.text, str(d.value), d.kind) for d in find_dates("late Tuesday and yesterday", date(2020, 5, 21))]
    [('late Tuesday', '2020-05-19', 'weekday'), ('yesterday', '2020-05-20', 'relative')]

Precision follows ACLED: 1 day, 2 week, 3 month, 4 year.  A date without a year
is the most recent such day on or before the publication date (with two days of
slack for time zones); a weekday is the most recent such weekday on or before it.
With no publication date, relative expressions get ``value=None`` and dates
without a year take the year written elsewhere in the text, if any.

``lead`` is the word just before the expression ("on", "in", "since", ...), so a
caller can tell "since 2017" (background) from "on May 17".

Expressions counted from the story's own date ("the following day", "hours
later", "two days later") have ``value=None`` and ``offset_days`` set (+1, 0, +2):
only the caller knows which date the story is on.  Backward ones ("two days
earlier", "the day before", "a day earlier") are resolved from the publication
date, as the brief for "three days before" asks, and carry ``offset_days`` (-2,
-1, -1) so a caller can count them from the story's date instead.

Speed: every pattern contains an anchor word (a month, a weekday, a digit or a
relative word such as "yesterday"), so the patterns run only in short windows
around anchors; a test checks that this finds exactly what a full scan finds.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from marsad import datafiles
from marsad.datafiles import class_regex, class_words, required_words, term_regex
from marsad.errors import ConfigError
from marsad.records import DateMention
from marsad.text.dates import DAY_PATTERNS, month_day
from marsad.text.dates import MON as _MON
from marsad.text.dates import MON_AHEAD as _MON_AHEAD
from marsad.text.dates import MONTH_NUM as _MONTH_NUM
from marsad.text.dates import WEEKDAY_ABBR as _WEEKDAY_ABBR
from marsad.text.dates import WEEKDAY_NUM as _WEEKDAY_NUM
from marsad.text.dates import YEAR as _YEAR
from marsad.text.dates import alt as _alt


def _wordlist(text: str) -> list[str]:
    """Word lists are written as plain text, one space between words."""
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


DAY, WEEK, MONTH, YEAR = 1, 2, 3, 4
_SLACK = timedelta(days=2)


# -- vocabulary (the calendar words are marsad.text.dates', shared with ingest) ---------
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "few": 3,
    "a few": 3,
    "several": 3,
    "couple of": 2,
    "a couple of": 2,
}


_PART = rf"(?:{class_regex('day_part')})"
_MOD = r"(?:early|late|mid|last|this|next)"

_PREPS = (
    "in",
    "In",
    "since",
    "Since",
    "during",
    "During",
    "until",
    "Until",
    "through",
    "of",
    "from",
    "From",
    "by",
    "throughout",
    "Throughout",
    "before",
    "Before",
    "after",
    "After",
    "between",
    "and",
    "to",
    "end of",
    "start of",
    "beginning of",
    "middle of",
)
_PREP = r"\b(?:" + _alt(_PREPS).replace("\\ ", r"\s+") + r")\s+"

_ABSOLUTE = [
    # the four ways of writing a day: "May 21, 2020", "31 December", "2020-05-21", "21/05/2020"
    *((rx, DAY) for rx in DAY_PATTERNS),
    # (in) March 2019, mid-May 2020
    (re.compile(rf"\b(?:(?:early|late|mid)\s*-?\s*)?{_MON}\s+(?:of\s+)?{_YEAR}\b(?![\d:])"), MONTH),
    # in March, since early May, mid-June, at the end of March
    (
        re.compile(
            rf"(?:{_PREP}(?P<body>(?:(?:early|late|mid)\s*-?\s*)?)|(?P<body2>\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+)))"
            rf"{_MON}\b(?!\s*\d)"
            # "May this year", "March last year"; "in May and June 2020" takes the year that follows
            rf"(?:\s+(?P<rel_year>this|last)\s+year\b"
            rf"|(?=\s+(?:and|or|to|until|through|-|\u2013)\s+{_MON_AHEAD}\.?,?\s+(?P<year>(?:19|20)\d\d)\b))?"
        ),
        MONTH,
    ),
    # in 2015, since 2017, in early 2018, mid-2019
    (
        re.compile(
            rf"(?:{_PREP}(?P<body>(?:(?:early|late|mid)\s*-?\s*)?)|(?P<body2>\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+)))"
            rf"{_YEAR}\b(?![\d:,]\d)"
            rf"(?!\s*(?:people|persons|fighters|militants|members|civilians|troops|soldiers|families)\b)"
        ),
        YEAR,
    ),
]

# "Black Tuesday", "Bloody Sunday", "Good Friday": a day's name for an event, not a date
_WEEKDAY = re.compile(
    r"(?<!Black )(?<!Bloody )(?<!Good )(?<!Holy )(?<!Easter )(?<!Palm )(?<!Ash )"
    rf"\b(?:(?P<mod>{_MOD}|[Ee]arly|[Ll]ate|[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<wd>{_alt(_WEEKDAY_NUM)})\b"
    rf"(?:\s+(?P<part>{_PART}))?"
)

# (pattern, how far back from published as (count, unit) or None, precision, kind, offset in days),
# one row of marsad/data/date_phrases.csv each.  offset_days says how the expression moves from
# the date it is counted from: -1 for "yesterday" (from publication) and for "the day before"
# (from the date the story is telling).
_Relative = tuple[str, tuple[int, str] | None, int, str, int | None]


def _relative_rows() -> list[_Relative]:
    anchors = class_words("date_anchor")
    out: list[_Relative] = []
    for source, n, r in datafiles.sourced_rows("date_phrases.csv", ("back", "unit", "precision", "kind",
                                                                   "offset", "phrase")):
        try:
            back = (int(r["back"]), r["unit"]) if r["back"] else None
            row = (term_regex(r["phrase"]), back, int(r["precision"]), r["kind"],
                   int(r["offset"]) if r["offset"] else None)
        except (ValueError, ConfigError) as e:
            raise ConfigError(f"row {n}: {e}", source=source,
                              fix="write back,unit,precision,kind,offset,phrase as the packaged file does") from None
        if row[2] not in (DAY, WEEK, MONTH, YEAR) or not any(set(f) <= anchors for f in required_words(r["phrase"])):
            raise ConfigError(f"row {n}: {r['phrase']!r} needs a precision of 1-4 and a word of date_anchor",
                              source=source, fix="add one of its words to the class date_anchor of word_classes.csv")
        out.append(row)
    return out


_RELATIVE: list[_Relative] = _relative_rows()
_RELATIVE_RE = re.compile(
    "|".join(rf"\b(?P<r{i}>{p})\b" for i, (p, *_) in enumerate(_RELATIVE)), re.IGNORECASE
)

_AGO = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+(?P<unit>day|week|month|year)s?\s+"
    rf"(?P<dir>ago|earlier|later|(?:before|prior|after)(?!\s+[\w\"“‘']))\b",
    re.IGNORECASE,
)

_TIME = re.compile(
    r"\b(?:at|around|about|shortly\s+(?:after|before))\s+(?:noon|midday|midnight|dawn|dusk|sunset|sunrise|"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|o'clock|GMT|UTC|local\s+time)|\d{1,2}:\d\d))(?![\w])"
    r"|\b(?:in|during)\s+the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)

_LEAD = re.compile(r"(\w+)[^\S\n]*,?[^\S\n]*$")


# -- resolution helpers --------------------------------------------------
def resolve_day_month(day: int, month: int, published: date) -> date | None:
    """The most recent (day, month) on or before ``published`` (+2 days slack).

    >>> resolve_day_month(30, 12, date(2021, 1, 2))
    datetime.date(2020, 12, 30)
    """
    for year in (
        published.year,
        published.year - 1,
        published.year - 2,
        published.year - 3,
        published.year - 4,
    ):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value <= published + _SLACK:
            return value
    return None


def resolve_weekday(weekday: int, published: date, last: bool = False) -> date:
    """The most recent such weekday on or before ``published``; ``last`` skips published itself."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return published - timedelta(days=back)


def _month_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _back(d: date, n: int, unit: str) -> date:
    if unit == "weekend":  # the Saturday of the latest (n=0) or previous weekend
        sat = d - timedelta(days=(d.weekday() - 5) % 7)
        return sat - timedelta(days=7) if n and d.weekday() >= 5 else sat
    if unit == "day":
        return d - timedelta(days=n)
    if unit == "week":
        return d - timedelta(days=7 * n)
    return _month_back(d, n if unit == "month" else 12 * n)


def _lead(text: str, s: int) -> str:
    m = _LEAD.search(text, max(0, s - 24), s)
    return m.group(1).lower() if m else ""


# -- finding ---------------------------------------------------------------
_WORD = re.compile(r"\w+")
_REL_WORDS = class_words("date_anchor")

_F_MONTH, _F_WD, _F_DIGIT, _F_REL = 1, 2, 4, 8
_FLAGS: dict[str, int] = {}
_MARGIN = 40
# which anchors each pattern needs: every match contains at least one such word
_PLAN: list[tuple[re.Pattern[str], int, int | None]] = [  # (pattern, anchor flags, precision)
    (_ABSOLUTE[0][0], _F_MONTH | _F_WD, DAY),
    (_ABSOLUTE[1][0], _F_MONTH | _F_WD, DAY),
    (_ABSOLUTE[2][0], _F_DIGIT, DAY),
    (_ABSOLUTE[3][0], _F_DIGIT, DAY),
    (_ABSOLUTE[4][0], _F_MONTH, MONTH),
    (_ABSOLUTE[5][0], _F_MONTH, MONTH),
    (_ABSOLUTE[6][0], _F_DIGIT, YEAR),
    (_WEEKDAY, _F_WD, None),
    (_RELATIVE_RE, _F_REL, None),
    (_AGO, _F_REL, None),
    (_TIME, _F_REL | _F_DIGIT, None),
]


def _flags(word: str) -> int:
    f = _FLAGS.get(word)
    if f is None:
        f = (
            (_F_MONTH if word in _MONTH_NUM else 0)
            | (_F_WD if word in _WEEKDAY_NUM or word in _WEEKDAY_ABBR else 0)
            | (_F_DIGIT if word[0].isdigit() else 0)
            | (_F_REL if word.lower() in _REL_WORDS else 0)
        )
        if len(_FLAGS) < 50_000:
            _FLAGS[word] = f
    return f


def _anchors(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, flags) of the words that can be part of a date expression."""
    words = _WORD.findall(text, start, end)
    get = _FLAGS.get
    out = []
    pos = start
    n = len(text)
    for w in words:
        f = get(w)
        if f is None:
            f = _flags(w)
        if not f:
            continue
        p = text.find(w, pos)
        while p >= 0 and (
            (p > 0 and (text[p - 1].isalnum() or text[p - 1] == "_"))
            or (p + len(w) < n and (text[p + len(w)].isalnum() or text[p + len(w)] == "_"))
        ):
            p = text.find(w, p + 1)
        if p < 0:
            break
        out.append((p, p + len(w), f))
        pos = p + len(w)
    return out


def _windows(
    text: str, anchors: list[tuple[int, int, int]], want: int, start: int, end: int
) -> list[tuple[int, int]]:
    """Merged spans of text around the anchors with one of the ``want`` flags."""
    spans: list[tuple[int, int]] = []
    for a, b, f in anchors:
        if not f & want:
            continue
        s, e = max(start, a - _MARGIN), min(end, b + _MARGIN)
        while e < end and not text[e].isspace():
            e += 1
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def _candidates(
    text: str, published: date | None, start: int, end: int, fallback_year: int | None
) -> list[DateMention]:
    out: list[DateMention] = []
    anchors = _anchors(text, start, end)
    if not anchors:
        return out
    for rx, want, prec in _PLAN:
        for ws, we in _windows(text, anchors, want, start, end):
            for m in rx.finditer(text, ws, we):
                mention = _mention(rx, prec, m, text, published, fallback_year)
                if mention is not None:
                    out.append(mention)
    return out


def _mention(
    rx: re.Pattern[str],
    prec: int | None,
    m: re.Match[str],
    text: str,
    published: date | None,
    fallback_year: int | None,
) -> DateMention | None:
    if prec is not None:
        return _absolute(m, prec, text, published, fallback_year)
    if rx is _WEEKDAY:
        wd = _WEEKDAY_NUM[m.group("wd")]
        mod = (m.group("mod") or "").lower()
        value = None
        if published is not None:
            if mod == "next":
                value = published + timedelta(days=(wd - published.weekday()) % 7 or 7)
            else:
                value = resolve_weekday(wd, published, last=(mod == "last"))
        return DateMention(
            m.start(), m.end(), m.group(), value, DAY, "weekday", False, _lead(text, m.start())
        )
    if rx is _RELATIVE_RE:
        _, back, rprec, kind, offset = _RELATIVE[int(str(m.lastgroup)[1:])]
        value = None if published is None or back is None else _back(published, *back)
        return DateMention(
            m.start(), m.end(), m.group(), value, rprec, kind, False, _lead(text, m.start()), offset
        )
    if rx is _AGO:
        return _ago(m, text, published)
    return DateMention(m.start(), m.end(), m.group(), None, DAY, "time", False, _lead(text, m.start()))


def _absolute(
    m: re.Match[str], prec: int, text: str, published: date | None, fallback_year: int | None
) -> DateMention | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    explicit = year is not None
    if g.get("rel_year"):
        base = published.year if published is not None else fallback_year
        if base is not None:
            year = base - (1 if g["rel_year"] == "last" else 0)
    month, day = month_day(g)  # 05/21/2020: US order
    value: date | None = None
    try:
        if year is not None:
            value = date(year, month, day)
        elif prec == DAY and published is not None:
            value = resolve_day_month(day, month, published)
        elif prec == DAY and fallback_year is not None:
            value = date(fallback_year, month, day)
        elif prec == MONTH and published is not None:
            y = published.year if month <= published.month else published.year - 1
            value = date(y, month, 1)
        elif prec == MONTH and fallback_year is not None:
            value = date(fallback_year, month, 1)
    except ValueError:
        return None
    if year is None and prec == DAY and value is None and (published is not None or fallback_year):
        return None  # 30 February: not a date
    s = m.start()
    if g.get("body") is not None:
        s = m.start("body")
    elif g.get("body2") is not None:
        s = m.start("body2")
    return DateMention(s, m.end(), text[s : m.end()], value, prec, "absolute", explicit, _lead(text, s))


def _ago(m: re.Match[str], text: str, published: date | None) -> DateMention:
    n_txt = m.group("n").lower()
    n_txt = re.sub(r"\s+", " ", n_txt)
    n = int(n_txt) if n_txt.isdigit() else _NUMBER_WORDS.get(n_txt, 1)
    unit = m.group("unit").lower()
    prec = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[unit]
    if n_txt in {"few", "a few", "several"} or "couple" in n_txt:
        prec = min(prec + 1, YEAR)  # "a few days ago": about a week
    back = m.group("dir").lower() in {"ago", "before", "earlier", "prior"}
    value = _back(published, n, unit) if published is not None and back else None
    offset = {"day": n, "week": 7 * n}.get(unit)
    if offset is not None and back:
        offset = -offset
    return DateMention(
        m.start(), m.end(), m.group(), value, prec, "relative", False, _lead(text, m.start()), offset
    )


def _select(cands: list[DateMention]) -> list[DateMention]:
    """Leftmost, then longest, non-overlapping."""
    cands.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    last_end = -1
    for d in cands:
        if d.start >= last_end:
            out.append(d)
            last_end = d.end
    return out


def _fallback_year(text: str) -> int | None:
    """The first year written in a date or "in/since YYYY" anywhere in the text."""
    years = [
        (m.start(), m.group("year"))
        for rx, _ in _ABSOLUTE
        for m in rx.finditer(text)
        if m.groupdict().get("year")
    ]
    return int(min(years)[1]) if years else None


def find_dates(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, left to right, non-overlapping.

    >>> [(d.text, str(d.value)) for d in find_dates("on 30 December", date(2021, 1, 2))]
    [('30 December', '2020-12-30')]
    """
    end = len(text) if end is None else end
    fallback = _fallback_year(text) if published is None else None
    return _select(_candidates(text, published, start, end, fallback))


_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")


def date_from_url(url: str | None) -> tuple[date, int] | None:
    """The date an article's address gives, with ACLED's precision: a day (1) from
    ``/2022/12/15/`` or ``2022-12-15``, a month (3) from ``/2022/12/`` (its last day, so
    dates the text gives in that month resolve inside it).

    >>> date_from_url("https://example.org/2022/12/clash-in-panjshir/")
    (datetime.date(2022, 12, 31), 3)
    >>> date_from_url("https://example.org/news/2024-02-15-afgooye")
    (datetime.date(2024, 2, 15), 1)
    >>> date_from_url("https://example.org/gunmen-kill-10") is None
    True
    """
    if not url:
        return None
    m = _URL_DAY.search(url)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), DAY
        except ValueError:
            return None
    m = _URL_MONTH.search(url)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, calendar.monthrange(y, mo)[1]), MONTH
    return None
