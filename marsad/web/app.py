"""The FastAPI application: JSON API under /api, the dashboard at /, event
pages at /events/{id} and the no-JavaScript light page at /light.

    >>> app = create_app("sqlite://")
    >>> sorted(r.path for r in app.routes if r.path.startswith("/api/events"))
    ['/api/events', '/api/events/{event_id}']

Every error, from any route, has one JSON shape (HTML pages get an HTML
page saying the same)::

    {"error": {"status": 404, "code": "not_found", "message": "...", "fix": null, "details": []}}

Article text is untrusted: pages are Jinja2 templates with autoescape, the
dashboard's JavaScript only ever sets ``textContent``, and every response
carries a Content-Security-Policy that forbids inline scripts.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from marsad import __version__
from marsad.config import Options, db_url
from marsad.errors import ConfigError, MarsadError
from marsad.web.errors import ApiError, error_body

log = logging.getLogger(__name__)
HERE = Path(__file__).parent


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not path.startswith("/api") and path != "/openapi.json" and \
        "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, message: str, code: str | None = None, fix: str | None = None,
             details: list[Any] | None = None, headers: dict[str, str] | None = None) -> Response:
    body = error_body(status, message, code, fix, details)
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"error": body["error"]},
                                          status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.message, exc.code, exc.fix, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))} for e in exc.errors()]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"][1:] or first["loc"]) or "request"
        return _respond(request, 422, f"{where}: {first['msg']}", "invalid_request",
                        "see /openapi.json for the parameters each endpoint accepts", details)

    @app.exception_handler(ConfigError)
    async def _bad_option(request: Request, exc: ConfigError) -> Response:
        return _respond(request, 422, str(exc.message), "invalid_request", exc.fix,
                        [{"loc": [exc.source or ""], "msg": exc.message, "type": exc.code}])

    @app.exception_handler(MarsadError)
    async def _marsad(request: Request, exc: MarsadError) -> Response:
        log.error("%s", exc)
        return _respond(request, 500, exc.message, exc.code.lower(), exc.fix)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _respond(request, 500, "internal error; the server log has the details", "internal_error")


def _csp(options: Options, path: str) -> str:
    img = "'self' data:" + (" https: http:" if options.tile_url else "")
    light = path.startswith("/light")
    script = "'none'" if light else "'self'"
    # the light page is one request: its CSS is inline; Swagger UI (/docs) sets styles from its script
    style = "'self' 'unsafe-inline'" if light or path == "/docs" else "'self'"
    return (f"default-src 'self'; script-src {script}; style-src {style}; img-src {img}; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response (a plain ASGI
    wrapper: Starlette's BaseHTTPMiddleware costs a task group per request, which
    showed under load on the cached pages)."""

    def __init__(self, app: Any, options: Options):
        self.app = app
        self.options = options

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY"),
                         (b"content-security-policy", _csp(self.options, path).encode())]
                headers += [(k, v) for k, v in extra if k not in have]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def refresh_planner_stats(engine: Engine) -> None:
    """SQLite: (re)compute the statistics its query planner uses (ANALYZE, on
    a sample so it takes well under a second).  Without them it picks an index
    for "country = 'Syria'" even when three events in four are in Syria, and the
    API's broad queries get several times slower.  PostgreSQL keeps its own."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as conn:
            conn.execution_options(marsad_write=True)
            with conn.begin():
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")
    except DBAPIError as e:                     # e.g. a read-only file: slower queries, still correct
        log.warning("could not refresh SQLite statistics: %s", str(e).splitlines()[0])


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    if getattr(app.state, "pipeline", None) is not None:
        app.state.pipeline.close()
    app.state.cache.close()
    app.state.store.close()


def create_app(db: str | None = None, options: Options | None = None, *, create: bool = True) -> FastAPI:
    """The application, behind BodyGuard (marsad/web/guard.py): writes need the key
    before their body is read, and bodies over options.max_body_bytes get 413."""
    from marsad.web.guard import BodyGuard

    app = build_app(db, options, create=create)
    app.add_middleware(BodyGuard, options=app.state.options)      # added last: the outermost
    return app


def build_app(db: str | None = None, options: Options | None = None, *, create: bool = True) -> FastAPI:
    """Build the application for the database at `db` (URL or path; default
    MARSAD_DB).  The database is opened (and migrated) now, so a wrong URL
    fails here with a StoreError rather than on the first request."""
    from fastapi.templating import Jinja2Templates

    from marsad.store import Store
    from marsad.web import api, pages
    from marsad.web.cache import ResponseCache

    options = options or Options()
    url = db_url(db or options.db)
    store = Store.open(url, create=create)       # create=False: a mistyped --db is an error, not a new file
    refresh_planner_stats(store.engine)
    app = FastAPI(
        title="marsad",
        version=__version__,
        description="Geocoded events of armed conflict extracted from news reports, with the "
                    "evidence each came from. Reads are open; POST /api/articles needs the key "
                    "set in MARSAD_API_KEY (header X-API-Key).",
        redoc_url=None,
        docs_url=None,                     # served by pages.docs from vendored Swagger UI (no CDN)
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.engine = store.engine
    app.state.cache = ResponseCache(store.engine)
    app.state.options = options
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    app.state.templates = templates
    _install_error_handlers(app)
    app.add_middleware(SecurityHeaders, options=options)
    # level 5, not Starlette's 9: a quarter of the CPU for 5% more bytes (a 1.8 MB map layer: 21 ms, not 85)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    return app


