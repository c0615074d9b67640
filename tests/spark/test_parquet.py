"""`marsad export -o events.parquet` is read by Spark as it is: typed columns, every row."""
from __future__ import annotations

import datetime as dt

import pytest

from marsad.cli import main
from tests.spark.test_spark import spark_available  # noqa: F401  (fixture)

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_reads_the_parquet_export(spark_available, sample_db_url, tmp_path, capsys):  # noqa: F811
    from pyspark.sql import SparkSession

    out = tmp_path / "events.parquet"
    with pytest.raises(SystemExit) as done:
        main(["--db", sample_db_url, "export", "-o", str(out)])
    assert done.value.code == 0
    spark = SparkSession.builder.master("local[1]").appName("marsad-parquet-test").getOrCreate()
    try:
        df = spark.read.parquet(str(out))
        types = dict(df.dtypes)
        assert types["event_date"] == "date" and types["fatalities"] == "bigint" and types["latitude"] == "double"
        rows = df.orderBy("event_date").collect()
        assert len(rows) == 4 and rows[0]["event_date"] == dt.date(2024, 3, 3)
        assert df.groupBy("country").count().count() == 2
    finally:
        spark.stop()


@pytest.fixture()
def sample_db_url(tmp_path) -> str:
    from tests.web.sample import build

    url = f"sqlite:///{tmp_path / 'sample.db'}"
    build(url)
    return url
