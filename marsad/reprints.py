"""Reprints: one article published again under another URL.

Syndication copies an article with a spelling changed ("Deir ez-Zor" for
"Deir Al-Zour"), a toll updated or a byline added.  Compared report by report
with every incident of a busy day, such a copy's reports tie between several
candidates and stay apart (marsad.merge's ambiguity rule), adding events.  Seen
as a whole, the copy is obviously the same text: this module finds the original
among the stored articles by word shingles (the sets of k-word sequences of two
texts, compared by containment: the share of the shorter text's shingles found
in the other, robust to a header or footer added by the reprinting outlet) and
pairs the copy's reports one to one with the original's, by how alike their
evidence sentences are.  Thresholds are in merge_rules.toml ``[reprints]``.

The candidates are the articles whose reports the merge's blocking already found
(same country, days and area), a handful, so exact shingle sets cost less than a
MinHash index would and give exact scores.

    >>> a = shingles("ISIS militants ambushed a convoy near Al-Mayadin, leaving seven dead.", 3)
    >>> b = shingles("ISIS militants ambushed a convoy near Al-Mayadin, leaving eight dead.", 3)
    >>> round(containment(a, b), 2)
    0.78
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.similarity import MergeRules, Report, score_pair
from marsad.store.stored import StoredReport

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int) -> frozenset[tuple[str, ...]]:
    """The set of `k`-word sequences of `text` (words folded to lower case)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= k:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i:i + k]) for i in range(len(words) - k + 1))


def containment(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def find_original(text: str, candidates: Mapping[int, str], rules: MergeRules) -> tuple[int, float] | None:
    """The stored article (id -> text in `candidates`) that `text` reprints, and how
    much of it is shared; None when none reaches ``rules.reprint_containment``.
    Texts shorter than ``rules.reprint_min_shingles`` shingles are never reprints:
    one-line bulletins of a monitor share most of their words from day to day."""
    mine = shingles(text, rules.reprint_shingle)
    if len(mine) < rules.reprint_min_shingles:
        return None                  # a one-line bulletin: formulaic, alike without being one text
    best: tuple[int, float] | None = None
    for doc_id, other in sorted(candidates.items()):
        theirs = shingles(other, rules.reprint_shingle)
        if len(theirs) < rules.reprint_min_shingles:
            continue
        c = containment(mine, theirs)
        if c >= rules.reprint_containment and (best is None or c > best[1]):
            best = (doc_id, c)
    return best


@dataclass(slots=True)
class Pairing:
    """A report of the copy (`new`) and the original's report it tells (`old`).
    A pair the ordinary rules veto (another place, day or type) never forms."""

    new: StoredReport
    old: StoredReport
    evidence: float             # containment of their evidence sentences' shingles
    score: float                # the ordinary pair score (marsad.similarity.score_pair)
    reasons: list[str]


def _candidate(new: StoredReport, old: StoredReport, rules: MergeRules) -> Pairing | None:
    k = rules.reprint_shingle
    ev = containment(shingles(new.evidence_text or "", k), shingles(old.evidence_text or "", k))
    ps = score_pair(Report.from_stored(new), Report.from_stored(old), rules)
    if ps.veto:                      # two places, days or types apart: never one incident
        return None
    told_alike = ev >= rules.reprint_evidence
    if not told_alike and ps.score < rules.threshold:
        return None
    why = [f"evidence sentences {ev:.0%} alike" if told_alike else f"score {ps.score:.2f}"]
    return Pairing(new, old, ev, ps.score, why)


def align(new: Sequence[StoredReport], old: Sequence[StoredReport], rules: MergeRules,
          blocked: Mapping[int, set[int]]) -> list[Pairing]:
    """Pair the copy's reports with the original's one to one, the most alike
    first; a pair an analyst split (`blocked`: report id -> ids) never forms."""
    found = [p for n in new for o in old if o.id not in blocked.get(n.id, set())
             if (p := _candidate(n, o, rules)) is not None]
    found.sort(key=lambda p: (-p.evidence, -p.score, p.new.id, p.old.id))
    used_new: set[int] = set()
    used_old: set[int] = set()
    out = []
    for p in found:
        if p.new.id not in used_new and p.old.id not in used_old:
            used_new.add(p.new.id)
            used_old.add(p.old.id)
            out.append(p)
    return out
