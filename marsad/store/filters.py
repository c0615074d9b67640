"""One filter language for every reader of the store: `marsad events`,
`export`, `trends`, `report`, the JSON API, `/light` and the dashboard.

Set fields are ANDed; a field given several values (a repeated option,
``?country=SY&country=IQ``) means any of them.  ``country`` is a name or an
ISO2/ISO3 code, ``actor`` a canonical name, any alias in actors.csv or part of
a stored actor's name, ``admin1`` and ``event_type`` whole values; every
match ignores case (see marsad.names).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, and_, false, literal, or_, select
from sqlalchemy.sql import ColumnElement

from marsad import names as N
from marsad.errors import ConfigError
from marsad.store import search
from marsad.store.schema import canonical_events, events

MAX_SPELLINGS = 2000          # beyond this many matching names, filter with LIKE instead of IN
_MULTI = ("country", "admin1", "actor", "event_type")


def _values(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """A filter value as a tuple of non-blank strings: "a" -> ("a",), None -> ()."""
    if value is None:
        return ()
    items = (value,) if isinstance(value, str) else tuple(value)
    return tuple(v.strip() for v in items if v and v.strip())


@dataclass(slots=True)
class EventFilter:
    """What to select.  Every field is optional; set fields are ANDed.

    ``country``, ``admin1``, ``actor`` and ``event_type`` take one value or
    several (any of them); ``text`` is part of the location, notes or actors;
    ``bbox`` is (west, south, east, north) in degrees, west > east crossing
    the antimeridian; ``origin`` keeps events with at least one report of that
    origin ("marsad" or "acled-import").

    >>> EventFilter(country="SY", actor=["ISIS", "sdf"]).actor
    ('ISIS', 'sdf')
    """

    since: date | None = None
    until: date | None = None
    country: Any = ()
    admin1: Any = ()
    actor: Any = ()
    event_type: Any = ()
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        for name in _MULTI:
            setattr(self, name, _values(getattr(self, name)))

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "", ()) for f in fields(self))


def spellings(conn: Connection, cols: tuple[Any, ...], value: str, *, contains: bool = False) -> list[str]:
    """The stored values of `cols` equal to `value` (or containing it), ignoring case.

    Reads only the distinct values, from each column's index, so the filter
    that follows is an indexed ``IN (...)`` rather than a scan of every row.
    """
    want = value.casefold()
    return _stored(conn, cols, lambda v: (want in v.casefold()) if contains else v.casefold() == want)


def _stored(conn: Connection, cols: tuple[Any, ...], keep: Any) -> list[str]:
    found: set[str] = set()
    for col in cols:
        for (v,) in conn.execute(select(col).where(col != "").group_by(col)):
            if keep(v):
                found.add(v)
    return sorted(found)


def _country(conn: Connection, t: Table, values: tuple[str, ...]) -> ColumnElement[bool]:
    codes = {cc for v in values for cc in N.country_codes(v)}
    folded = {v.casefold() for v in values}
    names = _stored(conn, (t.c.country,),
                    lambda v: v.casefold() in folded or bool(codes & set(N.country_codes(v))))
    conds = [t.c.country.in_(names)] if names else []
    if codes:
        conds.append(t.c.country_code.in_(sorted(codes)))
    return or_(*conds) if conds else false()


def _actor(conn: Connection, t: Table, values: tuple[str, ...]) -> ColumnElement[bool]:
    """Stored actors containing a typed value, or equal to a known actor it names
    or to one of that actor's aliases."""
    cols = (t.c.actor1, t.c.actor2)
    parts = {v.casefold() for v in values}
    whole = {v.casefold() for v in values}
    for v in values:
        for name in N.actor_names(v):
            parts.add(name.casefold())
            whole.update(a.casefold() for a in N.actor_aliases(name))
    names = _stored(conn, cols, lambda s: s.casefold() in whole or any(p in s.casefold() for p in parts))
    if len(names) > MAX_SPELLINGS:
        return or_(*(search.contains(conn, c, p) for c in cols for p in sorted(parts)))
    return or_(t.c.actor1.in_(names), t.c.actor2.in_(names)) if names else false()


def conditions(conn: Connection, f: EventFilter, t: Table = canonical_events) -> list[ColumnElement[bool]]:
    """The SQL conditions of `f` on `t` (canonical_events or events: same columns)."""
    conds: list[ColumnElement[bool]] = []
    if f.since:
        conds.append(t.c.event_date >= f.since)
    if f.until:
        conds.append(t.c.event_date <= f.until)
    if f.country:
        conds.append(_country(conn, t, f.country))
    for values, col in ((f.admin1, t.c.admin1), (f.event_type, t.c.event_type)):
        if values:
            found = sorted({n for v in values for n in spellings(conn, (col,), v)})
            conds.append(col.in_(found) if found else false())
    if f.actor:
        conds.append(_actor(conn, t, f.actor))
    if f.text:
        conds.append(search.matches(conn, t, f.text))
    if f.bbox:
        conds += _bbox(t, f.bbox)
    if f.origin:
        if t is events:
            conds.append(t.c.origin == f.origin)
        else:
            conds.append(select(events.c.id).where(
                events.c.canonical_id == t.c.id, events.c.origin == f.origin).exists())
    return conds


def _bbox(t: Table, bbox: tuple[float, float, float, float]) -> list[ColumnElement[bool]]:
    west, south, east, north = bbox
    if south > north:
        raise ConfigError(f"bounding box south {south} is north of north {north}",
                          source="bbox", fix="give bbox as west,south,east,north")
    conds: list[ColumnElement[bool]] = [t.c.latitude.between(south, north)]
    if west <= east:
        conds.append(t.c.longitude.between(west, east))
    else:                                   # crosses the antimeridian
        conds.append(or_(t.c.longitude >= west, t.c.longitude <= east))
    return conds


def where(conn: Connection, f: EventFilter, t: Table = canonical_events) -> ColumnElement[bool]:
    """`conditions` ANDed (TRUE when the filter is empty)."""
    conds = conditions(conn, f, t)
    return and_(*conds) if conds else literal(True)
