"""The same incident told twice in one article (headline and body, summary and detail) is one event.

    >>> # "Five killed in ISIS attack on army post" (headline) + "ISIS fighters attacked an
    >>> # army post near X on Monday, killing five soldiers" (body): one event, the body's place

The limits (distances, days) are the ``[within_article]`` table of
marsad/data/merge_rules.toml; an analyst's copy named by MARSAD_MERGE_RULES
overrides them key by key.  Each candidate keeps the words its fields came from:
a field taken from the other telling takes that telling's words with it.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.errors import ConfigError
from marsad.extract.roles import named_actor
from marsad.extract.taxonomy import DEMONSTRATION_ORDER
from marsad.geo.gazetteer import km
from marsad.records import Candidate, Event


@dataclass(slots=True, frozen=True)
class WithinRules:
    """merge_rules.toml [within_article]."""

    same_place_km: float = 3.0
    same_toll_km: float = 60.0
    near_km: float = 100.0
    day_gap: int = 1
    claim_near_km: float = 30.0
    another_km: float = 10.0
    same_story_chars: int = 700
    same_story_paragraphs: int = 1


@lru_cache(maxsize=4)
def within_rules(path: str | None = None) -> WithinRules:
    """The packaged [within_article] limits, overridden key by key by the file at `path`
    (default: the file named by MARSAD_MERGE_RULES, if any)."""
    text = resources.files("marsad").joinpath("data/merge_rules.toml").read_text("utf-8")
    table = dict(tomllib.loads(text).get("within_article", {}))
    user = path if path is not None else os.environ.get("MARSAD_MERGE_RULES") or None
    try:
        if user is not None:
            table.update(tomllib.loads(Path(user).read_text("utf-8")).get("within_article", {}))
        kinds = {f.name: f.type for f in fields(WithinRules)}      # "float" or "int"; KeyError: no such limit
        values: dict[str, float] = {k: int(v) if kinds[k] == "int" else float(v) for k, v in table.items()}
        return WithinRules(**values)  # type: ignore[arg-type]  # each value converted to its field's type
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError, KeyError) as e:
        raise ConfigError(f"merge rules [within_article] unreadable: {e}", source=str(user or "merge_rules.toml"),
                          fix="compare its [within_article] table with marsad/data/merge_rules.toml") from e


def merge_within_article(cands: list[Candidate], rules: WithinRules | None = None) -> list[Candidate]:
    """The same incident told twice in one article (headline and body, summary and detail).

    A `fresh` candidate (told in its own sentence with a place of its own and no word
    pointing back: "the attack", "the toll") joins an earlier one only at the very same
    place with the same toll."""
    rules = rules or within_rules()
    out: list[Candidate] = []
    for c in cands:
        target = next((o for o in out if _same_incident(o.event, c.event, c.fresh, rules)), None)
        if target is None:
            out.append(c)
            continue
        _absorb_candidate(target, c)
    return out


def one_per_location(cands: list[Candidate]) -> list[Candidate]:
    """An incident reported at several places joined by "and" becomes one event per place."""
    out = list(cands)
    for c in cands:
        e = c.event
        for q in c.also_at:
            if any(o.event.place is not None and o.event.place.location == q.location
                   and _family(o.event) == _family(e) for o in out):
                continue
            copy = replace(e, place=q, fatalities=None, injuries=None, evidence=list(e.evidence), notes=e.notes)
            fields = {k: v for k, v in c.fields.items() if k != "fatalities"}
            out.append(Candidate(copy, fields, dict(c.who), claimed=c.claimed))
    return out


def _family(e: Event) -> str:
    if e.sub_event_type in DEMONSTRATION_ORDER:
        return "demonstration"
    if e.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians") \
            or e.sub_event_type in ("Disrupted weapons use", "Looting/property destruction"):
        return "violence"
    return e.sub_event_type


def _same_incident(a: Event, b: Event, fresh: bool, rules: WithinRules) -> bool:
    if _family(a) != _family(b):
        return False
    if a.evidence and b.evidence and a.evidence[0].start == b.evidence[0].start and a.place and b.place \
            and a.place.location != b.place.location:
        return False                  # clauses of one sentence kept apart for their own places
    if fresh and a.evidence and a.evidence[0].role != "title" and a.evidence[0].start != b.evidence[0].start:
        precise = a.place and b.place and max(a.place.geo_precision, b.place.geo_precision) <= 2
        same_toll_here = bool(a.fatalities and a.fatalities == b.fatalities and a.place and b.place
                              and km(a.place.latitude or 0, a.place.longitude or 0,
                                      b.place.latitude or 0, b.place.longitude or 0) < rules.same_toll_km)
        if precise and not same_toll_here:
            return False
    titled_a = bool(a.evidence) and a.evidence[0].role == "title"
    if a.event_date and b.event_date and abs((a.event_date - b.event_date).days) > rules.day_gap and not titled_a:
        return False
    pa, pb = a.place, b.place
    if pa is None or pb is None or pa.latitude is None or pb.latitude is None \
            or pa.longitude is None or pb.longitude is None:
        return False
    d = km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)
    coarse = max(pa.geo_precision, pb.geo_precision)
    titled = any(v.role == "title" for v in a.evidence[:1] + b.evidence[:1])
    same_toll = bool(a.fatalities) and a.fatalities == b.fatalities
    a1, b1 = named_actor(a.actor1), named_actor(b.actor1)       # "Unidentified" conflicts with no one
    conflict = bool(a1 and b1 and a1 != b1 and a1 != b.actor2 and b1 != a.actor2)
    if conflict:
        return False
    if d < rules.same_place_km:
        return True
    within = coarse >= 3 and bool(pa.admin1 and pa.admin1 == pb.admin1)   # "in Abyan" ... "in Ahwar"
    if titled or same_toll:
        return d < rules.near_km or within
    if coarse >= 3:
        return d < rules.near_km or bool(pa.admin1 and pa.admin1 == pb.admin1)
    return False


def _absorb_candidate(into: Candidate, c: Candidate) -> None:
    """`into` absorbs `c`; a field `into` takes from `c` takes its words with it."""
    ie, e = into.event, c.event
    before = ((ie.event_date, ie.time_precision), ie.fatalities, (ie.event_type, ie.sub_event_type))
    _absorb(ie, e)
    after = ((ie.event_date, ie.time_precision), ie.fatalities, (ie.event_type, ie.sub_event_type))
    theirs = ((e.event_date, e.time_precision), e.fatalities, (e.event_type, e.sub_event_type))
    for role, old, new, other in zip(("date", "fatalities", "type"), before, after, theirs):
        if new != old and new == other:
            if role in c.fields:
                into.fields[role] = c.fields[role]
            else:
                into.fields.pop(role, None)
    for name, span in c.who.items():
        into.who.setdefault(name, span)


def _absorb(into: Event, e: Event) -> None:
    pi, pe = into.place, e.place
    into_title = bool(into.evidence) and into.evidence[0].role == "title"
    if pe is not None and (pi is None or pe.geo_precision < pi.geo_precision or into_title):
        into.place = pe                           # the body's place over the headline's
    if into_title and e.evidence:
        into.evidence = e.evidence + into.evidence
    if into_title:
        # the body's toll over the headline's: a headline may add up several incidents
        # ("Five killed in ISIS attacks") or misstate one ("one officer and four others killed")
        into.fatalities = e.fatalities if e.fatalities else into.fatalities
        into.injuries = e.injuries if e.injuries else into.injuries
    else:
        into.fatalities = max(into.fatalities or 0, e.fatalities or 0) or into.fatalities or e.fatalities
        into.injuries = max(into.injuries or 0, e.injuries or 0) or into.injuries or e.injuries
    if e.time_precision < into.time_precision and e.event_date:
        into.event_date, into.time_precision = e.event_date, e.time_precision
    if into_title and named_actor(e.actor1) and e.actor1 != into.actor1:
        # the body names who acted: its roles over the headline's ("ISIS member killed ..." then
        # "... killed during an ISIS attack on an army checkpoint")
        into.actor1, into.assoc_actor_1 = e.actor1, e.assoc_actor_1
        if e.actor2 or into.actor2 == e.actor1:
            into.actor2, into.assoc_actor_2 = e.actor2, e.assoc_actor_2
    if _takes_actor(into.actor1, e.actor1, into.actor2):
        into.actor1 = e.actor1
    if _takes_actor(into.actor2, e.actor2, into.actor1):
        into.actor2 = e.actor2
    if into.event_type != e.event_type and e.event_type == "Explosions/Remote violence":
        into.event_type, into.sub_event_type = e.event_type, e.sub_event_type
    if _family(into) == "demonstration" and \
            DEMONSTRATION_ORDER.index(e.sub_event_type) > DEMONSTRATION_ORDER.index(into.sub_event_type):
        into.event_type, into.sub_event_type = e.event_type, e.sub_event_type   # "... and some smashed windows"
    if not into_title:
        into.evidence.extend(e.evidence)


def _takes_actor(mine: str, theirs: str, other_side: str) -> bool:
    """The other telling names this side where this one does not (or only as unidentified)."""
    return bool(theirs) and theirs != other_side and (not mine or not named_actor(mine) and bool(named_actor(theirs)))
