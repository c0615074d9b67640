"""Fold a place name to a key that transliteration variants share.

Arabic, Kurdish and Persian names reach English text in many spellings:
Deir ez-Zor / Dayr az Zawr / Deir Ezzor, Raqqa / Ar-Raqqah, Qamishli / Kamishli,
Al-Hasakah / Hassakeh.  `fold` maps all of them to one key:

    >>> fold("Dayr az-Zawr") == fold("Deir ez-Zor") == fold("Deir Ezzor")
    True
    >>> fold("Ar-Raqqah") == fold("Raqqa")
    True
    >>> fold("Al")
    ''

The rules, applied to each word: accents, apostrophes and ayn marks dropped;
article words (al, el, ar, as, ash, ez, ...) dropped; q -> k; ou/oo -> u; ee -> i;
ay/ai/ey -> ei; aw -> u; o -> u; final y -> i; final -ah/-eh/-e -> -a; doubled letters
single, o -> u (Homs/Hums, Tadmor/Tadmur); then whole-word variants from marsad/data/geo_variants.csv.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from functools import lru_cache

from marsad import datafiles

ARTICLES = frozenset(
    ["al", "el", "il", "ul", "l", "ar", "er", "as", "es", "ash", "esh", "at", "et", "ath", "ad", "ed", "adh", "az", "ez", "an", "en", "the"])

# characters NFKD does not decompose into ASCII
_SPECIAL = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
    "œ": "oe", "ŀ": "l", "ħ": "h", "ə": "e",
    # apostrophes, ayn and hamza marks vanish
    "'": "", "’": "", "‘": "", "`": "", "´": "", "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "′": "",
})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")

# A word in running text, with its offsets: letters (any script), inner
# apostrophes/ayn marks allowed ("Jam'eyyat", "Ma’arrat").  Hyphens split words.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’‘ʿʾ`][^\W\d_]+)*")


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a folded key, for the sorted-array indexes (Python's own
    `hash` of a string changes from process to process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def ascii_fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, other punctuation -> space.

    >>> ascii_fold("Ḩamāh, Jam’eyyat al-Zahra’a")
    'hamah jameyyat al zahraa'
    """
    text = text.lower().translate(_SPECIAL)
    if not text.isascii():
        # accents come apart from their letters; what is left outside ASCII
        # (other scripts, marks) is dropped
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", text).strip()


def _char_fold(w: str) -> str:
    if not w.isascii():
        return w
    w = w.replace("q", "k").replace("ph", "f")
    w = w.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    w = w.replace("ay", "ei").replace("ai", "ei").replace("ey", "ei").replace("aw", "u")
    w = w.replace("uw", "w").replace("o", "u")
    if len(w) > 3:
        if w.endswith("y"):
            w = w[:-1] + "i"
        if w.endswith(("ah", "eh")):
            w = w[:-2] + "a"
        elif w.endswith("e"):
            w = w[:-1] + "a"
    return _DOUBLE.sub(r"\1", w)


def _load_variants() -> dict[str, str]:
    out: dict[str, str] = {}
    for _, text in datafiles.texts("geo_variants.csv"):
        for row in csv.reader(line for line in text.splitlines() if not line.startswith("#")):
            if len(row) < 2 or row[0] == "variant":
                continue
            a = _char_fold(ascii_fold(row[0]))
            b = " ".join(_char_fold(t) for t in ascii_fold(row[1]).split())
            if a and b and a != b:
                out[a] = b
    return out


VARIANTS = _load_variants()


RULES_VERSION = 2          # bump when _char_fold changes


def rules_digest() -> str:
    """A short hash of the folding rules (the built index is cached under it)."""
    h = hashlib.sha256(f"{RULES_VERSION}:{sorted(VARIANTS.items())!r}".encode())
    h.update(repr(sorted(ARTICLES)).encode())
    return h.hexdigest()[:10]


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Fold one already ascii-folded word; '' for an article.

    >>> fold_word("raqqah"), fold_word("al"), fold_word("dayr")
    ('raka', '', 'deir')
    """
    if word in ARTICLES:
        return ""
    w = _char_fold(word)
    return VARIANTS.get(w, w)


_SKEL_DROP = re.compile(r"[aeiouyw]+")


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """The consonant skeleton of a folded key: gh/dh/th -> g/d/t, vowels (and the
    glides y/w, which transliterations write as vowels) dropped, doubles single.
    Spellings that differ only in vowels share it; a fallback key, never a match
    on its own (the resolver asks the article's context to support it).

    >>> skeleton(fold("Dejail")) == skeleton(fold("Ad Dujayl"))
    True
    >>> skeleton(fold("Granj")) == skeleton(fold("Gharanij")), skeleton(fold("Shheil"))
    (True, 'shl')
    """
    out = []
    for w in key.split():
        w = w.replace("gh", "g").replace("dh", "d").replace("th", "t")
        w = _DOUBLE.sub(r"\1", _SKEL_DROP.sub("", w))
        if w:
            out.append(w)
    return " ".join(out)


_PIECES = re.compile(r"[\s\-.,;:()/\[\]]+")


@lru_cache(maxsize=200_000)
def _fold_piece(piece: str) -> str:
    return " ".join(f for f in (fold_word(w) for w in ascii_fold(piece).split()) if f)


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """The lookup key of a place name: folded words joined by one space."""
    out = []
    for piece in _PIECES.split(name):
        if piece:
            f = _fold_piece(piece)
            if f:
                out.append(f)
    return " ".join(out)
