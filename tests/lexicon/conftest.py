from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """One extractor per session, with the built-in gazetteer only (no user places)."""
    from marsad.extract import Extractor

    return Extractor()
