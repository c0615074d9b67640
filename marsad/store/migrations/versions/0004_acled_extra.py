"""reports keep the ACLED columns marsad does not model

An imported ACLED row keeps inter1/inter2, interaction, civilian_targeting,
region, admin3, source_scale, tags, disorder_type and timestamp, as JSON in
events.acled_extra, so that exporting it again gives the row ACLED wrote.
See marsad.store.importer and marsad.export.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 16:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acled_extra', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('acled_extra')
