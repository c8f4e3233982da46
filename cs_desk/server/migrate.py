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
# The tables of the baseline: an unversioned database is completed to exactly these, then migrated on
# like any other (tables of later migrations are theirs to make).
BASELINE_TABLES = frozenset(
    ["calendars", "customers", "events", "files", "intake_requests", "meta", "metrics_snapshots", "mutations", "teams", "webhook_deliveries", "webhooks", "api_keys", "customer_identities", "file_teams", "file_uploads", "kb_synonyms", "kb_words", "message_files", "orders", "sensitive_words", "sla_policies", "snippets", "users", "conversations", "routing_rules", "tokens", "widgets", "assignments", "followups", "messages", "visitors"])


def config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    cfg.attributes["connection"] = conn
    return cfg


def next_revision_id() -> str:
    """Revisions are numbered 0001, 0002, … so their order reads from their names."""
    revs = [s.revision for s in ScriptDirectory.from_config(config()).walk_revisions()]
    return f"{max((int(r) for r in revs if r.isdigit()), default=0) + 1:04d}"


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
    schema.metadata.create_all(conn, tables=[t for name, t in schema.metadata.tables.items()
                                             if name in BASELINE_TABLES])
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
