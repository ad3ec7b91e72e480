"""Covering index from reports to their events (for --text filters).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_event_sources_report_pk")
        batch_op.create_index("ix_event_sources_report_event", ["report_pk", "event_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_event_sources_report_event")
        batch_op.create_index("ix_event_sources_report_pk", ["report_pk"], unique=False)
