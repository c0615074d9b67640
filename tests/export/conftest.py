"""The export tests use the store tests' databases: each backend, migrated and empty."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.store import Store
from tests.export.data import build
from tests.store.conftest import _empty_url, store, templates, url  # noqa: F401  (shared fixtures)


@pytest.fixture
def filled_url(url: str, tmp_path: Path) -> str:  # noqa: F811  (url is the store tests' fixture)
    """A database on each backend holding the export tests' events."""
    with Store.open(url) as st:
        build(st, tmp_path)
    return url
