"""Which language an article is in.  marsad codes English only: an article found to be
in another language is stored with its language and no events, and the summary says
how many were (`marsad ingest`: "N stored but not coded: not English").

Conservative on purpose, so that no English report goes uncoded: an article is taken
for English unless its letters are mostly of another script, or it is long enough to
tell and holds almost none of English's commonest words.  The name of the other
language comes from py3langid (ISO 639-1), or "und" when it cannot say.

>>> detect_language("Gunmen killed three soldiers near Gao on Sunday, officials said.")
'en'
>>> detect_language("Raqqa - 3 killed")
'en'
>>> detect_language("قصفت طائرات مسيّرة قرية الغدفة جنوب إدلب، وقتل شخصان في الغارة.")
'ar'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from marsad import datafiles

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
MIN_WORDS = 12          # fewer words than this: too short to tell, taken for English
MIN_ENGLISH_SHARE = 0.04
SAMPLE = 5000


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """marsad/data/english_words.txt: English's commonest words in news text."""
    return frozenset(w.lower() for w in datafiles.lines("english_words.txt"))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # loaded on the first non-English-looking article only

    return py3langid


def _name(sample: str) -> str:
    code, _ = _identifier().classify(sample)
    return code if isinstance(code, str) and 2 <= len(code) <= 8 else "und"


def detect_language(text: str) -> str:
    """"en", or the ISO 639-1 code of the other language ("und" if unknown)."""
    sample = text[:SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en"
    latin = sum(1 for c in letters if c < "\u0250") / len(letters)
    if latin < 0.5:
        name = _name(sample)
        return name if name != "en" else "und"
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return "en"
    common = english_words()
    share = sum(1 for w in words if w in common) / len(words)
    if share >= MIN_ENGLISH_SHARE:
        return "en"
    name = _name(sample)
    return "en" if name == "en" else name
