"""/light and /api/geojson are kept until the data changes: a second request is served
from the cache, and a write by another connection (as `marsad ingest` beside the
server) is seen at once."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.config import Options
from marsad.records import Article, Event, Place
from marsad.store import Store
from tests.store.backends import pg_schema_url
from tests.web.sample import build


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request, tmp_path: Path):
    from marsad.web.app import create_app

    gen = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'c.db'}"
    else:
        gen = pg_schema_url()
        url = next(gen)
    try:
        build(url)
        app = create_app(url, Options(db=url, api_key=None, tile_url=None))
        with TestClient(app) as c:
            yield c, app, url
    finally:
        if gen is not None:
            gen.close()


def _add_event(url: str, name: str) -> None:
    art = Article(doc_id=f"new-{name}", text=f"Clashes near {name} on Sunday killed two fighters.",
                  published=date(2024, 5, 12), outlet="Later Desk", url=f"https://example.org/{name}")
    ev = Event(doc_id=art.doc_id, event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 5, 12),
               actor1="Syrian Democratic Forces", place=Place(location=name, latitude=35.9, longitude=39.0,
                                                               country="Syria", admin1="Ar-Raqqa", geo_precision=1),
               fatalities=2)
    with Store.open(url) as other:                  # another connection, as another process would be
        other.save_article(art, [ev])


@pytest.mark.parametrize("path", ["/light", "/api/geojson"])
def test_second_request_is_a_hit_and_a_write_is_seen(served, path):
    client, app, url = served
    cache = app.state.cache
    first = client.get(path)
    assert first.status_code == 200
    hits = cache.hits
    again = client.get(path)
    assert again.content == first.content and cache.hits == hits + 1
    _add_event(url, "Al-Karamah")
    after = client.get(path)
    assert "Al-Karamah" in after.text and "Al-Karamah" not in first.text
    assert cache.hits == hits + 1                   # the write made it a miss


def test_filters_are_cached_apart_and_gzip_is_the_same_body(served):
    client, _, _ = served
    everything = client.get("/api/geojson").json()
    iraq = client.get("/api/geojson", params={"country": "Iraq"}).json()
    assert iraq["total"] < everything["total"]
    r = client.get("/api/geojson", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    plain = client.get("/api/geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert r.json() == plain.json() == everything
