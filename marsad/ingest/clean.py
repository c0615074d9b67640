"""Strip page chrome that survived text extraction.

Copy-pasted pages and imperfect extractors leave lines such as "close button",
"5 min read", "Share this article", cookie banners, or a block of related
article teasers after the last paragraph.  They are not article text, and an
event extractor that reads them invents actors and dates.

The filter is conservative: a rule drops a *whole line* that says nothing but
chrome, never a line in which chrome words are part of a sentence.  The rules
live in ``marsad/data/chrome_lines.txt`` so a user can add a site's leftovers.

>>> strip_chrome("close button\\nGunmen attacked a checkpoint.\\nShare this article")
'Gunmen attacked a checkpoint.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad import datafiles

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_TIME = r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)?"
# A line that is only a date (or a relative age): "May 21, 2020", "21/05/2020 10:03", "3 hours ago".
DATE_ONLY = re.compile(
    rf"(?:{_WEEKDAY} )?(?:\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}){_TIME}"
    r"|\d{1,3} (?:second|minute|hour|day|week|month)s? ago",
    re.IGNORECASE,
)
# A line that reads as prose: ends like a sentence or is long.
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]\s*$")
_BULLET = re.compile(r"^[\s\-–—•·*|>»›]+|[\s|•·]+$")


@dataclass(slots=True, frozen=True)
class ChromeRules:
    """Compiled rules: each pattern must match a whole (trimmed) line."""

    anywhere: re.Pattern[str]
    head: re.Pattern[str]
    tail: re.Pattern[str]


def _compile(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def parse_rules(text: str) -> ChromeRules:
    """Rules from the format of chrome_lines.txt (sections [anywhere], [head], [tail]).

    >>> parse_rules("[anywhere]\\nclose button\\n").anywhere.fullmatch("Close Button") is not None
    True
    """
    sections: dict[str, list[str]] = {"anywhere": [], "head": [], "tail": []}
    current = "anywhere"
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m and m.group(1) in sections:
            current = m.group(1)
            continue
        re.compile(line)  # a bad pattern fails here, naming itself
        sections[current].append(line)
    return ChromeRules(*(_compile(sections[k]) for k in ("anywhere", "head", "tail")))


@lru_cache(maxsize=1)
def default_rules() -> ChromeRules:
    """The packaged rules in marsad/data/chrome_lines.txt."""
    return parse_rules(datafiles.packaged_text("chrome_lines.txt"))


def _trim(line: str) -> str:
    return _BULLET.sub("", line.replace("\xa0", " ").strip())


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 12 or (len(words) >= 4 and bool(_SENTENCE_END.search(line)))


def has_prose(text: str, min_words: int = 8) -> bool:
    """True if the text reads as an article: some sentence, and `min_words` words in all.

    Used to refuse pages whose "main text" is a menu or a login form.

    >>> has_prose("Home\\nSyria\\nIraq\\nLog in")
    False
    """
    return len(text.split()) >= min_words and any(_is_prose(_trim(ln)) for ln in text.split("\n"))


def _is_chrome(line: str, pattern: re.Pattern[str]) -> bool:
    t = _trim(line)
    return bool(t) and len(t) <= 500 and pattern.fullmatch(t) is not None


def _tail_start(lines: list[str], rules: ChromeRules) -> int:
    """Index where a trailing block of teasers/bylines/dates begins (len(lines) if none).

    The block is every line after the last line of prose.  It is dropped only
    if all its lines are short and at least one is plainly chrome or a lone date.
    """
    last_prose = max((i for i, ln in enumerate(lines) if _is_prose(_trim(ln))), default=-1)
    if last_prose < 0:
        return len(lines)
    block = [_trim(ln) for ln in lines[last_prose + 1 :]]
    block = [b for b in block if b]
    if not block or any(len(b) > 100 or _is_prose(b) for b in block):
        return len(lines)
    marked = any(
        DATE_ONLY.fullmatch(b) or rules.anywhere.fullmatch(b) or rules.tail.fullmatch(b) for b in block
    )
    return last_prose + 1 if marked else len(lines)


def strip_chrome(text: str, rules: ChromeRules | None = None) -> str:
    """Drop page-chrome lines; keep every sentence and the paragraph breaks.

    Lines are dropped when they are (1) a chrome line anywhere ("close button",
    "5 min read", a cookie banner), (2) a section label or byline above the
    first paragraph, (3) a repeat of the line just before (image captions), or
    (4) part of a block of short teasers/dates after the last paragraph.
    Runs of blank lines become one blank line.

    >>> strip_chrome("Features\\n\\nTwo killed in Raqqa\\n\\n"
    ...              "Two men were killed on Monday, activists said.\\n"
    ...              "\\ncomments\\n\\nLife Before the War\\nMay 21, 2020\\nPhoto Blog")
    'Two killed in Raqqa\\n\\nTwo men were killed on Monday, activists said.'
    """
    rules = rules or default_rules()
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = lines[: _tail_start(lines, rules)]
    kept: list[str] = []
    in_head = True
    previous = ""
    for line in lines:
        t = _trim(line)
        if not t:
            kept.append("")
            continue
        if _is_chrome(line, rules.anywhere) or (in_head and _is_chrome(line, rules.head)):
            continue
        if t == previous:
            continue
        previous = t
        if _is_prose(t):
            in_head = False
        kept.append(line.replace("\xa0", " ").strip())
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return out.strip()
