"""Alembic's entry: migrations run on the connection reportgen hands over (never from a URL or an ini file)."""

from __future__ import annotations

from alembic import context

from reportgen.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
