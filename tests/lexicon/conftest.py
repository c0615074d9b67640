from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor(tmp_path_factory):
    """One extractor per session, with the built-in gazetteer only (an empty user db)."""
    from marsad.extract import Extractor

    url = f"sqlite:///{tmp_path_factory.mktemp('ex') / 'none.db'}"
    return Extractor(db_url=url)
