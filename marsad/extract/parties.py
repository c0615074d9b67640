"""Who did what to whom: the parties of an incident from the dependency parse and the words around them.

    >>> # "ISIS attacked SDF positions": ISIS the perpetrator, the SDF the side attacked
    >>> # "according to the Observatory": a source, not a party

`assign_roles` sorts the actors named in an incident's clause into perpetrators,
victims and sources; `role_from_parse` reads one actor's role off the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from marsad.datafiles import class_regex
from marsad.records import ActorMention, Incident, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ATTRIB_AFTER = re.compile(
    r"^[\s,]*(?:\([^)]{0,40}\)\s*)?(?:(?:peacekeeping |security |military |press |media )?(?:force|mission|"
    r"spokesm[ae]n|spokesperson|spokeswoman|officials?|command|office)\s+)?"   # "MONUSCO's peacekeeping force said"
    rf"(?:has |have |had )?(?:also )?(?:{class_regex('attribution_verb', ' ')}|"
    r"claimed(?! responsibility| the (?:attack|bombing|lives))|claims(?! responsibility))\b",
    re.IGNORECASE)
_ATTRIB_BEFORE = re.compile(rf"(?:{class_regex('attribution_before', ' ')})\s+(?:the\s+)?(?:\w+\s+){{0,2}}$",
                            re.IGNORECASE)
_BY_BEFORE = re.compile(r"\b(?:by|claimed by|carried out by|launched by|conducted by|perpetrated by)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                        re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    rf"\b(?:{class_regex('target_before', ' ')})\s+"
    r"(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+|some\s+|\w+\s+)?(?:\w+\s+){0,1}$", re.IGNORECASE)
_TARGET_AFTER = re.compile(rf"^['’s]*\s*(?:[\w-]+\s+){{0,2}}(?:{class_regex('target_after', ' ')})\b", re.IGNORECASE)
_OWN_LOSSES = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:wounded\s+)?(?:fighters?|members?|troops|soldiers?|"
                         r"personnel|forces|officers?|men|elements|comrades|militiamen|commanders?|patrol|post|"
                         r"positions?|checkpoint|vehicle|base)\b", re.IGNORECASE)
_FINDERS = re.compile(r"\b(?:found|discovered|recovered|retrieved|located|identified|announced|said|reported)\b",
                      re.IGNORECASE)
_OWN_ACTION = re.compile(
    r"(?:\b(?:its|their|our)\s+(?:own\s+)?(?:warplanes?|forces|fighters|troops|units|jets|aircraft|drones?|artillery|"
    r"soldiers|men|air force|special forces)\s+(?:(?!(?:was|were|been|being|is|are)\b)\w+\s+)?|"   # not "were killed"
    r"^\W*(?:said|says|claimed|announced|stated)\s+(?:that\s+)?"
    r"(?:it|they)\s+(?:had\s+|have\s+|has\s+)?)(?:carried out|conducted|struck|hit|targeted|killed|attacked|"
    r"launched|shelled|bombed|destroyed|repelled|thwarted|foiled|arrested|captured|ambushed|raided|seized|"
    r"neutrali[sz]ed|eliminated|downed|shot down)\b", re.IGNORECASE)
# claiming an incident: "claimed responsibility", "took full responsibility", "claimed the attack"
_CLAIMS = (r"(?:claimed|claims|claiming|took|takes|admitted|announced|bears?|bore)\s+(?:full\s+|its\s+)?responsibility|"
           r"claimed (?:the|this|that|both) (?:attacks?|bombings?|assault|operation|ambush|blast|explosion|killings?)|"
           r"(?:was|were) behind the (?:attack|bombing|blast|explosion|ambush|assault)")
# a sentence that only says who claimed the incident before it
CLAIM = re.compile(rf"\b(?:{_CLAIMS})\b", re.IGNORECASE)
# "ISIS claimed responsibility for the attack" (often a sentence after the incident's own)
_CLAIMED_AFTER = re.compile(
    r"^['’s]*\W{0,3}(?:[\w-]+\s+){0,3}?(?:has\s+|had\s+|have\s+|later\s+|quickly\s+)?"
    rf"(?:{_CLAIMS}|claimed|claims|claiming|"
    r"said (?:it|its fighters|its members|its cells|they) (?:carried out|were behind|was behind|had carried out))",
    re.IGNORECASE)
# a claim of the incident itself, before any reading of "X said/claimed" as a source
_CLAIMED_FIRST = re.compile(
    r"^['’s]*\W{0,3}(?:[\w-]+\s+){0,3}?(?:has\s+|had\s+|have\s+|later\s+|quickly\s+)?"
    rf"(?:{_CLAIMS}|said (?:it|its fighters|its members|its cells|they) (?:carried out|were behind|was behind|"
    r"had carried out)|said (?:that )?(?:the|its|their) (?:\w+\s+)?(?:attacks?|operations?|bombings?|ambush|assault|"
    r"raid|strike)\W{0,3}(?:was|were|had been) (?:carried out|conducted|launched))", re.IGNORECASE)
_BELONG = re.compile(r"\b(?:belong(?:s|ing)?|affiliated|linked|loyal|believed to be|suspected|members of|of the)\b",
                     re.IGNORECASE)


ACTION_NOUNS = frozenset({
    "attack", "attacks", "ambush", "operation", "operations", "bombing", "offensive", "assault", "raid",
    "raids", "shelling", "strike", "strikes", "airstrike", "airstrikes", "infiltration", "cells", "cell",
    "fighters", "militants", "gunmen", "forces", "force", "members", "drone", "drones", "warplanes",
    "incursion", "advance", "campaign", "fire",
})
VICTIM_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "toward", "towards", "into"})
PASS_THROUGH = frozenset({"compound", "amod", "appos", "conj", "nmod", "nummod", "det", "cc", "npadvmod",
                          "punct", "quantmod", "case", "prep", "poss"})


_ACTION_VERB = re.compile(
    r"^(?:launch|carr|conduct|claim|detonat|plant|fir|target|attack|seiz|took|tak|captur|kidnap|abduct|kill|"
    r"ambush|storm|execut|behead|foil|repel|repuls|shell|bomb|struck|strik|hit|shot|shoot|assassinat|arrest|"
    r"detain|raid|clash|fought|fight|infiltrat|advanc|stormed|set|burn|destroy|blew|explod|overr|recaptur|"
    r"retook|regain|liberat|gain|intercept|down|thwart|defus|dismantl|wound|injur|escap|free|releas|"
    r"lob|hurl|throw|threw|open|exchang|engag|assault|push|drove|drive|besieg|surround|bombard|mortar|"
    r"neutrali|eliminat|target|hunt|pursu|chas)", re.IGNORECASE)
_TARGET_NOUN = re.compile(
    r"^(?:positions?|checkpoints?|posts?|bases?|vehicles?|patrols?|convoys?|members?|fighters?|soldiers?|"
    r"personnel|headquarters?|points?|barracks|officers?|commanders?|troops|units?|militiamen|elements?|"
    r"gatherings?|sites?|outposts?|cars?|trucks?|buses|bus|recruits|guards?|leaders?|ranks|locations?|"
    r"offices?|buildings?|compounds?|stations?|centers?|centres?|premises|homes?|houses?|"
    r"remnants|cells?|group|groups|force|forces|brigade|battalion|regiment|division|detachment|squad|team|"
    r"militants|gunmen|operatives|suspects?|emir|emirs|terrorists|jihadists|drone|drones|warplanes?|jets?|"
    r"aircraft|helicopters?|artillery|sniper|snipers)$", re.IGNORECASE)


_HARM_NOUN = re.compile(r"^(?:deaths?|killings?|injury|injuries|wounding|kidnapping|abduction|arrest|detention|"
                        r"execution|assassination|capture|murder|martyrdom|loss|losses|casualties)$", re.IGNORECASE)
# "backed by X" (an ally) and "manned by X" (the holder): X is on the side of the word they qualify
_ALLY_VERB = re.compile(r"^(?:backed|supported|assisted|aided|accompanied|helped|escorted|covered|"
                        r"manned|guarded|staffed|defended)$", re.IGNORECASE)
_LOSE_VERB = re.compile(r"^(?:abandon(?:ed|s)?|retreat(?:ed|s)?|withdr(?:ew|awn|aws?)|pulled|fled|evacuated|"
                        r"surrender(?:ed|s)?|los[te]s?)$", re.IGNORECASE)
_DIE_VERB = re.compile(r"^(?:die|dies|died|dying|perish\w*|succumb\w*|fell|killed|wounded|injured)$", re.IGNORECASE)


def _is_action(tok: Token, trigger_starts: set[int]) -> bool:
    return tok.idx in trigger_starts or bool(_ACTION_VERB.match(tok.lower_)) or tok.lower_ in ACTION_NOUNS


def role_from_parse(doc: Doc, start: int, end: int, trigger_starts: set[int]) -> str | None:
    """'perp', 'victim' or 'other' (named but not a party) from the dependency path of an
    actor's words; None when the parse does not say.

    Subject of an action verb -> perp; object, passive subject, or the object of
    "on/against/targeting" -> victim; "by X" after an action -> perp; "X's attack" -> perp;
    "areas controlled by X", "outlets affiliated to X" -> other.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _token_role(span.root, trigger_starts)


def _token_role(t: Token, trigger_starts: set[int], nested: bool = False) -> str | None:
    for _ in range(8):
        dep = t.dep_
        head = t.head
        if head is t:
            return None
        if dep == "nsubj":
            if _DIE_VERB.match(head.lower_) and not any(c.dep_ == "dobj" for c in head.children):
                return "victim"
            if _LOSE_VERB.match(head.lower_):
                return "victim"                               # "troops abandoned the district": they lost it
            light = any(c.dep_ == "dobj" and c.idx in trigger_starts for c in head.children)
            return "perp" if light or _is_action(head, trigger_starts) else "other"   # "X made an airdrop"
        if dep == "nsubjpass":
            return "victim" if _is_action(head, trigger_starts) else "other"
        if dep in ("dobj", "dative", "oprd"):
            return "victim" if _is_action(head, trigger_starts) else "other"
        if dep == "pobj":
            prep = head.lower_
            gov = head.head
            if prep == "by" or head.dep_ == "agent":
                if _ALLY_VERB.match(gov.lower_):
                    # "the coalition, backed by the SDF, raided ...": the SDF is on the coalition's side;
                    # "attacked a checkpoint backed by Russian forces": on the checkpoint's
                    side = None if nested or gov.head is gov else _token_role(gov.head, trigger_starts, True)
                    return "victim" if side == "victim" else "ally" if side == "perp" else "other"
                return "perp" if _is_action(gov, trigger_starts) else "other"
            if prep in VICTIM_PREPS and _is_action(gov, trigger_starts):
                return "victim"
            if prep == "between":
                return "perp"                                 # "fighting (in X) between Y and Z": Y is actor1
            if prep == "of" and _HARM_NOUN.match(gov.lower_):
                return "victim"                               # "the death of two SDF members"
            if gov is head or not (_TARGET_NOUN.match(gov.lower_) or _is_action(gov, trigger_starts)):
                return "other"
            t = gov
            continue
        if dep == "poss":
            if head.lower_ in ACTION_NOUNS or head.idx in trigger_starts:
                return "perp"
            t = head
            continue
        if dep == "agent":
            return "perp"
        if dep in ("compound", "amod") and (head.lower_ in ACTION_NOUNS - {"forces", "force", "members", "fighters"}
                                            or head.idx in trigger_starts):
            return "perp"                                     # "an ISIS attack", "ISIS-claimed bombing"
        if dep in ("compound", "amod", "appos", "conj", "nmod", "nummod", "det", "punct", "quantmod", "cc"):
            t = head
            continue
        return None
    return None


@dataclass(slots=True)
class Sides:
    """The actors of one incident, sorted by the part each plays in it."""

    perps: list[ActorMention] = field(default_factory=list)
    victims: list[ActorMention] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)     # who told it ("SANA", "the Observatory")
    others: list[ActorMention] = field(default_factory=list)   # named, but no party to it
    allies: list[ActorMention] = field(default_factory=list)   # "backed by X": X on the side that acted


def assign_roles(text: str, sent: Sentence, m: Incident, mentions: list[ActorMention],
                 doc: Doc | None = None) -> tuple[list[ActorMention], list[ActorMention], list[str]]:
    """(perpetrators, victims, sources) among the actors named in an incident's clause."""
    sides = Sides()
    trigger_starts = {t.start for t in m.triggers}
    for a in mentions:
        _sort_actor(text, sent, m, a, trigger_starts, sides, doc)
    return _settle(text, sent, sides, mentions)


def _sort_actor(text: str, sent: Sentence, m: Incident, a: ActorMention, trigger_starts: set[int],
                sides: Sides, doc: Doc | None) -> None:
    after = text[a.end:a.end + 60]
    before = text[max(sent.start, a.start - 60):a.start]
    if not a.source_only and a.kind not in ("civilians", "unidentified") \
            and _CLAIMED_FIRST.match(re.split(r"[.;!?]", after, maxsplit=1)[0]):
        sides.perps.append(a)                         # "JNIM said it was behind", "the Taliban claimed the killing"
        return
    if a.source_only or _ATTRIB_AFTER.match(after) or _ATTRIB_BEFORE.search(before):
        sides.sources.append(a.name if a.source_only else a.text)
        if not a.source_only:
            told = text[a.end:next((b for s, b in m.details if s <= a.start < b), m.end)]   # its own sentence
            if _OWN_ACTION.search(told):
                sides.perps.append(a)                 # "the coalition said its warplanes struck ..."
            elif _OWN_LOSSES.search(told):
                sides.victims.append(a)               # "the SDF said one of its fighters was killed"
        return
    role = None
    if a.name == "Civilians":
        role = "victim"
    elif a.kind == "unidentified":
        role = "perp"
    elif doc is not None and sent.start <= a.start < sent.end:
        rel = {t - sent.start for t in trigger_starts}
        role = role_from_parse(doc, a.start - sent.start, a.end - sent.start, rel)
    if role == "other":
        sides.others.append(a)
        return
    if role == "ally":
        sides.allies.append(a)
        return
    if role is None:
        role = _role_from_words(text, a, before, after, m.triggers[0].start)
    (sides.perps if role == "perp" else sides.victims).append(a)


def _role_from_words(text: str, a: ActorMention, before: str, after: str, first_trigger: int) -> str:
    """The parse said nothing: "by X", "X claimed", "on X", "X positions", or the side of the verb."""
    if _BY_BEFORE.search(before) or _CLAIMED_AFTER.match(after):
        return "perp"
    if _TARGET_BEFORE.search(before) or (a.start > first_trigger and _TARGET_AFTER.match(after)):
        return "victim"
    return "perp" if a.start < first_trigger else "victim"


def _settle(text: str, sent: Sentence, sides: Sides,
            mentions: list[ActorMention]) -> tuple[list[ActorMention], list[ActorMention], list[str]]:
    perps, victims, others = sides.perps, sides.victims, sides.others
    if not perps and not victims and others and not _FINDERS.search(text[sent.start:sent.end]):
        perps, victims = others[:1], others[1:2]
    perps = dedupe(perps)
    victims = [v for v in dedupe(victims) if v.name not in {p.name for p in perps}]
    if perps and perps[0].kind == "unidentified":
        named = _named_behind(text, perps[0], mentions)
        if named is not None:
            perps = [named] + [p for p in perps[1:] if p.name != named.name]
            victims = [v for v in victims if v.name != named.name]
    if len(perps) > 1 and not victims:
        perps, victims = perps[:1], perps[1:]
    if not perps and len(victims) > 1 and victims[0].name != "Civilians":
        perps, victims = victims[:1], victims[1:]
    if perps:                                         # allies of the side that acted: associated actors
        perps = perps + [a for a in dedupe(sides.allies) if a.name not in {p.name for p in perps + victims}]
    return perps, victims, sides.sources


def _named_behind(text: str, unknown: ActorMention, mentions: list[ActorMention]) -> ActorMention | None:
    """"Gunmen believed to belong to ISIS" -> ISIS."""
    for a in mentions:
        if a.kind not in ("unidentified", "civilians") and a.name != "Civilians" and 0 <= a.start - unknown.end < 60 \
                and _BELONG.search(text[unknown.end:a.start]):
            return a
    return None


def dedupe(ms: list[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for a in ms:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def acled_names(ms: list[ActorMention]) -> list[str]:
    """ACLED-style names; a unit with a parent is coded as its parent, the unit as associate."""
    out: list[str] = []
    for a in ms:
        parent = a.parent
        for n in ([parent, a.name] if parent else [a.name]):
            if n and n not in out:
                out.append(n)
    return out
