"""What an article says about where it happens: its countries and governorates.

`read_context` scans the text once for country names and demonyms, admin1 names
and big cities, and weighs them; the resolver then prefers namesakes inside
them.  A demonym counts half ("Russian jets" over Idlib says little of Russia).

    >>> ctx = GeoContext(countries={"SY": 2.0}, admin1={("SY", "12"): 1.0})
    >>> ctx.country_weight("SY"), ctx.country_weight("IQ")
    (1.0, 0.0)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from marsad.geo.normalize import WORD_RE, ascii_fold, fold, fold_word
from marsad.geo.words import NAME_HEADS, STOPWORDS

DEMONYM_WEIGHT = 0.25       # "Turkish warplanes" says less about where than "Turkey"

if TYPE_CHECKING:
    from marsad.geo.gazetteer import Gazetteer


@dataclass(slots=True)
class GeoContext:
    """Countries (ISO alpha-2) and admin1 areas ((cc, code)) an article names, weighted."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)      # countries named, not only by a demonym
    # the weight each name gave each country, so that a mention is not its own evidence
    by_key: dict[tuple[str, str], float] = field(default_factory=dict)
    # towns and villages already placed in this article (lat, lon): namesakes near them win
    points: list[tuple[float, float]] = field(default_factory=list)

    def country_weight_without(self, cc: str, key: str) -> float:
        """Like country_weight, leaving out what the name `key` itself contributed."""
        w = self.countries.get(cc, 0.0) - self.by_key.get((cc, key), 0.0)
        if w <= 1e-9:
            return 0.0
        return w / max(1.0, max(self.countries.values()))

    def fuzzy_countries(self) -> list[str]:
        """Where near spellings may be looked for: countries the article really names."""
        return [c for c in self.named if self.country_weight(c) >= 0.5]

    def country_weight(self, cc: str) -> float:
        """0..1: this country's weight relative to the article's main country (a
        country only named by a demonym stays below 1)."""
        if not self.countries or cc not in self.countries:
            return 0.0
        return self.countries[cc] / max(1.0, max(self.countries.values()))

    def admin1_weight(self, cc: str, code: str) -> float:
        if not self.admin1 or (cc, code) not in self.admin1:
            return 0.0
        return self.admin1[(cc, code)] / max(1.0, max(self.admin1.values()))

    @property
    def main_country(self) -> str | None:
        return max(self.countries, key=lambda c: self.countries[c]) if self.countries else None

    def main_admin1(self, cc: str | None = None) -> tuple[str, str] | None:
        keys = [k for k in self.admin1 if cc is None or k[0] == cc]
        return max(keys, key=lambda k: self.admin1[k]) if keys else None

    def add_country(self, cc: str, w: float, named: bool = True, key: str = "") -> None:
        self.countries[cc] = self.countries.get(cc, 0.0) + w
        if named:
            self.named.add(cc)
        if key:
            self.by_key[(cc, key)] = self.by_key.get((cc, key), 0.0) + w


def read_context(gaz: Gazetteer, text: str, countries: tuple[str, ...] | list[str] = ()) -> GeoContext:
    """Weigh the countries and admin1 areas named in `text`.

    `countries` are priors (e.g. the outlet's country), one point each."""
    ctx = GeoContext()
    for cc in countries:
        ctx.add_country(cc.upper(), 1.0)
    cased = text != text.upper() and text != text.lower()
    words: list[tuple[str, bool]] = []          # (folded word, may be part of a name)
    for m in WORD_RE.finditer(text):
        raw = m.group()
        cap = raw[0].isupper() or not cased
        # "SANA reported": an acronym in cased text names an agency, not Sanaa;
        # only a country's own acronym ("UK") counts
        acronym = cased and 1 < len(raw) <= 5 and raw.isupper()
        for w in ascii_fold(raw).split():
            k = fold_word(w)
            if acronym and not _is_country(gaz, k):
                words.append(("", False))
                continue
            words.append((k, cap or k == ""))
    n = len(words)
    i = 0
    head = False            # the word before (articles skipped) opens a compound name
    while i < n:
        if not words[i][1] or not words[i][0]:
            head = head and words[i][1]     # an article keeps "Jabal al-" open
            i += 1
            continue
        if head:                            # "Jabal al-Zawiya": no evidence for Libya
            head = words[i][0] in NAME_HEADS
            i += 1
            continue
        head = words[i][0] in NAME_HEADS
        hit = 0
        for width in range(min(4, n - i), 0, -1):
            if not all(words[x][1] for x in range(i, i + width)):
                continue
            key = " ".join(w for w, _ in words[i:i + width] if w)
            if key in gaz.demonyms:
                ctx.add_country(gaz.demonyms[key], DEMONYM_WEIGHT, named=False, key=key)
                hit = width
                break
            if _name_evidence(gaz, key, ctx):
                hit = width
                break
        if hit > 1:
            head = False                    # "Deir ez-Zor" took its head word along
        i += max(hit, 1)
    return ctx


def _is_country(gaz: Gazetteer, key: str) -> bool:
    return any(gaz.entries[e].feature == "country" for e in gaz.keys.get(key, ()))


def _name_evidence(gaz: Gazetteer, key: str, ctx: GeoContext) -> bool:
    """Count what a name says about the article's countries and governorates.

    Countries and admin1 areas (weight 1) and cities of 100,000+ by their main
    name (weight 0.5) count for their country; a name shared across countries
    ("Tripoli") counts for none of them, unless it is a country or governorate in one
    and only a city elsewhere ("Zabul" province, Zabol in Iran)."""
    if len(key) < 3 or key in STOPWORDS:
        return False
    votes: dict[str, float] = {}
    areas: list[tuple[str, str, float]] = []
    cities: set[str] = set()        # countries with a city of 100,000+ of this name
    for e_i in gaz.keys.get(key, ()):
        e = gaz.entries[e_i]
        if e.feature == "country":
            votes[e.country_code] = max(votes.get(e.country_code, 0.0), 1.0)
        elif e.feature == "admin1":
            votes[e.country_code] = max(votes.get(e.country_code, 0.0), 1.0)
            areas.append((e.country_code, e.admin1_code, 1.0))
    idx = gaz.cities
    for r in idx.rows(key):
        if idx.pop[r] >= 100_000 and fold(idx.name[r]) == key:
            cc = idx.cc[r]
            votes[cc] = max(votes.get(cc, 0.0), 0.5)
            cities.add(cc)
            if (cc, idx.admin1[r]) in gaz.admin1s:
                areas.append((cc, idx.admin1[r], 0.5))
    if not votes:
        return False
    if len(votes) > 1:
        top = max(votes.values())
        strongest = [cc for cc, w in votes.items() if w == top]
        if len(strongest) > 1 or top < 1.0 or strongest[0] in cities:
            return True         # "Tripoli": a name shared across countries says nothing
        # a country or governorate not named after a city outweighs a city abroad
        # ("Zabul" province, not Zabol in Iran; "Tripoli" stays a city of Libya or Lebanon)
        votes = {strongest[0]: top}
        areas = [a for a in areas if a[0] == strongest[0]]
    for cc, w in votes.items():
        ctx.add_country(cc, w, key=key)
    for cc, code, w in areas:
        ctx.admin1[(cc, code)] = max(ctx.admin1.get((cc, code), 0.0), w)
    return True
