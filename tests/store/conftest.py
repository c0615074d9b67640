from __future__ import annotations

from collections.abc import Iterator

import pytest

from marsad.store import Store
from tests.store.backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database on each backend."""
    yield from backend_url(request, tmp_path)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = Store.open(url)
    yield s
    s.close()
