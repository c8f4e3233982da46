"""The queue's reads: ordered conversation ids for a view and filters, and display rows by id.
The queue model holds only the ids and asks for rows as they scroll into sight (Anki's way)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import orjson

from cs_desk.domain.classify import priority_rank_sql
from cs_desk.domain.queue import SORT_KEYS, VIEWS, QueueFilter  # noqa: F401 - re-exported for views
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
    # The running SLA promise as the server computed it (server UTC times); None when no clock runs.
    sla_kind: str | None = None
    sla_due_at: str | None = None
    sla_warn_at: str | None = None
    category: str = "consultation"
    priority: str = "normal"

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
        # "+" keeps SQLite off the conversations_sla index here: an agent's cache holds little but
        # their own team, so walking that index and fetching each row costs more (measured ~20% on
        # 50,000 rows) than one scan of the table, which the ORDER BY sorts anyway.
        where.append("+c.team_id = ?")
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
    elif f.view == "followups":
        where.append("EXISTS (SELECT 1 FROM followups fu WHERE fu.conversation_id = c.id AND fu.done_at IS NULL)")
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
    join = " LEFT JOIN customers cu ON cu.id = c.customer_id" if f.sort == "customer" else ""
    sql = f"SELECT c.id FROM conversations c{join} WHERE {' AND '.join(where) or '1'} ORDER BY {order_by(f)}, c.id"
    return [r[0] for r in conn.execute(sql, params)]


# Most urgent first among conversations without a running clock: customers waiting for an answer,
# longest wait first; then the rest, latest activity first.
_WAITING_RULE = ("(c.last_author_kind = 'customer') DESC, "
                 "CASE WHEN c.last_author_kind = 'customer' THEN c.last_message_at END ASC, "
                 "c.last_message_at DESC")
# When the customer started waiting for us (QueueRow.waiting_since in SQL); NULL when not waiting.
_WAITING_SINCE = ("(CASE WHEN c.status != 'resolved' AND c.last_author_kind = 'customer' "
                  "THEN c.last_message_at END)")


def order_by(f: QueueFilter) -> str:
    """The ORDER BY terms (without the final id tie-break) for a filter's sort key and direction.

    Sorting happens here rather than in a proxy model so 50,000 rows cost one SQL sort, and the
    model's single-row updates keep working in any order. Empty values (no clock, not waiting, no
    name) go last in both directions: flipping a column should bring the other end of the real
    values to the top, not a block of blanks."""
    if f.sort not in SORT_KEYS:
        raise ValueError(f"unknown queue sort {f.sort!r}")
    base = "c.updated_at DESC" if f.view == "resolved" else _WAITING_RULE
    d = "DESC" if f.descending else "ASC"
    if f.sort == "sla":
        # Resolved conversations run no clock: that view stays newest first.
        return base if f.view == "resolved" else f"c.sla_due_at IS NULL, c.sla_due_at {d}, {base}"
    if f.sort == "priority":
        # Descending puts low priority first; within a priority the deadline order stays the urgent one.
        clock = "" if f.view == "resolved" else "c.sla_due_at IS NULL, c.sla_due_at ASC, "
        return f"{priority_rank_sql('c.priority')} {d}, {clock}{base}"
    if f.sort == "waiting":
        # A longer wait is a bigger value: ascending waiting time is the latest waiting_since first.
        since_dir = "ASC" if f.descending else "DESC"
        return f"{_WAITING_SINCE} IS NULL, {_WAITING_SINCE} {since_dir}, {base}"
    if f.sort == "customer":
        return f"cu.name IS NULL, cu.name COLLATE NOCASE {d}, {base}"
    if f.sort == "last_message":
        return f"c.last_message_at IS NULL, c.last_message_at {d}"
    if f.sort == "channel":
        return f"c.channel {d}, {base}"
    return f"c.unread {d}, {base}"  # unread


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
                "c.unread, c.tags, c.sla_kind, c.sla_due_at, c.sla_warn_at, c.category, c.priority "
                "FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id "
                f"WHERE c.id IN ({','.join('?' * len(chunk))})", chunk):
            out[r[0]] = QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                                 tuple(orjson.loads(r[12])), r[13], r[14], r[15], r[16], r[17])
    return out


def channels(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT channel FROM conversations ORDER BY channel")]


def tags(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT j.value FROM conversations c, json_each(c.tags) j ORDER BY j.value")]
