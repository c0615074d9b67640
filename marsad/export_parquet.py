"""`marsad export -o events.parquet`: the ACLED columns (marsad.export.CSV_COLUMNS)
as an Apache Parquet file, typed (dates, integers, floats, nulls for missing
values), written in row groups so a large export never sits in memory whole.
Spark, pandas, DuckDB and Arrow read it directly."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from marsad.export import CSV_COLUMNS, ExportFilter, rows

GROUP_ROWS = 50_000

_INTS = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "injuries",
         "fatalities_low", "fatalities_high", "sources_count", "inter1", "inter2", "interaction"}
_FLOATS = {"latitude", "longitude"}


def schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name == "event_date":
            return pa.date32()
        if name in _INTS:
            return pa.int64()
        return pa.float64() if name in _FLOATS else pa.string()
    return pa.schema([(name, kind(name)) for name in CSV_COLUMNS])


def _typed(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name == "event_date":
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if name in _INTS:
        return int(value)
    return float(value) if name in _FLOATS else str(value)


def _groups(items: Iterable[dict[str, Any]], n: int) -> Iterator[list[dict[str, Any]]]:
    group: list[dict[str, Any]] = []
    for item in items:
        group.append(item)
        if len(group) >= n:
            yield group
            group = []
    if group:
        yield group


def write_parquet(engine: Any, path: str | Path, *, reports: bool = False, flt: ExportFilter | None = None,
                  group_rows: int = GROUP_ROWS) -> int:
    """Write the export to `path` (through `path`.part, renamed when complete); return the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    part = target.with_name(target.name + ".part")
    sch, n = schema(), 0
    try:
        with pq.ParquetWriter(part, sch, compression="zstd") as writer:
            for group in _groups(rows(engine, reports=reports, flt=flt), group_rows):
                cols = {name: [_typed(name, r.get(name)) for r in group] for name in CSV_COLUMNS}
                writer.write_table(pa.table(cols, schema=sch))
                n += len(group)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return n
