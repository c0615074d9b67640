"""Finding the incidents an article reports: one `Mention` per incident.

The article is read sentence by sentence, keeping the *scope* a careful coder
keeps in mind: the date last stated ("On May 17, ..." governs what follows) and
the incident last described (so "bringing the losses to seven dead" adds to it
instead of opening a new event).

In each sentence:
1. triggers (marsad/data/triggers.csv) that a modal, a warning, a negation, a
   generic statement or a pluperfect recollection does not cancel;
2. place chains - places named together ("in the village of X of the town of Y,
   east of Z"); each trigger belongs to the first chain after it (else the last
   before it), so "detonated a device near X, and targeted a vehicle in Y" is two
   incidents and "killed in an ambush in X" is one;
3. a sentence with triggers but no place of its own adds detail to the incident
   before it; with no incident before, it opens one at the place in scope.
Background (a date months before publication, "since 2017", "in March 2019")
opens no incident.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from marsad.datafiles import class_regex, word_class
from marsad.extract.taxonomy import EVENT_CATEGORIES
from marsad.geo.gazetteer import km
from marsad.records import DateMention, Incident, Place, Sentence, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc

Mention = Incident          # its name before it moved to marsad.records

BACKGROUND_DAYS = 92          # an incident dated this long before publication is history


def _cls(name: str) -> str:
    """A word class of marsad/data/word_classes.csv as an alternation, words one space apart."""
    return class_regex(name, " ")


_MODAL = re.compile(
    rf"\b(?:{_cls('modal')}|(?-i:may)(?!\s+\d))\b[^.;]{{0,60}}$"
    r"|(?<!managed )(?<!manage )(?<!manages )(?<!went on )(?<!continued )(?<!continues )(?<!continue )"
    r"(?<!continuing )(?<!began )(?<!started )(?<!able )\bto\s+$", re.IGNORECASE)
# "police used tear gas to disperse them": what the force was used to do, it did
_USED_TO = re.compile(r"\b(?:used|fired|deployed|employed|using|firing)\b[^.;]{0,80}\bto\s+$", re.IGNORECASE)
_NEGATED = re.compile(rf"\b(?:{_cls('negation')})\b\W*(?:\w+\W+){{0,2}}$", re.IGNORECASE)
_GENERIC = re.compile(
    rf"\b(?:{_cls('generic')})\b"
    # the grammar the word classes cannot say: a word or a stretch of the sentence between
    r"|\b(?:(?:has|have|had) been (?:\w+ )?(?:battling|fighting|waging|clashing|attacking|targeting|shelling|bombing|"
    r"besieging)\b[^.]{0,80}\bsince\b|witness(?:es|ed)? (?:\w+ )?(?:cases|incidents|instances) of|"
    r"over the (?:past|last) (?:\w+ )?(?:weeks|months|years|days))\b",
    re.IGNORECASE)
_MONTHS = "|".join(word_class("month"))
_AGGREGATE = re.compile(rf"\b(?:in|during|between|from) (?:{_MONTHS}) (?:and|to|-) (?:{_MONTHS})\b"
                        rf"|\b(?:{_cls('generic_aggregate')})\b")
_WEAK_GENERIC = re.compile(rf"\b(?:{_cls('generic_weak')}|since (?:19|20)\d\d)\b", re.IGNORECASE)
_HISTORY = re.compile(rf"^\W*(?:{_cls('history_opening')}|in (?:19|20)\d\d\b)", re.IGNORECASE)
_PROTEST_OBJECT = re.compile(rf"\b(?:{_cls('protest_object')})\b", re.IGNORECASE)
_PLUPERFECT = re.compile(r"\bhad (?:been |previously |already |earlier |also )*$", re.IGNORECASE)
_PLUPERFECT_SENT = re.compile(r"^\W*(?:\w+\s+){1,4}had (?:been |previously |already |earlier )*\w+(?:ed|en|wn|ung|ought)\b",
                              re.IGNORECASE)
_REPORTED = re.compile(rf"\b(?:{_cls('reported_speech')})\b", re.IGNORECASE)
_BACKREF = re.compile(
    rf"\b(?:the (?:{_cls('told_incident')})|the (?:{_cls('told_determiner')}) |{_cls('told_again')}|"
    # the target told before ("We attacked the military base near X")
    rf"the (?:(?:{_cls('told_target_determiner')}) )?(?:(?:{_cls('told_target_force')}) )?(?:{_cls('told_target')}))\b",
    re.IGNORECASE)
_ROAD_AFTER = re.compile(rf"^\W{{0,3}}(?:[\w'’-]+\s){{0,2}}?(?:{_cls('road_after')})\b", re.IGNORECASE)
_ROAD_BEFORE = re.compile(
    rf"(?:{_cls('travel_toward')})\s(?:\w+\s){{0,3}}"
    rf"(?:{_cls('toward')}|from)\s(?:the\s)?(?:\w+\s){{0,3}}$"
    rf"|\b(?:{_cls('fled_toward')})\s(?:\w+\s){{0,3}}(?:{_cls('toward')})\s(?:the\s)?(?:\w+\s){{0,2}}$"
    rf"|\b(?:{_cls('origin_noun')})\s+(?:(?:{_cls('origin_qualifier')})\s+)?(?:from|of)\s+(?:the\s+)?"
    rf"(?:(?:{_cls('origin_place_kind')})\s+of\s+)?$", re.IGNORECASE)
_CHAIN_GLUE = re.compile(
    r"^[\s,()\"'“”‘’-]*(?:(?:in|of|at|near|outside|inside|within|on|and|the|to|off|around|close to|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?(?:\s+of)?|"
    rf"(?:the\s)?(?:{class_regex('place_glue')})|"
    r"\d+|between|located|situated|which is|lies|its|'s|’s|[,()\"'“”‘’-]|"
    # "Sayad in Sar-e Pul, Arghandab in Zabul": an area the gazetteer lacks, named after "in" in a list
    r"(?<=in\s)(?-i:[A-Z][\w'’]*(?:[\s-]+(?:[a-z]{1,2}[\s-]+)?[A-Z][\w'’]*){0,2})(?=\s*(?:,|and\s)))[\s,()\"'“”‘’-]*)*$",
    re.IGNORECASE)


def split_sentences(text: str, doc: Doc, title: str | None) -> list[Sentence]:
    """spaCy's sentences, split again at line breaks; paragraphs counted at blank lines."""
    out: list[Sentence] = []
    para_breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        pos = s0
        for piece in re.split(r"(\n+)", text[s0:s1]):
            if piece and not piece.startswith("\n"):
                a = pos + (len(piece) - len(piece.lstrip()))
                b = pos + len(piece.rstrip())
                if b > a:
                    para = sum(1 for p in para_breaks if p < a)
                    out.append(Sentence(a, b, para))
            pos += len(piece)
    if out:
        first = text[out[0].start:out[0].end]
        if len(out) == 1:
            out[0].is_title = len(first.split()) <= 40    # a one-line report reads as a headline
            return out
        alone = out[1].paragraph > out[0].paragraph or "\n" in text[out[0].end:out[1].start]
        if (title and _same(first, title)) or (
                len(first.split()) <= 20 and not first.rstrip().endswith((".", '"', "”"))) or (
                not title and alone and len(first.split()) <= 35 and len(out) > 2):
            out[0].is_title = True
    return out


def _same(a: str, b: str) -> bool:
    def n(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()
    return n(a) == n(b)


def live_triggers(text: str, sent: Sentence, triggers: list[Trigger], blocked: list[tuple[int, int]],
                  has_day_date: bool) -> list[Trigger]:
    """The triggers of one sentence that report something that happened."""
    s_text = text[sent.start:sent.end]
    if _HISTORY.search(s_text) and not has_day_date:
        return []
    generic = (bool(_GENERIC.search(s_text)) or bool(_AGGREGATE.search(s_text)) or (bool(_WEAK_GENERIC.search(s_text)) and not has_day_date)) \
        and not sent.is_title
    out = []
    for t in triggers:
        if any(a <= t.start < b or a < t.end <= b for a, b in blocked):
            continue                                          # inside an actor's or a place's name
        before = text[sent.start:t.start]
        window = before[-90:]
        if (_MODAL.search(window) and not _USED_TO.search(window)) or _NEGATED.search(window[-30:]):
            continue
        if (_PLUPERFECT.search(before[-40:]) or _PLUPERFECT_SENT.search(s_text)) \
                and not _REPORTED.search(before[-120:]) and not has_day_date:
            continue
        if generic:
            continue                                          # "ambushes, assassinations and bombings"
        out.append(t)
    # "demonstrated against the Russian bombardment": what a protest is against did not happen here
    protest = next((t for t in out if t.category == "protest"), None)
    if protest is not None:
        out = [t for t in out if t.category in ("protest", "riot", "intervention", "harm", "arrest")
               or t.start < protest.start or not _PROTEST_OBJECT.search(text[protest.end:t.start])]
    return out


def place_chains(text: str, places: list[Place]) -> list[list[Place]]:
    """Places named together: only glue words ("in the village of", ", east of") between them."""
    chains: list[list[Place]] = []
    for p in places:
        if chains and p.start is not None and chains[-1][-1].end is not None:
            between = text[chains[-1][-1].end:p.start]
            if len(between) <= 60 and _CHAIN_GLUE.match(between):
                chains[-1].append(p)
                continue
        chains.append([p])
    return chains


def place_rank(text: str, p: Place) -> tuple[int, int]:
    """Lower is better: precise places first; road ends and destinations last."""
    penalty = 3 if road_end(text, p) else 0
    if p.latitude is None:
        penalty += 5
    if p.geo_precision >= 3 and not p.admin1 and p.country:
        penalty += 1                                              # a whole country
    return (p.geo_precision + penalty, 0)


# "Bab al-Nairab neighbourhood in Aleppo city", "Dahrat al-Qar'aa near Nubl": the first place lies in,
# or near, the one after it; a namesake of it found farther away is another place of the same name
_SEAT_OF = class_regex('seat_of')
_LIES_IN = (
    (re.compile(rf"^[\s'’]*(?:{class_regex('quarter_word')})\s+(?:(?:in|of|at)\s+)?(?:the\s+)?"
                rf"(?:(?:{_SEAT_OF}|{class_regex('capital_word')})\s+)?$", re.IGNORECASE), 15.0),
    (re.compile(rf"^[\s,'’]*(?:(?:{class_regex('lies_near_kind')})\s+)?(?:{class_regex('lies_near')})\s+"
                rf"(?:the\s+)?(?:(?:{_SEAT_OF})\s+)?$", re.IGNORECASE), 60.0),
)


def lies_within_km(between: str) -> float | None:
    """The words between two places say the first lies in or near the second: how far at most."""
    return next((k for rx, k in _LIES_IN if rx.match(between)), None)


def _far_namesakes(text: str, chain: list[Place]) -> list[Place]:
    """The places of a chain said to lie in or near the town after them but found far from
    it: namesakes elsewhere of a place the gazetteer lacks."""
    for i, town in enumerate(chain[1:], 1):
        prev = chain[i - 1]
        if prev.end is None or town.start is None or town.latitude is None or town.longitude is None \
                or town.geo_precision > 2 or _ADMIN_AFTER.match(text[town.end or 0:]):
            continue                                  # "near Dobley District": an area, not a town
        limit = lies_within_km(text[prev.end:town.start])
        if limit is not None:
            return [p for p in chain[:i] if p.latitude is not None and p.longitude is not None
                    and km(p.latitude, p.longitude, town.latitude, town.longitude) > limit]
    return []


def best_place(text: str, chain: list[Place]) -> Place | None:
    """The most precise place of a chain; when every place is a road's end ("on the
    Aleppo-Raqqa road"), the last end named, as a point near the incident (precision 2)."""
    far = _far_namesakes(text, chain)
    usable = [p for p in chain if p.latitude is not None and p not in far]
    if not usable:
        return None
    if all(road_end(text, p) for p in usable):
        last = usable[-1]
        return replace(last, geo_precision=max(2, last.geo_precision), why=(last.why + "; on a road to/from it").lstrip("; "))
    return min(usable, key=lambda p: (place_rank(text, p), chain.index(p)))


# "Jarabulus area witnesses more explosions", "the north of Homs witnessed renewed fighting": the place
# a short report opens with is where what it witnessed happened
_WITNESSED = re.compile(rf"^[\s'’s]*(?:(?:{_cls('witnessing_place')})\s+)?"
                        r"(?:is\s+|are\s+|has\s+|have\s+)?witness(?:es|ed|ing)?\s+[^.;]{0,60}$", re.IGNORECASE)


def group_triggers(text: str, triggers: list[Trigger], chains: list[list[Place]]) -> list[tuple[list[Trigger], int | None]]:
    """Each trigger joins the first place chain after it (else the last before it)."""
    groups: dict[int | None, list[Trigger]] = {}
    order: list[int | None] = []
    for t in triggers:
        after = [i for i, ch in enumerate(chains) if ch[0].start is not None and ch[0].start >= t.start]
        before = [i for i, ch in enumerate(chains) if ch[-1].end is not None and ch[-1].end <= t.start]
        idx: int | None = None
        told = [i for i in before if _WITNESSED.match(text[chains[i][-1].end or 0:t.start])]
        if told:
            after = [told[-1]]                        # "Jarabulus area witnesses explosions ... in Y"
        if after:
            i = after[0]
            start = chains[i][0].start or 0                 # not None: `after` holds placed chains only
            gap = text[t.end:start] if start >= t.end else ""
            # another trigger's own clause starts in between -> that chain is the other's
            # "killing seven, a week after the group killed 26 in Y": what comes after "after" is another incident
            if len(gap) < 220 and not re.search(r"[;]|\.\s|\b(?:day|week)s?\s+(?:after|since)\b", gap):
                idx = i
        if idx is None and before:
            idx = before[-1]
        if idx not in groups:
            groups[idx] = []
            order.append(idx)
        groups[idx].append(t)
    # triggers without a chain join the only group that has one, if there is just one
    if None in groups and len(groups) == 2:
        other = next(k for k in order if k is not None)
        groups[other].extend(groups.pop(None))
        order.remove(None)
    return [(sorted(groups[k], key=lambda t: t.start), k) for k in order]


def opens_event(triggers: list[Trigger], has_count: bool, headline: bool = False) -> bool:
    """Violence verbs open an incident; bare harm words ("killed", "casualties") only with
    a number, or in a headline that names its place."""
    cats = {t.category for t in triggers}
    if cats & EVENT_CATEGORIES:
        return True
    return "harm" in cats and (has_count or headline)


def is_background(value: date | None, precision: int, reference: date | None) -> bool:
    if value is None or reference is None:
        return False
    if precision >= 4:
        return True
    return value < reference - timedelta(days=BACKGROUND_DAYS)


def refers_back(text: str, sent: Sentence) -> bool:
    return bool(_BACKREF.search(text[sent.start:sent.end]))


def is_generic(text: str, sent: Sentence) -> bool:
    """A statement about a trend, an estimate or the past, not about one incident."""
    s = text[sent.start:sent.end]
    return bool(_GENERIC.search(s) or _WEAK_GENERIC.search(s) or _AGGREGATE.search(s) or _HISTORY.search(s))


def road_end(text: str, p: Place) -> bool:
    """"the Palmyra-Deir ez-Zor road", "heading to X": a road's end or a destination."""
    if p.start is None or p.end is None:
        return False
    return bool(_ROAD_AFTER.match(text[p.end:p.end + 25]) or _ROAD_BEFORE.search(text[max(0, p.start - 60):p.start]))


# "Kanbalu Township, Sagaing Region", "Maru LGA, Zamfara State": the second names where the first lies
_IN_ADMIN = re.compile(r"\s*(?:[A-Z]?[a-z]+\s*)?,\s*(?:the\s+)?", re.IGNORECASE)
_ADMIN_AFTER = re.compile(rf"\s+(?:{_cls('admin_unit')})\b", re.IGNORECASE)


# "Sayad in Sar-e Pul, Arghandab in ...": the area (unknown to the gazetteer) that ends one place of a list
_AREA_IN_LIST = re.compile(r"\bin\s+(?-i:[A-Z][\w'’]*(?:[\s-]+(?:[a-z]{1,2}[\s-]+)?[A-Z][\w'’]*){0,2})\s*(?=,|and\s)")


def coordinated(text: str, chain: list[Place], chosen: Place) -> list[Place]:
    """Other places joined to the chosen one by "and" ("clashes in Hama and Homs"):
    ACLED codes one event per location.  "between X and Y" is one place, not two."""
    segments: list[list[Place]] = [[chain[0]]]
    for prev, p in pairwise(chain):
        between = text[prev.end or 0:p.start or 0]
        opened_with_between = re.search(r"\bbetween\s+(?:the\s+)?(?:\w+\s+){0,3}$",
                                        text[max(0, (segments[-1][0].start or 0) - 40):segments[-1][0].start or 0])
        # "X, Mopti region" / "X, Mali": a comma before the area that holds X is no list;
        # "Kanbalu Township, Sagaing Region": the area named with its kind after it
        encloses = not re.search(r"\band\b", between) and (
            p.geo_precision >= 3 or (bool(prev.placed_at) and prev.placed_at == p.location)
            or bool(_IN_ADMIN.fullmatch(between) and _ADMIN_AFTER.match(text, p.end or 0)))
        # "in X and in the vicinity of Y": a second place of its own, not the area that holds X
        listed = bool(re.search(r"\band\s+(?:also\s+)?(?:in|at|near|on)\b", between))
        if re.search(r"\band\b|,", between) and not opened_with_between and not encloses \
                and (listed or not re.search(r"\bof\b|\bin\b", _AREA_IN_LIST.sub(" ", between))):
            segments.append([p])
        else:
            segments[-1].append(p)
    if len(segments) > 3 and sum(not _located(text, seg) for seg in segments) > 1:
        return []                                  # a list of provinces is a summary, not incidents
    out = []
    for seg in segments:
        if any(p is chosen for p in seg):
            continue
        best = best_place(text, seg)
        if best is not None and best.location != chosen.location and best.geo_precision <= 3:
            out.append(best)
    return out


def _located(text: str, seg: list[Place]) -> bool:
    """"Obe in Herat", "Mopti town, Mopti region": a place named with the area that holds it, as a
    round-up lists the places where something happened (one clause per place)."""
    return len(seg) >= 2 or bool(re.match(r"\s+in\s+(?-i:[A-Z])", text[seg[-1].end or 0:]))


# "state media reported Thursday", "police said on Monday": the day it was said, not the day it happened
_SAID_BEFORE = re.compile(rf"\b(?:{_cls('report_verb')}|told\s+(?:\w+\s+){{0,3}}?"
                          r"(?:reporters|journalists|AFP|Reuters|AP|the\s+\w+))\s+(?:on\s+|late\s+|early\s+)?$",
                          re.IGNORECASE)
# a follow-up that says when the incident itself happened (not when it was condemned or mourned)
_HAPPENED = re.compile(rf"\b(?:{_cls('happened')})\b", re.IGNORECASE)


def reporting_date(text: str, d: DateMention) -> bool:
    """A weekday that dates a report ("state media reported Thursday"), not the incident."""
    return d.kind == "weekday" and bool(_SAID_BEFORE.search(text[max(0, d.start - 60):d.start]))


def refines(coarse: Place | None, p: Place) -> bool:
    """`p` is a more precise place inside `coarse` (a region or province the incident was placed at)."""
    return coarse is not None and coarse.geo_precision >= 3 and p.geo_precision < coarse.geo_precision \
        and p.country_code == coarse.country_code and (not coarse.admin1 or coarse.admin1 == p.admin1)


def date_from_follow_up(m: Incident, day_dates: list[DateMention], text: str = "", sent: Sentence | None = None) -> None:
    """A later sentence about the same incident gives its day ("The incident took place on
    Thursday", "the aircraft conducted two raids ... on Saturday"): it dates an incident that had none."""
    if m.date_explicit or not day_dates or day_dates[0].precision != 1:
        return
    if sent is not None and not _HAPPENED.search(text[sent.start:sent.end]):
        return
    m.date_value, m.time_precision, m.date_explicit = day_dates[0].value, 1, True
    m.date_span = day_dates[0]


# "Hezbollah claimed responsibility for targeting equipment at the Miron base": a claim that tells an act of
# its own at a place of its own is another incident, not the claim of the one before
_CLAIMED_ACT = re.compile(
    r"\bresponsibility for (?:(?:the|an|a) )?(?:targeting|attacking|shelling|striking|bombing|firing|launching|"
    r"hitting|ambushing|storming|downing|shooting down)\b", re.IGNORECASE)


def claims_another_act(text: str, sent: Sentence, places: list[Place], last: Place | None) -> bool:
    """The claim names its own act ("claimed responsibility for targeting ...") at a place other
    than the incident before it."""
    if last is None or not _CLAIMED_ACT.search(text, sent.start, sent.end):
        return False
    return any(p.latitude is not None and p.location != last.location for p in places)
