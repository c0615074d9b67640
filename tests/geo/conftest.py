"""Fixtures for the geocoder tests: one gazetteer per session (the cached
GeoNames index loads in about a second), fresh databases on SQLite and
PostgreSQL, and a real HTTP server on 127.0.0.1 for GeoNames downloads."""
from __future__ import annotations

import functools
import http.server
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from marsad.config import db_url
from marsad.geo import Gazetteer, Geocoder


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def geo(gaz: Gazetteer) -> Geocoder:
    return Geocoder(gaz)


def _pg_url() -> Iterator[str]:
    base = os.environ.get("MARSAD_TEST_PG_URL")
    if not base:
        if os.environ.get("MARSAD_REQUIRE_SERVICES") == "1":
            pytest.fail("MARSAD_TEST_PG_URL is not set but MARSAD_REQUIRE_SERVICES=1")
        pytest.skip("MARSAD_TEST_PG_URL is not set")
    base = db_url(base)
    schema = f"geo_{uuid.uuid4().hex[:10]}"
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/places.db"
    else:
        yield from _pg_url()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_dir(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A directory served by a real HTTP server on 127.0.0.1: (path, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield root, f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()
