"""Incident segmentation: an article's sentences -> its incidents, as a small state machine.

The article is read sentence by sentence with the *scope* a careful coder keeps in
mind (`Scope`): the date last stated, the place of the last incident (and of each
paragraph), the incidents found so far.  Each sentence, and each clause of a
sentence that reports acts, takes one named transition (`Step`):

    QUIET           no trigger, count or claim: a day it names becomes the date in scope
    BACKGROUND      history or a trend ("in March 2019", "since 2017"): nothing
    DIED_OF_WOUNDS  a later death, the names of the dead: detail of the last incident
    CLAIM           who claimed the last incident: its detail
    FOLLOW_UP       no live trigger: a toll or a claim adds to the last incident
    OPEN            a clause opens an incident (at its own place, a road's end, or the place in scope)
    DETAIL          a clause with no place of its own tells more of the last incident
    REFINE          a clause says more precisely where the last incident was
    AFTERMATH       "the strikes followed the killing of ...": nothing new
    UNPLACED        a clause with no place at all: kept for a brief report (marsad.extract.brief)
    NOT_EVENT       a bare harm word with no count, a statement of policy: nothing
    ROUNDUP         "The fallen districts are X, Y and Z": one incident per place listed (marsad.extract.brief)

`Scope.trace` records the transition of each sentence or clause (by start offset),
so a test can assert how a sentence was read.  The cue words live in
marsad.extract.incidents; the distances in merge_rules.toml [within_article].
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from marsad.extract import brief
from marsad.extract import incidents as inc
from marsad.extract.article_merge import WithinRules
from marsad.extract.context import place_ok
from marsad.extract.parties import CLAIM
from marsad.extract.taxonomy import WEAPONS
from marsad.geo.gazetteer import km
from marsad.records import (
    ActorMention,
    CasualtyMention,
    DateMention,
    Incident,
    Place,
    Sentence,
    Trigger,
    Unplaced,
)

if TYPE_CHECKING:
    from marsad.geo import Geocoder, GeoContext


class Step(Enum):
    QUIET = "quiet"
    BACKGROUND = "background"
    DIED_OF_WOUNDS = "died of wounds"
    CLAIM = "claim"
    FOLLOW_UP = "follow-up"
    OPEN = "open"
    DETAIL = "detail"
    REFINE = "refine"
    AFTERMATH = "aftermath"
    UNPLACED = "unplaced"
    ROUNDUP = "round-up"
    NOT_EVENT = "not an event"


@dataclass(slots=True)
class Dated:
    """A date with its ACLED precision and the words that gave it (None: the publication date)."""

    value: date | None
    precision: int
    words: DateMention | None = None


@dataclass(slots=True)
class Finds:
    """What the extraction stages found in one article, before it is cut into incidents."""

    text: str
    published: date | None
    reference: date | None                    # publication, else the latest date with a year
    sentences: list[Sentence]
    triggers: list[Trigger]
    dates: list[DateMention]
    casualties: list[CasualtyMention]
    actors: list[ActorMention]
    named: GeoContext                         # what the article itself names (no priors)
    ctx: GeoContext                           # ... with its outlet's or actors' country as priors


@dataclass(slots=True)
class Scope:
    """What a reader keeps in mind while reading the article."""

    date: Dated
    place: Place | None = None                # where the last incident opened with a place was
    para_place: dict[int, Place] = field(default_factory=dict)    # each paragraph's best place
    incidents: list[Incident] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    trace: list[tuple[int, Step]] = field(default_factory=list)


@dataclass(slots=True)
class _Read:
    """One sentence's finds."""

    sent: Sentence
    triggers: list[Trigger]
    dates: list[DateMention]
    day_dates: list[DateMention]              # dates of a day or a week
    casualties: list[CasualtyMention]
    claim: bool
    places: list[Place] = field(default_factory=list)
    live: list[Trigger] = field(default_factory=list)


def segment(f: Finds, geocoder: Geocoder, rules: WithinRules, scope: Scope) -> list[Incident]:
    """The incidents the article reports, in the order it tells them."""
    for sent in f.sentences:
        step = _read_sentence(f, geocoder, rules, scope, sent)
        if step is not None:
            scope.trace.append((sent.start, step))
    if not scope.incidents and scope.unplaced and len(f.sentences) <= brief.BRIEF_SENTENCES:
        # a report of one incident at a place the gazetteer lacks is still an event, unplaced
        m = brief.unplaced_mention(scope.unplaced, (scope.date.value, scope.date.precision), f.published)
        own = [d for d in scope.unplaced[0].dates if d.value is not None]
        m.date_span = own[0] if m.date_explicit and own else scope.date.words if m.date_value == scope.date.value \
            else None
        scope.incidents.append(m)
    return scope.incidents


def _read_sentence(f: Finds, geocoder: Geocoder, rules: WithinRules, scope: Scope, sent: Sentence) -> Step | None:
    text = f.text
    s_trig = [t for t in f.triggers if sent.start <= t.start < sent.end]
    filed = [d for d in f.dates if sent.start <= d.start < sent.end and _in_dateline(text, sent, d)]
    if filed and not scope.incidents and filed[0].value is not None and filed[0].precision == 1 \
            and (f.published is None or filed[0].value <= f.published):
        scope.date = Dated(filed[0].value, 1, filed[0])   # "KABUL, June 19 (Reuters) -": the day it was filed
    s_dates = [_relative_to_scope(d, scope.date.value, f.published) for d in f.dates
               if sent.start <= d.start < sent.end and not _in_dateline(text, sent, d)]
    day_dates = [d for d in s_dates if d.value is not None and d.precision <= 2]
    r = _Read(sent, s_trig, s_dates, day_dates, [c for c in f.casualties if sent.start <= c.start < sent.end],
              bool(scope.incidents) and bool(CLAIM.search(text[sent.start:sent.end])))
    background = _background(r, f.reference)
    if (scope.unplaced or scope.incidents) and brief.is_roundup(text, sent):   # "The fallen districts are X, Y and Z"
        places = [p for p in geocoder.places_in(text, sent.start, sent.end, f.ctx) if p.latitude is not None]
        listed = brief.roundup_mentions(scope.incidents, scope.unplaced, places, sent, text,
                                        (scope.date.value, scope.date.precision), f.published)
        scope.incidents += listed
        if listed:
            return Step.ROUNDUP
    if not r.triggers and not r.casualties and not r.claim:
        if day_dates and not background and not sent.is_title:
            scope.date = Dated(day_dates[0].value, day_dates[0].precision, day_dates[0])
            if scope.incidents and inc.refers_back(text, sent):
                inc.date_from_follow_up(scope.incidents[-1], day_dates, text, sent)   # "The incident took place on Thursday"
        return Step.QUIET
    _look(f, geocoder, r)
    if background:
        return Step.BACKGROUND
    if day_dates and not sent.is_title:
        scope.date = Dated(day_dates[0].value, day_dates[0].precision, day_dates[0])
    if r.places:
        usable = [p for p in r.places if p.latitude is not None]
        if usable:
            scope.para_place[sent.paragraph] = inc.best_place(text, usable) or usable[0]
    return _act(f, rules, scope, r)


def _background(r: _Read, reference: date | None) -> bool:
    """Every date of the sentence is history (and none of its days is recent), or a year."""
    background = any(inc.is_background(d.value, d.precision, reference) for d in r.dates
                     if d.value is not None) and not any(
        not inc.is_background(d.value, d.precision, reference) for d in r.day_dates)
    return background or (any(d.precision >= 4 and d.kind != "vague" for d in r.dates) and not r.day_dates)


def _look(f: Finds, geocoder: Geocoder, r: _Read) -> None:
    """The sentence's places and the triggers that report something that happened."""
    text, sent = f.text, r.sent
    s_act = [a for a in f.actors if sent.start <= a.start < sent.end]
    places = geocoder.places_in(text, sent.start, sent.end, f.ctx)
    r.places = [p for p in places if place_ok(text, p, s_act, f.named)]
    # a weapon named with its user ("Turkish drone", "regime warplanes") still reports a strike
    r.triggers = [t for t in r.triggers if t.category in WEAPONS or t.category in ("protest", "riot", "mob")
                  or not any(a.start <= t.start < a.end for a in s_act)]       # "protesters" is both
    blocked = [(p.start, p.end) for p in r.places if p.start is not None and p.end is not None]
    blocked += [(d.start, d.end) for d in r.dates]
    r.live = inc.live_triggers(text, sent, r.triggers, blocked, bool(r.day_dates))


def _act(f: Finds, rules: WithinRules, scope: Scope, r: _Read) -> Step | None:
    """A sentence that reports acts, counts or a claim."""
    text, sent, mentions = f.text, r.sent, scope.incidents
    if mentions and _DIED_OF_WOUNDS.search(text[sent.start:sent.end]) and not inc.is_generic(text, sent):
        mentions[-1].details.append((sent.start, sent.end))
        return Step.DIED_OF_WOUNDS
    if r.claim and _same_story(mentions[-1], sent, rules) \
            and _near(r.places, mentions[-1].place, rules.claim_near_km) \
            and not any(d.value != mentions[-1].date_value for d in r.day_dates) \
            and not inc.claims_another_act(text, sent, r.places, mentions[-1].place):
        mentions[-1].details.append((sent.start, sent.end))       # "ISIS claimed the attack"
        return Step.CLAIM
    if not r.live:
        if mentions and r.day_dates and inc.refers_back(text, sent):
            inc.date_from_follow_up(mentions[-1], r.day_dates, text, sent)   # "The incident took place on Thursday"
        if mentions and _same_story(mentions[-1], sent, rules) and not inc.is_generic(text, sent) and (
                (r.casualties and not r.places) or (r.claim and _near(r.places, mentions[-1].place,
                                                                      rules.claim_near_km))):
            mentions[-1].details.append((sent.start, sent.end))   # toll, or who claimed it
        return Step.FOLLOW_UP
    chains = inc.place_chains(text, r.places)
    groups = inc.group_triggers(text, r.live, chains)
    opened = False
    for (trig, chain_idx), (c0, c1) in zip(groups, _clause_bounds(text, sent, groups, chains)):
        step = _clause(f, rules, scope, r, trig, chains[chain_idx] if chain_idx is not None else None, c0, c1)
        scope.trace.append((c0, step))
        opened = opened or step is Step.OPEN
    if opened and r.places:
        scope.place = mentions[-1].place
    return None


def _clause(f: Finds, rules: WithinRules, scope: Scope, r: _Read, trig: list[Trigger], chain: list[Place] | None,
            c0: int, c1: int) -> Step:
    """One clause of a sentence: the triggers that go with one place chain (or none)."""
    text, sent, mentions = f.text, r.sent, scope.incidents
    has_count = any(c.count for c in r.casualties)
    if not inc.opens_event(trig, has_count, sent.is_title and chain is not None):
        return Step.NOT_EVENT
    place = inc.best_place(text, chain) if chain is not None else None
    own = place is not None and not inc.road_end(text, place)
    s_act = [a for a in f.actors if sent.start <= a.start < sent.end]
    armed = [a for a in s_act if a.name != "Civilians" and a.kind != "civilians"]
    only_harm = all(t.category == "harm" for t in trig) and (
        not armed or not any(t.text.lower().startswith("kill") for t in trig))
    if not own and (_RETALIATION.search(text[sent.start:sent.end]) or only_harm):
        if only_harm and mentions and _same_story(mentions[-1], sent, rules):
            mentions[-1].details.append((sent.start, sent.end))   # "Three soldiers were wounded"
            return Step.DETAIL
        return Step.AFTERMATH                         # "the strikes followed the killing of ..."
    if not own:
        found = _elsewhere(f, rules, scope, r, trig, place, c0, c1)
        if isinstance(found, Step):
            return found
        place = found
    elif mentions and place is not None and inc.refines(mentions[-1].place, place) and inc.refers_back(text, sent):
        # "... in the west of Oromia. The attacks were carried out on Monday in Haro": where it was
        mentions[-1].place = place
        mentions[-1].details.append((sent.start, sent.end))
        inc.date_from_follow_up(mentions[-1], r.day_dates, text, sent)
        return Step.REFINE
    elif mentions and place is not None and _same_spot(mentions[-1].place, place, rules) \
            and inc.refers_back(text, sent) \
            and not any(d.value is not None and not inc.reporting_date(text, d) for d in r.dates):
        # "The attack on the patrol took place near Tongo Tongo": the incident before, told again
        mentions[-1].details.append((sent.start, sent.end))
        return Step.DETAIL
    _open(f, scope, r, trig, place, own, chain, c0, c1)
    return Step.OPEN


def _elsewhere(f: Finds, rules: WithinRules, scope: Scope, r: _Read, trig: list[Trigger], road_place: Place | None,
               c0: int, c1: int) -> Step | Place:
    """A clause with no place of its own: more of the last incident, or one at the place in scope."""
    text, sent, mentions = f.text, r.sent, scope.incidents
    new_day = any(d.value is not None and d.precision == 1 and d.value != mentions[-1].date_value
                  for d in r.dates) if mentions else True
    another = road_place is not None and bool(mentions) and bool(_ANOTHER.search(text[c0:trig[0].start])) \
        and not _near([road_place], mentions[-1].place, rules.another_km)
    if mentions and not another and (
            (_same_story(mentions[-1], sent, rules) and not new_day) or inc.refers_back(text, sent)):
        last = mentions[-1]
        last.details.append((sent.start, sent.end))
        inc.date_from_follow_up(last, r.day_dates, text, sent)   # "The attacks were carried out on Monday"
        cats = {t.category for t in trig}
        if inc.refers_back(text, sent):
            cats.discard("attack")                    # "claimed the attack" names no new act
        last.categories |= cats
        last.type_triggers.extend(t for t in trig if t.category in cats)
        return Step.DETAIL
    place = road_place or scope.para_place.get(sent.paragraph) or scope.place
    if place is not None:
        return place
    if brief.is_policy(text[c0:c1]):
        return Step.NOT_EVENT
    scope.unplaced.append(Unplaced(sent, trig, c0, c1, r.dates))
    return Step.UNPLACED


def _open(f: Finds, scope: Scope, r: _Read, trig: list[Trigger], place: Place | None, own: bool,
          chain: list[Place] | None, c0: int, c1: int) -> None:
    """A new incident, dated by its own date words, else by the date in scope."""
    d_here = [d for d in r.dates if d.value is not None and not inc.reporting_date(f.text, d)]
    if d_here:
        own_d = [d for d in d_here if c0 <= d.start < c1]    # "... on Monday and abducted ten in Y on Wednesday"
        own_d = [d for d in own_d if not (d.kind == "relative" and any(     # "overnight on Monday": Monday
            0 <= x.start - d.end <= 4 for x in own_d))] or own_d
        dm = min(own_d or d_here, key=lambda d: abs(d.start - trig[0].start))
        dated = Dated(dm.value, max(1, min(dm.precision, 3)), dm)
    else:
        dated = scope.date
        if dated.value is None and f.published is not None:
            dated = Dated(f.published, 2)
    m = Incident(r.sent, trig, place, own, dated.value, dated.precision, bool(d_here), c0, c1,
                 date_span=dated.words)
    m.categories = {t.category for t in trig}
    adopted = brief.adopt_unplaced(m, scope.unplaced, f.text)
    if adopted is not m:                              # told by an earlier sentence, dated as this one
        adopted.date_span = m.date_span
    m = adopted
    if own and chain is not None and place is not None:
        m.also_at = inc.coordinated(f.text, chain, place)
    scope.incidents.append(m)


_DIED_OF_WOUNDS = re.compile(
    r"\b(?:named|identified)\b[^.]{0,30}\b(?:dead|killed|victims?|fallen)\b|\bamong (?:the dead|those killed|the victims)\b|"
    r"\bthe (?:dead|victims) (?:were|included|include)\b|"
    r"\b(?:died|dies|passed away|succumbed)\b[^.]{0,40}\b(?:wounds|injuries|injury|wounded)\b|"
    r"\bsuccumbed to\b|\btoll (?:rose|has risen|climbed|increased)\b|\bhas risen to\b", re.IGNORECASE)
_RETALIATION = re.compile(
    r"\b(?:followed|follows|came after|comes after|in retaliation for|in response to|retaliat\w* for|to avenge|"
    r"avenging)\b[^.]{0,25}\b(?:killing|attack|attacks|death|deaths|bombing|assassination|downing)\b", re.IGNORECASE)
# "ISIS also detonated a bomb on the road to X": a further incident, not a detail of the last one
_ANOTHER = re.compile(r"\b(?:also|another|separately|meanwhile|in addition|elsewhere|in a separate)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^[\s\W]*[A-Z][A-Za-z .'’-]{1,40},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                       r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-–—:]")
_EARLIER = re.compile(r"\b(?:earlier|before|previous|prior)\b", re.IGNORECASE)



def _in_dateline(text: str, sent: Sentence, d: DateMention) -> bool:
    """"BAGHDAD, Aug 3 (LNA) -": the date the story was filed, not when things happened."""
    return d.start - sent.start < 45 and bool(_DATELINE.match(text[sent.start:min(sent.end, d.end + 30)]))


def _relative_to_scope(d: DateMention, scope: date | None, published: date | None) -> DateMention:
    """"A day earlier" / "the next day" count from the date in scope, not from publication."""
    offset = d.offset_days
    if scope is None or d.kind != "relative":
        return d
    if d.value is None and offset is not None:
        return replace(d, value=scope + timedelta(days=offset), precision=1)
    if published is None or d.value is None or not _EARLIER.search(d.text) or scope >= published:
        return d
    return replace(d, value=scope - (published - d.value))


def _near(places: list[Place], last: Place | None, within_km: float) -> bool:
    """No place named, or only places at (or within `within_km` of) the incident's own."""
    for p in places:
        if last is None or p.latitude is None or last.latitude is None:
            return False
        if km(p.latitude, p.longitude or 0.0, last.latitude, last.longitude or 0.0) > within_km \
                and not (p.admin1 and p.admin1 == last.admin1 and p.geo_precision >= 3):
            return False
    return True


def _clause_bounds(text: str, sent: Sentence, groups: list[tuple[list[Trigger], int | None]],
                   chains: list[list[Place]]) -> list[tuple[int, int]]:
    """Each incident's clause: from the sentence start (or the previous clause's end) to the
    first ", and" / ";" / ", while" after its place chain (or the sentence end)."""
    bounds: list[tuple[int, int]] = []
    start = sent.start
    for k, (trig, chain_idx) in enumerate(groups):
        if k + 1 == len(groups):
            bounds.append((start, sent.end))
            break
        nxt = groups[k + 1][0][0].start
        after = max([t.end for t in trig] + ([chains[chain_idx][-1].end or 0] if chain_idx is not None else []))
        cut = nxt
        if after < nxt:
            for mm in re.finditer(r",?\s+and\b|;|,\s+while\b|,\s+as\b|,\s+whereas\b", text[after:nxt]):
                if "and" in mm.group() and re.search(r"\bbetween\s+(?:[^,;]*)$", text[after:after + mm.start()]):
                    continue                          # "fighting in X between the army and militants"
                cut = after + mm.start()
                break
        bounds.append((start, max(cut, start + 1)))
        start = cut
    return bounds


def _same_spot(a: Place | None, b: Place, rules: WithinRules) -> bool:
    """Two mentions of one place (closer than merge_rules' same_place_km)."""
    return bool(a is not None and a.latitude is not None and a.longitude is not None
                and b.latitude is not None and b.longitude is not None
                and km(a.latitude, a.longitude, b.latitude, b.longitude) < rules.same_place_km)


def _same_story(prev: Incident, sent: Sentence, rules: WithinRules) -> bool:
    """A sentence soon after an incident, in the same or the next paragraph."""
    return (sent.paragraph - prev.sentence.paragraph) <= rules.same_story_paragraphs \
        and sent.start - prev.sentence.end < rules.same_story_chars
