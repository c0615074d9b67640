"""Roles that the actor table cannot name: the state behind a weapon.

"Russian shelling", "an Israeli air strike", "Ukrainian air defences": reporters name
the side by its demonym and its weapon, with no "forces" or "army".  ACLED codes the
state behind the aircraft, the gun or the missile as the one that acted.  The weapon
nouns are rows of ``marsad/data/state_weapons.csv``; the demonyms are the gazetteer's
(``geo_countries.csv``).

    >>> find_state_weapons("A Russian missile strike hit Kharkiv.", 0, 37, {"russian": "RU"})
    [StateWeapon(start=2, end=24, country_code='RU', use='strike', stopped=False)]
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_STOPPED = re.compile(r"\b(?:shot|shoot(?:s|ing)?|brought|bring(?:s|ing)?)\s+down\b[^.;]{0,40}$|"
                      r"\b(?:intercept(?:ed|s|ing)?|down(?:ed|ing)|destroy(?:ed|s|ing)|neutrali[sz](?:ed|ing))\b"
                      r"\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
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
    src = resources.files("marsad.data").joinpath("state_weapons.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in src.splitlines() if line and not line.startswith("#"))
    out: dict[str, str] = {}
    for r in rows:
        noun, use = (r.get("noun") or "").strip().lower(), (r.get("use") or "").strip()
        if not noun or use not in ("strike", "defence"):
            raise ValueError(f"state_weapons.csv: bad row {r!r}: noun and use (strike|defence) are required")
        out[noun] = use
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
    rx = _pattern(tuple(sorted(demonyms)))
    out = []
    for m in rx.finditer(text, start, end):
        word = m.group("dem").lower()
        cc = demonyms.get(word, "" if word in OWN_STATE else None)
        if cc is None or (not cc and len(text[m.end("dem"):m.start("noun")].split()) > 0):
            continue                                  # "junta jets", not "army convoy with drones"
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        before = text[max(start, m.start() - 60):m.start()]
        stopped = bool(_STOPPED.search(before) or _STOPPED_AFTER.match(text, m.end(), end))
        if not stopped and _ON_BEFORE.search(before):
            continue                                  # "strikes on Russian artillery": the target
        out.append(StateWeapon(m.start(), m.end(), cc, weapon_nouns()[noun], stopped))
    return out
