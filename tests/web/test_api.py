"""The JSON API over HTTP (FastAPI's TestClient, a real SQLite file)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.config import Options
from tests.web.sample import HOSTILE, HOSTILE_ACTOR, build


def assert_error(r, status: int, code: str | None = None) -> dict:
    """Every error, whatever raised it, has the same JSON shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "fix", "details"}
    assert err["status"] == status and isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code
    return err


def test_events_filters_paging_sorting(client, ids):
    r = client.get("/api/events", params={"country": "Syria", "sort": "-fatalities", "limit": 2})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 3 and page["limit"] == 2 and page["offset"] == 0
    assert [e["id"] for e in page["items"]] == [ids["hajin"], ids["idlib"]]
    r = client.get("/api/events", params={"actor": "islamic state", "since": "2024-05-01",
                                          "bbox": "40,34,41,35", "type": "Battles"})
    assert [e["id"] for e in r.json()["items"]] == [ids["hajin"]]
    assert client.get("/api/events", params={"q": "kirkuk"}).json()["total"] == 1


def test_paging_edges(client):
    assert client.get("/api/events", params={"limit": 0}).json() == {"total": 4, "limit": 0, "offset": 0,
                                                                     "items": []}
    past = client.get("/api/events", params={"offset": 100}).json()
    assert past["total"] == 4 and past["items"] == []
    assert client.get("/api/events", params={"country": "Atlantis"}).json()["total"] == 0


def test_html_404_for_people_json_404_for_programs(client):
    r = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "nothing at /no/such/page" in r.text
    assert_error(client.get("/api/nope", headers={"Accept": "text/html"}), 404)      # the API stays JSON


def test_event_detail_has_reports_evidence_and_sources(client, ids):
    ev = client.get(f"/api/events/{ids['hajin']}").json()
    assert ev["n_sources"] == 2 and len(ev["reports"]) == 2
    urls = sorted(r["document"]["url"] for r in ev["reports"])
    assert urls == ["https://example.net/news/hajin-checkpoint", "https://example.org/hajin"]
    for rep in ev["reports"]:
        span = rep["evidence"][0]
        assert rep["document"]["text"][span["start"]:span["end"]] == span["text"]


def test_counts(client):
    weeks = client.get("/api/counts", params={"by": "week"}).json()
    assert weeks["by"] == "week" and weeks["items"][-1] == {
        "key": "2024-05-06", "n": 1, "fatalities": 4, "types": {"Battles": 1}}
    types = client.get("/api/counts", params={"by": "type", "country": "Iraq"}).json()["items"]
    assert types == [{"key": "Protests", "n": 1, "fatalities": 0}]
    assert_error(client.get("/api/counts", params={"by": "month"}), 422, "invalid_request")


def test_geojson_is_lon_lat(client, ids):
    r = client.get("/api/geojson", params={"country": "Iraq"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == 1
    (feat,) = fc["features"]
    assert feat["geometry"] == {"type": "Point", "coordinates": [44.39, 35.47]}
    assert feat["properties"]["id"] == ids["kirkuk"]


def test_documents(client):
    page = client.get("/api/documents", params={"q": "valley"}).json()
    assert page["total"] == 1 and "text" not in page["items"][0]
    doc = client.get(f"/api/documents/{page['items'][0]['id']}").json()
    assert doc["text"].startswith("An SDF checkpoint") and len(doc["events"]) == 1


def test_facets_stats_surges(client):
    f = client.get("/api/facets").json()
    assert "Idlib" in f["admin1"] and "Islamic State" in f["actors"]
    assert client.get("/api/stats").json()["events"] == 4
    s = client.get("/api/surges").json()
    assert s["available"] == (importlib.util.find_spec("marsad.trends") is not None)


@pytest.mark.parametrize("method, path, params, status", [
    ("get", "/api/events/999999", None, 404),
    ("get", "/api/documents/999999", None, 404),
    ("get", "/api/no-such-thing", None, 404),
    ("get", "/api/events/abc", None, 422),
    ("get", "/api/events", {"limit": "5000"}, 422),
    ("get", "/api/events", {"since": "yesterday"}, 422),
    ("get", "/api/events", {"bbox": "1,2,3"}, 422),
    ("get", "/api/events", {"bbox": "10,95,20,40"}, 422),
    ("get", "/api/events", {"bbox": "181,5,20,40"}, 422),
    ("get", "/api/events", {"bbox": "nan,1,2,3"}, 422),
    ("get", "/api/events", {"sort": "-secret"}, 422),
    ("delete", "/api/events", None, 405),
    ("post", "/api/articles", None, 403),            # no key configured: ingest is off
])
def test_one_error_shape_everywhere(client, method, path, params, status):
    assert_error(getattr(client, method)(path, params=params), status)


def test_hostile_text_is_plain_json(client, ids):
    r = client.get(f"/api/events/{ids['hostile']}")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    ev = r.json()
    assert ev["actor1"] == HOSTILE_ACTOR and HOSTILE in ev["reports"][0]["document"]["text"]


def test_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/counts", "/api/geojson",
            "/api/documents", "/api/articles"} <= set(schema["paths"])
    assert "4XX" in schema["paths"]["/api/events"]["get"]["responses"]


@pytest.fixture()
def keyed(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    build(url)
    from marsad.web.app import create_app

    with TestClient(create_app(url, Options(db=url, api_key="s3cret-key"))) as c:
        yield c


ARTICLE = {"text": "Unknown gunmen shot dead two men at a market in Mayadin on Sunday, residents said.",
           "published": "2024-06-03", "outlet": "Test Desk", "url": "https://example.org/mayadin"}


def test_ingest_needs_the_key(keyed):
    body = {"articles": [ARTICLE]}
    err = assert_error(keyed.post("/api/articles", json=body), 401, "unauthorized")
    assert "X-API-Key" in err["fix"]
    assert_error(keyed.post("/api/articles", json=body, headers={"X-API-Key": "wrong"}), 401)
    assert_error(keyed.post("/api/articles", json={"articles": "nope"}), 401)   # refused before parsing
    assert_error(keyed.post("/api/articles", json={"articles": []}, headers={"X-API-Key": "s3cret-key"}), 422)
    assert keyed.get("/api/stats").json()["documents"] == 5


@pytest.mark.slow
def test_ingest_with_the_key_stores_the_article(keyed):
    r = keyed.post("/api/articles", json={"articles": [ARTICLE]},
                   headers={"Authorization": "Bearer s3cret-key"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["received"] == 1 and out["created"] == 1
    assert keyed.get("/api/stats").json()["documents"] == 6
    (canonical,) = out["articles"][0]["canonical_ids"]            # extracted, stored, merged
    ev = keyed.get(f"/api/events/{canonical}").json()
    report = ev["reports"][0]
    assert report["document"]["url"] == ARTICLE["url"] and report["evidence"][0]["located"]
    assert "Mayadin" in report["evidence"][0]["text"]
    again = keyed.post("/api/articles", json={"articles": [ARTICLE]}, headers={"X-API-Key": "s3cret-key"}).json()
    assert again["created"] == 0 and again["articles"][0]["created"] is False


@pytest.mark.slow
def test_a_batch_with_an_implausible_date_is_refused_whole_naming_it(keyed):
    """Before: the articles before the bad one were stored, then a 500."""
    good = {**ARTICLE, "url": "https://example.org/mayadin-2"}
    bad = {**ARTICLE, "url": "https://example.org/far-future", "published": "9999-12-31"}
    err = assert_error(keyed.post("/api/articles", json={"articles": [good, bad]},
                                  headers={"X-API-Key": "s3cret-key"}), 422, "invalid_articles")
    assert "nothing was stored" in err["message"]
    (named,) = err["details"]
    assert named["index"] == 1 and "9999-12-31" in named["message"] and named["fix"]
    assert keyed.get("/api/stats").json()["documents"] == 5
