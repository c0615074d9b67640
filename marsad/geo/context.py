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

from marsad.geo.normalize import WORD_RE, ascii_fold, fold_word

if TYPE_CHECKING:
    from marsad.geo.gazetteer import Gazetteer


@dataclass(slots=True)
class GeoContext:
    """Countries (ISO alpha-2) and admin1 areas ((cc, code)) an article names, weighted."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)

    def country_weight(self, cc: str) -> float:
        """0..1: this country's weight relative to the article's main country."""
        if not self.countries or cc not in self.countries:
            return 0.0
        return self.countries[cc] / max(self.countries.values())

    def admin1_weight(self, cc: str, code: str) -> float:
        if not self.admin1 or (cc, code) not in self.admin1:
            return 0.0
        return self.admin1[(cc, code)] / max(self.admin1.values())

    @property
    def main_country(self) -> str | None:
        return max(self.countries, key=self.countries.get) if self.countries else None

    def main_admin1(self, cc: str | None = None) -> tuple[str, str] | None:
        keys = [k for k in self.admin1 if cc is None or k[0] == cc]
        return max(keys, key=self.admin1.get) if keys else None

    def add_country(self, cc: str, w: float) -> None:
        self.countries[cc] = self.countries.get(cc, 0.0) + w


def read_context(gaz: "Gazetteer", text: str, countries: tuple[str, ...] | list[str] = ()) -> GeoContext:
    """Weigh the countries and admin1 areas named in `text`.

    `countries` are priors (e.g. the outlet's country), one point each."""
    ctx = GeoContext()
    for cc in countries:
        ctx.add_country(cc.upper(), 1.0)
    words = [fold_word(w) for m in WORD_RE.finditer(text) for w in ascii_fold(m.group()).split()]
    words = [w for w in words if w]
    n = len(words)
    maxw = 4
    i = 0
    while i < n:
        hit = 0
        for k in range(min(maxw, n - i), 0, -1):
            key = " ".join(words[i:i + k])
            if key in gaz.demonyms:
                ctx.add_country(gaz.demonyms[key], 0.5)
                hit = 1
                break
            found = False
            for e_i in gaz.keys.get(key, ()):
                e = gaz.entries[e_i]
                if e.feature == "country":
                    ctx.add_country(e.country_code, 1.0)
                    found = True
                elif e.feature == "admin1":
                    ctx.add_country(e.country_code, 1.0 / len(gaz.keys[key]))
                    ctx.admin1[(e.country_code, e.admin1_code)] = \
                        ctx.admin1.get((e.country_code, e.admin1_code), 0.0) + 1.0
                    found = True
            if not found:
                found = _big_city(gaz, key, ctx)
            if found:
                hit = k
                break
        i += max(hit, 1)
    return ctx


def _big_city(gaz: "Gazetteer", key: str, ctx: GeoContext) -> bool:
    """A city of 100,000+ that clearly outweighs its namesakes counts half for its country."""
    idx = gaz.cities
    rows = idx.rows(key)
    if not rows or len(key) < 4:
        return False
    best = max(rows, key=lambda r: idx.pop[r])
    pop = idx.pop[best]
    if pop < 100_000 or any(r != best and idx.pop[r] * 5 > pop for r in rows):
        return False
    cc = idx.cc[best]
    ctx.add_country(cc, 0.5)
    if (cc, idx.admin1[best]) in gaz.admin1s:
        k = (cc, idx.admin1[best])
        ctx.admin1[k] = ctx.admin1.get(k, 0.0) + 0.5
    return True
