"""ACLED's countries (marsad/data/acled_countries.csv): names, ISO codes, regions.

A leaf: the actor list (the state forces of a country) and the ACLED codebook both
read it, so it imports neither.

    >>> country_name("CD"), region("SO"), countries()["ML"].iso3
    ('Democratic Republic of Congo', 'Eastern Africa', 'MLI')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad import datafiles


@dataclass(slots=True, frozen=True)
class Country:
    iso2: str
    iso3: str
    iso: int
    name: str
    region: str


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV under marsad/data/ and the user's (marsad.datafiles), without
    blank and comment (#) lines, cells stripped."""
    return datafiles.rows(name)


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ACLED's countries by ISO alpha-2 code (marsad/data/acled_countries.csv)."""
    return {r["iso2"]: Country(r["iso2"], r["iso3"], int(r["iso"]), r["country"], r["region"])
            for r in data_rows("acled_countries.csv")}


def country_name(cc: str | None) -> str:
    """ACLED's name of a country ("CD" -> "Democratic Republic of Congo"); "" if unknown."""
    c = countries().get((cc or "").upper())
    return c.name if c else ""


def region(cc: str | None) -> str:
    """ACLED's region of a country ("SO" -> "Eastern Africa"); "" if unknown."""
    c = countries().get((cc or "").upper())
    return c.region if c else ""
