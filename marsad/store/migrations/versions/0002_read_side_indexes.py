"""read-side indexes for the API and dashboard

Counts by week, type, admin1 and actor read only these indexes (no table
rows); a country's newest events come in date order.  See marsad.store.queries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:38:01.136333
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('canonical_events', schema=None) as batch_op:
        batch_op.create_index('ix_canonical_events_actor1_fatalities', ['actor1', 'fatalities'], unique=False)
        batch_op.create_index('ix_canonical_events_actor2_actor1_fatalities', ['actor2', 'actor1', 'fatalities'], unique=False)
        batch_op.create_index('ix_canonical_events_admin1_fatalities', ['admin1', 'fatalities'], unique=False)
        batch_op.create_index('ix_canonical_events_country_date', ['country', 'event_date'], unique=False)
        batch_op.create_index('ix_canonical_events_date_type_fatalities', ['event_date', 'event_type', 'fatalities'], unique=False)
        batch_op.create_index('ix_canonical_events_type_fatalities', ['event_type', 'fatalities'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('canonical_events', schema=None) as batch_op:
        batch_op.drop_index('ix_canonical_events_type_fatalities')
        batch_op.drop_index('ix_canonical_events_date_type_fatalities')
        batch_op.drop_index('ix_canonical_events_country_date')
        batch_op.drop_index('ix_canonical_events_admin1_fatalities')
        batch_op.drop_index('ix_canonical_events_actor2_actor1_fatalities')
        batch_op.drop_index('ix_canonical_events_actor1_fatalities')
