"""Fixtures for the geocoder tests: one gazetteer per session (the cached
GeoNames index loads in about a second), fresh databases on SQLite and
PostgreSQL, and a real HTTP server on 127.0.0.1 for GeoNames downloads."""
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.geo import Gazetteer, Geocoder
from tests.store.backends import BACKENDS, empty_url


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def geo(gaz: Gazetteer) -> Geocoder:
    return Geocoder(gaz)


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (the store tests' helper)."""
    yield from empty_url(request, tmp_path)


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
