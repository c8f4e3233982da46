"""Brings the server database to the current schema with Alembic (cs_desk/server/migrations).

- A new database gets every migration in order.
- A database made before migrations existed (tables made by create_all, columns added by
  schema.ADDED_COLUMNS) is first completed the old way, then marked as at the baseline revision, then
  migrated on: data directories of earlier versions keep working.
- Several server processes starting at once on PostgreSQL take turns (an advisory lock), so a
  migration runs once.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from cs_desk.server import schema

BASELINE = "0001"
MIGRATE_LOCK = 7303


def config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(config()).get_current_head() or ""


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrates to the newest revision; returns (revision before, revision now)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})")
        tables = set(inspect(conn).get_table_names())
        before = current_revision(conn) if "alembic_version" in tables else None
        cfg = config(conn)
        if before is None and "events" in tables:
            _complete_legacy(conn)
            command.stamp(cfg, BASELINE)
            before = BASELINE + " (from an unversioned database)"
        command.upgrade(cfg, "head")
        return before, current_revision(conn) or ""


def _complete_legacy(conn: Connection) -> None:
    """What create_schema() did before migrations: missing tables, then missing columns."""
    schema.metadata.create_all(conn)
    have = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in schema.ADDED_COLUMNS}
    for table, names in schema.ADDED_COLUMNS.items():
        for name in names:
            if name in have[table]:
                continue
            col = schema.metadata.tables[table].c[name]
            ddl = f"ALTER TABLE {table} ADD COLUMN {name} {col.type.compile(conn.dialect)}"
            default = col.default.arg if col.default is not None else None
            if default is not None:
                literal = str(default) if isinstance(default, int) else "'" + str(default) + "'"
                ddl += f" NOT NULL DEFAULT {literal}"  # names and defaults are ours, not input
            conn.exec_driver_sql(ddl)
        for index in schema.metadata.tables[table].indexes:
            index.create(conn, checkfirst=True)
