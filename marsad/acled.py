"""ACLED's codebook for marsad's rows: actor names, inter and interaction codes,
civilian targeting, region, country names and event ids.

Everything here reads data files under marsad/data/ (acled_countries.csv,
acled_inter.csv, acled_civilian_targeting.csv and the ``acled`` column of
actors.csv), so a fix to ACLED's naming is a row, not code.

    >>> acled_name("Civilians", "SO")
    'Civilians (Somalia)'
    >>> acled_name("Military Forces of Mali", "ML", date(2024, 7, 1))
    'Military Forces of Mali (2021-)'
    >>> acled_name("Military Forces of Mali", "ML", date(2021, 1, 10))
    'Military Forces of Mali (2020-2021)'
    >>> inter_code("al-Shabaab", "SO"), inter_code("Civilians", "SO"), inter_code("Russia", "SY")
    (2, 7, 8)
    >>> interaction(2, 7), interaction(1, None)
    (27, 10)
    >>> civilian_targeting("Explosions/Remote violence", "Air/drone strike", 8, 7)
    'Civilian targeting'
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache
from typing import Any

from marsad.countries import Country, countries, country_name, region
from marsad.countries import data_rows as _rows
from marsad.errors import ConfigError
from marsad.records import ACTOR_COLUMNS, Event, Place

CIVILIAN_TARGETING = "Civilian targeting"
_STATE_NAME = re.compile(r"^(?:Military|Police) Forces of (?P<country>.+?)(?: \(\d{4}-(?:\d{4})?\))?$")
_GENERIC_NAMES = (("Civilians", 7), ("Protesters", 6), ("Rioters", 5), ("Unidentified Armed Group", 3))


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Country]:
    return {c.name.lower(): c for c in countries().values()}


def event_id_cnty(uid: str, cc: str | None) -> str:
    """ACLED-style id for a marsad report: the country's ISO3 code and a number drawn from
    the report's own id ("doc_id:index"), so the same article gives the same id in every
    run and database.  The number has 12 digits, so it never equals one of ACLED's.

    >>> event_id_cnty("reuters-123:0", "ML") == event_id_cnty("reuters-123:0", "ML")
    True
    >>> event_id_cnty("reuters-123:0", "ML")[:3], len(event_id_cnty("reuters-123:0", "ML"))
    ('MLI', 15)
    """
    c = countries().get((cc or "").upper())
    digest = int(hashlib.sha256(uid.encode("utf-8")).hexdigest()[:16], 16)
    return f"{c.iso3 if c else 'XXX'}{10**11 + digest % (9 * 10**11)}"


# --------------------------------------------------------------------------- actor names

def _actors() -> dict[str, Any]:
    from marsad.extract.actors import ActorMatcher

    return ActorMatcher.load().actors


def _by_period(spec: str, on: date | None) -> str:
    """"A|2021-05-24=B": A before 24 May 2021, B from then on (B when the date is unknown)."""
    parts = spec.split("|")
    chosen = parts[0]
    for part in parts[1:]:
        when, _, name = part.partition("=")
        try:
            start = date.fromisoformat(when.strip())
        except ValueError:
            raise ConfigError(f"acled name {spec!r}: {when!r} is not a date",
                              source="marsad/data/actors.csv", fix="write A|YYYY-MM-DD=B") from None
        if on is None or on >= start:
            chosen = name
    return chosen.strip()


def _actor(name: str) -> Any:
    """The actor row of a name, also when the extractor gave it its country
    ("Unidentified Armed Group (Nigeria)")."""
    actor = _actors().get(name)
    if actor is None and name.endswith(")") and " (" in name:
        actor = _actors().get(name[:name.rindex(" (")])
    return actor


def acled_name(name: str, cc: str | None = None, on: date | None = None) -> str:
    """ACLED's name of one of marsad's actors, for an event in country `cc` on date `on`;
    a name marsad does not know (an imported ACLED name) is kept as it is."""
    if not name:
        return ""
    actor = _actor(name)
    if actor is None or not actor.acled:
        return name
    out = _by_period(actor.acled, on)
    if "{country}" in out:
        cname = country_name(cc)
        out = out.replace("{country}", cname) if cname else out.replace(" ({country})", "").replace("{country}", "")
    return out


def acled_names(names: str, cc: str | None = None, on: date | None = None) -> str:
    """The same for a "; "-separated list (assoc_actor_1, assoc_actor_2)."""
    return "; ".join(acled_name(n.strip(), cc, on) for n in names.split(";") if n.strip())


# --------------------------------------------------------------------------- codes

@lru_cache(maxsize=1)
def _inter_by_kind() -> dict[str, int]:
    return {r["kind"]: int(r["inter"]) for r in _rows("acled_inter.csv")}


def inter_code(name: str, cc: str | None = None) -> int | None:
    """ACLED's inter code of a marsad actor in an event in `cc` (None: no actor, or one
    whose type marsad does not know).  A state force outside its own country is 8."""
    if not name:
        return None
    actor = _actor(name)
    if actor is not None:
        code = _inter_by_kind().get(actor.kind)
        if code == 1 and cc and actor.country and actor.country != cc:
            return 8
        return code
    m = _STATE_NAME.match(name)
    if m:
        home = _by_name().get(m.group("country").lower())
        return 8 if cc and home is not None and home.iso2 != cc else 1
    for prefix, code in _GENERIC_NAMES:
        if name == prefix or name.startswith(prefix + " ("):
            return code
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17: state forces and
    civilians); one actor alone gives its code and 0 (10: state forces alone)."""
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


@lru_cache(maxsize=1)
def _targeting_rules() -> dict[tuple[str, str], str]:
    return {(r["event_type"], r["sub_event_type"]): r["when"] for r in _rows("acled_civilian_targeting.csv")}


def civilian_targeting(event_type: str, sub_event_type: str, inter1: int | None, inter2: int | None) -> str:
    """"Civilian targeting" where ACLED writes it, else ""."""
    rules = _targeting_rules()
    when = rules.get((event_type, sub_event_type)) or rules.get((event_type, "*"))
    if when == "always" or (when == "civilians" and 7 in (inter1, inter2)):
        return CIVILIAN_TARGETING
    return ""


@lru_cache(maxsize=1)
def _disorder_table() -> dict[tuple[str, str], str]:
    return {(r["event_type"], r["sub_event_type"]): r["disorder_type"] for r in _rows("acled_disorder.csv")}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder_type (from marsad/data/acled_disorder.csv); "" if unknown.

    >>> disorder_type("Battles", "Armed clash")
    'Political violence'
    >>> disorder_type("Riots", "Violent demonstration")
    'Demonstrations'
    """
    table = _disorder_table()
    return table.get((event_type, sub_event_type)) or table.get((event_type, "*"), "")


def codes(ev: dict[str, Any]) -> dict[str, Any]:
    """The ACLED columns marsad derives for one of its events (a dict with event_date,
    event_type, sub_event_type, actor1..assoc_actor_2, country_code, country): the
    actors under ACLED's names, their inter codes, interaction, civilian_targeting,
    disorder_type, region and ACLED's country name."""
    cc = ev.get("country_code") or ""
    on = ev.get("event_date")
    i1, i2 = inter_code(ev.get("actor1") or "", cc), inter_code(ev.get("actor2") or "", cc)
    ix = interaction(i1, i2) if i2 is not None or not ev.get("actor2") else None
    return {
        "actor1": acled_name(ev.get("actor1") or "", cc, on),
        "assoc_actor_1": acled_names(ev.get("assoc_actor_1") or "", cc, on),
        "inter1": "" if i1 is None else i1,
        "actor2": acled_name(ev.get("actor2") or "", cc, on),
        "assoc_actor_2": acled_names(ev.get("assoc_actor_2") or "", cc, on),
        "inter2": 0 if not ev.get("actor2") else "" if i2 is None else i2,
        "interaction": "" if ix is None else ix,
        "civilian_targeting": civilian_targeting(ev.get("event_type") or "", ev.get("sub_event_type") or "", i1, i2),
        "disorder_type": disorder_type(ev.get("event_type") or "", ev.get("sub_event_type") or ""),
        "region": region(cc),
        "country": country_name(cc) or ev.get("country") or "",
    }


# --------------------------------------------------------------------------- rows

def event_codes(ev: Event) -> dict[str, object]:
    """ACLED's codes of an extracted event: inter codes and the rest, and actor1... under
    ACLED's names."""
    cc = (ev.place or Place(location="")).country_code
    c = codes({"event_date": ev.event_date, "event_type": ev.event_type,
               "sub_event_type": ev.sub_event_type, "actor1": ev.actor1,
               "assoc_actor_1": ev.assoc_actor_1, "actor2": ev.actor2,
               "assoc_actor_2": ev.assoc_actor_2, "country_code": cc})
    return {"event_id_cnty": event_id_cnty(ev.event_id, cc),
            "year": ev.event_date.year if ev.event_date else "",
            **{k: c[k] for k in ("disorder_type", "inter1", "inter2", "interaction", "civilian_targeting",
                                 "region")},
            **{k: c[k] for k in ACTOR_COLUMNS}}



def extract_row(ev: Event) -> dict[str, object]:
    """The row `marsad extract` writes (records.EXTRACT_COLUMNS): the event's own fields and
    ACLED's codes, with the actors under ACLED's names and marsad's own in marsad_actor1...,
    as `marsad export` writes them."""
    row = ev.to_row()
    return {**row, **event_codes(ev), **{f"marsad_{k}": row[k] for k in ACTOR_COLUMNS}}
