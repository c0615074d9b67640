"""Fixtures for trends and report tests: an SQLite database with marsad's tables
and a helper that inserts canonical events (incidents) directly."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from marsad.store import engine as store_engine
from marsad.store.schema import canonical_events, metadata


@pytest.fixture
def engine(tmp_path) -> Iterator[sa.Engine]:
    eng = store_engine.create(f"sqlite:///{tmp_path / 'trends.db'}")
    metadata.create_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_engine(request, tmp_path) -> Iterator[sa.Engine]:
    """The same tables on SQLite and on PostgreSQL (MARSAD_TEST_PG_URL)."""
    from tests.merge.conftest import make_store
    from tests.store.backends import pg_base_url
    url = f"sqlite:///{tmp_path / 'trends.db'}" if request.param == "sqlite" else pg_base_url()
    store = make_store(url)
    yield store.engine
    store.close()


def add_incidents(conn: sa.Connection, rows: list[dict]) -> list[int]:
    """Insert canonical events; each dict needs event_date, may set any column."""
    now = datetime.now(UTC)
    full = []
    for r in rows:
        d: dict = {"event_type": "Battles", "sub_event_type": "Armed clash", "time_precision": 1,
                   "country": "Syria", "admin1": "Deir ez-Zor", "actor1": "ISIS", "actor2": "",
                   "location": "Hajin", "latitude": 34.69, "longitude": 40.83, "geo_precision": 1,
                   "fatalities": 0, "fatalities_low": 0, "fatalities_high": 0, "n_sources": 1, "source": "",
                   "updated_at": now}
        d.update(r)
        full.append(d)
    res = conn.execute(sa.insert(canonical_events).returning(canonical_events.c.id, sort_by_parameter_order=True),
                       full)
    return list(res.scalars())


MONDAY = date(2024, 1, 1)       # a Monday
