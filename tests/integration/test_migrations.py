"""Alembic migrations on real SQLite and a real PostgreSQL: a new database ends exactly at the schema
the code declares (autogenerate finds nothing to change), which proves a developer changing
schema.py without a migration is caught here; processes starting at once migrate once."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from cs_desk.server import migrate, schema
from cs_desk.server.db import Database, sqlite_url
from tests.helpers.postgres import postgres_cluster


@pytest.fixture(scope="module")
def pg_url():
    with postgres_cluster() as url:
        yield url


def differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), schema.metadata)
    finally:
        engine.dispose()


def test_sqlite_migrates_to_the_declared_schema(tmp_path):
    db = Database(sqlite_url(tmp_path))
    db.create_schema()
    db.close()
    assert differences(sqlite_url(tmp_path)) == []
    assert migrate.upgrade(create_engine(sqlite_url(tmp_path)))[0] == migrate.head_revision()  # nothing to do


def test_postgres_migrates_once_while_three_processes_start(pg_url):
    errors: list[BaseException] = []

    def start() -> None:
        try:
            db = Database(pg_url)
            db.create_schema()
            db.close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert differences(pg_url) == []
    engine = create_engine(pg_url)
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrate.head_revision()
        assert c.exec_driver_sql("SELECT count(*) FROM meta WHERE key = 'epoch'").scalar() == 1
    engine.dispose()
