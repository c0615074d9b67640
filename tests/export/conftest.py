"""The export tests use the store tests' databases: each backend, migrated and empty."""
from __future__ import annotations

from tests.store.conftest import _empty_url, store, templates, url  # noqa: F401  (shared fixtures)
