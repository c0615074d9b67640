"""Read-side records: a stored report (a row of ``events``) as a typed, frozen record.

Merging reads reports back from the database and recomputes canonical events from
them, export writes them out; :class:`StoredReport` carries every column of
``events`` (and the article's outlet), typed, instead of a dict, and
:func:`stored_report` is the one place a row becomes one; :class:`StoredEvent` and
:func:`stored_event` do the same for a canonical event.

    >>> r = stored_report({"id": 7, "event_type": "Battles", "fatalities": 3, "n_reports": 1})
    >>> (r.id, r.event_type, r.fatalities, r.location)
    (7, 'Battles', 3, '')
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class EventColumns:
    """The columns a report and its canonical event share (marsad.merge.EVENT_COLUMNS)."""

    event_date: date | None = None
    time_precision: int = 1
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    country: str = ""
    iso: int | None = None
    country_code: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    fatalities: int = 0
    injuries: int | None = None
    source: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredReport(EventColumns):
    """A stored report: its ids, the columns it shares with its canonical event, its
    evidence and provenance, and (when the query joins ``documents``) its article's outlet."""

    id: int
    canonical_id: int | None = None
    document_id: int | None = None
    event_uid: str = ""
    evidence_text: str = ""
    evidence_start: int | None = None
    evidence_end: int | None = None
    origin: str = "marsad"
    created_at: datetime | None = None
    acled_extra: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent(EventColumns):
    """A stored canonical event (a row of ``canonical_events``): the shared columns and
    what merging derived from its reports (date range, fatality range, source count)."""

    id: int
    date_low: date | None = None
    date_high: date | None = None
    fatalities_low: int = 0
    fatalities_high: int = 0
    n_sources: int = 1
    updated_at: datetime | None = None


FIELDS = tuple(f.name for f in fields(StoredReport))


def stored_report(row: Mapping[Any, Any]) -> StoredReport:
    """The record of a row (a SQLAlchemy RowMapping or any mapping) of ``events``,
    optionally joined with its document's ``outlet``; keys that are not fields
    (counts, other tables' columns) are left out, missing ones take their defaults."""
    return StoredReport(**{k: row[k] for k in FIELDS if k in row})


EVENT_FIELDS = tuple(f.name for f in fields(StoredEvent))


def stored_event(row: Mapping[Any, Any]) -> StoredEvent:
    """The record of a row of ``canonical_events``, as stored_report does for reports."""
    return StoredEvent(**{k: row[k] for k in EVENT_FIELDS if k in row})
