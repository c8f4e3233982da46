"""Which files exist and which teams may read them (cs_desk.server.files keeps the bytes)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import Role
from cs_desk.server import intake
from cs_desk.server.auth import User
from cs_desk.server.fastsql import raw
from cs_desk.server.files import Stored


def channel_team(conn: Connection, api_key: str) -> str:
    """The team of a live channel key, or IntakeError(401)."""
    row = raw(conn).one("SELECT team_id, revoked_at FROM api_keys WHERE key_hash = ?", (intake.hash_key(api_key),))
    if row is None or row[1] is not None:
        raise intake.IntakeError(401, "bad_api_key", "unknown or revoked API key")
    return row[0]


def channel_owner(api_key: str) -> str:
    return "key:" + intake.hash_key(api_key)


def record(conn: Connection, stored: Stored, team_id: str, uploader: tuple[int, str] | None = None,
           owner: str | None = None) -> dict[str, Any]:
    """Keeps the file's facts and lets `team_id` read it; `uploader`: (agent's user id, SHA-256 of
    the bytes as sent), remembered so the agent's queued message can name the file by what it sent;
    `owner`: the channel or visitor that uploaded it (schema.file_owners)."""
    r = raw(conn)
    # ON CONFLICT: two server processes may take the same bytes at once
    r.run("INSERT INTO files(sha256, mime, size, width, height, thumb, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT DO NOTHING",
          (stored.sha256, stored.mime, stored.size, stored.width, stored.height, stored.thumb, utc_now_iso()))
    r.run("INSERT INTO file_teams(sha256, team_id) VALUES (?, ?) ON CONFLICT DO NOTHING", (stored.sha256, team_id))
    if owner is not None:
        r.run("INSERT INTO file_owners(owner, sha256, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
              (owner, stored.sha256, utc_now_iso()))
    if uploader is not None:
        r.run("INSERT INTO file_uploads(user_id, sent_sha256, sha256, created_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO NOTHING", (*uploader, stored.sha256, utc_now_iso()))
    return {"sha256": stored.sha256, "mime": stored.mime, "size": stored.size, "width": stored.width,
            "height": stored.height, "thumbnail": stored.thumb}


def readable(conn: Connection, user: User, sha256: str) -> tuple[str, bool] | None:
    """(mime, has thumbnail) when the user's team may read the file; None when it may not, or when
    there is no such file (the two look the same from outside)."""
    r = raw(conn)
    row = r.one("SELECT mime, thumb FROM files WHERE sha256 = ?", (sha256,))
    if row is None:
        return None
    if user.role is not Role.ADMIN and r.one("SELECT 1 FROM file_teams WHERE sha256 = ? AND team_id = ?",
                                             (sha256, user.team_id)) is None:
        return None
    return row[0], bool(row[1])


def channel_readable(conn: Connection, api_key: str, sha256: str) -> tuple[str, bool] | None:
    """(mime, has thumbnail) when the file is on a reply (never a note) of a conversation on the key's
    channel: what the channel may relay to its customers. IntakeError(401) for a bad key."""
    channel_team(conn, api_key)
    return raw(conn).one(
        "SELECT f.mime, f.thumb FROM api_keys k JOIN conversations c ON c.channel = k.channel "
        "JOIN message_files mf ON mf.conversation_id = c.id AND mf.sha256 = ? "
        "JOIN messages m ON m.id = mf.message_id AND m.kind = 'reply' JOIN files f ON f.sha256 = mf.sha256 "
        "WHERE k.key_hash = ? LIMIT 1", (sha256, intake.hash_key(api_key)))
