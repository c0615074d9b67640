"""Export stored events: ACLED-compatible CSV, GeoJSON and JSONL.

By default one line per incident (canonical event, which may gather several
reports); ``reports=True`` gives one line per report.

* ``acled-csv``: every column of ACLED's 2024 export, in ACLED's order, then
  marsad's own: marsad_id, marsad_actor1 ... marsad_assoc_actor_2 (marsad's short
  actor names), injuries, fatalities_low, fatalities_high, sources_count,
  evidence_text.  For marsad's events the actors carry ACLED's names ("Military
  Forces of Mali (2021-)", "Civilians (Somalia)") and inter1/inter2,
  interaction, civilian_targeting, region and country follow ACLED's codebook
  (marsad.acled); admin3, source_scale and tags stay empty (marsad does not
  know them).  An imported ACLED row is written back as ACLED wrote it.
  ``event_id_cnty`` is the ACLED id of an imported row, else ISO3 + a number
  drawn from the marsad report id (``doc_id:index``, in marsad_id), so ids
  survive re-ingesting into a new database; a canonical event takes the id of
  its first report (an ACLED one if it has any).
* ``geojson``: a FeatureCollection of Points whose properties are the CSV row
  (an event without coordinates has a null geometry).
* ``jsonl``: every stored field, one event per line with its reports, their
  evidence (the sentences that tell each report, roles trigger/title/detail, and
  the words each field came from, roles date/place/actor1/actor2/fatalities/type,
  with offsets into the document text), their documents (the full document - text included - the first
  time it appears in the file, then only its doc_id) and merge decisions, so
  that `import_jsonl` rebuilds the same database.  Internal row ids are left
  out: they differ from one database to another.

    >>> import io
    >>> from marsad.store import Store
    >>> store = Store.open("sqlite://")
    >>> out = io.StringIO()
    >>> export(store.engine, "acled-csv", out)
    0
    >>> out.getvalue().split(",")[:3]
    ['event_id_cnty', 'event_date', 'year']
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, Select, case, select
from sqlalchemy.orm import aliased

from marsad import acled
from marsad.acled import disorder_type  # noqa: F401  (marsad.export.disorder_type, as before)
from marsad.csvsafe import SafeWriter
from marsad.errors import ConfigError
from marsad.geojson import feature
from marsad.records import ACTOR_COLUMNS
from marsad.store.filters import EventFilter, where
from marsad.store.schema import (
    ACLED_EXTRA,
    CANONICAL_FIELDS,
    DOCUMENT_FIELDS,
    REPORT_FIELDS,
    canonical_events,
    documents,
    events,
    evidence,
    merge_blocks,
    merge_links,
)
from marsad.store.stored import EventColumns, StoredEvent, StoredReport, stored_event, stored_report

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
# The file name extension of each format (`marsad export -o FILE` picks the format by it).
EXTENSIONS = {".csv": "acled-csv", ".geojson": "geojson", ".json": "geojson", ".jsonl": "jsonl",
              ".parquet": "parquet"}

ACLED_EXPORT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
CSV_COLUMNS = ACLED_EXPORT_COLUMNS + (
    # marsad's own
    "marsad_id", "marsad_actor1", "marsad_assoc_actor_1", "marsad_actor2", "marsad_assoc_actor_2",
    "injuries", "fatalities_low", "fatalities_high", "sources_count", "evidence_text",
)

_CHUNK = 500


# Which events to export: the filter language every reader shares
# (marsad.store.filters), applied to canonical events or to reports alike.
ExportFilter = EventFilter


# --------------------------------------------------------------------------- values

def to_json_value(value: Any) -> Any:
    """Dates as ISO strings, timestamps in UTC ISO form; everything else as is."""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _epoch(value: Any) -> int | str:
    if not isinstance(value, datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _round(x: float | None) -> float | str:
    return "" if x is None else round(x, 5)


def acled_row(ev: EventColumns, *, event_id_cnty: str, timestamp: Any, sources_count: int,
              fatalities_low: int, fatalities_high: int, evidence_text: str, marsad_id: str = "",
              extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One ACLED CSV / GeoJSON row from a report or canonical event's columns.  `extra`:
    the ACLED columns of an imported row, written back as they came; without it the
    actor names and codes are derived (marsad.acled)."""
    d = ev.event_date
    if extra is not None:
        coded = {k: getattr(ev, k) for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country")}
        coded.update({k: extra.get(k, "") for k in ACLED_EXTRA})
    else:
        coded = {**acled.codes(asdict(ev)), "admin3": "", "source_scale": "", "tags": "", "timestamp": _epoch(timestamp)}
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": d.isoformat() if d else "",
        "year": d.year if d else "",
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        **coded,
        "iso": "" if ev.iso is None else ev.iso,
        "admin1": ev.admin1, "admin2": ev.admin2,
        "location": ev.location,
        "latitude": _round(ev.latitude), "longitude": _round(ev.longitude),
        "geo_precision": "" if ev.geo_precision is None else ev.geo_precision,
        "source": ev.source, "notes": ev.notes,
        "fatalities": ev.fatalities,
        "marsad_id": marsad_id, "stored_country": ev.country,
        "marsad_actor1": ev.actor1, "marsad_assoc_actor_1": ev.assoc_actor_1,
        "marsad_actor2": ev.actor2, "marsad_assoc_actor_2": ev.assoc_actor_2,
        "injuries": "" if ev.injuries is None else ev.injuries,
        "fatalities_low": fatalities_low, "fatalities_high": fatalities_high,
        "sources_count": sources_count,
        "evidence_text": evidence_text,
    }


def _extra(report: StoredReport | None) -> dict[str, Any] | None:
    raw = report.acled_extra if report is not None else None
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _acled_report(reports: list[StoredReport], ev: StoredEvent) -> StoredReport | None:
    """The imported ACLED report whose actors the event still has (its codes still hold)."""
    return next((r for r in reports if r.origin == "acled-import" and r.actor1 == ev.actor1
                 and r.actor2 == ev.actor2), None)


def report_key(report: StoredReport) -> str:
    """event_id_cnty of a report: ACLED's own id for an imported row, else ISO3 + a number
    drawn from marsad's id (marsad.acled.event_id_cnty)."""
    uid = str(report.event_uid)
    if report.origin == "acled-import" and uid.startswith("acled:"):
        return uid[len("acled:"):]
    return acled.event_id_cnty(uid, report.country_code)


# --------------------------------------------------------------------------- reading

def _order(table: Any) -> list[Any]:
    # the same order on SQLite and PostgreSQL: undated last, then by date, then by id
    return [case((table.c.event_date.is_(None), 1), else_=0), table.c.event_date, table.c.id]


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _reports_by(conn: Connection, column: Any, ids: Sequence[int]) -> list[StoredReport]:
    q = select(events).where(column.in_(ids)).order_by(events.c.id)
    return [stored_report(r) for r in conn.execute(q).mappings()]


def _evidence_of(conn: Connection, report_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in report_ids}
    q = (select(evidence.c.event_id, evidence.c.start, evidence.c.end, evidence.c.text, evidence.c.role)
         .where(evidence.c.event_id.in_(report_ids)).order_by(evidence.c.id))
    for r in conn.execute(q).mappings():
        out[r["event_id"]].append({k: r[k] for k in ("start", "end", "text", "role")})
    return out


def _links_of(conn: Connection, canonical_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    me, other = aliased(events), aliased(events)
    ml = merge_links
    q = (select(ml.c.canonical_id, me.c.event_uid, other.c.event_uid.label("matched_event_uid"),
                ml.c.score, ml.c.reasons, ml.c.decided_at, ml.c.undone)
         .join(me, me.c.id == ml.c.event_id).outerjoin(other, other.c.id == ml.c.matched_event_id)
         .where(ml.c.canonical_id.in_(canonical_ids)).order_by(ml.c.id))
    out: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(q).mappings():
        d = {k: to_json_value(v) for k, v in r.items() if k != "canonical_id"}
        d["undone"] = bool(d["undone"])
        out.setdefault(r["canonical_id"], []).append(d)
    return out


def _blocks_of(conn: Connection, report_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    b = aliased(events)
    q = (select(merge_blocks.c.event_a, b.c.event_uid, merge_blocks.c.created_at)
         .join(b, b.c.id == merge_blocks.c.event_b)
         .where(merge_blocks.c.event_a.in_(report_ids)).order_by(merge_blocks.c.id))
    out: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(q).mappings():
        out.setdefault(r["event_a"], []).append(
            {"event_uid": r["event_uid"], "created_at": to_json_value(r["created_at"])})
    return out


class _Documents:
    """Documents of reports: whole the first time one is written, then by doc_id."""

    def __init__(self, full: bool):
        self.full = full
        self.seen: set[int] = set()

    def fetch(self, conn: Connection, doc_ids: Iterable[int | None]) -> dict[int, dict[str, Any]]:
        ids = {i for i in doc_ids if i is not None}
        brief = [documents.c.id, documents.c.doc_id, documents.c.url, documents.c.outlet]
        whole = [documents.c.id, *(documents.c[n] for n in DOCUMENT_FIELDS)]
        out: dict[int, dict[str, Any]] = {}
        # whole documents (text included) only for those not written yet
        for cols, part in ((whole, ids - self.seen if self.full else set()),
                           (brief, ids & self.seen if self.full else ids)):
            if part:
                rows = conn.execute(select(*cols).where(documents.c.id.in_(sorted(part)))).mappings()
                out.update((r["id"], dict(r)) for r in rows)
        return out

    def ref(self, doc: dict[str, Any] | None) -> dict[str, Any] | None:
        if doc is None:
            return None
        if doc["id"] in self.seen:
            return {"doc_id": doc["doc_id"]}
        self.seen.add(doc["id"])
        return {k: to_json_value(doc[k]) for k in DOCUMENT_FIELDS}


def _report_json(r: StoredReport, ev: list[dict[str, Any]], doc: dict[str, Any] | None,
                 blocks: list[dict[str, Any]] | None) -> dict[str, Any]:
    out = {k: to_json_value(getattr(r, k)) for k in REPORT_FIELDS}
    out["evidence"] = ev
    out["document"] = doc
    if blocks:
        out["blocked_with"] = blocks
    return out


def _sorted_ids(conn: Connection, table: Any, flt: ExportFilter) -> list[int]:
    q: Select[Any] = select(table.c.id).where(where(conn, flt, table)).order_by(*_order(table))
    return list(conn.execute(q).scalars())


def _first(reports: list[StoredReport]) -> StoredReport | None:
    imported = [r for r in reports if r.origin == "acled-import"]
    return (imported or reports)[0] if reports else None


def iter_canonical(conn: Connection, flt: ExportFilter, *, full: bool) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(ACLED row, JSONL record or None) per canonical event; `full` builds the JSONL record."""
    docs = _Documents(full)
    for chunk in _chunks(_sorted_ids(conn, canonical_events, flt)):
        rows = {r["id"]: stored_event(r) for r in conn.execute(
            select(canonical_events).where(canonical_events.c.id.in_(chunk))).mappings()}
        by_canon: dict[int, list[StoredReport]] = {i: [] for i in chunk}
        for r in _reports_by(conn, events.c.canonical_id, chunk):
            by_canon[r.canonical_id].append(r)  # type: ignore[index]  # selected by canonical_id
        report_ids = [r.id for rs in by_canon.values() for r in rs]
        doc_rows = docs.fetch(conn, (r.document_id for rs in by_canon.values() for r in rs))
        ev = _evidence_of(conn, report_ids) if full else {}
        links = _links_of(conn, chunk) if full else {}
        blocks = _blocks_of(conn, report_ids) if full else {}
        for cid in chunk:
            c, reps = rows[cid], by_canon[cid]
            texts = list(dict.fromkeys(r.evidence_text for r in reps if r.evidence_text))
            source = c.source or "; ".join(dict.fromkeys(
                doc_rows[d]["outlet"] for r in reps
                if (d := r.document_id) in doc_rows and doc_rows[d]["outlet"]))
            first = _first(reps)
            row = acled_row(replace(c, source=source), event_id_cnty=report_key(first) if first else "",
                            timestamp=c.updated_at, sources_count=c.n_sources,
                            fatalities_low=c.fatalities_low, fatalities_high=c.fatalities_high,
                            evidence_text=" | ".join(texts), marsad_id=first.event_uid if first else "",
                            extra=_extra(_acled_report(reps, c)))
            row.update(id=cid, n_sources=c.n_sources)       # GeoJSON's common schema (marsad.geojson)
            rec = None
            if full:
                rec = {k: to_json_value(getattr(c, k)) for k in CANONICAL_FIELDS}
                rec["reports"] = [_report_json(r, ev[r.id], docs.ref(doc_rows.get(r.document_id)),  # type: ignore[arg-type]
                                               blocks.get(r.id)) for r in reps]
                rec["merge_links"] = links.get(cid, [])
            yield row, rec


def iter_reports(conn: Connection, flt: ExportFilter, *, full: bool) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(ACLED row, JSONL record or None) per report."""
    docs = _Documents(full)
    for chunk in _chunks(_sorted_ids(conn, events, flt)):
        reps = {r.id: r for r in _reports_by(conn, events.c.id, chunk)}
        doc_rows = docs.fetch(conn, (r.document_id for r in reps.values()))
        ev = _evidence_of(conn, chunk) if full else {}
        blocks = _blocks_of(conn, chunk) if full else {}
        for rid in chunk:
            r = reps[rid]
            doc = doc_rows.get(r.document_id)  # type: ignore[arg-type]
            source = r.source or (doc["outlet"] if doc and doc["outlet"] else "")
            row = acled_row(replace(r, source=source), event_id_cnty=report_key(r), timestamp=r.created_at,
                            sources_count=1, fatalities_low=r.fatalities, fatalities_high=r.fatalities,
                            evidence_text=r.evidence_text, marsad_id=r.event_uid, extra=_extra(r))
            row.update(id=rid, n_sources=1)
            yield row, (_report_json(r, ev[rid], docs.ref(doc), blocks.get(rid)) if full else None)


# --------------------------------------------------------------------------- writing

def rows(engine: Engine, *, reports: bool = False, flt: ExportFilter | None = None) -> Iterator[dict[str, Any]]:
    """The ACLED rows of an export, one per incident (or per report), in export order."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        for row, _ in (iter_reports if reports else iter_canonical)(conn, flt or ExportFilter(), full=False):
            yield row


def _write_csv(items: Iterable[tuple[dict[str, Any], Any]], out: TextIO, raw: bool = False) -> int:
    w = SafeWriter(out, CSV_COLUMNS, raw=raw, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    n = 0
    for row, _ in items:
        w.writerow(row)
        n += 1
    return n


def _geojson_properties(row: dict[str, Any]) -> dict[str, Any]:
    """The CSV row with marsad's own actor and country names, as the API's features have
    them (marsad.geojson.CORE); ACLED's names go to acled_actor1..."""
    props = {k: v for k, v in row.items() if k != "stored_country"}
    props.update({f"acled_{k}": row[k] for k in ACTOR_COLUMNS})
    props.update({k: row[f"marsad_{k}"] for k in ACTOR_COLUMNS}, country=row.get("stored_country", row["country"]))
    return props


def _write_geojson(items: Iterable[tuple[dict[str, Any], Any]], out: TextIO) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row, _ in items:
        f = feature(row["id"], row["latitude"], row["longitude"], _geojson_properties(row))
        out.write(("\n" if n == 0 else ",\n") + json.dumps(f, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _write_jsonl(items: Iterable[tuple[Any, dict[str, Any] | None]], out: TextIO) -> int:
    n = 0
    for _, rec in items:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def format_for(path: str) -> str:
    """The export format a file name asks for; ConfigError naming the formats for any other.

    >>> format_for("syria.parquet"), format_for("out.GeoJSON")
    ('parquet', 'geojson')
    """
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if suffix not in EXTENSIONS:
        raise ConfigError(f"cannot tell the export format from the file name {path!r}", source=path,
                          fix="name the file " + ", ".join(f"*{e} ({f})" for e, f in EXTENSIONS.items())
                          + " or give --format " + "|".join(FORMATS))
    return EXTENSIONS[suffix]


def export(engine: Engine, fmt: str, out: TextIO, *, reports: bool = False,
           flt: ExportFilter | None = None, raw_csv: bool = False) -> int:
    """Write the events of the database to `out` in format `fmt`; return how many.
    (Parquet is binary: see marsad.export_parquet.)  CSV cells that a spreadsheet would
    run as formulas are made inert (marsad.csvsafe) unless `raw_csv`."""
    if fmt not in FORMATS or fmt == "parquet":
        raise ConfigError(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    flt = flt or ExportFilter()
    full = fmt == "jsonl"
    writer = {"acled-csv": _write_csv, "geojson": _write_geojson, "jsonl": _write_jsonl}[fmt]
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":      # every chunk reads the same snapshot (SQLite's
            conn.execution_options(isolation_level="REPEATABLE READ")   # transactions already do)
        items = (iter_reports if reports else iter_canonical)(conn, flt, full=full)
        if fmt == "acled-csv":
            return _write_csv(items, out, raw=raw_csv)
        return writer(items, out)
