"""Alembic migrations of the server database (PostgreSQL and SQLite). cs_desk.server.migrate runs
them; add one with `cs-desk-server db revision -m "what changes"` after changing schema.py."""
