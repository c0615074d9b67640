#!/usr/bin/env python3
"""Speed of the word-class patterns alone, without the parser: find_casualties and
find_dates over every article of a JSONL file (CPU time of this process, best of N).

    python bench/casualty_speed.py ../shared/dev/ucdp_articles.jsonl [--repeat 5]

Prints articles, characters, and milliseconds per 1,000 articles for each function.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date

from marsad.extract.casualties import find_casualties
from marsad.extract.dates import find_dates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with open(args.jsonl, encoding="utf-8") as f:
        texts = [json.loads(line).get("text") or "" for line in f if line.strip()]
    print(f"articles: {len(texts)}, characters: {sum(map(len, texts)):,}")
    published = date(2024, 1, 1)
    for name, fn in (("find_casualties", find_casualties), ("find_dates", lambda t: find_dates(t, published))):
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.process_time()
            for t in texts:
                fn(t)
            best = min(best, time.process_time() - t0)
        print(f"{name}: {1000 * best / len(texts) * 1000:.0f} ms per 1,000 articles (best of {args.repeat})")


if __name__ == "__main__":
    main()
