"""Alembic environment: rasid runs migrations itself on `Store.open`, on the connection it opened.

The connection arrives in `config.attributes["connection"]`; there is no alembic.ini
and no offline mode, because the schema is only ever brought up to date from Python.
"""

from __future__ import annotations

from alembic import context

from rasid.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
