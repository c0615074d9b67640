"""Brief reports: a wire brief, a caption or a coder's note that tells one incident.

Told at a place marsad cannot find, such a report still gives one event, unplaced
(marsad.extract.events opens it when nothing else in the report was located).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from marsad.extract import incidents as inc

# A report this short tells one incident (a wire brief, a caption, a coder's note): told
# at a place marsad cannot find, it is still an event, unplaced.  In a longer article an
# incident without a place is background to the located ones.
BRIEF_SENTENCES = 4
DEMONSTRATION_TURNS = frozenset({"riot", "excessive", "intervention", "arrest", "clash"})
# "the strikes are carried out to assist ...": what a campaign is for, not an incident
_POLICY = re.compile(r"\b(?:are|is) (?:being )?(?:carried out|conducted|launched|used|aimed|intended|meant|designed)\b",
                     re.IGNORECASE)


def is_policy(clause: str) -> bool:
    """"the strikes are carried out to assist ...": what a campaign is for, not an incident."""
    return bool(_POLICY.search(clause))


def unplaced_mention(found: list[tuple[Any, ...]], scope_date: tuple[date | None, int],
                     published: date | None) -> inc.Mention:
    """The one event of a brief report from its first unplaced incident
    (sentence, triggers, clause span, dates), dated as the clause or the report says."""
    sent, trig, c0, c1, s_dates = found[0]
    d_here = [d for d in s_dates if d.value is not None]
    if d_here:
        dval, dprec, explicit = d_here[0].value, max(1, min(d_here[0].precision, 3)), True
    else:
        (dval, dprec), explicit = scope_date, False
        if dval is None and published is not None:
            dval, dprec = published, 2
    m = inc.Mention(sent, trig, None, False, dval, dprec, explicit, c0, c1)
    m.categories = {t.category for t in trig}
    if "protest" in m.categories:
        # a brief report of one demonstration is coded by its worst turn, told in any sentence
        m.categories |= {t.category for _, later, *_ in found[1:] for t in later} & DEMONSTRATION_TURNS
    return m



def adopt_unplaced(m: inc.Mention, unplaced: list[tuple[Any, ...]], text: str) -> inc.Mention:
    """"Gunmen killed about 40 people in an attack on a village. The attack took place on Monday
    in Djiguibombo": an incident told without a place, placed (and dated) by the next sentence
    that refers back to it, is told by its own sentence; the placing sentence adds to it."""
    sent = m.sentence
    if not unplaced or not inc.refers_back(text, sent):
        return m
    u_sent, u_trig, c0, c1 = unplaced[-1][:4]
    if u_sent.is_title or not 0 <= sent.start - u_sent.end < 400 or sent.paragraph - u_sent.paragraph > 1:
        return m
    unplaced.pop()
    out = inc.Mention(u_sent, u_trig, m.place, m.place_own, m.date_value, m.time_precision, m.date_explicit, c0, c1)
    out.details = [(sent.start, sent.end)] + m.details
    out.categories = {t.category for t in u_trig} | m.categories
    return out
