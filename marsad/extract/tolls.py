"""An incident's toll from the counts in its clause and the sentences that add to it.

ACLED's rules, as this module applies them:

* the most conservative credible figure: a later figure restating the dead ("bringing the
  toll to seven") replaces an earlier one, the larger of two restatements wins;
* a party's own claim ("the group said it killed 30 soldiers", "the army said its troops
  killed 15 militants") is not the toll when another figure is given; it is returned
  apart, for the notes (the high end of the range).  When it is the only figure, it is
  the toll (as the development coders, and ACLED for a sole source, take it);
* the dead of both sides are added: "killing nine police officers ... three of the
  gunmen also died" is 12 (sides: ``marsad/data/toll_sides.csv``);
* "a woman was also killed" adds one; wounded are never counted as dead;
* a later sentence's figure five times the incident's own or more, not said to be its
  toll ("more than 80 have been killed this year"), is a running total, not this incident's.

    >>> from marsad.extract.casualties import find_casualties
    >>> t = "Gunmen killed nine police officers in Bannu. Three of the attackers were killed."
    >>> incident_toll(t, find_casualties(t), [(0, len(t))], {"attack"})
    (12, None, None)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from marsad import datafiles
from marsad.records import CasualtyMention

_ADDED = re.compile(r"\b(?:also|another|additional|further)\b|\bmore\b(?!\s+than)", re.IGNORECASE)
_RESTATED = re.compile(r"\b(?:to|toll|total)\b", re.IGNORECASE)


def _cls(name: str, sep: str = r"\s+") -> str:
    return datafiles.class_regex(name, sep)


# "the group said it killed", "JNIM claimed that its fighters had killed", "boasted of killing"
_CLAIMED = re.compile(
    rf"\b(?:{_cls('claim_verb')})"
    r"(?:\s+(?:on|in|through|via|to)\s+[^.;:,]{1,40}?)?\s+(?:that\s+)?"
    r"(?:it|they|its\s+(?:\w+\s+)?\w+|their\s+\w+|the\s+group)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:[^.;:]{0,50}?\s+and\s+(?:had\s+)?)?$"
    rf"|\b(?:{_cls('boast_verb')})\s+of\s+$"
    # "army commanders said Monday that the national army killed": a state force's word on its own toll
    rf"|\b(?:{_cls('force_claim_verb')})\s+(?:\w+\s+)?that\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"(?:{_cls('claiming_force')})\s+(?:had\s+|has\s+|have\s+)?$", re.IGNORECASE)

_ONE_DEAD = re.compile(
    rf"\b(?:(?:a|an|one|the)\s+(?:[\w-]+\s+){{0,3}}(?:{_cls('one_dead_person')})\b[^.]{{0,80}}?"
    rf"\b(?:{_cls('one_dead_verb', ' ')})\b|"
    rf"\b(?:{_cls('dead_body')}) of (?:a|an|one)\b)", re.IGNORECASE)


# "13 people have been killed", "have died": a count to date, not of the incident told before
_SO_FAR = re.compile(r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+)?(?:been\s+killed|died|perished)\b", re.IGNORECASE)


def _own_count(text: str, casualties: list[Any], clause: tuple[int, int]) -> bool:
    """The incident's own clause gives its dead ("Fourteen people were killed in a strike on X")."""
    return any(clause[0] <= c.start < clause[1] and c.kind == "killed" and c.count is not None
               and not is_claim(text, c, floor=clause[0]) for c in casualties)


@lru_cache(maxsize=1)
def toll_sides() -> dict[str, str]:
    """head noun (lower case) -> side, from toll_sides.csv; a bad row fails here."""
    return datafiles.choices("toll_sides.csv", "word", "side", ("attacked", "attackers"))


def side_of(who: str) -> str | None:
    """The side of a counted group by its head noun: 'police officers' -> 'attacked'."""
    words = re.findall(r"[a-z]+", who.lower())
    return toll_sides().get(words[-1]) if words else None


def _added(phrase: str) -> bool:
    """"a woman was also killed", "two more died": dead on top of those counted before.
    Not the last item of a list the phrase itself adds up ("killing him, two of his
    sons, and another two of his relatives" is five in all)."""
    m = _ADDED.search(phrase)
    return m is not None and not re.search(r",|\band\b", phrase[:m.start()])


def one_dead(text: str) -> bool:
    """One person is told dead with no number written ("a teacher was shot dead", "the body of a man")."""
    return bool(_ONE_DEAD.search(text))


def is_claim(text: str, c: CasualtyMention, floor: int = 0) -> bool:
    """The count is what a party says it did itself ("the group said it killed 30")."""
    return bool(_CLAIMED.search(text[max(floor, c.start - 60):c.start]))


def incident_toll(text: str, casualties: list[CasualtyMention], spans: list[tuple[int, int]],
                  categories: set[str]) -> tuple[int | None, int | None, int | None]:
    """(killed, injured, claimed) over the incident's spans (its clause first)."""
    killed: int | None = None
    injured: int | None = None
    claimed: int | None = None
    side: str | None = None
    own = _own_count(text, casualties, spans[0])
    for c in sorted(casualties, key=lambda c: c.start):
        if not any(a <= c.start < b for a, b in spans) or c.count is None:
            continue
        if own and c.start < spans[0][0] and c.kind == "killed":
            continue                                            # a total told before: "20 killed in two strikes"
        if c.count > 1000 and not any(a <= c.start < b for a, b in spans[:1]):
            continue                                            # a war's toll, not this incident's
        if c.count >= 100 and not re.search(r"\d", c.text):
            continue                                            # "hundreds", "thousands": not a count
        if c.kind == "injured":
            injured = max(injured or 0, c.count)
            continue
        if c.kind != "killed":
            continue
        if is_claim(text, c, floor=max(a for a, b in spans if a <= c.start)):
            claimed = max(claimed or 0, c.count)
            continue
        first = spans[0][0] <= c.start < spans[0][1]
        if not first and killed and not _RESTATED.search(c.text) and (
                c.count >= max(20, 5 * killed) or c.count > killed and _SO_FAR.search(c.text)):
            continue                                            # "more than 80 have been killed this year"
        of = re.search(r"\bof\s+(?:the|its|their)\s+([a-z]+)", c.text, re.IGNORECASE)
        here = side_of(c.who) or (side_of(of.group(1)) if of else None)    # "three of the gunmen"
        if killed is not None and ((_added(c.text) and not _RESTATED.search(c.text))
                                   or (here and side and here != side)):
            killed += c.count
        else:
            killed = max(killed or 0, c.count)
        side = side or here
    if killed is None and claimed is not None:
        killed, claimed = claimed, None                         # the only figure: the best there is
    if killed is None and categories & {"attack_civilians", "harm", "attack", "clash"} \
            and any(one_dead(text[a:b]) for a, b in spans[:1]):
        killed = 1
    return killed, injured, claimed
