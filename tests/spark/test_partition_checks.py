"""The Spark partition function checks each article as `extract` does: an implausible
date is an error row naming the line, and the rest of the partition goes on."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


def test_bad_date_is_an_error_row_and_the_rest_goes_on():
    from marsad.spark import extract_partition

    lines = [json.dumps({"doc_id": "far", "published": "9999-12-31", "text": "Shelling hit Idlib on Monday."}),
             json.dumps({"doc_id": "ok", "published": "2024-03-04",
                         "text": "Gunmen attacked a police checkpoint in Kirkuk on Sunday, killing three policemen."})]
    rows = [json.loads(r) for r in extract_partition(lines)]
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 1 and "9999-12-31 is not plausible" in errors[0]["error"]
    assert any(r.get("doc_id") == "ok" for r in rows if "error" not in r)
