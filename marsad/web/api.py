"""The JSON API (mounted under /api).  Reads are open; writing needs the key.

    GET  /api/events            canonical events: filters, paging, sorting
    GET  /api/events/{id}       one event, every report, evidence and source
    GET  /api/counts?by=week    counts by week | actor | type | admin1
    GET  /api/geojson           events as a GeoJSON FeatureCollection (map)
    GET  /api/documents         stored articles (no text); /api/documents/{id} with text
    GET  /api/facets            values for filter menus
    GET  /api/surges            admin1 areas whose recent weeks stand out (when marsad.trends exists)
    GET  /api/stats             how much is stored
    POST /api/articles          ingest articles (header X-API-Key = MARSAD_API_KEY)

Filters shared by events, counts and geojson: since, until (YYYY-MM-DD),
country, admin1, actor, type, q (free text), bbox=west,south,east,north, origin.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import Connection

from marsad.geojson import feature
from marsad.store import queries as Q
from marsad.web.errors import ApiError

log = logging.getLogger(__name__)


# -- response models ---------------------------------------------------------
def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# Timestamps are stored in UTC; SQLite hands them back without a zone.
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    fix: str | None = None
    details: list[Any] = []


class ErrorOut(BaseModel):
    """The one error shape of the whole API."""

    error: ErrorDetail


class _EventColumns(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    event_date: date | None
    time_precision: int = Field(description="1 day, 2 week, 3 month (ACLED)")
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    actor2: str
    assoc_actor_2: str
    country: str
    iso: int | None
    country_code: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None = Field(
        description="1 the place itself, 2 near it or part of a region, 3 a larger region")
    gazetteer_id: str | None
    fatalities: int
    injuries: int | None
    source: str
    notes: str


class EventOut(_EventColumns):
    """A canonical event: one real-world incident, told by n_sources reports."""

    date_low: date | None
    date_high: date | None
    fatalities_low: int
    fatalities_high: int
    n_sources: int
    updated_at: UtcDatetime


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class EvidenceOut(BaseModel):
    start: int | None = Field(description="offset into the document text; null if not found in it")
    end: int | None
    text: str
    role: str
    located: bool


class DocumentBrief(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    doc_id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: date | None


class DocumentWithText(DocumentBrief):
    text: str


class MergeOut(BaseModel):
    score: float
    reasons: list[str]
    matched_event_id: int | None


class ReportOut(_EventColumns):
    """One article's (or one imported row's) account of the event."""

    event_uid: str
    document_id: int | None
    origin: str
    canonical_id: int | None
    evidence_text: str
    evidence_start: int | None
    evidence_end: int | None
    created_at: UtcDatetime
    evidence: list[EvidenceOut]
    document: DocumentWithText | None
    merge: MergeOut | None


class EventDetail(EventOut):
    reports: list[ReportOut]


class CountRow(BaseModel):
    key: str
    n: int
    fatalities: int
    types: dict[str, int] | None = Field(None, description="by week only: counts per event type")


class Counts(BaseModel):
    by: str
    items: list[CountRow]


class DocumentListItem(DocumentBrief):
    origin: str | None
    language: str | None
    n_events: int
    ingested_at: UtcDatetime


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentListItem]


class DocumentEvent(BaseModel):
    id: int
    event_uid: str
    canonical_id: int | None
    event_date: date | None
    event_type: str
    location: str
    evidence_start: int | None
    evidence_end: int | None


class DocumentOut(DocumentListItem):
    text: str
    events: list[DocumentEvent]


class Facets(BaseModel):
    countries: list[str]
    admin1: list[str]
    types: list[str]
    actors: list[str]


class SurgeOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    key: str
    recent: float
    baseline_mean: float
    ratio: float | None
    p_value: float | None
    q_value: float | None
    significant: bool


class Surges(BaseModel):
    available: bool = Field(description="false when this installation has no trends module")
    items: list[SurgeOut]


class Stats(BaseModel):
    events: int
    reports: int
    documents: int
    geocoded: int
    fatalities: int
    first_date: date | None
    last_date: date | None


class ArticleIn(BaseModel):
    doc_id: str | None = Field(None, max_length=300, description="default: derived from the text")
    text: str = Field(min_length=1, max_length=2_000_000)
    published: date | None = None
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=300)
    title: str | None = Field(None, max_length=2000)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class IngestedArticle(BaseModel):
    doc_id: str
    created: bool = Field(description="false when the article was already stored")
    event_ids: list[int] = Field(description="ids of the reports stored (GET /api/events/{canonical id})")
    canonical_ids: list[int] = []


class IngestOut(BaseModel):
    received: int
    created: int
    articles: list[IngestedArticle]


MAX_ID = 2**31 - 1                 # ids are 32-bit integers on PostgreSQL
ERRORS: dict[int | str, dict[str, Any]] = {"4XX": {"model": ErrorOut, "description": "Error"}}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


# -- dependencies ------------------------------------------------------------
def get_conn(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(get_conn)]


_LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[0-9]{1,2})(\.[0-9]+)?)"
_LAT = r"-?(90(\.0+)?|[0-8]?[0-9](\.[0-9]+)?)"
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """'west,south,east,north' in degrees -> a tuple; ApiError(422) if malformed.

    The two latitudes may come in either order; west > east means the box
    crosses the antimeridian.
    """
    if value is None or value == "":
        return None
    if not re.fullmatch(BBOX_PATTERN, value):
        raise ApiError(422, f"bbox {value!r} is not four numbers west,south,east,north",
                       code="invalid_request",
                       fix="give bbox=west,south,east,north in degrees, e.g. bbox=35.5,32.3,42.4,37.3")
    west, south, east, north = (float(p) for p in value.split(","))
    return west, min(south, north), east, max(south, north)


async def event_filter(      # async: pure parsing, kept off the thread pool (cached pages answer on the loop)
    since: Annotated[date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    country: Annotated[list[Annotated[str, Field(max_length=100)]] | None, Query(
        max_length=50, description="name or ISO2/ISO3 code, e.g. SY; repeat for any of")] = None,
    admin1: Annotated[list[Annotated[str, Field(max_length=200)]] | None, Query(max_length=50)] = None,
    actor: Annotated[list[Annotated[str, Field(max_length=300)]] | None, Query(
        max_length=50, description="an actor's name or alias (any case) or part of a name")] = None,
    type: Annotated[list[Annotated[str, Field(max_length=60)]] | None, Query(
        max_length=50, description="ACLED event type")] = None,
    q: Annotated[str | None, Query(max_length=300, description="free text: place, actors, notes")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees",
                                      pattern=BBOX_PATTERN)] = None,
    origin: Annotated[Literal["marsad", "acled-import"] | None, Query()] = None,
) -> Q.EventFilter:
    return Q.EventFilter(since=since, until=until, country=country, admin1=admin1,
                         actor=actor, event_type=type, text=q or None,
                         bbox=parse_bbox(bbox), origin=origin)


Filter = Annotated[Q.EventFilter, Depends(event_filter)]
PageLimit = Annotated[int, Query(ge=0, le=1000)]
PageOffset = Annotated[int, Query(ge=0, le=10_000_000)]
SORT_PATTERN = r"^-?(" + "|".join(Q.SORT_KEYS) + r")(,-?(" + "|".join(Q.SORT_KEYS) + r"))*$"


# -- reads -------------------------------------------------------------------
@router.get("/events", response_model=EventPage, summary="List canonical events")
def list_events(conn: Conn, f: Filter,
                sort: Annotated[str, Query(pattern=SORT_PATTERN, description="e.g. -event_date,fatalities")]
                = "-event_date",
                limit: PageLimit = 50,
                offset: PageOffset = 0) -> dict[str, Any]:
    items, total = Q.list_events(conn, f, sort=sort, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with its evidence and sources")
def get_event(conn: Conn, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    ev = Q.get_event(conn, event_id)
    if ev is None:
        raise ApiError(404, f"no event {event_id}", fix="list events with GET /api/events")
    return ev


@router.get("/counts", response_model=Counts, response_model_exclude_none=True, summary="Count events by week, actor, type or admin1")
def counts(conn: Conn, f: Filter, by: Literal["week", "actor", "type", "admin1"] = "week",
           limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    return {"by": by, "items": Q.count_events(conn, f, by, limit=limit)}


def feature_collection(points: list[dict[str, Any]], total: int) -> dict[str, Any]:
    """The map's points as GeoJSON, in the schema the export writes too (marsad.geojson)."""
    feats = [feature(p["id"], p["latitude"], p["longitude"], p) for p in points]
    return {"type": "FeatureCollection", "features": feats, "total": total, "shown": len(feats)}


@router.get("/geojson", summary="Events as GeoJSON (newest first, up to limit)",
            responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}})
async def geojson(request: Request, f: Filter, limit: Annotated[int, Query(ge=1, le=20_000)] = 5000) -> Response:
    """Cached until the data changes (marsad/web/cache.py): the map asks for it on every load."""
    def make() -> tuple[bytes, str]:
        with request.app.state.engine.connect() as conn:
            points, total = Q.map_points(conn, f, limit=limit)
        body = json.dumps(feature_collection(points, total), ensure_ascii=False, separators=(",", ":"))
        return body.encode("utf-8"), "application/geo+json"

    return await request.app.state.cache.respond(request, ("geojson", repr(f), limit), make)


@router.get("/documents", response_model=DocumentPage, summary="Stored articles (without text)")
def list_documents(conn: Conn, q: Annotated[str | None, Query(max_length=300)] = None,
                   limit: PageLimit = 50,
                   offset: PageOffset = 0) -> dict[str, Any]:
    items, total = Q.list_documents(conn, text=q or None, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{document_id}", response_model=DocumentOut, summary="One article with its text")
def get_document(conn: Conn, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    doc = Q.get_document(conn, document_id)
    if doc is None:
        raise ApiError(404, f"no document {document_id}", fix="list documents with GET /api/documents")
    return doc


@router.get("/facets", response_model=Facets, summary="Values for the filter menus")
def facets(conn: Conn) -> dict[str, Any]:
    actors = sorted(set(Q.distinct_values(conn, "actor1", limit=300))
                    | set(Q.distinct_values(conn, "actor2", limit=300)))
    return {"countries": Q.distinct_values(conn, "country"), "admin1": Q.distinct_values(conn, "admin1"),
            "types": Q.distinct_values(conn, "event_type"), "actors": actors}


def surges_for(conn: Connection) -> list[dict[str, Any]] | None:
    """Surges by admin1 from marsad.trends, or None when they cannot be computed.

    The panel is optional: a failure in it is logged and shown as absent
    rather than taking the dashboard or light page down with it.
    """
    from marsad.trends import detect_surges

    try:
        found = detect_surges(conn, by="admin1", weeks=4, baseline_weeks=12, until=None)
    except Exception:
        log.exception("detect_surges failed; the surge panel is left out")
        return None
    out = []
    for s in found:
        d = dataclasses.asdict(s) if dataclasses.is_dataclass(s) else dict(vars(s))
        d = {k: (v if isinstance(v, (str, int, float, bool, type(None))) else str(v)) for k, v in d.items()}
        for k in ("ratio", "p_value", "q_value", "recent", "baseline_mean"):
            if isinstance(d.get(k), float) and not math.isfinite(d[k]):
                d[k] = None
        out.append(d)
    return out


@router.get("/surges", response_model=Surges, summary="Areas whose last 4 weeks stand out from the 12 before")
def surges(conn: Conn) -> dict[str, Any]:
    found = surges_for(conn)
    return {"available": found is not None, "items": found or []}


@router.get("/stats", response_model=Stats, summary="How much is stored")
def stats(conn: Conn) -> dict[str, Any]:
    return Q.stats(conn)


# -- writes ------------------------------------------------------------------
def require_key(request: Request,
                x_api_key: Annotated[str | None, Header(description="the server's MARSAD_API_KEY")] = None,
                authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> None:
    """Also checked by marsad.web.guard before the body is read; kept here so the route
    stays closed whatever wraps the application."""
    from marsad.web.guard import key_problem

    problem = key_problem(request.app.state.options.api_key, x_api_key, authorization)
    if problem:
        status, message, fix = problem
        raise ApiError(status, message, code="unauthorized" if status == 401 else "ingest_disabled", fix=fix,
                       headers={"WWW-Authenticate": 'Bearer realm="marsad"'} if status == 401 else None)


_INGEST_LOCK = threading.Lock()


def _pipeline(request: Request) -> Any:
    """The app's one Pipeline (extractor loaded once, on the first POST)."""
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from marsad.pipeline import Pipeline

        state.pipeline = Pipeline(state.options.with_(db=state.store.url))
    return state.pipeline


@router.post("/articles", response_model=IngestOut, dependencies=[Depends(require_key)],
             summary="Ingest articles: extract, geocode, store and merge their events",
             description="Every article is checked first (a plausible date, a text the model can take, "
                         "fields that fit): if any fails, the answer is 422 naming each, and nothing is "
                         "stored.  Then each article is stored and merged in its own transaction; one that "
                         "fails is left out whole and named in a 422 whose details list every article.")
def ingest(request: Request, body: IngestIn) -> dict[str, Any]:
    from marsad.errors import InputError
    from marsad.ingest.checks import check_article
    from marsad.records import Article, text_hash

    arts = [Article(doc_id=a.doc_id or ("api:" + text_hash(a.text)[:16]), text=a.text, published=a.published,
                    url=a.url, outlet=a.outlet, title=a.title, origin=f"articles[{i}]")
            for i, a in enumerate(body.articles)]
    bad = []
    for i, art in enumerate(arts):
        try:
            check_article(art)
        except InputError as e:
            bad.append({"index": i, "doc_id": art.doc_id, "ok": False, "message": e.message, "fix": e.fix})
    if bad:
        raise ApiError(422, f"{len(bad)} of {len(arts)} articles cannot be ingested; nothing was stored",
                       code="invalid_articles", fix="correct the articles named in details and send them again",
                       details=bad)
    out = _process_each(request, arts)
    failed = [i for i in out if not i["ok"]]
    if failed:
        raise ApiError(422, f"{len(failed)} of {len(arts)} articles failed and were not stored; "
                            "the others were", code="articles_failed",
                       fix="details lists every article: ok false with the reason, or what was stored",
                       details=out)
    for item in out:
        del item["ok"]
    return {"received": len(arts), "created": sum(1 for i in out if i["created"]), "articles": out}


def _process_each(request: Request, arts: list[Any]) -> list[dict[str, Any]]:
    """Each article through the pipeline (its own transaction); a failure is recorded, not raised."""
    from sqlalchemy import select

    from marsad.errors import RecordError, StoreError
    from marsad.store.schema import events as events_table

    out: list[dict[str, Any]] = []
    with _INGEST_LOCK:                  # one extractor, one writer: articles go through one at a time
        pipe = _pipeline(request)
        for i, art in enumerate(arts):
            try:
                res = pipe.process(art)
            except StoreError as e:
                if not isinstance(e, RecordError):
                    raise
                out.append({"index": i, "doc_id": art.doc_id, "ok": False, "message": e.message, "fix": e.fix})
                continue
            except Exception as e:      # one article must not take the batch down (the log has the traceback)
                log.exception("ingesting articles[%d] (%s) failed", i, art.doc_id)
                out.append({"index": i, "doc_id": art.doc_id, "ok": False,
                            "message": f"processing failed ({type(e).__name__})", "fix": None})
                continue
            out.append({"index": i, "doc_id": res.doc_id, "ok": True, "created": bool(res.created),
                        "event_ids": list(res.event_ids)})
    with request.app.state.engine.connect() as conn:
        for item in out:
            if item.get("event_ids"):
                rows = conn.execute(select(events_table.c.canonical_id)
                                    .where(events_table.c.id.in_(item["event_ids"]))).scalars()
                item["canonical_ids"] = sorted({c for c in rows if c is not None})
    return out
