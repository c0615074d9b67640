"""Database URLs for tests: a fresh SQLite file, or a fresh schema in the
PostgreSQL database named by MARSAD_TEST_PG_URL (dropped afterwards).
Shared by tests/store and tests/export."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from marsad.config import db_url


def pg_base_url() -> str:
    url = os.environ.get("MARSAD_TEST_PG_URL")
    if not url:
        if os.environ.get("MARSAD_REQUIRE_SERVICES") == "1":
            pytest.fail("MARSAD_TEST_PG_URL is not set but MARSAD_REQUIRE_SERVICES=1")
        pytest.skip("MARSAD_TEST_PG_URL is not set")
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


def backend_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/marsad.db"
    else:
        yield from pg_schema_url()
