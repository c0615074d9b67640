"""Extraction on Apache Spark in local mode gives the same events as in process."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.services import missing

pytestmark = [pytest.mark.spark, pytest.mark.slow]

ARTICLES = [
    {"doc_id": "s1", "published": "2023-03-06", "outlet": "Test Wire",
     "text": "ISIS militants attacked a checkpoint of the Syrian Democratic Forces in the town of "
             "Al-Busayrah on Sunday, killing two fighters."},
    {"doc_id": "s2", "published": "2023-03-07", "outlet": "Test Wire",
     "text": "A roadside bomb killed three soldiers near Tikrit on Monday, security sources said."},
    {"doc_id": "s3", "published": "2023-03-07", "outlet": "Test Wire", "text": "The weather was mild."},
]


def _java() -> bool:
    return shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark_available() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing("pyspark is not installed", "pip install -e '.[dev]'")
    if not _java():
        missing("no java on PATH", "Spark needs Java: apt-get install default-jre-headless")


def test_spark_local_mode_matches_in_process(spark_available, tmp_path):
    from marsad import spark
    from marsad.extract import Extractor

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    counts = spark.run(str(src), str(out), master="local[2]", partitions=2)
    rows = [json.loads(line) for part in sorted(out.glob("part-*")) for line in part.read_text().splitlines()]
    events = [r for r in rows if "error" not in r]
    errors = [r for r in rows if "error" in r]
    assert counts == {"articles": 4, "events": len(events), "errors": 1}
    assert len(errors) == 1 and "bad input line" in errors[0]["error"]

    ex = Extractor()
    expected = [e.to_row() for a in ARTICLES for e in ex.extract(spark._article(a))]
    key = lambda r: (r["doc_id"], r["event_date"], r["sub_event_type"], r["location"])
    assert sorted(map(key, events)) == sorted(map(key, expected))
    assert {r["doc_id"] for r in events} == {"s1", "s2"}
