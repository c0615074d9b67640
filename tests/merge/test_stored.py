"""The read-side record of a stored report (marsad.store.stored), on both backends."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import sqlalchemy as sa

from marsad.merge import EVENT_COLUMNS, canonical_fields
from marsad.store.schema import canonical_events, documents, events
from marsad.store.stored import EVENT_FIELDS, FIELDS, StoredReport, stored_event, stored_report
from tests.merge.conftest import ingest
from tests.merge.pairs import PAIRS

SUKHNAH = next(p for p in PAIRS if p.name == "sukhnah-ambush")


def test_the_record_holds_every_column_of_a_stored_report():
    assert set(EVENT_COLUMNS) < {c.name for c in events.columns} == set(FIELDS) - {"outlet"}
    assert set(EVENT_COLUMNS) < {c.name for c in canonical_events.columns} == set(EVENT_FIELDS)


def test_a_stored_row_becomes_a_typed_frozen_record(any_store):
    ingest(any_store, SUKHNAH.a)
    e = events.c
    q = (sa.select(*events.c, documents.c.outlet, documents.c.url, sa.literal(1).label("n_reports"))
         .select_from(events.outerjoin(documents, e.document_id == documents.c.id)))
    with any_store.engine.connect() as conn:
        row = conn.execute(q).mappings().first()
    assert row is not None
    r = stored_report(row)
    assert isinstance(r, StoredReport) and isinstance(r.event_date, date)
    assert {k: getattr(r, k) for k in FIELDS} == {k: row[k] for k in FIELDS}   # every value as stored
    assert not hasattr(r, "n_reports") and not hasattr(r, "url")             # other keys are left out
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.fatalities = 99  # type: ignore[misc]
    c = canonical_fields([r])
    assert (c["location"], c["fatalities"], c["n_sources"]) == (r.location, r.fatalities, 1)
    assert r.outlet and c["source"].startswith(r.outlet)


def test_a_stored_canonical_event_becomes_a_record_with_what_merging_derived(any_store):
    for d in (SUKHNAH.a, SUKHNAH.b):
        ingest(any_store, d)
    with any_store.engine.connect() as conn:
        row = conn.execute(sa.select(canonical_events).where(canonical_events.c.n_sources == 2)).mappings().one()
    c = stored_event(row)
    assert {k: getattr(c, k) for k in EVENT_FIELDS} == dict(row)
    assert c.n_sources == 2 and c.fatalities_low <= c.fatalities <= c.fatalities_high
    assert c.date_low is not None and c.date_high is not None and c.date_low <= c.date_high
