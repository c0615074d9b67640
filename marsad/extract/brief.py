"""Brief reports: a wire brief, a caption or a coder's note that tells one incident.

Told at a place marsad cannot find, such a report still gives one event, unplaced
(marsad.extract.events opens it when nothing else in the report was located).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from marsad.extract import incidents as inc
from marsad.records import DateMention, Sentence, Unplaced

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


def unplaced_mention(found: Sequence[Unplaced], scope_date: tuple[date | None, int],
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



def adopt_unplaced(m: inc.Mention, unplaced: list[Unplaced], text: str) -> inc.Mention:
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


# "The fallen districts are Obe in Herat, Saghar in Ghor ...", "The affected villages were X, Y and Z":
# a round-up that places, one by one, the incidents the sentence before told without a place
_ROUNDUP = re.compile(
    r"^\W*(?:the|these|those)\s+(?:\w+\s+)?(?:fallen|captured|seized|overrun|affected|targeted|attacked|bombed|"
    r"shelled|struck|raided|lost)\s+(?:district(?:\s+cent(?:er|re))?|villages?|towns?|areas?|locations?|sites?|"
    r"positions?|posts?|places?|localities|settlements?|neighbou?rhoods?|camps?|bases?|districts|"
    r"district\s+cent(?:er|re)s)\s+(?:are|were|include[sd]?|included)\b", re.IGNORECASE)


def is_roundup(text: str, sent: Sentence) -> bool:
    """The sentence lists the places of incidents told just before ("The fallen districts are ...")."""
    return bool(_ROUNDUP.search(text[sent.start:sent.end]))



def roundup_mentions(mentions: list[inc.Mention], unplaced: list[Unplaced], places: list[Any], sent: Sentence,
                     text: str, scope_date: tuple[date | None, int], published: date | None) -> list[inc.Mention]:
    """One incident per place the round-up lists, each told by the sentence just before (its
    triggers, actors and date; taken from ``unplaced`` or ``mentions``) and placed by the round-up."""
    u_end = unplaced[-1][0].end if unplaced else -1
    m_end = mentions[-1].sentence.end if mentions else -1
    if not 0 <= sent.start - max(u_end, m_end) < 400 or not places:
        return []
    base = unplaced_mention([unplaced.pop()], scope_date, published) if u_end > m_end else mentions.pop()
    out = []
    seen: set[str] = set()
    for chain in _list_items(text, places):
        place = inc.best_place(text, chain)
        if place is not None and place.location not in seen:
            seen.add(place.location)
            out.append(replace(base, place=place, place_own=True, details=[(sent.start, sent.end)] + base.details,
                               categories=set(base.categories), also_at=[]))
    return out


def _list_items(text: str, places: list[Any]) -> list[list[Any]]:
    """The items of a list of places: "Obe in Herat, Saghar in Ghor and X" is [[Obe, Herat], [Saghar, Ghor], [X]]."""
    items: list[list[Any]] = []
    for p in sorted((p for p in places if p.start is not None), key=lambda p: p.start):
        prev = items[-1][-1] if items else None
        if prev is not None and p.start < (prev.end or 0):
            continue                                  # the same words read twice
        if prev is None or re.search(r",|\band\b|;", text[prev.end:p.start]):
            items.append([p])
        else:
            items[-1].append(p)
    return items




# "Sunday's assault came just two days after militants attacked Kolajo", "ambushed a convoy on Friday,
# two days after they stormed a police post": the incident told after "after" is the earlier one
_CAME_AFTER = re.compile(
    r"(?:\b(?:came|comes|come|coming)|,)\s+(?:just\s+|only\s+|barely\s+|exactly\s+|almost\s+)?"
    r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week)s?\s+after\b",
    re.IGNORECASE)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}


def earlier_dates(text: str, dates: list[Any]) -> list[Any]:
    """The dates of incidents told after "came N days after" / ", N days after": N days before
    the day the sentence gives (else before the day in scope, as a relative date counted back)."""
    out = []
    for m in _CAME_AFTER.finditer(text):
        n = m.group("n").lower()
        days = (int(n) if n.isdigit() else _SMALL[n]) * (7 if m.group("unit").lower() == "week" else 1)
        start = m.start("n")
        told = [x for x in dates if x.value is not None and x.precision == 1 and x.end <= start
                and not re.search(r"[.!?]\s", text[x.end:start])]
        value = told[-1].value - timedelta(days=days) if told else None
        out.append(DateMention(start, m.end(), text[start:m.end()], value, 1, "relative",
                               offset_days=None if told else -days))
    return out
