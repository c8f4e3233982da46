"""Alembic environment: the connection comes from cs_desk.server.migrate (config.attributes), never
from an ini file, so the same code migrates PostgreSQL and the embedded SQLite."""

from __future__ import annotations

from alembic import context

from cs_desk.server import schema

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=schema.metadata,
                  render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying tables
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
