"""Coding one incident: its parties, type and sub-type, toll and source, each field with its words.

    Incident (marsad.extract.segment) -> Candidate (an Event + the words of its fields)

The parties come from marsad.extract.parties (the parse and the words around the
actors); the ACLED type from marsad.extract.taxonomy.classify; the toll from
marsad.extract.tolls.  What one incident leaves for the next ones of the same
article (who acted last, who flew the strikes) is an `ArticleMemory` the caller
makes for each article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from marsad.datafiles import class_regex
from marsad.extract import roles
from marsad.extract.parties import acled_names, assign_roles, dedupe
from marsad.extract.roles import (
    find_state_weapons,
    of_country,
    state_mention,
    unnamed_acted,
    unnamed_words,
    weapon_owners,
)
from marsad.extract.taxonomy import classify
from marsad.extract.tolls import incident_toll
from marsad.records import ActorMention, Article, Candidate, CasualtyMention, Event, Evidence, Incident, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from marsad.extract.actors import ActorMatcher
    from marsad.geo import Gazetteer

UNIDENTIFIED = "Unidentified Armed Group"


@dataclass(slots=True)
class ArticleMemory:
    """What coding one incident leaves for the next ones of the same article."""

    last_perps: list[ActorMention] = field(default_factory=list)
    air_owner: str = ""                         # who flew the article's earlier air strikes
    air_owner_words: Evidence | None = None


@dataclass(slots=True)
class _Coding:
    """One incident being coded: its parties so far and the words that named them."""

    text: str
    m: Incident
    perps: list[ActorMention]
    victims: list[ActorMention]
    sources: list[str]
    force: str | None = None                    # "Military Forces of X": the unnamed army acted
    state_told: bool = False
    armed_dead: bool = False
    victim_kind: str = ""
    who: dict[str, Evidence] = field(default_factory=dict)
    named: list[ActorMention] = field(default_factory=list)   # the actors named in its clause

    def words(self, name: str, start: int, end: int) -> None:
        """`name` was named by text[start:end] (first words win)."""
        if name not in self.who:
            self.who[name] = words_at(self.text, start, end, "actor")


def words_at(text: str, start: int, end: int, role: str) -> Evidence:
    """The span text[start:end] without the spaces and punctuation at its ends."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(" \t\n,.;:"))
    trail = len(piece.rstrip(" \t\n,.;:"))
    if trail <= lead:
        return Evidence(piece, start, end, role)
    return Evidence(piece[lead:trail], start + lead, start + trail, role)


_CIVILIAN_WORDS = re.compile(rf"\b(?:{class_regex('civilian', ' ')})\b", re.IGNORECASE)
_ARMED_VICTIM_WORDS = re.compile(rf"\b(?:{class_regex('armed_target', ' ')})\b", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(
    r"(?:^|\bthat\s+|,\s*|\band\s+)(?:it|they|the group|the organi[sz]ation|its (?:cells|fighters|militants|members)|"
    r"the (?:militants|jihadists|terrorists|extremists|insurgents|attackers|assailants))\b", re.IGNORECASE)
_UNKNOWN = re.compile(r"\b(?:unknown|unidentified|anonymous|masked)\s+(?:\w+\s+)?(?:gunmen|assailants|persons|"
                      r"attackers|men|people|individuals|armed men|group)\b", re.IGNORECASE)


# the state's men or the places it holds: "attacked government positions", "pro-government sites",
# "a military outpost", "an army checkpoint"
_SOLDIERS = re.compile(rf"\b(?:{class_regex('state_soldier', ' ')}|"
                       rf"(?:{class_regex('state_holder', ' ')}) (?:{class_regex('state_site', ' ')})s?)\b",
                       re.IGNORECASE)
_POLICE = re.compile(rf"\b(?:{class_regex('state_police', ' ')})\b", re.IGNORECASE)


# the unnamed army as the subject of a clause, before its verb ("Army units advanced", "the army killed")
_FORCE_SUBJECT = re.compile(
    r"(?:^|[.,;:]\s*|\b(?:the|our|syrian|iraqi|government|regime|national)\s+|^\W*[A-Z][\w-]+(?: [A-Z][\w-]+)?\s+)"
    r"(?:army|armed forces|army units|units of the army|army and armed forces|military units|troops|"
    r"security forces|government forces)\b(?!['’]s)", re.IGNORECASE)
_NON_STATE_AFTER = re.compile(r"\s+(?:fighters|rebels|militants|insurgents|militia)\b", re.IGNORECASE)  # "Arakan Army fighters"
_PASSIVE_END = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$|\b(?:\d+|two|three|four|five|six|"
                          r"seven|eight|nine|ten|several|dozens of|many)\s+(?:\w+\s+)?(?:soldiers|troops)\b", re.IGNORECASE)


def _state_subject(pre: str) -> bool:
    """The clause before the act names an unnamed state force as its subject ("the army ...")."""
    subject = _FORCE_SUBJECT.search(pre)
    return subject is not None and not _PASSIVE_END.search(pre) and not _NON_STATE_AFTER.match(pre[subject.end():]) \
        and not roles.NON_STATE_ARMY.search(pre[subject.start():subject.end()])
_AIR = re.compile(r"\b(?:air|drones?|warplanes?|jets?|aircraft|helicopters?|gunships?)\b", re.IGNORECASE)
# "The army said militants attacked ...": the army tells the story; "the army said its troops killed": it acted
_SOURCE_ONLY = re.compile(r"\b(?:army|military|forces|troops)\s+(?:has\s+|had\s+)?(?:said|says|reported|announced|"
                          r"stated|confirmed)\b(?!\s+(?:that\s+)?(?:it|its|their|they)\b)", re.IGNORECASE)


def _generic_state_force(clause: str, place: Place) -> str | None:
    """"killing seven soldiers" with no named army: the state forces of the place's country,
    named as ACLED names them ("Military Forces of Nigeria")."""
    if not place.country:
        return None
    if _SOLDIERS.search(clause):
        return f"Military Forces of {place.country}"
    if _POLICE.search(clause):
        return f"Police Forces of {place.country}"
    return None


def _source_line(article: Article, sources: list[str]) -> str:
    out: list[str] = []
    for s in [article.outlet or ""] + sources:
        s = s.strip(" ,.")
        if s and s.lower() not in {o.lower() for o in out}:
            out.append(s)
    return "; ".join(out)


class Coder:
    """Codes incidents as events; holds the actor table and the gazetteer's countries, no
    per-article state (that is the `ArticleMemory` passed in)."""

    def __init__(self, actors: ActorMatcher, gazetteer: Gazetteer) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self._demonyms: dict[str, str] | None = None  # "russian" -> "RU", from the gazetteer's countries

    def demonyms(self) -> dict[str, str]:
        if self._demonyms is None:
            self._demonyms = {d.lower(): cc for cc, c in self.gazetteer.countries.items() for d in c.demonyms}
        return self._demonyms

    def code(self, article: Article, m: Incident, actor_mentions: list[ActorMention],
             casualties: list[CasualtyMention], memory: ArticleMemory, doc: Doc | None = None) -> Candidate:
        """One incident -> one candidate event."""
        text = article.text
        clause = [(m.start, m.end)] + m.details
        k = self._parties(text, m, [a for a in actor_mentions if any(a0 <= a.start < a1 for a0, a1 in clause)],
                          memory, doc)
        killed, injured, claimed = incident_toll(text, casualties, clause, m.categories)
        _victims_of(k, [c for c in casualties if any(a <= c.start < b for a, b in clause)])
        state_subject = k.force is not None or (m.place is None and not k.perps and k.state_told)
        actor1_kind = "state" if state_subject else k.perps[0].kind if k.perps else ""
        event_type, sub = classify(m.categories, actor1_kind=actor1_kind, victim_kind=k.victim_kind,
                                   actor1_state=actor1_kind in ("state", "external"))
        names1, names2 = self._sides(k, event_type, sub, memory)
        sent = m.sentence
        spans = [(sent.start, sent.end)] + m.details
        first_role = "title" if sent.is_title else "trigger"
        evidence = [Evidence(text[a:b], a, b, first_role if i == 0 else "detail") for i, (a, b) in enumerate(spans)]
        note = " ".join(text[a:b].strip() for a, b in spans)
        if claimed is not None:
            note = f"[claimed toll: {claimed}] " + note        # a party's own figure, not the toll
        if len(note) > 600:
            note = note[:597] + "..."
        event = Event(
            doc_id=article.doc_id, event_type=event_type, sub_event_type=sub,
            event_date=m.date_value, time_precision=m.time_precision,
            actor1=names1[0] if names1 else "", assoc_actor_1="; ".join(names1[1:]),
            actor2=names2[0] if names2 else "", assoc_actor_2="; ".join(names2[1:]),
            place=m.place, fatalities=killed, injuries=injured, source=_source_line(article, k.sources), notes=note,
            evidence=evidence,
        )
        fields = {"date": _date_words(text, m), "type": _type_words(m),
                  "fatalities": _toll_words(text, casualties, clause, killed)}
        return Candidate(event, {f: v for f, v in fields.items() if v}, k.who, claimed=claimed)

    def _parties(self, text: str, m: Incident, s_act: list[ActorMention], memory: ArticleMemory,
                 doc: Doc | None) -> _Coding:
        """Who acted and who was hit, from the parse, the weapons' owners and the article so far."""
        if m.place is not None:                       # "the army" is the army of the event's country
            s_act = self.actors.localise(s_act, m.place.country_code)
        perps, victims, sources = assign_roles(text, m.sentence, m, s_act, doc)
        perps, victims = roles.present_only(text, *roles.former_members(text, perps, victims))
        perps, victims = roles.named_behind(text, perps, victims, s_act, self.actors.actors)
        perps, victims = weapon_owners(text, m.start, m.end, m.place, perps, victims,
                                       self.demonyms(), self.actors.actors, self.gazetteer.countries)
        if not perps and memory.last_perps and (_PRONOUN_SUBJ.search(text[m.start:m.end])
                                                or m.start > m.sentence.start
                                                or roles.ANAPHOR_SUBJECT.search(text[m.start:m.end])):
            perps = memory.last_perps
        perps, victims = roles.anaphor_first(text, m.start, m.triggers[0].start, perps, victims, memory.last_perps)
        if perps:
            memory.last_perps = perps
        k = _Coding(text, m, perps, victims, sources, named=s_act)
        pre = text[m.start:m.triggers[0].start] if m.triggers[0].start >= m.start else ""
        k.state_told = _state_subject(pre) and not _SOURCE_ONLY.search(pre)
        if m.place is not None and m.place.country and k.state_told \
                and not any(m.start <= p.start < m.triggers[0].start for p in perps):
            # "Army units advanced ...", "the army killed 15 terrorists": the state's forces acted
            k.force = f"Military Forces of {m.place.country}"
            subject = _FORCE_SUBJECT.search(pre)
            if subject is not None:
                k.words(k.force, m.start + subject.start(), m.start + subject.end())
            k.victims, k.perps = dedupe(perps + victims), []
        for a in k.perps + k.victims:
            for n in acled_names([a]):
                k.words(n, a.start, a.end)
        return k

    def _sides(self, k: _Coding, event_type: str, sub: str, memory: ArticleMemory) -> tuple[list[str], list[str]]:
        """actor1 and actor2 (each with its associates), ACLED's names."""
        text, m = k.text, k.m
        sent_text = text[m.sentence.start:m.sentence.end]
        names1 = [k.force] if k.force else acled_names(k.perps)
        names2 = acled_names(k.victims)
        if not names1 and (sub == "Attack" or m.categories & {"ied", "explosion"}) and (
                unknown := _UNKNOWN.search(sent_text)):
            names1 = [UNIDENTIFIED]
            k.words(UNIDENTIFIED, m.sentence.start + unknown.start(), m.sentence.start + unknown.end())
        if not names1 and (unnamed_acted(sub, sent_text)):
            names1 = [UNIDENTIFIED]                   # "militants attacked", "a suicide bomber struck"
            named = unnamed_words(sent_text)          # else the act no one is named for ("a roadside bomb")
            a, b = (m.sentence.start + named.start(), m.sentence.start + named.end()) if named else \
                (m.triggers[0].start, m.triggers[0].end)
            k.words(UNIDENTIFIED, a, b)
        names2 = self._civilians_or_state(k, event_type, names1, names2)
        if sub == "Peaceful protest":
            # the protesters act; what they protest against ("the regime") is no party to it
            names1 = ["Protesters"] + [n for n in names1 if n not in ("Protesters", "Rioters")]
            names2 = []
            t = next((t for t in m.triggers if t.category == "protest"), m.triggers[0])
            k.words("Protesters", t.start, t.end)
        if sub == "Air/drone strike":
            names1 = self._air_owner(k, names1, names2, memory)
        names2 = [n for n in names2 if n not in names1]
        if m.place is not None and m.place.country:           # ACLED: "Unidentified Armed Group (Nigeria)"
            if UNIDENTIFIED in k.who:
                k.who.setdefault(of_country(UNIDENTIFIED, m.place.country), k.who[UNIDENTIFIED])
            names1 = [of_country(n, m.place.country) for n in names1]
            names2 = [of_country(n, m.place.country) for n in names2]
        if not names1 and names2 and event_type == "Strategic developments" and sub != "Disrupted weapons use":
            names1, names2 = names2, []
        return names1, names2

    @staticmethod
    def _civilians_or_state(k: _Coding, event_type: str, names1: list[str], names2: list[str]) -> list[str]:
        """The side hit when no actor names it: civilians, or the state's soldiers or police."""
        text, m = k.text, k.m
        if event_type == "Violence against civilians" and "Civilians" not in names2 and k.victim_kind == "civilians":
            names2 = ["Civilians"] + names2
        elif event_type == "Explosions/Remote violence" and not names2 and k.victim_kind == "civilians":
            names2 = ["Civilians"]                    # "one person was killed in Russian shelling of the city"
        if "Civilians" in names2 and (civ := _CIVILIAN_WORDS.search(text, m.sentence.start, m.sentence.end)):
            k.words("Civilians", civ.start(), civ.end())
        if not names2 and event_type in ("Battles", "Explosions/Remote violence") and m.place is not None:
            clause_text = text[m.start:m.end]
            told = [a for a in k.named if a.text in k.sources]    # "cited the army as saying": a source
            for p in k.perps + told:         # "Syrian army warplanes hit ...": that army is the one acting
                if m.start <= p.start < m.end:
                    clause_text = clause_text[:p.start - m.start] + " " * (p.end - p.start) + clause_text[p.end - m.start:]
            generic = _generic_state_force(clause_text, m.place)
            if generic and generic not in names1:
                names2 = [generic]
                hit = _SOLDIERS.search(clause_text) or _POLICE.search(clause_text)
                if hit is not None:
                    k.words(generic, m.start + hit.start(), m.start + hit.end())
        return names2

    def _air_owner(self, k: _Coding, names1: list[str], names2: list[str], memory: ArticleMemory) -> list[str]:
        """Only states and a few armed groups fly: "a series of Israeli air strikes ... an airstrike on X"."""
        owner, words = memory.air_owner, memory.air_owner_words
        if not owner:
            owner, words = self._air_named_before(k.text, k.m)
        if not names1 and owner and owner not in names2:
            if words is not None:
                k.who.setdefault(owner, words)
            return [owner]
        if names1 and not memory.air_owner:
            memory.air_owner, memory.air_owner_words = names1[0], k.who.get(names1[0])
        return names1

    def _air_named_before(self, text: str, m: Incident) -> tuple[str, Evidence | None]:
        """The state whose strikes the article named before this incident ("a series of Israeli air strikes")."""
        here = m.place.country_code if m.place is not None else None
        for w in reversed(find_state_weapons(text, 0, m.start, self.demonyms())):
            if w.use == "strike" and not w.stopped and w.country_code and _AIR.search(text, w.start, w.end):
                a = state_mention(text, w, here, self.actors.actors, self.gazetteer.countries)
                return (a.name, words_at(text, w.start, w.end, "actor")) if a is not None else ("", None)
        return "", None


def _victims_of(k: _Coding, dead: list[CasualtyMention]) -> None:
    """What kind of side was hit ("civilians", "state", an actor's kind)."""
    text, sent = k.text, k.m.sentence
    sent_text = text[sent.start:sent.end]
    # "killed four soldiers and a civilian driver": an attack on the state's forces is a battle
    k.armed_dead = any(c.kind == "killed" and (_SOLDIERS.search(c.who) or _POLICE.search(c.who)) for c in dead)
    if k.armed_dead and k.victims and all(v.name == "Civilians" or v.kind == "civilians" for v in k.victims):
        k.victims = []                                # the soldiers are the side attacked
    civilian_victims = bool(_CIVILIAN_WORDS.search(sent_text)) and not k.victims and not k.armed_dead
    if civilian_victims and not any(v.name == "Civilians" for v in k.victims):
        k.victim_kind = "civilians"
    elif k.victims:
        k.victim_kind = k.victims[0].kind or "state"
    elif k.armed_dead or _ARMED_VICTIM_WORDS.search(sent_text):
        k.victim_kind = "state"


def _date_words(text: str, m: Incident) -> list[Evidence]:
    """The date expression the incident was dated by; with none (the article's publication
    date, or its address's), the incident's clause, which the publication dates."""
    if m.date_span is not None:
        return [Evidence(m.date_span.text, m.date_span.start, m.date_span.end, "date")]
    return [words_at(text, m.start, m.end, "date")] if m.date_value is not None else []


def _type_words(m: Incident) -> list[Evidence]:
    """The trigger words that made the type: the incident's own and its follow-ups'."""
    seen: set[int] = set()
    out = []
    for t in m.triggers + m.type_triggers:
        if t.start not in seen:
            seen.add(t.start)
            out.append(Evidence(t.text, t.start, t.end, "type"))
    return out


def _toll_words(text: str, casualties: list[CasualtyMention], clause: list[tuple[int, int]],
                killed: int | None) -> list[Evidence]:
    """The counts of dead the toll came from (that number if one says it, else all of them)."""
    if not killed:
        return []
    dead = [c for c in sorted(casualties, key=lambda c: c.start)
            if c.kind == "killed" and c.count is not None and any(a <= c.start < b for a, b in clause)]
    exact = [c for c in dead if c.count == killed]
    chosen = exact[:1] or dead
    if not chosen:                                    # "a man was killed": one, from the clause
        return [words_at(text, clause[0][0], clause[0][1], "fatalities")]
    return [Evidence(c.text, c.start, c.end, "fatalities") for c in chosen]
