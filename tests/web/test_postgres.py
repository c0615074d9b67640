"""The read side and the API on PostgreSQL (MARSAD_TEST_PG_URL): the same
answers as on SQLite, ILIKE instead of LIKE, and no 5xx on odd input."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from marsad.config import Options
from marsad.store import Store
from marsad.store.queries import EventFilter, count_events, get_event, list_events
from tests.store.backends import pg_schema_url
from tests.web.sample import HOSTILE, build

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[str, dict[str, int]]]:
    gen = pg_schema_url()
    url = next(gen)
    try:
        yield url, build(url)
    finally:
        gen.close()


@pytest.fixture(scope="module")
def pg_conn(pg):
    store = Store.open(pg[0])
    with store.engine.connect() as conn:
        yield conn
    store.close()


def test_filters_and_sorting_match_sqlite(pg_conn, pg):
    ids = pg[1]
    rows, total = list_events(pg_conn, EventFilter())
    assert total == 4 and [r["id"] for r in rows] == [ids["hajin"], ids["hostile"], ids["idlib"], ids["kirkuk"]]
    assert list_events(pg_conn, EventFilter(actor="DEMOCRATIC forces"))[1] == 1
    assert list_events(pg_conn, EventFilter(text="SARMIN"))[1] == 1
    assert list_events(pg_conn, EventFilter(text="50%"))[1] == 0
    assert list_events(pg_conn, EventFilter(country="iraq", since=date(2024, 1, 1)))[1] == 1
    assert list_events(pg_conn, EventFilter(origin="marsad"))[1] == 4
    rows, _ = list_events(pg_conn, EventFilter(), sort="fatalities,-event_date")
    assert [r["fatalities"] for r in rows] == [0, 0, 2, 4]


def test_counts_and_detail(pg_conn, pg):
    weeks = count_events(pg_conn, EventFilter(), "week")
    assert [w["key"] for w in weeks] == ["2024-02-26", "2024-04-15", "2024-04-29", "2024-05-06"]
    actors = {r["key"]: r["n"] for r in count_events(pg_conn, EventFilter(), "actor")}
    assert actors["Civilians (Syria)"] == 2
    ev = get_event(pg_conn, pg[1]["hostile"])
    assert HOSTILE in ev["reports"][0]["document"]["text"] and ev["reports"][0]["evidence"][0]["located"]


@pytest.fixture(scope="module")
def pg_app(pg):
    from marsad.web.app import create_app

    app = create_app(pg[0], Options(db=pg[0], api_key=None))
    with TestClient(app) as c:
        yield app, c


def test_api_and_pages_on_postgres(pg_app, pg):
    _, c = pg_app
    assert c.get("/api/events", params={"q": "kirkuk"}).json()["total"] == 1
    assert c.get(f"/events/{pg[1]['hajin']}").text.count('<mark class="evidence"') == 2
    assert "4 events match" in c.get("/light").text
    r = c.get("/api/events", params={"q": "a\x00b"})          # PostgreSQL refuses NUL in text
    assert r.status_code == 200 and r.json()["total"] == 0


def test_schema_on_postgres(pg_app):
    app, _ = pg_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(method="POST")
    failures = []
    for result in schema.get_all_operations():
        op = result.ok()

        @given(case=op.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate()

        try:
            run()
        except Exception as e:  # noqa: BLE001 - report every operation's failure at once
            failures.append(f"{op.method.upper()} {op.path}: {e}")
    assert not failures, "\n\n".join(failures)
