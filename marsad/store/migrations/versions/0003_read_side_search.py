"""read side: a covering index for a country's counts, and text search

1. A country's events by date, covering the counted columns.

Counts over "a country since a date" (the dashboard's usual filter) read this
index alone instead of fetching every matching row from the table: about five
times faster on 100,000 events.  It replaces the (country, event_date) index,
whose order it keeps for a country's newest events.  See marsad.store.queries.

2. A type's events by date (the table's default order), still covering
counts by type: replaces (event_type, fatalities).

3. SQLite only: a trigram full-text index of location, notes and actors, kept
in step with canonical_events by triggers, for the API's ``q`` filter.  See
marsad.store.search (skipped where SQLite lacks FTS5; PostgreSQL scans).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 23:20:00
"""
from alembic import op

from marsad.store import search

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

COVERED = ['country', 'event_date', 'event_type', 'admin1', 'actor1', 'actor2', 'fatalities']


def upgrade() -> None:
    with op.batch_alter_table('canonical_events', schema=None) as batch_op:
        batch_op.drop_index('ix_canonical_events_country_date')
        batch_op.create_index('ix_canonical_events_country_date_covering', COVERED, unique=False)
        batch_op.drop_index('ix_canonical_events_type_fatalities')
        batch_op.create_index('ix_canonical_events_type_date_fatalities',
                              ['event_type', 'event_date', 'fatalities'], unique=False)
    search.install(op.get_bind())


def downgrade() -> None:
    search.uninstall(op.get_bind())
    with op.batch_alter_table('canonical_events', schema=None) as batch_op:
        batch_op.drop_index('ix_canonical_events_type_date_fatalities')
        batch_op.create_index('ix_canonical_events_type_fatalities', ['event_type', 'fatalities'], unique=False)
        batch_op.drop_index('ix_canonical_events_country_date_covering')
        batch_op.create_index('ix_canonical_events_country_date', ['country', 'event_date'], unique=False)
