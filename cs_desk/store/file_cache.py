"""Customer files kept on this computer: thumbnails and the full files opened once, so they open
again offline. The cache has a size cap; what was used least recently goes first."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from cs_desk.domain.clock import utc_now_iso
from cs_desk.store.db import transaction

CAP_BYTES = 500 * 1024 * 1024


def get(conn: sqlite3.Connection, sha256: str, kind: str, touch: bool = True) -> bytes | None:
    """The file if cached; `touch` marks it used now (a write: callers reading many touch them at once)."""
    row = conn.execute("SELECT data FROM file_cache WHERE sha256 = ? AND kind = ?", (sha256, kind)).fetchone()
    if row is None:
        if kind == "full":  # a file the agent attached to a message still queued
            row = conn.execute("SELECT data FROM outbox_files WHERE sha256 = ?", (sha256,)).fetchone()
            return None if row is None else bytes(row[0])
        return None
    if touch:
        touch_all(conn, [(sha256, kind)])
    return bytes(row[0])


def has(conn: sqlite3.Connection, sha256: str, kind: str) -> bool:
    if conn.execute("SELECT 1 FROM file_cache WHERE sha256 = ? AND kind = ?", (sha256, kind)).fetchone() is not None:
        return True
    return kind == "full" and conn.execute("SELECT 1 FROM outbox_files WHERE sha256 = ?",
                                           (sha256,)).fetchone() is not None


def touch_all(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> None:
    if keys:
        now = utc_now_iso()
        with transaction(conn):
            conn.executemany("UPDATE file_cache SET used_at = ? WHERE sha256 = ? AND kind = ?",
                             [(now, sha, kind) for sha, kind in keys])


def put(conn: sqlite3.Connection, sha256: str, kind: str, data: bytes, cap: int = CAP_BYTES) -> int:
    """Keeps the file; returns how many files were dropped to stay within `cap` bytes."""
    with transaction(conn):
        conn.execute("INSERT INTO file_cache(sha256, kind, data, size, used_at) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT(sha256, kind) DO UPDATE SET used_at = excluded.used_at",
                     (sha256, kind, data, len(data), utc_now_iso()))
        total = conn.execute("SELECT coalesce(sum(size), 0) FROM file_cache").fetchone()[0]
        dropped = 0
        for old_sha, old_kind, size in conn.execute(
                "SELECT sha256, kind, size FROM file_cache ORDER BY used_at").fetchall():
            if total <= cap:
                break
            if (old_sha, old_kind) == (sha256, kind):
                continue
            conn.execute("DELETE FROM file_cache WHERE sha256 = ? AND kind = ?", (old_sha, old_kind))
            total -= size
            dropped += 1
    return dropped


def _attachments(rows: list[tuple]) -> list[dict[str, Any]]:
    out = []
    for mid, meta, created_at, conv_id in rows:
        try:
            files = (orjson.loads(meta) or {}).get("attachments") or []
        except (orjson.JSONDecodeError, AttributeError):
            continue
        for f in files:
            if isinstance(f, dict) and isinstance(f.get("sha256"), str):
                out.append({**f, "message_id": mid, "created_at": created_at, "conversation_id": conv_id})
    return out


def conversation_files(conn: sqlite3.Connection, conv_id: int) -> list[dict[str, Any]]:
    """The files of a conversation's messages, oldest first (as the message events carry them)."""
    return _attachments(conn.execute(
        "SELECT id, meta, created_at, conversation_id FROM messages WHERE conversation_id = ? "
        "AND meta LIKE '%\"attachments\"%' "
        "ORDER BY created_at", (conv_id,)).fetchall())


def customer_files(conn: sqlite3.Connection, customer_id: int) -> list[dict[str, Any]]:
    """Every file of the customer's conversations this cache holds, newest first."""
    rows = conn.execute(
        "SELECT m.id, m.meta, m.created_at, m.conversation_id FROM messages m JOIN conversations c "
        "ON c.id = m.conversation_id "
        "WHERE c.customer_id = ? AND m.meta LIKE '%\"attachments\"%' ORDER BY m.created_at DESC",
        (customer_id,)).fetchall()
    return _attachments(rows)


def message_files(conn: sqlite3.Connection, message_ids: set[str]) -> list[dict[str, Any]]:
    """The files of these messages (just synced ones, to fetch their thumbnails ahead)."""
    ids = sorted(message_ids)
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = conn.execute(f"SELECT id, meta, created_at, conversation_id FROM messages WHERE id IN "
                            f"({','.join('?' * len(chunk))}) AND meta LIKE '%\"attachments\"%'", chunk).fetchall()
        out.extend(_attachments(rows))
    return out
