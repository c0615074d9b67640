"""Creating an SQLAlchemy engine for marsad's database, SQLite or PostgreSQL.

SQLite is set up for a single writer and many readers: WAL journal, foreign
keys on, a busy timeout, and real transactions (SQLAlchemy emits BEGIN itself,
so DDL and SELECTs are transactional too).  A connection whose execution
options carry ``marsad_write=True`` begins with ``BEGIN IMMEDIATE``, which takes
the write lock up front: a read-then-write transaction then waits for another
writer instead of failing with "database is locked".

    >>> eng = create("sqlite://")
    >>> eng.dialect.name
    'sqlite'
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from marsad.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000


def safe_url(url: str | URL) -> str:
    """The URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable database URL>"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None          # SQLAlchemy emits BEGIN itself (see below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")   # safe with WAL: a killed process loses nothing committed
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("marsad_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def create(url: str) -> Engine:
    """An engine for `url` (already normalised by marsad.config.db_url).

    Raises StoreError when the URL is malformed, its driver is missing, or an
    SQLite file's folder does not exist.
    """
    shown = safe_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"not a database URL ({e})", source=shown,
                         fix="use a file path, sqlite:///FILE or postgresql://USER@HOST/DB") from e
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database or ""
        if db in ("", ":memory:"):
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        elif not db.startswith("file:"):
            folder = Path(db).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"folder {folder} does not exist", source=shown,
                                 fix=f"create it (mkdir -p {folder}) or choose another --db path")
            kwargs["connect_args"] = {"check_same_thread": False}
    elif parsed.get_backend_name() == "postgresql":
        kwargs.update(pool_pre_ping=True)
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as e:
        raise StoreError(f"no driver for this database ({e})", source=shown,
                         fix="marsad supports sqlite:///FILE and postgresql://USER@HOST/DB") from e
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


def require_existing(url: str) -> None:
    """Raise StoreError if `url` names an SQLite file that does not exist."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return                                   # create() reports it
    db = parsed.database or ""
    local = parsed.get_backend_name() == "sqlite" and db not in ("", ":memory:") and not db.startswith("file:")
    if local and not Path(db).expanduser().exists():
        raise StoreError("no database here", source=safe_url(url),
                         fix="check --db / MARSAD_DB, or fill one first with marsad ingest or import-acled")


def wrap(e: Exception, url: str | URL, doing: str) -> StoreError:
    """Turn a driver error into a StoreError whose message says what to do."""
    shown = safe_url(url)
    text = str(getattr(e, "orig", None) or e).strip().splitlines()[0] if str(e).strip() else repr(e)
    low = text.lower()
    if "does not exist" in low and "database" in low:
        fix = "create the database first (createdb NAME) or correct --db"
    elif "password authentication failed" in low or "no password supplied" in low:
        fix = "give the right user and password in the --db URL"
    elif "connection refused" in low or "could not connect" in low or "connection failed" in low:
        fix = "start PostgreSQL or correct the host/port in --db or MARSAD_DB"
    elif "file is not a database" in low or "file is encrypted" in low:
        fix = "this file is not an SQLite database: give another --db path"
    elif "unable to open database file" in low:
        fix = "check that the file's folder exists and is writable"
    elif "readonly database" in low or "read-only" in low:
        fix = "the database file is read-only: check its permissions"
    elif "database is locked" in low:
        fix = "another marsad process holds the database for too long; retry when it is done"
    elif isinstance(e, DBAPIError):
        fix = "check the database URL and that the server is reachable"
    else:
        fix = None
    return StoreError(f"cannot {doing}: {text}", source=shown, fix=fix)
