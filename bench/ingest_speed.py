"""Speed of marsad's readers (no extraction, no database).

    python bench/ingest_speed.py [SOURCE ...]

With no SOURCE it reads the test fixtures under tests/ingest/data.  Prints
articles/s and MB/s through read_sources (chrome filter included), the share
of lines the chrome filter dropped, and HTML extraction time per page.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from marsad.config import Options
from marsad.ingest import read_html, read_sources, strip_chrome
from marsad.records import Article

HERE = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    sources = argv or [str(HERE / "tests" / "ingest" / "data")]
    t0 = time.perf_counter()
    n_ok = n_bad = chars = 0
    for item in read_sources(sources, Options(), allow_undated=True):
        if isinstance(item, Article):
            n_ok += 1
            chars += len(item.text)
        else:
            n_bad += 1
    dt = time.perf_counter() - t0
    print(
        f"read_sources: {n_ok} articles, {n_bad} failed inputs in {dt:.2f} s = "
        f"{n_ok / dt:.0f} articles/s, {chars / 1e6 / dt:.2f} M chars/s"
    )

    # the chrome filter alone, on the article texts as read
    texts = [a.text for a in read_sources(sources, Options(), allow_undated=True) if isinstance(a, Article)]
    t0 = time.perf_counter()
    lines_in = lines_out = 0
    for text in texts * 10:
        out = strip_chrome(text)
        lines_in += text.count("\n") + 1
        lines_out += out.count("\n") + 1
    dt = time.perf_counter() - t0
    print(
        f"strip_chrome: {len(texts) * 10 / dt:.0f} texts/s, "
        f"{1 - lines_out / max(lines_in, 1):.1%} of lines dropped "
        "(on already-clean text)"
    )

    page = (HERE / "tests" / "ingest" / "data" / "checkpoint.html").read_text(encoding="utf-8")
    t0 = time.perf_counter()
    for _ in range(50):
        read_html(page)
    dt = time.perf_counter() - t0
    print(f"read_html: {dt / 50 * 1000:.1f} ms per page ({len(page) / 1000:.1f} kB page)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
