"""The queue's reads: ordered conversation ids for a view and filters, and display rows by id.
The queue model holds only the ids and asks for rows as they scroll into sight (Anki's way)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import orjson

from cs_desk.domain.queue import VIEWS, QueueFilter  # noqa: F401 - re-exported for views
from cs_desk.store import search as fts
from cs_desk.store.optimistic import Me


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: int
    customer: str
    subject: str
    preview: str
    channel: str
    status: str
    team_id: str
    assignee_id: int | None
    last_message_at: str | None
    last_author_kind: str | None
    updated_at: str
    unread: int
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def waiting_since(self) -> str | None:
        """When the customer started waiting for us: their last message, if it is the last one."""
        if self.status == "resolved" or self.last_author_kind != "customer":
            return None
        return self.last_message_at


def queue_ids(conn: sqlite3.Connection, me: Me, f: QueueFilter) -> list[int]:
    where: list[str] = []
    params: list[object] = []
    if me.role != "admin":
        where.append("c.team_id = ?")
        params.append(me.team_id)
    if f.view == "mine":
        where += ["c.assignee_id = ?", "c.status != 'resolved'"]
        params.append(me.user_id)
    elif f.view == "unassigned":
        where += ["c.assignee_id IS NULL", "c.status != 'resolved'"]
    elif f.view == "team":
        where.append("c.status != 'resolved'")
    elif f.view == "resolved":
        where.append("c.status = 'resolved'")
    else:
        raise ValueError(f"unknown queue view {f.view!r}")
    if f.status:
        where.append("c.status = ?")
        params.append(f.status)
    if f.channel:
        where.append("c.channel = ?")
        params.append(f.channel)
    if f.tag:
        where.append("EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)")
        params.append(f.tag)
    if f.text.strip():
        ids = text_matches(conn, f.text)
        if not ids:
            return []
        where.append(f"c.id IN ({','.join('?' * len(ids))})")
        params += sorted(ids)
    if f.view == "resolved":
        order = "c.updated_at DESC"
    else:
        # Most urgent first: customers waiting for an answer, longest wait first; then the rest.
        order = ("(c.last_author_kind = 'customer') DESC, "
                 "CASE WHEN c.last_author_kind = 'customer' THEN c.last_message_at END ASC, "
                 "c.last_message_at DESC")
    sql = f"SELECT c.id FROM conversations c WHERE {' AND '.join(where) or '1'} ORDER BY {order}, c.id"
    return [r[0] for r in conn.execute(sql, params)]


def text_matches(conn: sqlite3.Connection, text: str, limit: int = 5000) -> set[int]:
    """Conversations whose customer (name, phone, e-mail, tags), subject or any message matches."""
    ids = {r["conversation_id"] for r in fts.messages(conn, text, limit)}
    custs = [r["id"] for r in fts.customers(conn, text, limit)]
    if custs:
        ids |= {r[0] for r in conn.execute(
            f"SELECT id FROM conversations WHERE customer_id IN ({','.join('?' * len(custs))})", custs)}
    like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    ids |= {r[0] for r in conn.execute("SELECT id FROM conversations WHERE subject LIKE ? ESCAPE '\\'", (like,))}
    return ids


def queue_rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, QueueRow]:
    out: dict[int, QueueRow] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute(
                "SELECT c.id, coalesce(cu.name, '') AS customer, c.subject, c.last_message_preview, c.channel, "
                "c.status, c.team_id, c.assignee_id, c.last_message_at, c.last_author_kind, c.updated_at, "
                f"c.unread, c.tags FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id "
                f"WHERE c.id IN ({','.join('?' * len(chunk))})", chunk):
            out[r[0]] = QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                                 tuple(orjson.loads(r[12])))
    return out


def channels(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT channel FROM conversations ORDER BY channel")]


def tags(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT j.value FROM conversations c, json_each(c.tags) j ORDER BY j.value")]
