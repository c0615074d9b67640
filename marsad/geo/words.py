"""Words that look like place names but seldom are (marsad/data/geo_stopwords.txt)."""
from __future__ import annotations

from marsad import datafiles
from marsad.geo.normalize import fold


def _load_stopwords() -> frozenset[str]:
    words = {fold(w) for w in datafiles.lines("geo_stopwords.txt")}
    words.update(fold(w) for w in ["in", "on", "at", "of", "to", "and", "or", "for", "by", "with", "from", "into", "the", "a", "an", "but", "not", "no", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "we", "you", "i", "qaeda", "qaida"])
    words.discard("")
    return frozenset(words)


STOPWORDS = _load_stopwords()


def _load_person_words() -> frozenset[str]:
    return frozenset(k for k in (fold(w) for w in datafiles.lines("geo_person_words.txt")) if k)


# Given names and titles (marsad/data/geo_person_words.txt): a small place named only with
# them ("Khalil Ibrahim", "Shaykh Ibrahim") needs a clear place cue.
PERSON_WORDS = _load_person_words()


# Words that open a compound place name: a name right after one is part of it and no
# place of its own ("Abu Hamam" is not Egypt's Al Hammam, "Jabal al-Zawiya" not Libya's Zawiya).
NAME_HEADS = frozenset(fold(w) for w in [
    "abu", "abou", "um", "umm", "bin", "ibn", "bani", "beni", "tal", "tel", "tell", "ain", "ein",
    "ayn", "deir", "dayr", "kafr", "kfar", "jabal", "jebel", "khan", "bir", "ras", "wadi",
    "sheikh", "shaykh", "beit", "bayt", "qasr", "hawsh", "marj", "mazraat", "mazraa"])
