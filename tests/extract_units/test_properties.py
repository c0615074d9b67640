"""Properties that must hold for any input: no exceptions, offsets slice the text."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.actors import ActorMatcher
from marsad.extract.casualties import find_casualties, parse_count
from marsad.extract.dates import find_dates
from marsad.text.dates import find_dateline

WORDS = [
    "ISIS",
    "IS",
    "is",
    "SDF",
    "killed",
    "killing",
    "wounded",
    "at",
    "least",
    "13",
    "two",
    "a",
    "woman",
    "May",
    "17",
    "2020",
    "on",
    "Sunday",
    "yesterday",
    "last",
    "week",
    "-",
    ",",
    ".",
    "'s",
    "anti-",
    "dozens",
    "of",
    "civilians",
    "were",
    "Brigade",
    "23",
    "30-year-old",
    "1,200",
    "/",
    "05",
    "\n",
    "Da'esh",
    "al-Hashd",
    "al-Shaabi",
    "days",
    "ago",
    "noon",
    "the",
    "and",
    "\u2019",
    "Thursday",
    "his",
    "son",
    "toll",
    "rose",
    "to",
    "died",
    "said",
    "(",
    ")",
    "was",
    "killing",
    "no",
    "one",
]
sentences = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
any_text = st.one_of(st.text(max_size=80), sentences)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))


@given(any_text)
def test_parse_count_never_raises(text: str) -> None:
    value = parse_count(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@settings(max_examples=150, deadline=None)
@given(any_text, published)
def test_find_dates_offsets(text: str, pub: date | None) -> None:
    last_end = 0
    for d in find_dates(text, pub):
        assert text[d.start : d.end] == d.text
        assert d.start >= last_end  # ordered, non-overlapping
        last_end = d.end
        assert d.precision in (1, 2, 3, 4)
        assert d.kind in ("absolute", "relative", "weekday", "vague", "time")
        if pub is None and d.kind in ("relative", "weekday", "vague"):
            assert d.value is None
    find_dateline(text)


@given(any_text, published, st.integers(0, 40), st.integers(0, 40))
def test_find_dates_window(text: str, pub: date | None, a: int, b: int) -> None:
    s, e = min(a, b, len(text)), min(max(a, b), len(text))
    for d in find_dates(text, pub, s, e):
        assert s <= d.start and d.end <= e


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_find_casualties_offsets(text: str) -> None:
    last_end = 0
    for c in find_casualties(text):
        assert text[c.start : c.end] == c.text
        assert c.start <= c.num_start < c.num_end <= c.end
        assert c.start >= last_end
        last_end = c.end
        assert c.kind in ("killed", "injured", "captured", "arrested", "missing")
        assert c.count is None or c.count >= 0


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_actor_offsets(text: str) -> None:
    matcher = ActorMatcher.load()
    last_end = 0
    for m in matcher.find(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end


@settings(max_examples=150, deadline=None)
@given(sentences, published)
def test_date_windows_lose_nothing(text: str, pub: date | None) -> None:
    """find_dates only scans around anchor words; scanning everything must find the same."""
    import marsad.extract.dates as dates_module

    windowed = find_dates(text, pub)
    saved = dates_module._MARGIN
    dates_module._MARGIN = 10**9
    try:
        assert find_dates(text, pub) == windowed
    finally:
        dates_module._MARGIN = saved


@given(any_text, st.integers(0, 60), st.integers(0, 60))
def test_find_casualties_window(text: str, a: int, b: int) -> None:
    s, e = min(a, b, len(text)), min(max(a, b), len(text))
    for c in find_casualties(text, s, e):
        assert s <= c.start and c.end <= e
        assert text[c.start : c.end] == c.text
