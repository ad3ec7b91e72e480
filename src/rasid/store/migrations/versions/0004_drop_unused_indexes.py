"""Drop two indexes no query uses; every ingest paid for them.

`ix_event_actors_name` cannot serve the substring match of unknown actor names, and
`ix_mentions_kind_ref` served no query.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_event_actors_name")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_kind_ref")


def downgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_kind_ref", ["kind", "ref_id"], unique=False)
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index("ix_event_actors_name", ["name"], unique=False)
