from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import Column, Integer, create_engine, inspect, text

from marsad.config import db_url
from marsad.errors import StoreError
from marsad.store import Store, migrate, search
from marsad.store.schema import metadata


@pytest.fixture
def url(empty_url: str) -> str:
    """Migration tests start from a database with nothing in it."""
    return empty_url


def test_empty_database_migrates_to_exactly_schema_py(url: str) -> None:
    with Store.open(url) as store, store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head() is not None
        assert migrate.differences(conn) == []
        tables = set(inspect(conn).get_table_names())
        text_index = {t for t in tables if t.startswith(search.FTS_TABLE)}
        assert set(metadata.tables) | {migrate.VERSION_TABLE} == tables - text_index
        # SQLite also gets the trigram text index (the table and FTS5's own four); PostgreSQL none
        assert len(text_index) == (5 if conn.dialect.name == "sqlite" else 0)


def test_opening_again_changes_nothing(url: str) -> None:
    before, after = migrate.upgrade(Store.open(url).engine)
    assert before == after == migrate.head()


def test_concurrent_first_opens_both_succeed(url: str) -> None:
    code = f"from marsad.store import Store; Store.open({url!r}).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    errs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    with Store.open(url) as store, store.engine.connect() as conn:
        assert migrate.differences(conn) == []


def test_unversioned_database_matching_schema_is_stamped(url: str) -> None:
    eng = create_engine(db_url(url))
    metadata.create_all(eng)
    eng.dispose()
    with Store.open(url) as store:
        assert store.revision() == migrate.head()


def test_database_with_only_the_gazetteer_tables_is_completed(url: str) -> None:
    """`marsad gazetteer add` on a new database creates only user_places / user_aliases."""
    from marsad.store.schema import user_aliases, user_places
    eng = create_engine(db_url(url))
    metadata.create_all(eng, tables=[user_places, user_aliases])
    eng.dispose()
    with Store.open(url) as store, store.engine.connect() as conn:
        assert store.revision() == migrate.head()
        assert migrate.differences(conn) == []


def test_unversioned_database_missing_an_index_gets_it(url: str) -> None:
    eng = create_engine(db_url(url))
    metadata.create_all(eng)
    with eng.begin() as conn:
        conn.execute(text("DROP INDEX ix_events_event_date"))
    eng.dispose()
    with Store.open(url) as store, store.engine.connect() as conn:
        assert "ix_events_event_date" in {i["name"] for i in inspect(conn).get_indexes("events")}
        assert migrate.differences(conn) == []


def test_unversioned_database_that_differs_is_refused(url: str) -> None:
    eng = create_engine(db_url(url))
    metadata.create_all(eng)
    with eng.begin() as conn:
        conn.execute(text("ALTER TABLE documents ADD COLUMN stray INTEGER"))
    eng.dispose()
    with pytest.raises(StoreError, match="no schema version"):
        Store.open(url)


def test_database_from_a_newer_marsad_is_refused(url: str) -> None:
    Store.open(url).close()
    eng = create_engine(db_url(url))
    with eng.begin() as conn:
        conn.execute(text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = 'ffffffffffff'"))
    eng.dispose()
    with pytest.raises(StoreError, match="newer than this marsad"):
        Store.open(url)


def test_other_applications_tables_are_left_alone(url: str) -> None:
    from sqlalchemy import MetaData, Table
    other = MetaData()
    Table("their_table", other, Column("id", Integer, primary_key=True))
    eng = create_engine(db_url(url))
    other.create_all(eng)
    eng.dispose()
    with Store.open(url) as store, store.engine.connect() as conn:
        assert "their_table" in inspect(conn).get_table_names()
        assert migrate.differences(conn) == []


def test_upgrade_from_the_first_revision_keeps_data(url: str) -> None:
    """A database made by the first migration, with an article in it, upgrades to head intact."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from marsad.store import engine as store_engine
    from tests.store.writer import article

    first = list(ScriptDirectory.from_config(migrate._config()).walk_revisions())[-1].revision
    eng = store_engine.create(db_url(url))
    with eng.connect() as conn, conn.begin():
        command.upgrade(migrate._config(conn), first)
    with eng.begin() as conn:           # only columns the first revision surely has
        conn.execute(text("INSERT INTO documents (doc_id, content_hash, text, n_events, ingested_at) "
                          "VALUES ('old-1', :h, 'An old article.', 0, :t)"),
                     {"h": "0" * 64, "t": datetime(2024, 1, 1, tzinfo=UTC)})
    eng.dispose()
    with Store.open(url) as store, store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert migrate.differences(conn) == []
        assert store.find_document(doc_id="old-1") is not None
        assert store.save_article(*article(1)).created
