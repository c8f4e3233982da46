"""Database access for the server: one engine, one writer thread, a few reader threads.

All writes go through a single thread so that on SQLite the event sequence is assigned and
committed in order without lock contention; the asyncio loop never blocks on disk."""

from __future__ import annotations

import asyncio
import fcntl
import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.pool import NullPool

from cs_desk.domain.clock import utc_now_iso
from cs_desk.server import schema

T = TypeVar("T")


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / 'server.sqlite3'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, poolclass=NullPool if ":memory:" not in url else None)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Python's sqlite3 opens transactions lazily; take control so BEGIN IMMEDIATE is ours.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")  # an ack means the change survives power loss
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return create_engine(url, pool_size=4, max_overflow=4, pool_pre_ping=True)


class DataDirLock:
    """One server process per SQLite data dir: a second one would assign clashing sequence numbers."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "server.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RuntimeError(f"another cs-desk-server is already using {self.path.parent}") from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._readers = ThreadPoolExecutor(max_workers=3, thread_name_prefix="db-reader")
        self.epoch = ""

    # --- setup -------------------------------------------------------------------------------
    def create_schema(self) -> None:
        schema.metadata.create_all(self.engine)
        with self.write_tx() as conn:
            row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "epoch")).first()
            if row is None:
                # A new epoch tells clients that cursors from any earlier database are meaningless.
                self.epoch = secrets.token_hex(8)
                conn.execute(schema.meta.insert(), [{"key": "epoch", "value": self.epoch},
                                                    {"key": "created_at", "value": utc_now_iso()}])
            else:
                self.epoch = row[0]

    # --- transactions ------------------------------------------------------------------------
    def write_tx(self) -> _Tx:
        return _Tx(self, write=True)

    def read_tx(self) -> _Tx:
        return _Tx(self, write=False)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Runs fn(conn, *args) in one write transaction on the writer thread."""
        def run() -> T:
            with self.write_tx() as conn:
                return fn(conn, *args)
        return await asyncio.get_running_loop().run_in_executor(self._writer, run)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        def run() -> T:
            with self.read_tx() as conn:
                return fn(conn, *args)
        return await asyncio.get_running_loop().run_in_executor(self._readers, run)

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self._readers.shutdown(wait=True)
        self.engine.dispose()


class _Tx:
    def __init__(self, db: Database, write: bool) -> None:
        self.db = db
        self.write = write
        self._conn: Connection | None = None
        self._tx: Any = None

    def __enter__(self) -> Connection:
        conn = self.db.engine.connect()
        if not self.write and not self.db.is_sqlite:
            # A snapshot reads several tables plus the head seq: they must agree (SQLite's WAL read
            # transaction already gives that).
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        conn.info["write"] = self.write
        self._conn = conn
        self._tx = conn.begin()
        if self.write and not self.db.is_sqlite:
            # Serialises writers across server processes so seq order equals commit order.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7301)")
        return conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._conn is not None
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                self._tx.rollback()
        finally:
            self._conn.close()
