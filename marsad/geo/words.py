"""Words that look like place names but seldom are (marsad/data/geo_stopwords.txt)."""
from __future__ import annotations

from marsad.geo.index import data_path
from marsad.geo.normalize import fold


def _load_stopwords() -> frozenset[str]:
    words = set()
    with data_path("geo_stopwords.txt").open(encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and not w.startswith("#"):
                words.add(fold(w))
    words.update(fold(w) for w in ["in", "on", "at", "of", "to", "and", "or", "for", "by", "with", "from", "into", "the", "a", "an", "but", "not", "no", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "we", "you", "i", "qaeda", "qaida"])
    words.discard("")
    return frozenset(words)


STOPWORDS = _load_stopwords()


def _load_person_words() -> frozenset[str]:
    with data_path("geo_person_words.txt").open(encoding="utf-8") as f:
        return frozenset(k for k in (fold(w.strip()) for w in f if w.strip() and not w.startswith("#")) if k)


# Given names and titles (marsad/data/geo_person_words.txt): a small place named only with
# them ("Khalil Ibrahim", "Shaykh Ibrahim") needs a clear place cue.
PERSON_WORDS = _load_person_words()


# Words that open a compound place name: a name right after one is part of it and no
# place of its own ("Abu Hamam" is not Egypt's Al Hammam, "Jabal al-Zawiya" not Libya's Zawiya).
NAME_HEADS = frozenset(fold(w) for w in [
    "abu", "abou", "um", "umm", "bin", "ibn", "bani", "beni", "tal", "tel", "tell", "ain", "ein",
    "ayn", "deir", "dayr", "kafr", "kfar", "jabal", "jebel", "khan", "bir", "ras", "wadi",
    "sheikh", "shaykh", "beit", "bayt", "qasr", "hawsh", "marj", "mazraat", "mazraa"])
