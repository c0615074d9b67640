"""Schema migrations, run by marsad itself (Alembic, no alembic.ini needed).

`upgrade(engine)` brings a database to the newest schema.  It is called by
Store.open, so users never run it by hand (`marsad db upgrade` exists for
scripts).  Concurrent openers are serialised: SQLite by ``BEGIN IMMEDIATE``,
PostgreSQL by a transaction-level advisory lock.  The whole upgrade is one
transaction on both backends, so a killed upgrade leaves the old schema.

Developers who edit schema.py write the next migration with

    python -m marsad.store.migrate revision "what changed" [REVISION_ID]

which compares schema.py with a database at the current head and writes a
file to marsad/store/migrations/versions/ to review by hand.
"""
from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from marsad.errors import StoreError
from marsad.store import search
from marsad.store.schema import metadata

log = logging.getLogger(__name__)

VERSION_TABLE = "schema_migrations"
MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK_KEY = 0x6D61_7273_6164        # "marsad": one advisory lock for all marsad upgrades


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    """The newest revision this version of marsad knows (None only while writing the first)."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current(conn: Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def _only_marsad(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # Tables that are not marsad's (another application's, in the same database) are not our business.
    return not (type_ == "table" and reflected and compare_to is None)


def differences(conn: Connection) -> list[Any]:
    """What Alembic's autogenerate finds between the database and schema.py ([] = in step)."""
    ctx = MigrationContext.configure(conn, opts={
        "version_table": VERSION_TABLE, "compare_type": True, "include_object": _only_marsad})
    return list(compare_metadata(ctx, metadata))


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Migrate the database to head; return (revision before, revision after).

    A database made by ``metadata.create_all`` (no version table), even for only
    some tables, gets the missing tables and indexes and is stamped at head; one
    whose existing tables differ from schema.py is refused with a StoreError.
    """
    target = head()
    with engine.connect() as conn:
        before = current(conn)
        if before != target:
            check_known(conn)
    if before == target:
        return before, target
    with engine.connect() as conn:
        conn.execution_options(marsad_write=True)
        with conn.begin():
            _lock(conn)
            before = current(conn)                 # another process may have migrated meanwhile
            if before == target:
                return before, target
            cfg = _config(conn)
            if before is None and set(inspect(conn).get_table_names()) & set(metadata.tables):
                _adopt(conn)
                log.info("stamping an unversioned marsad database at %s", target)
                command.stamp(cfg, "head")
            else:
                log.info("migrating database from %s to %s", before or "empty", target)
                command.upgrade(cfg, "head")
    return before, target


def _adopt(conn: Connection) -> None:
    """An unversioned database with some of marsad's tables (made by ``metadata.create_all``,
    perhaps for a few tables only): add what is missing if that is all that differs."""
    diffs = differences(conn)
    additive = all(isinstance(d, tuple) and d[0] in ("add_table", "add_index") for d in diffs)
    if not additive:
        raise StoreError(
            f"the database has marsad tables but no schema version, and they differ "
            f"from this marsad's schema ({len(diffs)} differences, first: {diffs[0]!r})",
            fix="export what you need, then start from an empty database")
    new_tables = [d[1] for d in diffs if d[0] == "add_table"]
    metadata.create_all(conn, tables=new_tables)             # with their indexes
    for d in diffs:
        if d[0] == "add_index" and d[1].table not in new_tables:
            d[1].create(conn)
    left = differences(conn)
    if left:
        raise StoreError(f"cannot bring the unversioned database in step with the schema: {left[0]!r}",
                         fix="export what you need, then start from an empty database")
    if not search.indexed(conn):
        search.install(conn)                                 # the text index is not in schema.py


def check_known(conn: Connection) -> None:
    """Raise StoreError if the database is at a revision this marsad does not know."""
    rev = current(conn)
    if rev is None:
        return
    try:
        ScriptDirectory.from_config(_config()).get_revision(rev)
    except CommandError as e:
        raise StoreError(f"the database schema is at revision {rev}, newer than this marsad knows",
                         fix="upgrade marsad (pip install -U marsad) or use another --db") from e


def _revision(message: str, rev_id: str | None = None) -> None:
    """Autogenerate the next migration file from schema.py (developers only)."""
    from marsad.store.engine import create

    with tempfile.TemporaryDirectory() as tmp:
        engine = create(f"sqlite:///{tmp}/rev.db")
        if head() is not None:
            upgrade(engine)
        with engine.begin() as conn:
            cfg = _config(conn)
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":                     # pragma: no cover - developer tool
    if len(sys.argv) not in (3, 4) or sys.argv[1] != "revision":
        sys.exit('usage: python -m marsad.store.migrate revision "message" [REVISION_ID]')
    _revision(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
