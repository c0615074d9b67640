"""Roles that the actor table alone cannot give: the state behind a weapon, the group named
after a common noun ("rebels from HTS"), former members (civilians), groups only said to be
active nearby (no party), and words that name the last side again ("the ethnic army").

"Russian shelling", "an Israeli air strike", "Ukrainian air defences": reporters name
the side by its demonym and its weapon, with no "forces" or "army".  ACLED codes the
state behind the aircraft, the gun or the missile as the one that acted.  The weapon
nouns are rows of ``marsad/data/state_weapons.csv``; the demonyms are the gazetteer's
(``geo_countries.csv``).

    >>> find_state_weapons("A Russian missile strike hit Kharkiv.", 0, 37, {"russian": "RU"})
    [StateWeapon(start=2, end=24, country_code='RU', use='strike', stopped=False)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from marsad import datafiles
from marsad.records import ActorMention, Place

if TYPE_CHECKING:
    from marsad.extract.actors import Actor
    from marsad.geo.gazetteer import Country

_STOPPED = re.compile(rf"\b(?:{datafiles.class_regex('brought_down')})\s+down\b[^.;]{{0,40}}$|"
                      rf"\b(?:{datafiles.class_regex('stopped_weapon')})\b\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
_STOPPED_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:were|was|have\s+been|had\s+been|being)\s+(?:\w+\s+)?"
                            r"(?:shot\s+down|intercepted|downed|destroyed|neutrali[sz]ed)\b", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\b(?:on|against|at|targeting|hit|struck)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)


# words for the state of the country where it happens: "junta aircraft", "regime warplanes",
# "government jets", "army drones" (country_code "" in the result: the caller knows the place)
OWN_STATE = frozenset({"junta", "regime", "government", "army", "military", "pro-government"})


@dataclass(slots=True, frozen=True)
class StateWeapon:
    """A demonym naming a weapon's owner; ``text[start:end]`` is "Russian missile strike"."""

    start: int
    end: int
    country_code: str        # "" for the state of the place ("junta aircraft")
    use: str                 # "strike" or "defence" (state_weapons.csv)
    stopped: bool            # the weapon was shot down or intercepted: its owner is the target


@lru_cache(maxsize=1)
def weapon_nouns() -> dict[str, str]:
    """noun (lower case, singular) -> use, from state_weapons.csv; a bad row fails here."""
    return datafiles.choices("state_weapons.csv", "noun", "use", ("strike", "defence"))


@lru_cache(maxsize=1)
def state_adjectives() -> dict[str, str]:
    """Abbreviations that name a state before its weapons ("US air strikes"), as written ->
    ISO2 code, from state_adjectives.csv; a bad row fails here."""
    out: dict[str, str] = {}
    for r in datafiles.rows("state_adjectives.csv"):
        word, cc = (r.get("word") or "").strip(), (r.get("country_code") or "").strip()
        if not word or len(cc) != 2:
            raise ValueError(f"state_adjectives.csv: bad row {r!r}: word and a two-letter country_code are required")
        out[word] = cc
    return out


@lru_cache(maxsize=64)
def _pattern(demonyms: tuple[str, ...]) -> re.Pattern[str]:
    nouns = sorted(weapon_nouns(), key=len, reverse=True)
    noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    dem_alt = "|".join(re.escape(d) for d in sorted(set(demonyms) | OWN_STATE, key=len, reverse=True))
    return re.compile(rf"\b(?P<dem>{dem_alt})(?:-(?:made|launched|fired|led))?\s+(?:[a-z][\w-]*\s+){{0,2}}?"
                      rf"(?P<noun>{noun_alt})(?:e?s)?\b", re.IGNORECASE)


def find_state_weapons(text: str, start: int, end: int, demonyms: dict[str, str]) -> list[StateWeapon]:
    """Every "<demonym> <weapon>" in ``text[start:end]``; ``demonyms`` maps a folded demonym to
    its ISO2 country code (the gazetteer's table)."""
    if not demonyms:
        return []
    exact = state_adjectives()
    rx = _pattern(tuple(sorted(set(demonyms) | {w.lower() for w in exact})))
    out = []
    for m in rx.finditer(text, start, end):
        word = m.group("dem").lower()
        cc = demonyms.get(word, "" if word in OWN_STATE else None)
        if cc is None and word in {w.lower() for w in exact}:
            cc = exact.get(m.group("dem"))               # "US air strikes", not "told us the shelling"
        if cc is None or (not cc and len(text[m.end("dem"):m.start("noun")].split()) > 0):
            continue                                  # "junta jets", not "army convoy with drones"
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        before = text[max(start, m.start() - 60):m.start()]
        stopped = bool(_STOPPED.search(before) or _STOPPED_AFTER.match(text, m.end(), end))
        if not stopped and _ON_BEFORE.search(before):
            continue                                  # "strikes on Russian artillery": the target
        out.append(StateWeapon(m.start(), m.end(), cc, weapon_nouns()[noun], stopped))
    return out


def state_mention(text: str, w: StateWeapon, here: str | None, actors: dict[str, Actor],
                  countries: dict[str, Country]) -> ActorMention | None:
    """The actor-table state actor of the weapon's country, else ACLED's "Military Forces of X"."""
    cc = w.country_code or (here or "")
    country = countries.get(cc)
    # the row ACLED's "Military Forces of X" names (Russia, SAF, Syrian regime forces), not the
    # first state actor of the country (the Asayish are a state actor of Syria too)
    state = next((a for a in actors.values() if a.kind == "state" and a.country == cc
                  and any(x.startswith("Military Forces of") for x in (a.name, *a.aliases))), None)
    name = state.name if state else f"Military Forces of {country.name}" if country else None
    if name is None:
        return None
    return ActorMention(w.start, w.end, text[w.start:w.end], name, "state", cc, "", False)


def weapon_owners(text: str, start: int, end: int, place: Place | None, perps: list[ActorMention],
                  victims: list[ActorMention], demonyms: dict[str, str], actors: dict[str, Actor],
                  countries: dict[str, Country]) -> tuple[list[ActorMention], list[ActorMention]]:
    """"Russian shelling", "Israeli air strikes": the state behind the weapon acted;
    "shot down a Russian drone": its owner is the target.  Returns (perps, victims)."""
    here = place.country_code if place is not None else None
    for w in find_state_weapons(text, start, end, demonyms):
        if not w.country_code and not here:
            continue                                  # "junta aircraft" with no country known
        a = state_mention(text, w, here, actors, countries)
        if a is None or a.name in {p.name for p in perps} and not w.stopped:
            continue
        if w.stopped:
            if a.name not in {v.name for v in victims} | {p.name for p in perps}:
                victims = victims + [a]
            continue
        # the same words cannot name the target too ("US air strikes" is also a coalition alias)
        victims = [v for v in victims if v.name != a.name and not (v.start < w.end and w.start < v.end)]
        if not perps or perps[0].kind == "unidentified":
            perps = [a] + [p for p in perps if p.kind != "unidentified"]
    return perps, victims


# the unnamed side that acted in a battle or a bombing: "militants stormed", "a suicide bomber",
# "attackers", "insurgents", a shell "of unknown origin" (the actor table's generic names,
# "unknown gunmen", are matched as actors already)
_UNNAMED = re.compile(rf"\b(?:{datafiles.class_regex('unnamed_attacker')})\b"
                      rf"|\b(?:{datafiles.class_regex('unknown_origin', ' ')})\b"   # by nobody named
                      r"|\b(?:origin|source) of the \w+ (?:is|was|could not be|remains?) "
                      r"(?:unknown|unclear|established|determined)", re.IGNORECASE)
_UNNAMED_SUBS = frozenset({"Armed clash", "Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
                           "Shelling/artillery/missile attack", "Abduction/forced disappearance"})
# a bomb no one is said to have planted: ACLED's Unidentified Armed Group
_BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})


def unnamed_acted(sub_event_type: str, sentence: str) -> bool:
    """An incident with no named actor whose side that acted is an Unidentified Armed Group."""
    return sub_event_type in _BOMBS or sub_event_type == "Attack" or (
        sub_event_type in _UNNAMED_SUBS and bool(_UNNAMED.search(sentence)))


def unnamed_words(sentence: str) -> re.Match[str] | None:
    """The words naming the unnamed side ("militants", "a suicide bomber"), if any."""
    return _UNNAMED.search(sentence)


def of_country(name: str, country: str) -> str:
    """ACLED names the unidentified side with its country: "Unidentified Armed Group (Nigeria)"."""
    return f"{name} ({country})" if name == "Unidentified Armed Group" else name


def named_actor(name: str) -> str:
    """The name, or "" for an unidentified group (which conflicts with no named actor)."""
    return "" if name.startswith("Unidentified Armed Group") else name


# "the ethnic army", "a rebel army", "the liberation army": an army that is not the state's
NON_STATE_ARMY = re.compile(r"\b(?:ethnic(?:\s+armed)?|rebel|insurgent|liberation|resistance|separatist|"
                            r"secessionist|independence)\s+(?:army|armies|armed\s+forces|forces|troops)\b",
                            re.IGNORECASE)
# the subject that names the side of the last incident again: "the ethnic army seized ...",
# "the paramilitary force continued to shell ...", "the rebel group said ..."
ANAPHOR_SUBJECT = re.compile(
    r"(?:^|[.;:]\s*|\bthat\s+|,\s*|\band\s+)(?:the|this)\s+(?:ethnic(?:\s+armed)?|rebel|insurgent|jihadist|"
    r"militant|armed|paramilitary|extremist|separatist)\s+(?:army|group|organi[sz]ation|movement|force|"
    r"militia|alliance|outfit)\b", re.IGNORECASE)
# "Jihadist rebels from HTS", "militants loyal to ISIS", "fighters belonging to the Islamic State group"
_OF_GROUP = re.compile(r"^\W{0,3}(?:[\w-]+\s+){0,2}?(?:from|of|belonging\s+to|affiliated\s+(?:to|with)|"
                       r"loyal\s+to|linked\s+to|allied\s+to|members\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_UNNAMED_OF = re.compile(r"\b(?:militants?|insurgents?|jihadists?|fighters|gunm[ae]n|attackers|assailants|terrorists|"
                         r"rebels|men|elements|cells?)\s+(?:from|belonging\s+to|affiliated\s+(?:to|with)|loyal\s+to|"
                         r"linked\s+to|allied\s+(?:to|with))\s+(?:the\s+)?$", re.IGNORECASE)
# the people of a group, not the group ("former rebels", "an ex-ISIS member"; not "the former regime")
_MEMBERS = re.compile(r"\b(?:rebels?|fighters?|militants?|members?|soldiers?|officers?|policem[ae]n|commanders?|"
                      r"combatants?|insurgents?|jihadists?|militiam[ae]n|recruits?|troops|personnel|elements?)$",
                      re.IGNORECASE)
# "two former rebels", "an ex-soldier", "a retired police officer": no longer a party
_FORMER = re.compile(r"\b(?:former|ex-|retired)\s*(?:[\w-]+\s+)?$", re.IGNORECASE)


def is_generic(a: Any, actors: dict[str, Any]) -> bool:
    """The mention names its actor by a common noun ("rebels", "government forces"), not by
    its name: every alias of the table it can be is written in lower case (or it is a
    state force the table does not list)."""
    text = a.text.lower()
    if any(c.isupper() for c in a.text[1:]):
        return False
    actor = actors.get(a.name)
    if actor is None:
        return True
    same = [x for x in actor.aliases if x.lower() in (text, text.rstrip("s"), text + "s")]
    return bool(same) and all(x == x.lower() for x in same)


def named_behind(text: str, perps: list[Any], victims: list[Any], mentions: list[Any],
                 actors: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """"Jihadist rebels from Hayat Tahrir al-Sham shelled ...": the group named after the
    common noun is the side that acted.  Returns (perps, victims)."""
    if not perps or perps[0].kind == "unidentified":
        for a in mentions:                            # "militants loyal to the Islamic State group killed"
            if a.kind not in ("civilians", "unidentified") and _UNNAMED_OF.search(text[max(0, a.start - 60):a.start]):
                return [a] + [p for p in perps if p.kind != "unidentified"], [v for v in victims if v.name != a.name]
        return perps, victims
    if not is_generic(perps[0], actors):
        return perps, victims
    for a in mentions:
        gap = a.start - perps[0].end
        if 0 <= gap < 60 and a.name != perps[0].name and a.kind not in ("civilians", "unidentified") \
                and not is_generic(a, actors) and _OF_GROUP.match(text[perps[0].end:a.start]):
            return [a] + [p for p in perps[1:] if p.name != a.name], [v for v in victims if v.name != a.name]
    return perps, victims


def former_members(text: str, perps: list[Any], victims: list[Any]) -> tuple[list[Any], list[Any]]:
    """"Two former rebels were shot dead": people who left an armed group are civilians, the
    side attacked.  Returns (perps, victims)."""
    gone = [a for a in perps + victims if a.kind != "civilians" and _FORMER.search(text[max(0, a.start - 30):a.start])
            and _MEMBERS.search(a.text)]
    if not gone:
        return perps, victims
    names = {a.name for a in gone}
    civ = [replace(gone[0], name="Civilians", kind="civilians", country="", parent="")]
    kept = [v for v in victims if v.name not in names and v.name != "Civilians"]
    return [p for p in perps if p.name not in names], civ + kept


# "in the Mopti region, where groups linked to al-Qaeda have been active": who is around, not who acted
_WHERE_BEFORE = re.compile(r"\b(?:where|in which|an area|a region|areas|regions)\b[^.;()]{0,80}$", re.IGNORECASE)
_ACTIVE_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:(?:have|has|had)\s+(?:long\s+)?been|are|is|were|was|remain)\s+"
                           r"(?:\w+\s+)?(?:active|present|operating|entrenched|based)\b|"
                           r"^[^.;]{0,40}?\b(?:operates?|roam|hold\s+sway)\b", re.IGNORECASE)


def present_only(text: str, perps: list[Any], victims: list[Any]) -> tuple[list[Any], list[Any]]:
    """Drop the groups a clause only says are active in the area ("where jihadists linked to
    al-Qaeda and ISIL have been active").  Returns (perps, victims)."""
    def around(a: Any) -> bool:
        return bool(_WHERE_BEFORE.search(text[max(0, a.start - 80):a.start])
                    and _ACTIVE_AFTER.match(text[a.end:a.end + 80]))
    return [p for p in perps if not around(p)], [v for v in victims if not around(v)]


def anaphor_first(text: str, start: int, act: int, perps: list[Any], victims: list[Any],
                  last: list[Any]) -> tuple[list[Any], list[Any]]:
    """"The ethnic army took control of the base ..., adding that the junta's bombardments failed":
    a subject that names the last side again acts, over a side named only after the act (which
    becomes the side acted against).  Returns (perps, victims)."""
    if not last or act <= start or not ANAPHOR_SUBJECT.search(text[start:act]) \
            or any(start <= p.start < act for p in perps) or {p.name for p in perps} <= {q.name for q in last}:
        return perps, victims
    mine = {q.name for q in last}
    moved = [p for p in perps if p.name not in mine]
    return list(last), moved + [v for v in victims if v.name not in mine and v.name not in {p.name for p in moved}]
