"""Speed of the extraction building blocks (actors, dates, casualties).

    python bench/extract_units_speed.py [ARTICLES.jsonl ...]

Prints, for each function, milliseconds per article and microseconds per
sentence (best of 5 runs, so other load on the machine counts less).  Without
arguments it times a few paragraphs written for this script.
"""

from __future__ import annotations

import json
import re
import sys
import time
from datetime import date

from marsad.extract.actors import ActorMatcher
from marsad.extract.casualties import find_casualties
from marsad.extract.dates import find_dates

SAMPLE = (
    "On May 17, gunmen believed to belong to ISIS ambushed a bus near the village, killing 11 people and "
    "wounding two others, a local source said on Sunday. Three people, two brothers and a woman, were killed "
    "in a separate attack by Daesh cells on SDF positions. The death toll rose to 28 by Tuesday evening, "
    "according to the Syrian Observatory. In March 2019, the SDF captured the town; since 2017 the group has "
    "lost most of its territory. Yesterday, Iraqi security forces arrested ten suspects in Kirkuk.\n"
) * 4


def _best(fn, texts, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best


def main(paths: list[str]) -> None:
    texts: list[str] = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    if not texts:
        texts = [SAMPLE] * 20
    chars = sum(len(t) for t in texts)
    sentences = sum(len(re.findall(r"[.!?\n]+", t)) or 1 for t in texts)
    matcher = ActorMatcher.load()
    pub = date(2020, 5, 21)
    print(
        f"{len(texts)} articles, {chars / len(texts):.0f} chars and "
        f"{sentences / len(texts):.1f} sentences each"
    )
    for name, fn in (
        ("actors", matcher.find),
        ("dates", lambda t: find_dates(t, pub)),
        ("casualties", find_casualties),
    ):
        secs = _best(fn, texts)
        print(
            f"{name:11s} {1000 * secs / len(texts):7.2f} ms/article {1e6 * secs / sentences:7.1f} us/sentence"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
