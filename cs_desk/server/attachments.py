"""Files named by a new message: checked against who may attach them and the conversation's limits,
described as the message event carries them, and linked to the message (message_files)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from cs_desk.domain.file_types import MAX_BYTES_PER_CONVERSATION, MAX_FILES_PER_CONVERSATION
from cs_desk.server.fastsql import raw


class AttachmentError(Exception):
    """A file that cannot go with this message: (HTTP status, code, reason)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def uploaded_by(conn: Connection, user_id: int, sent_sha256: str) -> str | None:
    """The stored file an agent's upload became (images are re-encoded, so its SHA-256 differs
    from the bytes the workstation sent and named in its queued message)."""
    row = raw(conn).one("SELECT sha256 FROM file_uploads WHERE user_id = ? AND sent_sha256 = ?",
                        (user_id, sent_sha256))
    return row[0] if row else None


def describe(conn: Connection, conv_id: int, team_id: str, wanted: Sequence[tuple[str, str]],
             owner: str | None = None, where: str = "for this team") -> list[dict]:
    """The files (sha256, name) as the message event names them. Each must be readable by `team_id`
    (uploaded for it, or attached in its conversations before); with `owner` (a customer's channel or
    visitor), each must also be that owner's upload or in this conversation already. The conversation
    stays within its limits. `where`: how an unknown file's refusal says where uploads go."""
    if not wanted:
        return []
    r = raw(conn)
    out = []
    for sha, name in wanted:
        row = r.one("SELECT f.mime, f.size, f.width, f.height, f.thumb FROM files f JOIN file_teams t "
                    "ON t.sha256 = f.sha256 WHERE f.sha256 = ? AND t.team_id = ?", (sha, team_id))
        if row is not None and owner is not None and r.one(
                "SELECT 1 FROM file_owners WHERE owner = ? AND sha256 = ?", (owner, sha)) is None and r.one(
                "SELECT 1 FROM message_files WHERE conversation_id = ? AND sha256 = ?", (conv_id, sha)) is None:
            row = None  # somebody else's upload: its hash alone opens nothing
        if row is None:
            raise AttachmentError(404, "unknown_file", f"no file {sha[:12]}… was uploaded {where}")
        out.append({"sha256": sha, "name": name, "mime": row[0], "size": row[1], "width": row[2],
                    "height": row[3], "thumbnail": bool(row[4])})
    count, size = r.one("SELECT count(*), coalesce(sum(f.size), 0) FROM message_files m JOIN files f "
                        "ON f.sha256 = m.sha256 WHERE m.conversation_id = ?", (conv_id,)) or (0, 0)
    if count + len(out) > MAX_FILES_PER_CONVERSATION:
        raise AttachmentError(413, "too_many_files", f"a conversation holds at most {MAX_FILES_PER_CONVERSATION} "
                              f"files (it has {count})")
    if size + sum(f["size"] for f in out) > MAX_BYTES_PER_CONVERSATION:
        raise AttachmentError(413, "conversation_files_too_large", "a conversation holds at most "
                              f"{MAX_BYTES_PER_CONVERSATION // 2**20} MiB of files")
    return out


def link(conn: Connection, message_id: str, conv_id: int, files: list[dict]) -> None:
    if files:
        raw(conn).many("INSERT INTO message_files(message_id, conversation_id, sha256, name, position) "
                       "VALUES (?, ?, ?, ?, ?)", [(message_id, conv_id, f["sha256"], f["name"], i)
                                                  for i, f in enumerate(files)])


def grant(conn: Connection, sha256: str, team_id: str) -> None:
    raw(conn).run("INSERT INTO file_teams(sha256, team_id) VALUES (?, ?) ON CONFLICT DO NOTHING", (sha256, team_id))
