"""Extraction on Apache Spark, for corpora that outgrow one machine.

    marsad-spark: python -m marsad.spark INPUT.jsonl OUTPUT_DIR [--master local[2]] [--partitions N]

Each Spark partition loads marsad's extractor once (spaCy model, actors,
gazetteer) and maps its articles to event rows; the rows are written as JSON
lines (one part file per partition) with the same columns as `marsad extract`.
Only the driver reads the input path; executors receive article records, so the
same code runs in local mode and on a cluster (ship marsad as a wheel with
--py-files or install it on the workers).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from marsad.acled import extract_row
from marsad.records import Article


def _article(rec: dict[str, Any]) -> Article:
    pub = rec.get("published")
    return Article(
        doc_id=str(rec["doc_id"]), text=rec.get("text") or "",
        published=date.fromisoformat(str(pub)[:10]) if pub else None,
        url=rec.get("url"), outlet=rec.get("outlet"), title=rec.get("title"),
    )


def extract_partition(records: Iterable[str]) -> Iterator[str]:
    """Spark mapPartitions function: JSONL article lines in, JSON event rows out."""
    from marsad.errors import InputError
    from marsad.extract import Extractor
    from marsad.ingest.checks import check_article

    extractor = Extractor()
    for line in records:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            article = check_article(_article(rec))      # a plausible date, a text the model takes
        except (ValueError, KeyError, TypeError, InputError) as e:
            yield json.dumps({"error": f"bad input line: {e}", "line": line[:200]})
            continue
        for ev in extractor.extract(article):
            yield json.dumps(extract_row(ev), ensure_ascii=False)


def run(input_path: str, output_dir: str, *, master: str = "local[2]", partitions: int | None = None) -> dict[str, int]:
    """Extract every article of a JSONL file with Spark; returns counts."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("marsad-extract")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.host", "127.0.0.1")
             .getOrCreate())
    try:
        lines = spark.sparkContext.textFile(input_path, minPartitions=partitions or 2)
        rows = lines.mapPartitions(extract_partition).cache()
        rows.saveAsTextFile(output_dir)
        n_err = rows.filter(lambda r: r.startswith('{"error"')).count()
        return {"articles": lines.filter(lambda s: bool(s.strip())).count(),
                "events": rows.count() - n_err, "errors": n_err}
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m marsad.spark", description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("output_dir")
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=None)
    a = p.parse_args(argv)
    counts = run(a.input, a.output_dir, master=a.master, partitions=a.partitions)
    print(json.dumps(counts), file=sys.stderr)
    return 1 if counts["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
