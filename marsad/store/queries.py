"""The read side of the store: listing, showing and counting events.

Used by the JSON API, the dashboard, the light page and `marsad events`.
"Events" here are canonical events (one row per real-world incident); each
has one or more *reports* (rows of ``events``), one per article that told it.

Every function takes an open SQLAlchemy ``Connection`` and returns plain,
JSON-ready Python values (dates stay ``datetime.date``):

    >>> from sqlalchemy import create_engine
    >>> from marsad.store import schema
    >>> eng = create_engine("sqlite://")
    >>> schema.metadata.create_all(eng)
    >>> with eng.connect() as conn:
    ...     list_events(conn, EventFilter(country="Syria"))
    ([], 0)
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Literal

from sqlalchemy import Connection, and_, bindparam, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from marsad.errors import ConfigError
from marsad.store import search
from marsad.store.filters import MAX_SPELLINGS, EventFilter, spellings, where
from marsad.store.schema import canonical_events, documents, events, evidence, merge_links

CE = canonical_events

# Sort keys the API and CLI accept ("-key" sorts descending).
SORT_KEYS: dict[str, Any] = {
    "event_date": CE.c.event_date,
    "fatalities": CE.c.fatalities,
    "id": CE.c.id,
    "country": CE.c.country,
    "admin1": CE.c.admin1,
    "location": CE.c.location,
    "event_type": CE.c.event_type,
    "actor1": CE.c.actor1,
    "n_sources": CE.c.n_sources,
}
COUNT_BY = ("week", "actor", "type", "admin1")
CountBy = Literal["week", "actor", "type", "admin1"]
MAX_LIMIT = 10_000
MAX_ID = 2**31 - 1                   # ids are 32-bit integers on PostgreSQL

# The canonical-event columns returned by list_events, in order.
EVENT_FIELDS = tuple(c.name for c in CE.columns)


def _where(conn: Connection, f: EventFilter) -> ColumnElement[bool]:
    return where(conn, f)


def _order(sort: str) -> list[Any]:
    keys = [k.strip() for k in sort.split(",") if k.strip()] or ["-event_date"]
    order: list[Any] = []
    for key in keys:
        desc = key.startswith("-")
        name = key.lstrip("-+")
        if name not in SORT_KEYS:
            raise ConfigError(f"cannot sort by {name!r}", source="sort",
                              fix="sort by one of: " + ", ".join(SORT_KEYS) + " (prefix - for descending)")
        col = SORT_KEYS[name]
        order.append(col.desc().nulls_last() if desc else col.asc().nulls_last())
    order.append(CE.c.id.desc())
    return order


def _inline(n: int) -> Any:
    """LIMIT/OFFSET written into the SQL: SQLite's planner, not knowing a bound
    LIMIT, walks an index in date order for "sort=n_sources" (0.5 s on 100,000
    events) where a plain scan and sort takes 50 ms."""
    return bindparam(None, int(n), literal_execute=True)


def list_events(conn: Connection, f: EventFilter, *, sort: str = "-event_date",
                limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of canonical events matching `f`, and how many match in all.

    `sort` is a comma-separated list of keys from SORT_KEYS, each optionally
    prefixed with "-" for descending order.
    """
    if not 0 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit {limit} is out of range", source="limit",
                          fix=f"give a limit between 0 and {MAX_LIMIT}")
    if offset < 0:
        raise ConfigError(f"offset {offset} is negative", source="offset", fix="give an offset >= 0")
    where = _where(conn, f)
    order = _order(sort)
    total = conn.execute(select(func.count()).select_from(CE).where(where)).scalar_one()
    if limit == 0 or offset >= total:
        return [], total
    rows = conn.execute(select(CE).where(where).order_by(*order).limit(_inline(limit)).offset(_inline(offset)))
    return [dict(r._mapping) for r in rows], total


def map_points(conn: Connection, f: EventFilter, *, limit: int = 5000) -> tuple[list[dict[str, Any]], int]:
    """The newest `limit` geocoded events matching `f`, with the few fields a
    map marker needs, and how many geocoded events match in all."""
    where = and_(_where(conn, f), CE.c.latitude.is_not(None), CE.c.longitude.is_not(None))
    total = conn.execute(select(func.count()).select_from(CE).where(where)).scalar_one()
    cols = [CE.c.id, CE.c.event_date, CE.c.event_type, CE.c.sub_event_type, CE.c.actor1, CE.c.actor2,
            CE.c.country, CE.c.location, CE.c.admin1, CE.c.fatalities, CE.c.n_sources, CE.c.geo_precision, CE.c.latitude, CE.c.longitude]
    rows = conn.execute(select(*cols).where(where)
                        .order_by(CE.c.event_date.desc().nulls_last(), CE.c.id.desc()).limit(_inline(limit)))
    keys = tuple(c.name for c in cols)
    return [dict(zip(keys, r, strict=True)) for r in rows], total


def count_events(conn: Connection, f: EventFilter, by: CountBy, *, limit: int = 200) -> list[dict[str, Any]]:
    """Count events matching `f` by week, actor, type or admin1.

    Each row is ``{"key", "n", "fatalities"}``.  Rows by week are in time
    order (key = the ISO date of the Monday, events without a date left out)
    and carry ``"types": {event_type: n}`` for a stacked timeline; the others
    come largest first, at most `limit` of them.  An event counts once for
    each distinct actor among actor1 and actor2.
    """
    if by not in COUNT_BY:
        raise ConfigError(f"cannot count by {by!r}", source="by", fix="count by one of: " + ", ".join(COUNT_BY))
    where = _where(conn, f)
    if by == "week":
        # Grouped by day in SQL (an index scan), folded into ISO weeks here: the
        # same on every database, and cheaper than a date function per row.
        q = (select(CE.c.event_date, CE.c.event_type, func.count(),
                    func.coalesce(func.sum(CE.c.fatalities), 0))
             .where(where, CE.c.event_date.is_not(None)).group_by(CE.c.event_date, CE.c.event_type))
        weeks: dict[date, dict[str, Any]] = {}
        week_of: dict[date, dict[str, Any]] = {}        # day -> its week's row (a day has up to 6 types)
        for day, etype, n, fat in conn.execute(q):
            row = week_of.get(day)
            if row is None:
                monday = day - timedelta(days=day.weekday())
                row = weeks.get(monday)
                if row is None:
                    row = weeks[monday] = {"key": monday.isoformat(), "n": 0, "fatalities": 0, "types": {}}
                week_of[day] = row
            row["n"] += n
            row["fatalities"] += int(fat)
            types = row["types"]
            types[etype] = types.get(etype, 0) + n
        return [weeks[k] for k in sorted(weeks)]
    if by == "actor":
        totals: dict[str, list[int]] = {}
        if not f.is_empty():
            # A filtered set: one scan of its rows, both actor columns added up here
            # (one pass is cheaper than two filtered GROUP BYs).
            q = select(CE.c.actor1, CE.c.actor2, CE.c.fatalities).where(where)
            for a1, a2, fat in conn.execute(q):
                for k in (a1, a2 if a2 != a1 else ""):
                    if k:
                        t = totals.setdefault(k, [0, 0])
                        t[0] += 1
                        t[1] += int(fat or 0)
        else:
            # Everything: each actor column grouped on its own (an ordered scan of its
            # covering index), then added up here: much cheaper than grouping a UNION.
            for col, extra in ((CE.c.actor1, []), (CE.c.actor2, [CE.c.actor2 != CE.c.actor1])):
                q = (select(col, func.count(), func.coalesce(func.sum(CE.c.fatalities), 0))
                     .where(where, col != "", *extra).group_by(col))
                for k, c, s in conn.execute(q):
                    t = totals.setdefault(k, [0, 0])
                    t[0] += c
                    t[1] += int(s)
        top = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
        return [{"key": k, "n": c, "fatalities": s} for k, (c, s) in top]
    col = CE.c.event_type if by == "type" else CE.c.admin1
    n = func.count().label("n")
    q = (select(col, n, func.coalesce(func.sum(CE.c.fatalities), 0))
         .where(where).group_by(col).order_by(n.desc(), col).limit(limit))
    return [{"key": k, "n": c, "fatalities": int(s)} for k, c, s in conn.execute(q)]


def distinct_values(conn: Connection, column: str, *, limit: int = 500) -> list[str]:
    """The distinct non-empty values of a canonical-event column (for filter menus)."""
    if column not in ("country", "admin1", "event_type", "actor1", "actor2"):
        raise ConfigError(f"no value list for {column!r}", source=column)
    col = CE.c[column]
    q = select(col).where(col != "").group_by(col).order_by(func.count().desc(), col).limit(limit)
    return [v for (v,) in conn.execute(q)]


def _spans(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the evidence spans whose offsets really point at their words in `text`.

    An offset that no longer matches (the text was cleaned after extraction)
    is moved to the first place the words occur; a span whose words are not
    in the text at all is marked ``located: False`` and shown apart.
    """
    out = []
    for s in spans:
        start, end, words = s.get("start"), s.get("end"), s.get("text") or ""
        ok = (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
              and (not words or text[start:end] == words))
        if not ok and words:
            found = text.find(words)
            if found >= 0:
                start, end, ok = found, found + len(words), True
        out.append({**s, "start": start if ok else None, "end": end if ok else None, "located": ok})
    return out


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut `text` into plain and highlighted pieces for display.

    >>> [(s["text"], s["mark"]) for s in segments("a bomb hit b", [{"start": 2, "end": 10}])]
    [('a ', False), ('bomb hit', True), (' b', False)]
    """
    located = sorted((s["start"], s["end"]) for s in spans
                     if s.get("start") is not None and s.get("end") is not None)
    merged: list[list[int]] = []
    for start, end in located:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        if start > pos:
            out.append({"text": text[pos:start], "mark": False})
        out.append({"text": text[start:end], "mark": True})
        pos = end
    if pos < len(text) or not out:
        out.append({"text": text[pos:], "mark": False})
    return out


def field_parts(text: str, segs: list[dict[str, Any]], fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`segments` with each piece cut again at the words an event's fields came from:
    ``parts`` lists (text, the fields those words gave: "date", "actor1"...).

    >>> segs = segments("ISIS hit X", [{"start": 0, "end": 10}])
    >>> [(p["text"], p["fields"]) for p in field_parts("ISIS hit X", segs,
    ...     [{"start": 0, "end": 4, "role": "actor1"}])[0]["parts"]]
    [('ISIS', ['actor1']), (' hit X', [])]
    """
    spans = [f for f in fields if f.get("start") is not None and f.get("end") is not None]
    out, pos = [], 0
    for s in segs:
        a, b = pos, pos + len(s["text"])
        cuts = sorted({a, b} | {x for f in spans for x in (f["start"], f["end"]) if a < x < b})
        parts = [{"text": text[x:y], "fields": sorted({f["role"] for f in spans if f["start"] <= x and y <= f["end"]})}
                 for x, y in pairwise(cuts)]
        out.append({**s, "parts": parts or [{"text": s["text"], "fields": []}]})
        pos = b
    return out


def get_event(conn: Connection, canonical_id: int) -> dict[str, Any] | None:
    """One canonical event with every report, its evidence and its document.

    The result is the canonical row plus ``"reports"``: each report's own
    row with ``"evidence"`` (spans whose offsets were checked against the
    document text, see `_spans`), ``"document"`` (id, doc_id, url, outlet,
    title, published, text, or None for an imported row) and ``"merge"``
    (why it joined this event, when a merge link says so).
    """
    if not 0 < canonical_id <= MAX_ID:
        return None
    row = conn.execute(select(CE).where(CE.c.id == canonical_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    reports = [dict(r._mapping) for r in conn.execute(
        select(events).where(events.c.canonical_id == canonical_id)
        .order_by(events.c.event_date.asc().nulls_last(), events.c.id))]
    ids = [r["id"] for r in reports]
    doc_ids = sorted({r["document_id"] for r in reports if r["document_id"] is not None})
    spans: dict[int, list[dict[str, Any]]] = {}
    links: dict[int, dict[str, Any]] = {}
    docs: dict[int, dict[str, Any]] = {}
    if ids:
        for e in conn.execute(select(evidence).where(evidence.c.event_id.in_(ids))
                              .order_by(evidence.c.event_id, evidence.c.start)):
            spans.setdefault(e.event_id, []).append(
                {"start": e.start, "end": e.end, "text": e.text, "role": e.role})
        for m in conn.execute(select(merge_links).where(
                merge_links.c.event_id.in_(ids), merge_links.c.canonical_id == canonical_id,
                merge_links.c.undone.is_(False)).order_by(merge_links.c.id)):
            try:
                reasons = json.loads(m.reasons or "[]")
            except ValueError:
                reasons = [m.reasons]
            links[m.event_id] = {"score": m.score, "reasons": [str(r) for r in reasons],
                                 "matched_event_id": m.matched_event_id}
    if doc_ids:
        cols = [documents.c.id, documents.c.doc_id, documents.c.url, documents.c.outlet,
                documents.c.title, documents.c.published, documents.c.text]
        docs = {d.id: dict(d._mapping) for d in conn.execute(
            select(*cols).where(documents.c.id.in_(doc_ids)))}
    for r in reports:
        doc = docs.get(r["document_id"]) if r["document_id"] is not None else None
        own = spans.get(r["id"]) or ([{"start": r["evidence_start"], "end": r["evidence_end"],
                                       "text": r["evidence_text"], "role": "trigger"}]
                                     if r["evidence_text"] else [])
        r["evidence"] = _spans(doc["text"], own) if doc else [{**s, "located": False} for s in own]
        r["document"] = doc
        r["merge"] = links.get(r["id"])
    out["reports"] = reports
    return out


def list_documents(conn: Connection, *, text: str | None = None, limit: int = 50,
                   offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Stored articles, newest first, without their text; `text` searches title, outlet and url."""
    if not 0 <= limit <= MAX_LIMIT or offset < 0:
        raise ConfigError("limit or offset out of range", source="limit",
                          fix=f"give 0 <= limit <= {MAX_LIMIT} and offset >= 0")
    cols = [documents.c.id, documents.c.doc_id, documents.c.url, documents.c.outlet, documents.c.title,
            documents.c.published, documents.c.origin, documents.c.language, documents.c.n_events,
            documents.c.ingested_at]
    where: ColumnElement[bool] = literal(True)
    if text:
        where = or_(*(search.contains(conn, c, text) for c in (documents.c.title, documents.c.outlet, documents.c.url,
                                                   documents.c.doc_id)))
    total = conn.execute(select(func.count()).select_from(documents).where(where)).scalar_one()
    rows = conn.execute(select(*cols).where(where).order_by(
        documents.c.published.desc().nulls_last(), documents.c.id.desc()).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows], total


def get_document(conn: Connection, document_id: int) -> dict[str, Any] | None:
    """One stored article with its text and the canonical ids of its events."""
    if not 0 < document_id <= MAX_ID:
        return None
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    out.pop("content_hash", None)
    out["events"] = [dict(r._mapping) for r in conn.execute(
        select(events.c.id, events.c.event_uid, events.c.canonical_id, events.c.event_date,
               events.c.event_type, events.c.location, events.c.evidence_start, events.c.evidence_end)
        .where(events.c.document_id == document_id).order_by(events.c.id))]
    return out


def stats(conn: Connection) -> dict[str, Any]:
    """How much is stored: events, reports, documents, and the date span."""
    n, first, last = conn.execute(select(func.count(), func.min(CE.c.event_date),
                                         func.max(CE.c.event_date)).select_from(CE)).one()
    return {
        "events": n,
        "reports": conn.execute(select(func.count()).select_from(events)).scalar_one(),
        "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
        "first_date": first,
        "last_date": last,
        "geocoded": conn.execute(select(func.count()).select_from(CE)
                                 .where(CE.c.latitude.is_not(None))).scalar_one(),
        "fatalities": conn.execute(select(func.coalesce(func.sum(CE.c.fatalities), 0))
                                   .select_from(CE)).scalar_one(),
    }


__all__ = [
    "COUNT_BY",
    "MAX_SPELLINGS",
    "SORT_KEYS",
    "EventFilter",
    "count_events",
    "distinct_values",
    "get_document",
    "get_event",
    "list_documents",
    "list_events",
    "map_points",
    "segments",
    "spellings",
    "stats",
]
