"""marsad's database: SQLite by default, PostgreSQL by URL.

    from marsad.store import Store
    store = Store.open("sqlite:///marsad.db")      # migrates to the newest schema
    res = store.save_article(article, events)       # SaveResult(document_id, created, event_ids)
    with store.begin() as conn:                     # any other write (merge, split, ...)
        ...
    store.close()

    schema.py    the tables (SQLAlchemy Core) and the field lists of their rows
    db.py        Store: open, find_document, save_article, begin, counts
    engine.py    engine set-up (SQLite WAL, foreign keys, busy timeout) and error messages
    migrate.py   Alembic migrations, run at open (migrations/versions/)
    importer.py  ACLED CSV and marsad JSONL import (export is marsad.export)
    queries.py   read queries for the API and CLI
    places.py    the places and aliases users add (geocoding receives them as UserPlaces)
    feeds.py     the feed items `marsad watch` already handled

The store is the only part of marsad that opens the database.
"""
from marsad.store.db import SaveResult, Store

__all__ = ["SaveResult", "Store"]
