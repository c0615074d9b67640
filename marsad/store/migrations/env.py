"""Alembic environment for marsad.  marsad runs it itself (marsad.store.migrate):
the caller passes an open connection, already inside a transaction, in
``config.attributes["connection"]``; no alembic.ini is needed.

To write a new migration after editing marsad/store/schema.py (developers only):

    python -m marsad.store.migrate revision "add a column"
"""
from alembic import context

from marsad.store.migrate import VERSION_TABLE
from marsad.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("marsad migrations run through marsad.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",   # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
