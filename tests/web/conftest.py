from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.config import Options
from tests.web.sample import build


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    """An SQLite file holding the sample articles (built once; tests only read it)."""
    path: Path = tmp_path_factory.mktemp("web") / "sample.db"
    url = f"sqlite:///{path}"
    return url, build(url)


@pytest.fixture(scope="session")
def ids(sample_db: tuple[str, dict[str, int]]) -> dict[str, int]:
    return sample_db[1]


@pytest.fixture(scope="session")
def client(sample_db: tuple[str, dict[str, int]]) -> Iterator[TestClient]:
    from marsad.web.app import create_app

    app = create_app(sample_db[0], Options(db=sample_db[0], api_key=None, tile_url=None))
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def conn(sample_db: tuple[str, dict[str, int]]) -> Iterator[object]:
    from marsad.store import Store

    store = Store.open(sample_db[0])
    with store.engine.connect() as c:
        yield c
    store.close()
