"""The bytes of files an agent attached to a message still in the outbox. They are written with the
outbox row (one transaction), uploaded before the message goes out, and dropped once no queued or
refused message names them. The server answers an upload with the stored file, which differs from
the sent bytes for images (re-encoded without EXIF); the message still names the sent bytes' SHA-256,
and the server maps it to the stored file."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.file_types import LocalFile
from cs_desk.store import file_cache


def add(conn: sqlite3.Connection, f: LocalFile) -> None:
    """Within the caller's transaction (the op's): the bytes, and the thumbnail for the pane."""
    conn.execute("INSERT INTO outbox_files(sha256, name, mime, size, width, height, thumb, data, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                 (f.sha256, f.name, f.mime, len(f.data), f.width, f.height, f.thumb is not None, f.data,
                  utc_now_iso()))
    if f.thumb is not None:
        file_cache.put(conn, f.sha256, "thumb", f.thumb)


def describe(conn: sqlite3.Connection, sha256: str, name: str) -> dict[str, Any] | None:
    """The attachment as a message's meta names it (the same keys as the server's), for the
    optimistic message."""
    row = conn.execute("SELECT mime, size, width, height, thumb FROM outbox_files WHERE sha256 = ?",
                       (sha256,)).fetchone()
    if row is None:
        return None
    return {"sha256": sha256, "name": name, "mime": row[0], "size": row[1], "width": row[2], "height": row[3],
            "thumbnail": bool(row[4]), "local": True}


def missing(conn: sqlite3.Connection, shas: list[str]) -> list[str]:
    """Those of these files that are still to be uploaded (a file not kept here is the server's already)."""
    out = []
    for sha in shas:
        row = conn.execute("SELECT uploaded FROM outbox_files WHERE sha256 = ?", (sha,)).fetchone()
        if row is not None and row[0] is None:
            out.append(sha)
    return out


def data(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    row = conn.execute("SELECT data FROM outbox_files WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else bytes(row[0])


def uploaded(conn: sqlite3.Connection, sha256: str, answer: dict[str, Any]) -> None:
    """The server has the file: remember its answer, and keep the thumbnail made here under the stored
    name too, so the sent message shows its pictures without fetching them back. (The full file is
    not copied: the stored one is the cleaned image, without the original's EXIF, and opening it
    fetches that.)"""
    if conn.execute("SELECT 1 FROM outbox_files WHERE sha256 = ?", (sha256,)).fetchone() is None:
        return
    conn.execute("UPDATE outbox_files SET uploaded = ? WHERE sha256 = ?", (orjson.dumps(answer).decode(), sha256))
    stored = answer.get("sha256")
    if isinstance(stored, str) and stored != sha256:
        thumb = file_cache.get(conn, sha256, "thumb", touch=False)
        if thumb is not None:
            file_cache.put(conn, stored, "thumb", thumb)


def naming(conn: sqlite3.Connection, sha256: str) -> list[int]:
    """The outbox rows whose message names this file."""
    return [n for n, args in conn.execute("SELECT n, args FROM outbox WHERE op IN ('message.send', 'note.add') "
                                          "AND args LIKE ?", (f'%"{sha256}"%',)) if sha256 in _shas(args)]


def prune(conn: sqlite3.Connection) -> int:
    """Drops the files no queued message and no refused one (which the agent may send again) names."""
    keep: set[str] = set()
    for (args,) in conn.execute("SELECT args FROM outbox WHERE args LIKE '%\"attachments\"%'"):
        keep.update(_shas(args))
    for (meta,) in conn.execute("SELECT meta FROM messages WHERE state = 'failed' AND meta IS NOT NULL"):
        keep.update(_shas(meta))
    gone = [sha for (sha,) in conn.execute("SELECT sha256 FROM outbox_files") if sha not in keep]
    conn.executemany("DELETE FROM outbox_files WHERE sha256 = ?", [(s,) for s in gone])
    return len(gone)


def _shas(text: str) -> list[str]:
    """The files a message's args or meta name; nothing for a shape we do not know."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return []
    files = value.get("attachments") if isinstance(value, dict) else None
    return [f["sha256"] for f in files if isinstance(f, dict) and isinstance(f.get("sha256"), str)] \
        if isinstance(files, list) else []
