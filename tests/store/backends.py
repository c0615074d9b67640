"""Databases for tests, on SQLite and on the PostgreSQL named by MARSAD_TEST_PG_URL.

`empty_url`: a database with nothing in it (a fresh SQLite file; a fresh
PostgreSQL schema, dropped afterwards) - for migration tests.
`url`: a database already migrated to head with every table empty - a copy of
a template SQLite file, or a session-wide PostgreSQL schema whose rows are
deleted before each test (migrating costs far more than deleting).
Shared by tests/store and tests/export.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from marsad.config import db_url
from marsad.store import Store
from marsad.store.schema import metadata
from tests.services import missing


def pg_base_url() -> str:
    url = os.environ.get("MARSAD_TEST_PG_URL")
    if not url:
        missing("MARSAD_TEST_PG_URL is not set", "point it at a PostgreSQL database, as .ci/run does")
    return db_url(url)


def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema; the schema is dropped after."""
    base = pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/marsad.db"
    else:
        yield from pg_schema_url()


class Templates:
    """Migrated databases made once per session, handed out empty."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sqlite: Path | None = None
        self.pg: Iterator[str] | None = None
        self.pg_url: str | None = None

    def sqlite_copy(self, tmp_path: Path) -> str:
        if self.sqlite is None:
            self.sqlite = self.folder / "template.db"
            Store.open(f"sqlite:///{self.sqlite}").close()
        shutil.copy(self.sqlite, tmp_path / "marsad.db")
        return f"sqlite:///{tmp_path}/marsad.db"

    def pg_emptied(self) -> str:
        if self.pg_url is None:
            self.pg = pg_schema_url()
            self.pg_url = next(self.pg)
            Store.open(self.pg_url).close()
        eng = create_engine(db_url(self.pg_url))
        with eng.begin() as conn:
            keep = {t.name for t in metadata.sorted_tables} | {"schema_migrations"}
            present = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars()
            others = [name for name in present if name not in keep]
            for name in others:                    # tables a test added
                conn.execute(text(f'DROP TABLE "{name}" CASCADE'))
            for t in reversed(metadata.sorted_tables):    # DELETE: far cheaper than TRUNCATE on tiny tables
                conn.execute(t.delete())
        eng.dispose()
        return self.pg_url

    def close(self) -> None:
        if self.pg is not None:
            for _ in self.pg:                      # runs the generator's cleanup
                pass


def migrated_url(request: pytest.FixtureRequest, tmp_path: Path, templates: Templates) -> str:
    if request.param == "sqlite":
        return templates.sqlite_copy(tmp_path)
    pg_base_url()                                  # skip or fail before touching the template
    return templates.pg_emptied()
