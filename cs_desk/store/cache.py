"""Opening the agent's cache encrypted at rest (SQLCipher through `sqlcipher3`). An agent's laptop
holds customers' names, phones, addresses and orders, so a lost or stolen laptop must not give
them away.

- The key is 32 random bytes, made when the cache is made and kept in the OS keyring (Windows
  Credential Manager, macOS Keychain, Secret Service), never in a file or a log.
- With no keyring, the key lives in memory only. The cache then lasts for the session: it is
  deleted when the app closes, and the next start syncs anew.
- Logging out deletes the key and the cache files.
- A plain cache of an earlier version is encrypted in place on first open, its data and outbox kept.
- An encrypted cache whose key is gone (deleted from the keyring by hand, another account) cannot be
  read by anyone. It is moved aside, not deleted, and a new cache is started.
- `CS_DESK_PLAIN_CACHE=1` keeps plain SQLite, for development (inspect the cache with `sqlite3`).
  Plain SQLite is also used where no `sqlcipher3` wheel could be installed, and the UI says so."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Protocol

from cs_desk.store.db import move_aside, remove_files
from cs_desk.store.store import Store

log = logging.getLogger(__name__)
PLAIN_ENV = "CS_DESK_PLAIN_CACHE"
PLAIN_HEADER = b"SQLite format 3\x00"


class Secrets(Protocol):
    """Where the key is kept: cs_desk.sync.tokens.KeyringTokenStore (the OS keyring, or memory)."""

    persistent: bool

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, token: str) -> None: ...
    def delete(self, key: str) -> None: ...


def available() -> bool:
    try:
        import sqlcipher3.dbapi2  # noqa: F401
    except ImportError:
        return False
    return True


def wanted() -> bool:
    return os.environ.get(PLAIN_ENV, "") not in ("1", "true", "yes")


def key_name(path: Path) -> str:
    return f"cache-key:{path.resolve()}"


def _is_plain(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == PLAIN_HEADER
    except OSError:
        return False


def _encrypt_in_place(path: Path, key: bytes) -> None:
    """A plain cache of an earlier version becomes an encrypted one with the same content."""
    import sqlcipher3.dbapi2 as sc

    tmp = path.with_name(path.name + ".encrypting")
    remove_files(tmp)
    conn = sc.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    os.replace(tmp, path)
    remove_files(path, side_files_only=True)  # the plain file's WAL must not be replayed into this one


def open_cache(path: Path, keys: Secrets) -> Store:
    """The cache at `path`, encrypted unless plain is asked for or SQLCipher is missing. `keys` is
    where the key is kept (the session-token store: the OS keyring, or memory without one)."""
    if not wanted() or not available():
        if wanted():
            log.warning("sqlcipher3 is not installed: the cache is NOT encrypted")
        return Store(path)
    name = key_name(path)
    hexkey = keys.get(name)
    if hexkey is None:
        key = secrets.token_bytes(32)
        if path.exists():
            if _is_plain(path):
                log.info("encrypting the cache %s (made by an earlier version)", path)
                _encrypt_in_place(path, key)
            elif path.stat().st_size > 0:
                kept = move_aside(path)  # nobody can read it without its key; kept, not deleted
                log.warning("the cache's key is gone: %s was moved aside to %s and a new cache started", path, kept)
        keys.set(name, key.hex())
    else:
        key = bytes.fromhex(hexkey)
    store = Store(path, key)
    store.session_only = not keys.persistent
    return store


def wipe(store: Store, keys: Secrets) -> None:
    """Logging out: the cache and its key are gone from this computer."""
    path = Path(store.path)
    store.close()
    remove_files(path)
    keys.delete(key_name(path))
