from __future__ import annotations

import pytest

from marsad.extract.actors import ActorMatcher


@pytest.fixture(scope="session")
def matcher() -> ActorMatcher:
    return ActorMatcher.load()
