"""Property-based checks of the API against its own OpenAPI schema (schemathesis).

Every read operation gets a bounded number of generated requests, valid and
invalid; responses must never be 5xx, must use a declared status and content
type, and must match the declared schema (errors: the one error shape).
POST /api/articles runs the extractor, so it is tested by hand in test_api.py.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from marsad.config import Options


@pytest.fixture(scope="module")
def web_schema(sample_db):
    from marsad.web.app import create_app

    app = create_app(sample_db[0], Options(db=sample_db[0], api_key=None))
    return schemathesis.openapi.from_asgi("/openapi.json", app).exclude(method="POST")


def _operations(schema):
    return [r.ok() for r in schema.get_all_operations()]


def test_schema_covers_the_read_api(web_schema):
    paths = {op.path for op in _operations(web_schema)}
    assert {"/api/events", "/api/events/{event_id}", "/api/counts", "/api/geojson", "/api/documents",
            "/api/documents/{document_id}", "/api/facets", "/api/surges", "/api/stats"} <= paths


def test_api_matches_its_schema(web_schema):
    failures = []
    for op in _operations(web_schema):
        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate()

        try:
            run()
        except Exception as e:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{op.method.upper()} {op.path}: {e}")
    assert not failures, "\n\n".join(failures)
