"""The places users add, in their database: GeoNames dumps, event datasets, alias files.

The store is the one part of marsad that opens the database: `marsad.geo.sources`
reads the files into rows, this module writes them to user_places / user_aliases
and reads them back as a `UserPlaces` record, which `Gazetteer.load` receives.
Adding the same source again replaces what it added before, so a command can be
rerun safely.

    >>> add_aliases("sqlite:///m.db", "my_aliases.csv")         # doctest: +SKIP
    AddResult(source='aliases:my_aliases.csv', places=0, aliases=12, skipped=1)
    >>> Gazetteer.load(read_user_places("sqlite:///m.db"))      # doctest: +SKIP
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import create_engine, delete, insert, inspect, select
from sqlalchemy.engine import Engine, make_url

from marsad.geo import sources
from marsad.geo.sources import PlaceRows
from marsad.records import UserPlaces
from marsad.store import schema

log = logging.getLogger(__name__)


@dataclass(slots=True)
class AddResult:
    source: str
    places: int = 0
    aliases: int = 0
    skipped: int = 0

__all__ = ["AddResult", "add_aliases", "add_events", "add_geonames", "read_user_places"]


def _engine(db_url: str) -> Engine:
    return create_engine(db_url, future=True)


def _sqlite_missing(db_url: str) -> bool:
    url = make_url(db_url)
    if not url.drivername.startswith("sqlite"):
        return False
    db = url.database
    return db is not None and db not in ("", ":memory:") and not Path(db).exists()


def _safe(db_url: str) -> str:
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "<database URL>"


def ensure_tables(engine: Engine) -> None:
    """Create user_places / user_aliases if the database does not have them yet."""
    schema.metadata.create_all(engine, tables=[schema.user_places, schema.user_aliases])


def read_user_places(db_url: str | None) -> UserPlaces:
    """The user places and aliases of a database; nothing if there is none, or it or
    its tables are missing (never creates it)."""
    found = UserPlaces()
    if not db_url or _sqlite_missing(db_url):
        return found
    try:
        eng = _engine(db_url)
        with eng.connect() as conn:
            names = set(inspect(conn).get_table_names())
            for table, out in ((schema.user_places, found.places), (schema.user_aliases, found.aliases)):
                if table.name in names:
                    cols = [c.name for c in table.columns if c.name != "added_at"]
                    res = conn.execute(select(*(table.c[c] for c in cols)).order_by(table.c.id))
                    out.extend(dict(zip(cols, row)) for row in res.all())
        eng.dispose()
    except Exception as e:  # noqa: BLE001 - a database we cannot read adds nothing, loudly
        log.warning("%s: cannot read user places (%s: %s); using the built-in gazetteer only "
                    "- check --db / MARSAD_DB", _safe(db_url), e.__class__.__name__, e)
        return UserPlaces()
    return found


def replace_user_places(db_url: str, rows: PlaceRows) -> None:
    """Store the places and aliases of one source, replacing what it added before."""
    eng = _engine(db_url)
    try:
        ensure_tables(eng)
        now = datetime.now(UTC)
        for r in [*rows.places, *rows.aliases]:
            r.setdefault("source", rows.source)
            r["added_at"] = now
        with eng.begin() as conn:
            conn.execute(delete(schema.user_places).where(schema.user_places.c.source == rows.source))
            conn.execute(delete(schema.user_aliases).where(schema.user_aliases.c.source == rows.source))
            for i in range(0, len(rows.places), 5000):
                conn.execute(insert(schema.user_places), rows.places[i:i + 5000])
            for i in range(0, len(rows.aliases), 5000):
                conn.execute(insert(schema.user_aliases), rows.aliases[i:i + 5000])
    finally:
        eng.dispose()


def _add(db_url: str, rows: PlaceRows) -> AddResult:
    replace_user_places(db_url, rows)
    return AddResult(rows.source, len(rows.places), len(rows.aliases), rows.skipped)


def add_geonames(db_url: str, file_or_url: str) -> AddResult:
    """Add the populated places (and admin areas, airports, camps) of a GeoNames dump."""
    return _add(db_url, sources.geonames_rows(file_or_url))


def add_events(db_url: str, path: str, until: date | None = None) -> AddResult:
    """Learn place names and points from an ACLED or UCDP GED CSV (see geo.sources.event_rows)."""
    return _add(db_url, sources.event_rows(path, until))


def add_aliases(db_url: str, path: str) -> AddResult:
    """Add aliases from a CSV: alias,place[,country][,latitude,longitude] (header optional)."""
    return _add(db_url, sources.alias_rows(path))
