"""Fixtures for the brief: an SQLite database with a few weeks of incidents."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import numpy as np
import pytest
import sqlalchemy as sa

from marsad.store import engine as store_engine
from marsad.store.schema import metadata
from tests.trends.conftest import MONDAY, add_incidents


@pytest.fixture
def brief_db(tmp_path) -> Iterator[sa.Engine]:
    """16 weeks of incidents: flat in Homs and Idlib, rising in Deir ez-Zor in the last 4,
    and one deadly incident whose place name carries markup."""
    eng = store_engine.create(f"sqlite:///{tmp_path / 'brief.db'}")
    metadata.create_all(eng)
    rng = np.random.default_rng(11)
    rows = []
    places = {"Deir ez-Zor": (35.0, 40.5), "Homs": (34.7, 37.0), "Idlib": (35.9, 36.6)}
    for wk in range(16):
        for admin1, (lat, lon) in places.items():
            rate = 12.0 if admin1 == "Deir ez-Zor" and wk >= 12 else 3.0
            for _ in range(rng.poisson(rate)):
                rows.append({"event_date": MONDAY + timedelta(weeks=wk, days=int(rng.integers(0, 7))),
                             "admin1": admin1, "location": f"{admin1} village", "latitude": lat + rng.normal(0, .2),
                             "longitude": lon + rng.normal(0, .2), "fatalities": int(rng.integers(0, 4)),
                             "event_type": ["Battles", "Explosions/Remote violence"][int(rng.integers(0, 2))]})
    rows.append({"event_date": MONDAY + timedelta(weeks=14), "admin1": "Homs", "location": '<script>alert(1)</script>',
                 "actor2": '"><img src=x onerror=alert(2)>', "latitude": 34.6, "longitude": 38.2,
                 "fatalities": 40, "fatalities_low": 35, "fatalities_high": 52, "n_sources": 3,
                 "source": "SANA; Syrian Observatory; North Press | wire"})
    with eng.begin() as conn:
        add_incidents(conn, rows)
    yield eng
    eng.dispose()
