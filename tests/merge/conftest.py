"""Fixtures for the merge tests: a fresh database (SQLite file, or PostgreSQL when
MARSAD_TEST_PG_URL is set) with marsad's tables, and a helper that stores an
article and merges its reports as the ingest pipeline does."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from marsad.merge import MergeDecision, merge_new
from marsad.store import Store
from marsad.store import engine as store_engine
from marsad.store.schema import metadata
from tests.merge.pairs import Doc
from tests.store.backends import pg_base_url


def make_store(url: str) -> Store:
    eng = store_engine.create(url)
    if eng.dialect.name == "postgresql":
        with eng.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    metadata.create_all(eng)
    return Store(eng, url)


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    s = make_store(f"sqlite:///{tmp_path / 'merge.db'}")
    yield s
    s.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request, tmp_path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'merge.db'}" if request.param == "sqlite" else pg_base_url()
    s = make_store(url)
    yield s
    s.close()


def ingest(store: Store, doc: Doc) -> list[MergeDecision]:
    """Save `doc` and merge its reports, as the pipeline does."""
    article, events = doc.build()
    res = store.save_article(article, events)
    with store.begin() as conn:
        return merge_new(conn, res.event_ids)


def canonical_of(store: Store, event_uid: str) -> int:
    from marsad.store.schema import events
    with store.engine.connect() as conn:
        return conn.execute(sa.select(events.c.canonical_id).where(events.c.event_uid == event_uid)).scalar_one()
