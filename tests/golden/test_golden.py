"""Whole-article golden tests: the example articles in examples/ against hand-coded events.

Each case in tests/golden/cases/ says which events a careful ACLED coder takes from
one article.  The gate, per article: every required event is found (same date +-2
days, point within the case's tolerance) and at most one event is invented.  Over
all articles: event type, fatalities and exact date right on at least 85% of the
matched events.  Lowering these floors must be a deliberate, reviewed change.

For a full score table while tuning:  python tests/golden/scoring.py
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.golden.cases_io import load_cases, read_case_article
from tests.golden.scoring import describe, describe_accuracy, field_accuracy, norm

MAX_SPURIOUS_PER_ARTICLE = 1
ACCURACY_FLOOR = 0.85
GATED_FIELDS = ("event_type", "fatalities", "date_exact")

CASES = load_cases()
IDS = [c["name"] for c in CASES]

# Outlets, agencies and monitors quoted in the examples: they tell the story, they are not actors.
SOURCES = ("SANA", "Syrian Observatory", "Observatory", "SOHR", "Amaq", "Security Media Cell", "Saba",
           "Radio Andalus", "Zagros Herald", "Raqqa Today", "Lake Chad Monitor", "Daraa Martyrs",
           "Documentation Office", "Levant News Agency", "Telegram")
# Page furniture of the HTML examples that must not reach the article text.
CHROME = ("cookie", "Related articles", "Post comment", "comments", "All rights reserved",
          "Sign up for our newsletter", "Tabqa last week", "Arbinda too", "wedding in Hajjah")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_article_is_read_with_its_publication_date(case):
    article = read_case_article(case)
    assert article.published == date.fromisoformat(case["published"]), (
        f"{case['file']}: ingest gave published={article.published}; the events' relative dates "
        f"('on Sunday', 'late Tuesday') are resolved against it")
    assert len(article.text.split()) >= 120, f"{case['file']}: article text looks truncated"


@pytest.mark.parametrize("case", [c for c in CASES if c["file"].endswith(".html")],
                         ids=[c["name"] for c in CASES if c["file"].endswith(".html")])
def test_html_page_chrome_is_not_in_the_article(case):
    text = read_case_article(case).text
    leftovers = [c for c in CHROME if c.lower() in text.lower()]
    assert not leftovers, f"{case['file']}: page chrome in the article text: {leftovers}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_golden_article(case, golden_run):
    _rows, result = golden_run(case)
    problems = []
    if result.missed:
        problems.append(f"{len(result.missed)} required event(s) missed")
    if len(result.spurious) > MAX_SPURIOUS_PER_ARTICLE:
        problems.append(f"{len(result.spurious)} spurious events (at most {MAX_SPURIOUS_PER_ARTICLE})")
    assert not problems, "; ".join(problems) + "\n" + describe(result)


def test_golden_field_accuracy(golden_run):
    results = [golden_run(case)[1] for case in CASES]
    acc = field_accuracy(results)
    assert acc["event_type"][1] > 0, "no golden event was matched at all\n" + describe_accuracy(results)
    low = {k: f"{acc[k][0]}/{acc[k][1]}" for k in GATED_FIELDS
           if acc[k][1] and acc[k][0] / acc[k][1] < ACCURACY_FLOOR}
    detail = "\n".join(describe(r) for r in results if any(
        not all(m.hits.get(k, True) for k in GATED_FIELDS) for m in r.matched))
    assert not low, f"below {ACCURACY_FLOOR:.0%}: {low}\n{describe_accuracy(results)}\n{detail}"


def test_news_sources_are_not_coded_as_actors(golden_run):
    bad = []
    for case in CASES:
        rows, _ = golden_run(case)
        for row in rows:
            for col in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
                name = norm(str(row.get(col) or ""))
                hits = [s for s in SOURCES if re.search(rf"\b{re.escape(norm(s))}\b", name)]
                if name and hits:
                    bad.append(f"{case['name']}: {col}={row.get(col)!r} is a source ({hits[0]})")
    assert not bad, "\n".join(bad)
