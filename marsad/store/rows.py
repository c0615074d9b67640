"""Turning records into table rows: cleaning text for both backends and checking
lengths, so that SQLite and PostgreSQL accept and refuse the same things.

    >>> clean("a\\x00b")
    'a\\ufffdb'
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, Table

from marsad.errors import RecordError
from marsad.records import Article, Event, Place

# PostgreSQL refuses NUL in text and nobody can encode a lone surrogate: both
# become U+FFFD, one character for one, so evidence offsets stay right.
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def clean(value: Any) -> Any:
    if isinstance(value, str) and _BAD_CHARS.search(value):
        return _BAD_CHARS.sub("\ufffd", value)
    return value


def _limits(table: Table) -> dict[str, int]:
    return {c.name: c.type.length for c in table.columns
            if isinstance(c.type, String) and c.type.length}


_LIMITS: dict[str, dict[str, int]] = {}


def check(table: Table, row: dict[str, Any], source: str, what: str) -> dict[str, Any]:
    """Clean every text value of `row` and refuse values longer than their column."""
    limits = _LIMITS.get(table.name)
    if limits is None:
        limits = _LIMITS[table.name] = _limits(table)
    out = {}
    for key, value in row.items():
        value = clean(value)
        limit = limits.get(key)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise RecordError(f"{what}.{key} is {len(value)} characters long; the limit is {limit}",
                             source=source, fix=f"shorten {key} (a value that long is likely an extraction error)")
        out[key] = value
    return out


def event_fields(ev: Event) -> dict[str, Any]:
    """The columns an event and a canonical event share, from an Event."""
    p = ev.place or Place(location="")
    return {
        "event_date": ev.event_date,
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1 or "",
        "assoc_actor_1": ev.assoc_actor_1 or "",
        "actor2": ev.actor2 or "",
        "assoc_actor_2": ev.assoc_actor_2 or "",
        "country": p.country or "",
        "iso": p.iso,
        "country_code": p.country_code or "",
        "admin1": p.admin1 or "",
        "admin2": p.admin2 or "",
        "location": p.location or "",
        "latitude": p.latitude,
        "longitude": p.longitude,
        "geo_precision": p.geo_precision if p.location else None,
        "gazetteer_id": p.gazetteer_id,
        "fatalities": ev.fatalities or 0,
        "injuries": ev.injuries,
        "source": ev.source or "",
        "notes": ev.notes or "",
    }


def canonical_from(fields: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A singleton canonical event copying one report's fields."""
    row = dict(fields)
    row.update(date_low=fields["event_date"], date_high=fields["event_date"],
               fatalities_low=fields["fatalities"], fatalities_high=fields["fatalities"],
               n_sources=1, updated_at=now)
    return row


def document_row(article: Article, n_events: int, now: datetime) -> dict[str, Any]:
    published = article.published
    if isinstance(published, datetime):
        published = published.date()
    return {
        "doc_id": article.doc_id,
        "url": article.url or None,
        "content_hash": article.content_hash,
        "outlet": article.outlet,
        "title": article.title,
        "published": published if isinstance(published, date) else None,
        "origin": article.origin,
        "language": article.language,
        "text": article.text,
        "n_events": n_events,
        "ingested_at": now,
    }
