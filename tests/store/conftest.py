from __future__ import annotations

from collections.abc import Iterator

import pytest

from marsad.store import Store
from tests.store.backends import BACKENDS, Templates, empty_url, migrated_url


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"))
    yield t
    t.close()


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path, templates: Templates) -> str:
    """A database at the newest schema with every table empty, on each backend."""
    return migrated_url(request, tmp_path, templates)


@pytest.fixture(name="empty_url", params=BACKENDS)
def _empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database with nothing in it (not even marsad's tables), on each backend."""
    yield from empty_url(request, tmp_path)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = Store.open(url)
    yield s
    s.close()
