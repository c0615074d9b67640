"""Whole responses of the heavy read pages (/light, /api/geojson) kept until the data
changes, so a busy server renders each view once per write instead of once per request.

    cache = ResponseCache(engine)
    return await cache.respond(request, ("light", query), lambda: (body_bytes, "text/html; charset=utf-8"))

"The data changed" is asked of the database on every request, cheaply and across
processes (a `marsad ingest` beside `marsad serve` invalidates too):
SQLite: ``PRAGMA data_version`` on a connection of the cache's own, which changes
whenever any other connection, in any process, commits; PostgreSQL: the current
snapshot (``pg_current_snapshot()``), which changes whenever a transaction that
wrote begins or ends.  An in-memory SQLite database is not cached.

The gzip form is kept beside the plain one, so a hit costs neither a query nor a
compression.
"""
from __future__ import annotations

import gzip
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import Engine, text
from starlette.concurrency import run_in_threadpool


class DataVersion:
    """A value that changes whenever any writer commits to the database (None: unknown)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        db = engine.url.database
        self._path = db if engine.dialect.name == "sqlite" and db not in (None, "", ":memory:") else None
        self.enabled = self._path is not None or engine.dialect.name == "postgresql"
        self.local = self._path is not None             # answered without a round trip

    def current(self) -> Hashable | None:
        if self._path is not None:
            with self._lock:
                if self._sqlite is None:   # a connection of its own that never writes (opened again after close)
                    self._sqlite = sqlite3.connect(self._path, check_same_thread=False)
                return self._sqlite.execute("PRAGMA data_version").fetchone()[0]
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT pg_current_snapshot()::text")).scalar_one()
        return None

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None


class ResponseCache:
    """Responses by key, each valid while the data version it was made under holds."""

    def __init__(self, engine: Engine, size: int = 256):
        self.version = DataVersion(engine)
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, bytes, bytes | None, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    async def respond(self, request: Request, key: Hashable,
                      make: Callable[[], tuple[bytes, str]], headers: dict[str, str] | None = None) -> Response:
        """The cached response for `key`, or make(): (body, media type), cached under the
        version read before it was made (a write meanwhile makes the next request miss).
        A hit is answered on the event loop (SQLite's check takes microseconds); the
        database work of a miss, and PostgreSQL's check, run in the thread pool."""
        gz_ok = "gzip" in request.headers.get("accept-encoding", "").lower()
        version = None
        if self.version.enabled:
            version = (self.version.current() if self.version.local
                       else await run_in_threadpool(self.version.current))
        item = self._get(key, version) if version is not None else None
        if item is None:
            self.misses += 1
            body, media = await run_in_threadpool(make)
            item = (version, body, None, media)
            if version is not None:
                self._put(key, item)
        else:
            self.hits += 1
        _, body, zipped, media = item
        out: dict[str, Any] = {"Vary": "Accept-Encoding", **(headers or {})}
        if gz_ok and len(body) >= 1000:
            if zipped is None:
                zipped = gzip.compress(body, compresslevel=5, mtime=0)
                if version is not None:
                    self._put(key, (version, body, zipped, media))
            return Response(zipped, media_type=media, headers={**out, "Content-Encoding": "gzip"})
        return Response(body, media_type=media, headers=out)

    def _get(self, key: Hashable, version: Hashable) -> tuple[Hashable, bytes, bytes | None, str] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != version:
                return None
            self._items.move_to_end(key)
            return item

    def _put(self, key: Hashable, item: tuple[Hashable, bytes, bytes | None, str]) -> None:
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def close(self) -> None:
        self.version.close()
