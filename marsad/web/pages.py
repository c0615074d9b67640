"""HTML pages: the dashboard (/), an event's page (/events/{id}) and the
light page (/light).  All are Jinja2 templates with autoescape on, so article
text can never become markup; the event page and the light page work with
JavaScript switched off.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from marsad.records import FIELD_ROLES
from marsad.store import queries as Q
from marsad.web.api import MAX_ID, Conn, PageOffset, surges_for
from marsad.web.errors import ApiError

router = APIRouter(include_in_schema=False)

TIME_PRECISION = {1: "exact day", 2: "within a week", 3: "within a month"}
GEO_PRECISION = {1: "the place itself", 2: "near the place, or part of a region", 3: "a larger region"}
TYPE_CLASS = {
    "Battles": "t-battles",
    "Explosions/Remote violence": "t-explosions",
    "Violence against civilians": "t-civilians",
    "Protests": "t-protests",
    "Riots": "t-riots",
    "Strategic developments": "t-strategic",
}
LIGHT_EVENTS = 40
LIGHT_NOTES = 240
LIGHT_MAX_BYTES = 48_000


def safe_link(url: str | None) -> str | None:
    """`url` if it is an http(s) address, else None (never a javascript: or data: link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    ctx = {"time_precision": TIME_PRECISION, "geo_precision": GEO_PRECISION, "type_class": TYPE_CLASS,
           "safe_link": safe_link, **ctx}
    return templates.TemplateResponse(request, name, ctx, status_code=status)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    opts = request.app.state.options
    config = {"tileUrl": opts.tile_url, "api": "/api", "vendor": "/static/vendor"}
    return _render(request, "dashboard.html", {"config": config})


def _report_view(report: dict[str, Any]) -> dict[str, Any]:
    doc = report.get("document")
    located = [e for e in report["evidence"] if e.get("located")]
    said = [e for e in located if e.get("role") not in FIELD_ROLES]      # the sentences that tell it
    fields = [e for e in located if e.get("role") in FIELD_ROLES]        # the words each field came from
    return {
        **report,
        "segments": Q.field_parts(doc["text"], Q.segments(doc["text"], said), fields) if doc else [],
        "fields": [(role, [e["text"] for e in fields if e["role"] == role]) for role in FIELD_ROLES
                   if any(e["role"] == role for e in fields)],
        "unlocated": [e for e in report["evidence"] if not e.get("located")],
        "link": safe_link(doc.get("url") if doc else None),
    }


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, conn: Conn, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    ev = Q.get_event(conn, event_id)
    if ev is None:
        raise ApiError(404, f"no event {event_id}", fix="go back to the dashboard and pick an event")
    reports = [_report_view(r) for r in ev["reports"]]
    return _render(request, "event.html", {"ev": ev, "reports": reports})


def _bars(rows: list[dict[str, Any]], width: int = 30) -> list[dict[str, Any]]:
    top = max((r["n"] for r in rows), default=0) or 1
    return [{**r, "bar": "\u2588" * max(1, round(width * r["n"] / top)) if r["n"] else ""} for r in rows]


def _light_filter(f: Q.EventFilter) -> dict[str, Any]:
    """The filter as query parameters (lists for repeated ones: urlencode with doseq)."""
    out = {"since": f.since, "until": f.until, "country": f.country, "admin1": f.admin1, "actor": f.actor,
           "type": f.event_type, "q": f.text}
    return {k: (v.isoformat() if isinstance(v, date) else v if isinstance(v, tuple) else str(v))
            for k, v in out.items() if v}


def _light_context(conn: Connection, f: Q.EventFilter, offset: int, n: int = LIGHT_EVENTS) -> dict[str, Any]:
    items, total = Q.list_events(conn, f, sort="-event_date", limit=n, offset=offset)
    for it in items:
        notes = it.get("notes") or ""
        it["short_notes"] = notes if len(notes) <= LIGHT_NOTES else notes[:LIGHT_NOTES].rstrip() + "\u2026"
    weeks = Q.count_events(conn, f, "week")[-12:]
    params = _light_filter(f)
    nxt = offset + n if offset + n < total else None
    prev = max(0, offset - n) if offset > 0 else None
    return {
        "items": items, "total": total, "offset": offset, "filters": params,
        "by_type": _bars(Q.count_events(conn, f, "type", limit=10)),
        "by_admin1": _bars(Q.count_events(conn, f, "admin1", limit=10)),
        "by_actor": _bars(Q.count_events(conn, f, "actor", limit=10)),
        "weeks": _bars(weeks),
        "surges": [s for s in (surges_for(conn) or []) if s.get("significant")][:10],
        "next_url": None if nxt is None else "/light?" + urlencode({**params, "offset": nxt}, doseq=True),
        "prev_url": None if prev is None else "/light?" + urlencode({**params, "offset": prev}, doseq=True),
    }


def _day(name: str, value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(422, f"{name} {value!r} is not a date", code="invalid_request",
                       fix="write dates as YYYY-MM-DD, e.g. 2024-05-31") from None


Many = Annotated[list[str] | None, Query()]


async def light_filter(since: str | None = None, until: str | None = None, country: Many = None,
                       admin1: Many = None, actor: Many = None, type: Many = None,
                       q: str | None = None) -> Q.EventFilter:
    """The light page's filters (the API's language; repeat a field for any of).  Its
    plain HTML form sends every field, empty ones as "", so empty means "any" here.
    (async: pure parsing, kept off the thread pool)"""
    def text(v: str | None) -> str | None:
        return v.strip()[:300] or None if v else None

    def texts(vs: list[str] | None) -> tuple[str, ...]:
        parts = [p for v in (vs or [])[:50] for p in v.split("|")]     # the form writes "a | b"
        return tuple(t for t in (text(p) for p in parts) if t)
    return Q.EventFilter(since=_day("since", since), until=_day("until", until), country=texts(country),
                         admin1=texts(admin1), actor=texts(actor), event_type=texts(type), text=text(q))


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> Response:
    """The API's interactive documentation, from the Swagger UI files marsad ships."""
    return _render(request, "docs.html", {})


@router.get("/light", response_class=HTMLResponse)
async def light(request: Request, f: Annotated[Q.EventFilter, Depends(light_filter)],
          offset: PageOffset = 0) -> Response:
    """Cached until the data changes (marsad/web/cache.py): six aggregates and a surge test per page."""
    def make() -> tuple[bytes, str]:
        n = LIGHT_EVENTS
        with request.app.state.engine.connect() as conn:
            while True:
                response = _render(request, "light.html", _light_context(conn, f, offset, n))
                if len(response.body) <= LIGHT_MAX_BYTES or n <= 5:     # long names: show fewer events
                    return bytes(response.body), "text/html; charset=utf-8"
                n //= 2

    return await request.app.state.cache.respond(request, ("light", repr(f), offset), make)
