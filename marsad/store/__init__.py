"""marsad's database: SQLite by default, PostgreSQL by URL.

    from marsad.store import Store
    store = Store.open("sqlite:///marsad.db")      # migrates to the newest schema
    res = store.save_article(article, events)       # SaveResult(document_id, created, event_ids)
    store.close()

schema.py holds the tables, migrate.py the Alembic migrations, db.py the Store.
"""
from marsad.store.db import SaveResult, Store

__all__ = ["SaveResult", "Store"]
