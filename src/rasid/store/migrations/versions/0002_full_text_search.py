"""Full-text search over normalised report text.

Both databases match query words as substrings of the normalised text, so that a word
is found whatever clitics are glued to it (حطله in بحطله, الميليشيات in والميليشيات):
SQLite through an FTS5 trigram index keyed by reports.pk (contentless: the text lives
in reports.norm_text), PostgreSQL through a pg_trgm GIN index on norm_text serving
ILIKE. Where the role may not create pg_trgm, search still works, without the index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE reports_fts USING fts5(body, content='', tokenize='trigram')")
    elif dialect == "postgresql":
        bind = op.get_bind()
        try:
            with bind.begin_nested():
                op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:
            return
        op.create_index(
            "ix_reports_norm_text_trgm",
            "reports",
            ["norm_text"],
            postgresql_using="gin",
            postgresql_ops={"norm_text": "gin_trgm_ops"},
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE reports_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_norm_text_trgm")
