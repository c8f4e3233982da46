"""The client cache: one SQLite file, WAL, synchronous=FULL, foreign keys, user_version migrations.

Everything the UI shows is read from here; the network only ever writes into it through the sync
engine. One connection, used from the thread that runs the event loop (the Qt thread under qasync)."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from cs_desk.errors import CacheUnreadable, StoreError
from cs_desk.private_files import private_file
from cs_desk.store.schema import MIGRATIONS


def driver(encrypted: bool) -> Any:
    """sqlite3, or SQLCipher's drop-in module (the same DB-API, its own SQLite with encryption)."""
    if not encrypted:
        return sqlite3
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def connect(path: Path | str, key: bytes | None = None) -> sqlite3.Connection:
    """`key`: the 32-byte key of an encrypted cache (SQLCipher); None for plain SQLite."""
    drv = driver(key is not None)
    conn = drv.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = drv.Row
    if key is not None:
        # a raw key (hex of random bytes, never text a person typed): no key derivation to slow opening
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a reply saved offline must survive a power cut
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA cache_size=-32000")
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(f"the cache was written by a newer cs_desk (schema {version}); update the app")
    for i in range(version, len(MIGRATIONS)):
        with transaction(conn):
            for stmt in _split(MIGRATIONS[i]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version={i + 1}")
    return len(MIGRATIONS)


def _split(script: str) -> Iterator[str]:
    """executescript() commits on its own; split statements so a migration is one transaction."""
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip():
        yield buf.strip()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    if conn.in_transaction:
        # Nested use joins the outer transaction: one op is one transaction, whatever it calls.
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    except Exception as exc:
        raise _write_problem(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(Exception):  # SQLite may have rolled back already (a full disk at COMMIT)
            conn.execute("ROLLBACK")
        problem = _write_problem(exc)
        if problem is exc:
            raise
        raise problem from exc


def _write_problem(exc: BaseException) -> BaseException:
    """A full disk or a failing one, said as a StoreError (nothing of the transaction was kept, and
    the caller can say so and try later); anything else as it was."""
    text = str(exc).lower()
    if type(exc).__name__ == "OperationalError" and any(w in text for w in ("full", "disk i/o", "readonly")):
        return StoreError(f"cannot write to this computer's cache ({exc}): free some disk space; nothing "
                          "was lost, and what you did is kept until it can be saved")
    return exc


class Database:
    """Owns the connection and the small key/value sync_state table."""

    def __init__(self, path: Path | str, key: bytes | None = None) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self.encrypted = key is not None
        if isinstance(self.path, Path):
            private_file(self.path)
        try:
            self.conn = connect(path, key)
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlite3.DatabaseError, driver(self.encrypted).DatabaseError) as exc:
            with contextlib.suppress(Exception):
                self.conn.close()
            raise CacheUnreadable(path, str(exc)) from exc
        try:
            migrate(self.conn)
        except BaseException:
            self.conn.close()
            raise
        with transaction(self.conn):
            if self.get("client_id") is None:
                # A new cache is a new client: mutation numbers restart, so the id must too.
                self.put("client_id", str(uuid.uuid4()))

    def tx(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return transaction(self.conn)

    def get(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM sync_state WHERE key=?", (key,)).fetchone()
        return None if row is None else orjson.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        self.conn.execute("INSERT INTO sync_state(key, value) VALUES(?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, orjson.dumps(value)))

    def close(self) -> None:
        self.conn.close()


SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database file


def move_aside(path: Path) -> Path:
    """Renames an unreadable cache (and its side files) out of the way, keeping it for a repair
    attempt, so that a new cache can take its place. Returns the new name of the main file."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", *SIDE_FILES):
        src = Path(f"{path}{suffix}")
        if src.exists():
            src.rename(Path(f"{target}{suffix}"))
    return target


def remove_files(path: Path, side_files_only: bool = False) -> None:
    """Deletes a database file and its side files (or only the side files)."""
    for suffix in SIDE_FILES if side_files_only else ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
