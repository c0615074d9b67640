"""Casualty counts: numbers bound to killed / injured / captured / arrested / missing.

    >>> parse_count("at least 13")
    13
    >>> [(c.count, c.kind, c.who) for c in find_casualties("The blast killed 11 civilians and wounded two.")]
    [(11, 'killed', 'civilians'), (2, 'injured', '')]

Counting follows ACLED's conventions: "at least 13" is 13, "20 to 25" is 20,
"dozens" is 12, "hundreds" 100, and vague words ("several", "a number of",
"some") give ``count=None``: there were casualties, but how many is unknown.
Numbers that are ages ("30-year-old"), dates ("May 17"), unit names ("Brigade
23"), durations ("two days"), things ("five vehicles") or phone numbers are
never counted.  Deciding which incident a count belongs to is the caller's job.

Four readings, tried only at words that can start them:

- an active verb and its object: "killing 11", "kidnapped three members",
  "killing its driver" (1), "killing 2 soldiers and a civilian" (3);
- a count and a passive or stative word: "three people ... were killed",
  "seven dead", "two others wounded", "3 soldiers and 2 civilians were killed" (5);
- one person without a number: "ISIS member was killed", "a man was shot dead";
- a total: "the death toll rose to 28", "the number of fighters killed has risen to four".

Mixed counts ("13 killed and wounded") keep ``kind="killed"`` with ``count=None``:
the split is unknown.  "No one was killed" and "not a single civilian" give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from marsad.datafiles import class_regex, class_word_forms, class_words, term_regex, word_class
from marsad.records import CasualtyMention


def _wordlist(text: str) -> list[str]:
    """Word lists are written as plain text, one space between words."""
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


KINDS = ("killed", "injured", "captured", "arrested", "missing")


# -- numbers ---------------------------------------------------------------
_UNITS = {
    w: i
    for i, w in enumerate(
        _wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(_wordlist("_ _ twenty thirty forty fifty sixty seventy eighty ninety"))
    if i > 1
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {
    "dozens": 12,
    "dozens of": 12,
    "a dozen": 12,
    "dozen": 12,
    "scores": 20,
    "scores of": 20,
    "hundreds": 100,
    "hundreds of": 100,
    "thousands": 1000,
    "thousands of": 1000,
    "tens": 10,
    "tens of": 10,
    "both": 2,
    "a couple of": 2,
    "a pair of": 2,
    "him": 1,
    "her": 1,
    "a": 1,
    "an": 1,
    "another": 1,
    "a single": 1,
    "a further": 1,
    "an additional": 1,
    "the": None,
    "several": None,
    "some": None,
    "a number of": None,
    "a number": None,
    "number of": None,
    "many": None,
    "numerous": None,
    "a few": None,
    "few": None,
    "a handful of": None,
    "a handful": None,
    "them": None,
    "others": None,
    "dozen of": 12,
}
_QUAL_RE = re.compile(
    r"^(?:"
    + "|".join(term_regex(q, " ") for q in sorted(word_class("qualifier_word"), key=len, reverse=True))
    + r")\s+(?=\S)"
)
_RANGE_RE = re.compile(r"^(.+?)\s*(?:-|\u2013|\bto\b|\bor\b)\s*(.+)$")
_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\b")
_SPLIT_RE = re.compile(r"\s*(?:,\s+(?:and\s+)?|\band\b|&)\s*")


def _words_value(words: list[str]) -> tuple[int | None, int]:
    """Value of the number words at the start of ``words`` and how many words were used."""
    total = current = used = 0
    seen = False
    for i, w in enumerate(words):
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES and seen:
            if _SCALES[w] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALES[w]
                current = 0
        elif w == "and" and seen and i + 1 < len(words) and (words[i + 1] in _UNITS or words[i + 1] in _TENS):
            continue
        elif w in {"a", "one"} and not seen and i + 1 < len(words) and words[i + 1] in _SCALES:
            current = 1
            used = i + 1
            seen = True
            continue
        elif w == "dozen" and seen:
            current *= 12
        else:
            break
        seen = True
        used = i + 1
    return (total + current if seen else None), used


def _one(text: str) -> tuple[bool, int | None]:
    """(recognised, value) for one count phrase without 'and'."""
    t = text.strip(" .,;:()\"'")
    while True:
        m = _QUAL_RE.match(t)
        if not m:
            break
        t = t[m.end() :]
    r = _RANGE_RE.match(t)
    if r:
        ok, lo = _one(r.group(1))
        if ok and lo is not None:
            return True, lo
    m = _DIGITS_RE.match(t)
    if m:
        return True, int(m.group(1).replace(",", ""))
    words = re.findall(r"[a-z]+", t)
    if not words:
        return False, None
    value, _ = _words_value(words)
    if value is not None:
        return True, value
    if words[0] in {"his", "her", "its", "their"} and len(words) > 1:  # "his son": one; "his sons": unknown
        return True, None if _is_plural(words[1]) else 1
    for n in (3, 2, 1):
        key = " ".join(words[:n])
        if len(words) >= n and key in _VAGUE:
            return True, _VAGUE[key]
    return False, None


def _is_plural(noun: str) -> bool:
    return (noun.endswith("s") and not noun.endswith("ss")) or noun in {"men", "women", "children", "people"}


def parse_count(text: str) -> int | None:
    """The number of people a count phrase means, or None when it is unknown.

    >>> [parse_count(t) for t in ("seven", "1,200", "20 to 25", "dozens", "several", "a man and two boys")]
    [7, 1200, 20, 12, None, 3]
    """
    t = re.sub(r"\s+", " ", str(text).lower().replace("\u2013", "-")).strip()
    if not t:
        return None
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)  # twenty-three
    m = re.match(r"^between\s+(.+?)\s+and\s+", t)
    if m:
        ok, lo = _one(m.group(1))
        return lo if ok else None
    ok, value = _one(t)
    parts = [p for p in _SPLIT_RE.split(t) if p]
    if len(parts) > 1:  # "two brothers and a woman"
        values = [_one(p) for p in parts]
        if all(ok_ for ok_, _ in values):
            if any(v is None for _, v in values):
                return None  # "a man and his sons": more than one, how many unknown
            return sum(v for _, v in values if v is not None)
    return value if ok else None


# -- finding counts in text ------------------------------------------------
def _alt(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_UNIT_W = _alt(w for w in _UNITS if w != "zero")
_TENS_W = _alt(_TENS)
_WORDNUM = (
    rf"(?:(?:a|one|{_UNIT_W}|{_TENS_W})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_TENS_W}"
    rf"(?:[\s-]+(?:{_UNIT_W}))?|{_UNIT_W}))?|(?:{_TENS_W})(?:[\s-]+(?:{_UNIT_W}))?|{_UNIT_W})"
)
_DIG = r"(?:\d{1,3}(?:,\d{3})+|\d{1,5})(?![\d,]\d|[.:/]\d|(?:st|nd|rd|th)\b)"
_NUMCORE = rf"(?:{_DIG}|{_WORDNUM})"
_QUAL = rf"(?:(?:{class_regex('count_qualifier')})\s+)"
_VAGUE_W = (
    r"dozens(?:\s+of)?|two\s+dozen|a\s+dozen|scores(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?|"
    r"tens\s+of|several|a\s+number\s+of|a\s+handful\s+of|numerous|many|some|a\s+few|both|"
    r"a\s+couple\s+of|a\s+single|an?|another|a\s+further|an\s+additional"
)
# a count: "at least 13", "20 to 25", "twenty-three", "dozens of", "a"
_NUM = (
    rf"(?<![\w+\-/.:,\u2013])(?:{_QUAL}{{0,2}}(?:(?:{_UNIT_W})\s+dozen|{_NUMCORE}(?:\s*(?:-|\u2013|to|or)\s*{_NUMCORE})?"
    rf"|between\s+{_NUMCORE}\s+and\s+{_NUMCORE}|{_VAGUE_W}))(?!\w)"
    r"(?!\s*-?\s*(?:year|yr|month|week|day)s?[\s-]*old)(?!\s*(?:%|percent|per\s+cent)|(?<=\d)\s*\d)"
)

_STOP = class_regex("count_stop")
# a word of the counted noun phrase: "SDF", "Iraqi-backed", "U.S." (a dot only after one capital)
_WHOWORD = rf"(?!(?:{_STOP})\b)[\w'\u2019][\w'\u2019-]*+(?:\.\w[\w'\u2019-]*+)*+(?:(?<=\b[A-Z])\.)?"
_SP = r"[^\S\n]+"  # spaces, not a line break
_ABBR = r"(?:[^\S\n]*\([A-Z][A-Za-z-]{1,9}\))?"  # "Syrian Democratic Forces (SDF) fighters"
_WHO = rf"(?P<who>(?:{_SP}{_WHOWORD}{_ABBR}){{0,4}}+)"
_WHO_GREEDY = rf"(?P<who>(?:{_SP}{_WHOWORD}){{0,4}})"
# more counted groups joined by "and" or commas: "3 soldiers and 2 civilians", "two brothers and a woman"
# One more counted group: after "and" any count ("and a woman", "and his son"); after a bare comma
# a real number only, since ", a security source said" and ", a figure ..." are not people counted.
_SINGLE = r"(?:an?|another|his|her|their|its)(?![\w-])"
_MORE_ITEM = (
    rf"(?:\s*(?:,\s*)?(?:and|as\s+well\s+as)\s+(?:{_NUM}|{_SINGLE})|\s*,\s*(?!{_SINGLE}){_NUM})"
    rf"(?:{_SP}{_WHOWORD}){{0,4}}+"
    r"(?:\s+of\s+(?:his|her|their|its|the|them)(?:\s+\w+)?)?"
    r"(?!\s+(?:said|says|told|reported|added|confirmed|according)\b)"
)
_MORE = rf"(?P<more>(?:{_MORE_ITEM}){{0,3}})"
# after an active verb an added group must not start a new clause: "killed 3 and 2 others were wounded"
_MORE_OBJ = rf"(?P<more>(?:{_MORE_ITEM}(?!\s+(?:were|was|are|is|have|has|had|been)\b)){{0,3}})"
_OTHERS = r"(?:\s+(?:others?|more|of\s+them|of\s+(?:which|whom)|of\s+(?:its|their|his)\s+\w+))?"
# "a woman from the village", "a woman accompanying them": a short modifier between count and verb
_POSTMOD = (
    rf"(?:\s+(?:{class_regex('count_modifier')}|"
    r"and\s+(?:allied|other|affiliated|loyal|pro-[\w-]+))"
    r"(?:\s+[\w'\u2019-]+){1,6}?)?"
)
_OTHER_BEFORE_WHO = r"(?:\s+(?:other|more|of\s+(?:the|its|their|his|her))\b)?"

# passive/stative words after the count: "... were killed", "seven dead", "two others wounded"
_B_TRIG = (
    rf"{class_regex('casualty_died_later')}|(?:{class_regex('casualty_mixed')})(?!\s+(?:{_NUMCORE}|at\s+least|more\s+than|"
    rf"about|nearly|over|another|some|dozens|scores)\b)|{class_regex('casualty_passive')}"
)
_AUX = rf"(?:(?:{class_regex('casualty_aux')})\s+)"
_APPOS = r"(?:\s*(?:,[^,.;:\n]{1,80}+,|\([^()\n]{1,60}+\)|\s+-\s+[^-.;:\n]{1,60}?\s+-))?"
_B = re.compile(
    rf"(?P<num>{_NUM})(?:\s+(?:more|other)\b)?{_WHO}{_MORE}{_OTHERS}{_POSTMOD}{_APPOS}\s+{_AUX}{{0,4}}[\"\u201c'\u2018]?"
    rf"(?P<trig>{_B_TRIG})\b",
    re.IGNORECASE,
)

# one person, no number: "ISIS member was killed", "the driver was shot dead"
_S_TRIG = class_regex("casualty_single")
_S = re.compile(
    rf"(?<![\w'\u2019-])(?P<num>(?:the|an?|one|another)[^\S\n]+)?(?P<who>{_WHOWORD}(?:{_SP}{_WHOWORD}){{0,3}}+)"
    rf"{_POSTMOD}{_APPOS}\s+was\s+{_AUX}{{0,3}}[\"\u201c'\u2018]?(?P<trig>{_S_TRIG})\b",
    re.IGNORECASE,
)

# active verbs before the count: "killing 11", "kidnapped three members", "claimed the lives of 3"
_A_TRIG = class_regex("casualty_active")
_A = re.compile(
    rf"\b(?P<trig>{_A_TRIG})\s+(?:(?P<num>{_NUM}|him|her|them){_OTHER_BEFORE_WHO}{_WHO_GREEDY}"
    rf"{_MORE_OBJ}|(?P<det>the|its|their|his|her)(?P<who3>(?:{_SP}{_WHOWORD}){{1,3}}))"
    rf"|\b(?P<trig2>{class_regex('casualty_life')})\s+(?P<num2>his|her)\s+life\b",
    re.IGNORECASE,
)

# totals: "the death toll rose to 28", "the number of fighters killed has risen to four"
_C = re.compile(
    rf"\b(?P<trig>(?:death\s+|casualty\s+|civilian\s+)?toll|losses|number\s+of(?P<who>(?:\s+{_WHOWORD}){{0,3}}?)"
    rf"\s+(?:dead|killed|deaths|fatalities|victims|casualties|wounded|injured|kidnapped|abducted|arrested|"
    rf"detainees|people\s+killed))(?:\s+[\w'\u2019-]+){{0,7}}?\s+(?:to|at|reached|hit|of|stands\s+at|stood\s+at)"
    rf"\s+(?P<num>{_NUM})(?:\s+(?P<after>dead|killed|wounded|injured|people|persons|civilians|fighters|"
    rf"members|soldiers))?",
    re.IGNORECASE,
)

_KIND_OF = [
    (re.compile(r"wound|injur|hurt", re.IGNORECASE), "injured"),
    (re.compile(r"kidnap|abduct|captur|hostage|prisoner", re.IGNORECASE), "captured"),
    (re.compile(r"arrest|detain|apprehend|rounded|detainee", re.IGNORECASE), "arrested"),
    (re.compile(r"missing|disappear", re.IGNORECASE), "missing"),
]

# words that show the "count" is not of people
_NOT_PEOPLE = (class_words("not_people") | class_words("month")
               | {m[:3].lower() for m in word_class("month")} | {"sept"})
_MONTH_WORDS = "|".join(m.lower() for m in word_class("month"))
_MONTH_ABBRS = "|".join(dict.fromkeys([m[:3].lower() for m in word_class("month")] + ["sept"]))
_UNIT_BEFORE = re.compile(
    rf"(?:\b(?:{class_regex('unit_before')}|{_MONTH_WORDS}|{_MONTH_ABBRS})|[+#]|\d\s)\s*$", re.IGNORECASE)
_NEGATED = re.compile(rf"\b(?:{class_regex('negation_count')})[^\S\n]+$", re.IGNORECASE)
# singular subjects that are places or things: "the town was captured", "the vehicle was hit"
_NOT_PEOPLE_S = _NOT_PEOPLE | class_words("not_people_single")
_SUBSET = re.compile(r"\s+(?:of|among)\s+(?:the|those)\s+$", re.IGNORECASE)
_GROUPS = class_words("people_group")
_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d$")


def _kind(trigger: str) -> str:
    for rx, kind in _KIND_OF:
        if rx.search(trigger):
            return kind
    return "killed"


def _clean_who(who: str) -> str:
    who = who.strip()
    return re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", who)


def _acceptable(text: str, num_start: int, num_text: str, who: str) -> bool:
    if _UNIT_BEFORE.search(text, max(0, num_start - 16), num_start):
        return False
    if _NEGATED.search(text, max(0, num_start - 12), num_start):
        return False
    core = num_text.strip().lower()
    if _YEAR_LIKE.match(core):
        return False
    words = who.lower().split()
    return not (
        words and (words[-1].strip(".'\u2019") in _NOT_PEOPLE or words[0].strip(".'\u2019") in _NOT_PEOPLE)
    )


_WORD = re.compile(r"\w+")
# prefilters, built from the same word classes as the patterns so they cannot drift:
# the first words of the active verbs ("killing", "claimed"), the word after "the" in
# "the killing of", the first words of the passive and single-person verbs
_A_FIRST = class_word_forms("casualty_life") | (
    class_word_forms("casualty_active") - {"the"})
_THE_NEXT = class_word_forms("casualty_active", word=1, after="the")
_B_FIRST = class_word_forms("casualty_died_later", "casualty_mixed", "casualty_passive", "casualty_single")
_NUM_FIRST = (
    frozenset(_UNITS)
    | frozenset(_TENS)
    | _wordset("""
at more over nearly almost around about some approximately up as no not roughly an a estimated fewer less all
another only just upwards close minimum other between dozens dozen scores hundreds thousands tens several
numerous many both couple single further additional total handful
""")
)
_B_REACH = 45  # words from the count to its verb, at most
_S_REACH = 16  # words from the subject to "was", at most
_F_A, _F_TRIG, _F_NUM, _F_TOLL, _F_WAS, _F_THE, _F_ADJ = 1, 2, 4, 8, 16, 32, 64
_FLAGS: dict[str, int] = {}


def _flags(word: str) -> int:
    f = _FLAGS.get(word)
    if f is None:
        f = (
            (_F_A if word in _A_FIRST else 0)
            | (_F_TRIG if word in _B_FIRST else 0)
            | (_F_NUM if word in _NUM_FIRST or word[0].isdigit() else 0)
            | (_F_TOLL if word in {"toll", "losses", "number"} else 0)
            | (_F_ADJ if word in _TOLL_ADJ else 0)
            | (_F_WAS if word == "was" else 0)
            | (_F_THE if word == "the" else 0)
        )
        if len(_FLAGS) < 50_000:
            _FLAGS[word] = f
    return f


_TOLL_ADJ = frozenset({"death", "casualty", "civilian"})


def _lower_same_length(text: str) -> str:
    """Lower case that keeps every offset ("\u0130".lower() is two characters long)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _locate(low: str, words: list[str], idxs: list[int], pos: int) -> dict[int, int]:
    """Offsets of the words at ``idxs``, searching ``low`` forward from ``pos``.

    ``idxs`` must hold every occurrence of each word it names (all flagged words),
    so the first whole-word hit after the previous one is the right one.
    """
    out: dict[int, int] = {}
    n = len(low)
    for i in idxs:
        w = words[i]
        p = low.find(w, pos)
        while p >= 0 and (
            (p > 0 and _is_word_char(low[p - 1])) or (p + len(w) < n and _is_word_char(low[p + len(w)]))
        ):
            p = low.find(w, p + 1)
        if p < 0:
            break
        out[i] = p
        pos = p + len(w)
    return out


def _back_positions(low: str, words: list[str], first: int, last: int, last_pos: int) -> dict[int, int]:
    """Offsets of words first..last-1, walking back from word ``last`` at ``last_pos``.

    Consecutive words are separated by non-word characters only, so the nearest
    occurrence of word j before word j+1 is word j itself.
    """
    out: dict[int, int] = {}
    p = last_pos
    for j in range(last - 1, first - 1, -1):
        p = low.rfind(words[j], 0, p)
        if p < 0:
            break
        out[j] = p
    return out


@dataclass(slots=True)
class _Words:
    """The words of ``text[start:end]`` with their prefilter flags and, for flagged
    words, their offsets in ``text``."""

    text: str
    start: int
    end: int
    low: str
    words: list[str]
    flags: list[int]
    where: dict[int, int]

    @classmethod
    def scan(cls, text: str, start: int, end: int) -> _Words:
        low = _lower_same_length(text[start:end])  # offsets in ``low`` are offsets in text minus ``start``
        words = _WORD.findall(low)
        get = _FLAGS.get
        flags = [get(w, -1) for w in words]
        flags = [_flags(words[i]) if f < 0 else f for i, f in enumerate(flags)]
        flagged = [i for i, f in enumerate(flags) if f]
        where = {i: p + start for i, p in _locate(low, words, flagged, 0).items()}
        return cls(text, start, end, low, words, flags, where)

    def the_next(self, i: int) -> bool:
        """Word i is "the" and the next word makes "the killing of ..."."""
        return bool(self.flags[i] & _F_THE) and i + 1 < len(self.words) and self.words[i + 1] in _THE_NEXT

    def starts(self) -> list[int]:
        """The words where a reading may start."""
        return [i for i, f in enumerate(self.flags)
                if f and i in self.where and (f & ~(_F_THE | _F_TRIG | _F_ADJ) or self.the_next(i))]


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Counts of killed/injured/captured/arrested/missing people in ``text[start:end]``.

    Non-overlapping, left to right; when two readings overlap the earlier, then
    longer one wins.  Each pattern is tried only at words that can start it, so
    the cost is a little more than one pass over the words.

    >>> [(c.count, c.kind) for c in find_casualties("seven dead and at least 13 wounded")]
    [(7, 'killed'), (13, 'injured')]
    """
    w = _Words.scan(text, start, len(text) if end is None else end)
    return _non_overlapping(_candidates(w))


def _candidates(w: _Words) -> list[CasualtyMention]:
    """Every reading that starts at a flagged word."""
    cands: list[CasualtyMention] = []

    def add(rx: re.Pattern[str], pos: int) -> bool:
        m = rx.match(w.text, pos, w.end)
        c = _reading(rx, m, w.text, w.end) if m else None
        if c is not None:
            cands.append(c)
        return c is not None

    trig_at = [i for i, f in enumerate(w.flags) if f & _F_TRIG]
    next_trig = 0
    tried: set[int] = set()
    for i in w.starts():
        f, pos = w.flags[i], w.where[i]
        if f & _F_A or w.the_next(i):
            add(_A, pos)
        if f & _F_NUM:
            while next_trig < len(trig_at) and trig_at[next_trig] <= i:
                next_trig += 1
            if next_trig < len(trig_at) and trig_at[next_trig] - i <= _B_REACH:
                add(_B, pos)
        if f & _F_TOLL:
            before = w.where.get(i - 1, -1) if i > 0 and w.words[i - 1] in _TOLL_ADJ else -1
            if not (before >= 0 and add(_C, before)):
                add(_C, pos)
        if f & _F_WAS and any(g & _F_TRIG for g in w.flags[i + 1 : i + 6]):
            _try_single(w, i, pos, tried, add)
    return cands


def _try_single(w: _Words, i: int, pos: int, tried: set[int], add: Callable[[re.Pattern[str], int], bool]) -> None:
    """'ISIS member was killed': try _S at each word up to _S_REACH words before "was"."""
    first = max(0, i - _S_REACH)
    back = _back_positions(w.low, w.words, first, i, pos - w.start)
    for j in range(first, i):
        if j not in tried and j in back:
            tried.add(j)
            if add(_S, back[j] + w.start):
                break


def _non_overlapping(cands: list[CasualtyMention]) -> list[CasualtyMention]:
    """Left to right; of overlapping readings the earlier, then the longer, wins."""
    out: list[CasualtyMention] = []
    last_end = -1
    for c in sorted(cands, key=lambda c: (c.start, c.start - c.end)):
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


def _reading(rx: re.Pattern[str], m: re.Match[str], text: str, end: int) -> CasualtyMention | None:
    """One match of _A/_B/_C/_S as a mention, or None when it is not a count of people."""
    if rx is _C:
        return _total(m, text)
    if rx is _A and m.group("trig2"):
        return CasualtyMention(m.start(), m.end(), 1, "killed", "", m.group(), m.start("num2"), m.end("num2"))
    if rx is _A and m.group("det"):
        return _determined(m)
    num, who = m.group("num") or "", _clean_who(m.group("who") or "")
    more, stop = _more_counted(rx, m)
    num_start, num_end = (
        (m.start("num"), m.start("num") + len(num.rstrip())) if num else (m.start("who"), m.end("who"))
    )
    if _rejected(rx, m, text, end, num_start, num, who):
        return None
    head = who.lower().split()[-1] if who else ""
    if rx is _S:
        if not who or head in _NOT_PEOPLE_S:
            return None
        count: int | None = None if head in _GROUPS else 1
    else:
        count = _count_of(rx, m, num, more, head)
    trig = m.group("trig").lower()
    kind = "killed" if ("died" in trig or "succumb" in trig) else _kind(trig)
    hurt = "wound" in trig or "injur" in trig
    if hurt and ("kill" in trig or "dead" in trig or "martyr" in trig):
        kind, count = "killed", None  # "13 killed and wounded": the split is unknown
    return CasualtyMention(m.start(), stop, count, kind, who, text[m.start() : stop], num_start, num_end)


def _total(m: re.Match[str], text: str) -> CasualtyMention | None:
    """'the death toll rose to 28'."""
    if not _acceptable(text, m.start("num"), m.group("num"), ""):
        return None
    kind = _kind(m.group("trig") + " " + (m.group("after") or ""))
    return CasualtyMention(m.start(), m.end(), parse_count(m.group("num")), kind, _clean_who(m.group("who") or ""),
                           m.group(), m.start("num"), m.end("num"))


def _more_counted(rx: re.Pattern[str], m: re.Match[str]) -> tuple[str, int]:
    """The further counted groups ("and 2 civilians") and where the mention ends."""
    more = (m.groupdict().get("more") or "") if rx is not _S else ""
    stop = m.end()
    if more and any(w.strip(".,'\u2019") in _NOT_PEOPLE for w in more.lower().split()):
        more = ""  # "killing him, two days after ...": not a list of people
        if rx is _A:
            stop = m.start("more")
    return more, stop


def _rejected(rx: re.Pattern[str], m: re.Match[str], text: str, end: int, num_start: int, num: str,
              who: str) -> bool:
    """A match of _A/_B/_S that is no count of people hurt here."""
    trig = m.group("trig").lower()
    if not _acceptable(text, num_start, num, who):
        return True
    if rx is _A and trig in {"left", "leaving", "leave"}:
        return True  # "left 3 dead": the _B reading carries it
    if rx is not _A and _object_follows(text, m.end(), end):
        return True  # "a roadside bomb killed two": active voice
    if rx is _B and not who and num.lower().strip() in {"a", "an"}:
        return True
    # "two of the dead were officers": already counted
    return (rx is _B and _SUBSET.match(text, m.end("num"), m.start("trig")) is not None
            and "died" not in trig and "succumb" not in trig)


def _count_of(rx: re.Pattern[str], m: re.Match[str], num: str, more: str, head: str) -> int | None:
    """How many a count of _A/_B means ("3 soldiers and 2 civilians": 5)."""
    if rx is _A and num.lower() == "them":
        return None
    count = parse_count(num + (m.group("who") + more if more.strip() else ""))
    if head in _GROUPS and num.lower().strip() in {"a", "an", "one", "the"}:
        return None  # "an ISIS cell was arrested": how many is unknown
    return count


def _determined(m: re.Match[str]) -> CasualtyMention | None:
    """'killing its driver', 'injured his mother': one person, or an unknown number if plural."""
    who = _clean_who(m.group("who3"))
    if not who.strip("'\u2019-"):
        return None
    head = who.lower().split()[-1]
    if head in _NOT_PEOPLE or head in _NOT_PEOPLE_S or (m.group("det").lower() == "the" and head in _GROUPS):
        return None
    plural = _is_plural(head) or head in _PLURALS
    trig = m.group("trig").lower()
    if trig.startswith(("the ", "bodies")):
        return None  # "the killing of its leader": usually told as background
    return CasualtyMention(
        m.start(), m.end(), None if plural else 1, _kind(trig), who, m.group(), m.start("det"), m.end("det")
    )


_PLURALS = class_words("plural_people")

_OBJECT_RE = re.compile(rf"[^\S\n]+(?:{_NUM}\s|him\b|her\b|them\b|the\b|his\b|their\b|its\b)", re.IGNORECASE)


def _object_follows(text: str, pos: int, end: int) -> bool:
    """True when an active verb follows: 'a roadside bomb killed two' is not '1 killed'."""
    return _OBJECT_RE.match(text, pos, end) is not None
