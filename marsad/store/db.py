"""The Store: opens (and migrates) the database and saves articles with their events.

    >>> from marsad.records import Article, Event
    >>> store = Store.open("sqlite://")
    >>> art = Article(doc_id="a1", text="Shelling hit Idlib on Monday.")
    >>> res = store.save_article(art, [Event(doc_id="a1", event_type="Explosions/Remote violence",
    ...                                      sub_event_type="Shelling/artillery/missile attack")])
    >>> res.created, len(res.event_ids)
    (True, 1)
    >>> store.save_article(art, []).created        # the same article again: nothing written
    False
    >>> store.close()

Writers that are not `save_article` (merging, splitting, gazetteer additions)
should use ``with store.begin() as conn:``: on SQLite it takes the write lock
at BEGIN, so a read-then-write transaction waits for other writers instead of
failing with "database is locked".
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, Table, func, insert, or_, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from marsad.config import db_url
from marsad.errors import StoreError
from marsad.records import Article, Event
from marsad.store import engine as _engine
from marsad.store import migrate
from marsad.store.rows import canonical_from, check, clean, document_row, event_fields
from marsad.store.schema import canonical_events, documents, events, evidence, metadata

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SaveResult:
    """What save_article did.  `created` is False when the article was already
    stored (same doc_id, url or text hash): then nothing was written and
    `event_ids` is empty."""

    document_id: int
    created: bool
    event_ids: list[int] = field(default_factory=list)


class Store:
    """marsad's database.  Open it with `Store.open(url)`; close it when done."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, migrate_to_head: bool = True, create: bool = True) -> Store:
        """Open the database at `url` (default: --db / MARSAD_DB / sqlite:///marsad.db)
        and migrate it to the newest schema.  Raises StoreError saying how to fix a failure.
        With create=False a missing SQLite file is an error instead of a new, empty database."""
        url = db_url(url)
        if not create:
            _engine.require_existing(url)
        eng = _engine.create(url)
        try:
            if migrate_to_head:
                migrate.upgrade(eng)
            else:
                with eng.connect() as conn:
                    migrate.check_known(conn)
        except StoreError as e:
            eng.dispose()
            if e.source is None:
                e.source = _engine.safe_url(url)
            raise
        except DBAPIError as e:
            eng.dispose()
            raise _engine.wrap(e, url, "open the database") from e
        except CommandError as e:
            eng.dispose()
            raise StoreError(f"cannot migrate the database: {e}", source=_engine.safe_url(url),
                             fix="use a database made by marsad, or an empty one") from e
        return cls(eng, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({_engine.safe_url(self.url)!r})"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction (committed on success, rolled back on error)."""
        with self.engine.connect() as conn:
            conn.execution_options(marsad_write=True)
            with conn.begin():
                yield conn

    # -- reading -----------------------------------------------------------
    def find_document(self, *, doc_id: str | None = None, url: str | None = None,
                      content_hash: str | None = None) -> int | None:
        """The id of the stored document with this doc_id, url or text hash, else None."""
        with self.engine.connect() as conn:
            return _find(conn, doc_id, url, content_hash)

    def counts(self) -> dict[str, int]:
        """Rows per table, for `marsad db info`."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in metadata.sorted_tables}

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current(conn)

    # -- writing -----------------------------------------------------------
    def save_article(self, article: Article, events_: list[Event],
                     then: Callable[[Connection, list[int]], Any] | None = None) -> SaveResult:
        """Store an article, its events, their evidence and a singleton canonical
        event for each, in one transaction.  The same article again (same doc_id,
        url or text hash) writes nothing and returns created=False.

        `then(conn, report_ids)` runs inside that same transaction once the reports
        are inserted (the pipeline merges them there): a process killed at any point
        leaves either the article saved and merged, or nothing of it."""
        src = article.doc_id
        now = datetime.now(UTC)
        doc = check(documents, document_row(article, len(events_), now), src, "article")
        uids = [ev.event_id for ev in events_]
        if len(set(uids)) != len(uids):
            raise StoreError("two events of the article have the same event_id", source=src,
                             fix="give each event of an article its own index")
        ev_rows, canon_rows, evid = [], [], []
        for i, ev in enumerate(events_):
            fields = check(events, event_fields(ev), src, f"events[{i}]")
            canon = canonical_from(fields, now)
            canon["source"] = fields["source"] or clean(article.outlet or "")   # as merge.canonical_fields does
            canon_rows.append(check(canonical_events, canon, src, f"events[{i}]"))
            first = ev.evidence[0] if ev.evidence else None
            ev_rows.append(check(events, {
                **fields, "event_uid": ev.event_id, "origin": "marsad",
                "evidence_text": first.text if first else "",
                "evidence_start": first.start if first else None,
                "evidence_end": first.end if first else None,
                "created_at": now}, src, f"events[{i}]"))
            evid.append([check(evidence, {"start": e.start, "end": e.end, "text": e.text, "role": e.role},
                               src, f"events[{i}].evidence") for e in ev.evidence])
        keys = (doc["doc_id"], doc["url"], doc["content_hash"])
        try:
            with self.begin() as conn:
                existing = _find(conn, *keys)
                if existing is not None:
                    return SaveResult(existing, False, [])
                doc_pk = conn.execute(insert(documents).returning(documents.c.id), doc).scalar_one()
                ids = insert_reports(conn, doc_pk, ev_rows, canon_rows, evid)
                if then is not None and ids:
                    then(conn, ids)
        except IntegrityError as e:
            existing = self.find_document(doc_id=keys[0], url=keys[1], content_hash=keys[2])
            if existing is not None:                  # another process saved it meanwhile
                log.info("%s was saved meanwhile by another process", src)
                return SaveResult(existing, False, [])
            raise StoreError(f"cannot save the article: {str(e.orig).strip().splitlines()[0]}", source=src,
                             fix="an event_id of this article is already stored for another document") from e
        except DBAPIError as e:
            raise _engine.wrap(e, self.url, f"save article {src}") from e
        return SaveResult(doc_pk, True, ids)


def _find(conn: Connection, doc_id: str | None, url: str | None, content_hash: str | None) -> int | None:
    conds = []
    if doc_id is not None:
        conds.append(documents.c.doc_id == doc_id)
    if url:
        conds.append(documents.c.url == url)
    if content_hash is not None:
        conds.append(documents.c.content_hash == content_hash)
    if not conds:
        raise ValueError("find_document needs doc_id, url or content_hash")
    q = select(documents.c.id).where(or_(*conds)).order_by(documents.c.id).limit(1)
    return conn.execute(q).scalar_one_or_none()


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their new ids, in the order of `rows`.

    PostgreSQL: ids are drawn from the table's sequence first and the rows sent
    with psycopg's pipelined executemany; a multi-row INSERT ... RETURNING would
    spend most of its time in psycopg's placeholder parsing (30 columns x 1000 rows).
    SQLite: one INSERT ... RETURNING per page of rows.
    """
    if not rows:
        return []
    if conn.dialect.name == "postgresql":
        ids = sorted(conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table.name, "n": len(rows)}).scalars())
        for row, i in zip(rows, ids):
            row["id"] = i
        conn.execute(insert(table), rows)
        return ids
    q = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(q, rows).scalars())


def insert_reports(conn: Connection, document_id: int | None, ev_rows: list[dict[str, Any]],
                   canon_rows: list[dict[str, Any]], evid: list[list[dict[str, Any]]]) -> list[int]:
    """Insert reports, each with its own canonical event and evidence; return the report ids.
    `canon_rows[i]` becomes the canonical event of `ev_rows[i]`, `evid[i]` its evidence."""
    if not ev_rows:
        return []
    canon_ids = insert_many(conn, canonical_events, canon_rows)
    for row, cid in zip(ev_rows, canon_ids):
        row["canonical_id"] = cid
        row["document_id"] = document_id
    ids = insert_many(conn, events, ev_rows)
    ev_evidence = [{**e, "event_id": eid} for eid, items in zip(ids, evid) for e in items]
    if ev_evidence:
        conn.execute(insert(evidence), ev_evidence)
    return ids
