"""Read repositories over the cache, for views and tests. No writes here."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from cs_desk.domain.classify import priority_rank_sql


def conversation(conn: sqlite3.Connection, conv_id: int) -> dict[str, Any] | None:
    r = conn.execute("SELECT * FROM conversations WHERE id=?", (conv_id,)).fetchone()
    if r is None:
        return None
    d = dict(r)
    d["tags"] = orjson.loads(d["tags"])
    d["classified"] = orjson.loads(d["classified"]) if d.get("classified") else None
    return d


def messages(conn: sqlite3.Connection, conv_id: int, limit: int = 200, before: str | None = None) -> list[dict]:
    """The newest `limit` messages before `before`, oldest first."""
    if before is None:
        rows = conn.execute("SELECT * FROM messages WHERE conversation_id=? ORDER BY created_at DESC, rowid DESC "
                            "LIMIT ?", (conv_id, limit))
    else:
        rows = conn.execute("SELECT * FROM messages WHERE conversation_id=? AND created_at < ? "
                            "ORDER BY created_at DESC, rowid DESC LIMIT ?", (conv_id, before, limit))
    return [dict(r) for r in reversed(rows.fetchall())]


def messages_from(conn: sqlite3.Connection, conv_id: int, oldest: str | None) -> list[dict]:
    """Every message of a conversation from `oldest` on (all when None), oldest first."""
    if oldest is None:
        rows = conn.execute("SELECT * FROM messages WHERE conversation_id=? ORDER BY created_at, rowid", (conv_id,))
    else:
        rows = conn.execute("SELECT * FROM messages WHERE conversation_id=? AND created_at >= ? "
                            "ORDER BY created_at, rowid", (conv_id, oldest))
    return [dict(r) for r in rows]


def agent_names(conn: sqlite3.Connection) -> dict[int, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT id, display_name FROM agents")}


def customer(conn: sqlite3.Connection, customer_id: int) -> dict[str, Any] | None:
    r = conn.execute("SELECT * FROM customers WHERE id=?", (customer_id,)).fetchone()
    if r is None:
        return None
    d = dict(r)
    d["tags"] = orjson.loads(d["tags"])
    return d


def agents(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT * FROM agents WHERE disabled = 0 ORDER BY display_name")]


def customer_conversations(conn: sqlite3.Connection, customer_id: int, limit: int = 50) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT id, status, channel, subject, updated_at, last_message_preview FROM conversations "
                        "WHERE customer_id = ? ORDER BY updated_at DESC LIMIT ?", (customer_id, limit))
    return [dict(r) for r in rows]


def customer_orders(conn: sqlite3.Connection, customer_id: int, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?",
                        (customer_id, limit))
    out = []
    for r in rows:
        d = dict(r)
        d["items"] = orjson.loads(d["items"])
        out.append(d)
    return out


def outbox(conn: sqlite3.Connection, limit: int = 100) -> list[dict[str, Any]]:
    return [{"n": r[0], "op": r[1], "args": orjson.loads(r[2]), "created_at": r[3]}
            for r in conn.execute("SELECT n, op, args, created_at FROM outbox ORDER BY n LIMIT ?", (limit,))]


def failed_messages(conn: sqlite3.Connection, limit: int = 100) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT * FROM messages WHERE state='failed' ORDER BY created_at DESC "
                                          "LIMIT ?", (limit,))]


def assigned_open(conn: sqlite3.Connection, user_id: int, among: set[int] | None = None) -> list[int]:
    sql = "SELECT id FROM conversations WHERE assignee_id = ? AND status != 'resolved'"
    params: list[Any] = [user_id]
    if among is not None:
        ids = sorted(among)[:5000]
        sql += f" AND id IN ({','.join('?' * len(ids))})" if ids else " AND 0"
        params += ids
    return [r[0] for r in conn.execute(sql, params)]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("teams", "agents", "customers", "orders", "snippets", "conversations", "messages", "outbox")}


def notices(conn: sqlite3.Connection, unseen_only: bool = True) -> list[dict]:
    sql = "SELECT * FROM notices" + (" WHERE seen=0" if unseen_only else "") + " ORDER BY id"
    return [dict(r) for r in conn.execute(sql)]


STATE_COLUMNS = {
    "conversations": "id, customer_id, team_id, assignee_id, status, channel, subject, tags, message_count, "
                     "last_message_preview",
    "messages": "id, conversation_id, author_kind, author_id, kind, body, created_at",
    "customers": "id, name, email, phone, region, note, tags",
}


def state(conn: sqlite3.Connection) -> dict[str, set[tuple]]:
    """Server-owned state, comparable with the server's own tables (tests compare the two)."""
    out = {}
    for table, cols in STATE_COLUMNS.items():
        where = " WHERE state='sent'" if table == "messages" else ""
        out[table] = {tuple(r) for r in conn.execute(f"SELECT {cols} FROM {table}{where}")}
    return out


def teams(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT id, name, name_en, sensitive_mode FROM teams ORDER BY id")]


def sensitive_words(conn: sqlite3.Connection, team_id: str | None) -> list[str]:
    """Words that apply to a team's replies (its own and the global ones)."""
    return [r[0] for r in conn.execute("SELECT word FROM sensitive_words WHERE team_id IS NULL OR team_id = ?",
                                       (team_id,))]


def team_sensitive_mode(conn: sqlite3.Connection, team_id: str) -> str:
    row = conn.execute("SELECT sensitive_mode FROM teams WHERE id = ?", (team_id,)).fetchone()
    return row[0] if row else "confirm"


def agent(conn: sqlite3.Connection, agent_id: int) -> dict[str, Any] | None:
    r = conn.execute("SELECT * FROM agents WHERE id = ?", (agent_id,)).fetchone()
    return dict(r) if r else None


def queue_position(conn: sqlite3.Connection, conv_id: int) -> tuple[int, int] | None:
    """(position, length) of a waiting conversation in its team's queue in serving order (higher
    priority first, then the longest wait); None when it does not wait (assigned, resolved, not queued)."""
    rank = priority_rank_sql()
    r = conn.execute(f"SELECT team_id, waiting_since, {rank} FROM conversations WHERE id = ? AND assignee_id IS NULL "
                     "AND status = 'open' AND waiting_since IS NOT NULL", (conv_id,)).fetchone()
    if r is None:
        return None
    ahead, total = conn.execute(
        f"SELECT sum({rank} < ? OR ({rank} = ? AND (waiting_since < ? OR (waiting_since = ? AND id < ?)))), "
        "count(*) FROM conversations "
        "WHERE team_id = ? AND assignee_id IS NULL AND status = 'open' AND waiting_since IS NOT NULL",
        (r[2], r[2], r[1], r[1], conv_id, r[0])).fetchone()
    return int(ahead or 0) + 1, int(total)


def next_deadline(conn: sqlite3.Connection, user_id: int) -> tuple[int, str, str | None, str] | None:
    """(conversation id, due, warn, kind) of the earliest running SLA clock among the agent's own
    open conversations."""
    r = conn.execute("SELECT id, sla_due_at, sla_warn_at, sla_kind FROM conversations WHERE assignee_id = ? "
                     "AND status != 'resolved' AND sla_due_at IS NOT NULL ORDER BY sla_due_at LIMIT 1",
                     (user_id,)).fetchone()
    return (r[0], r[1], r[2], r[3]) if r else None


def sla_breaches(conn: sqlite3.Connection, message_ids: set[str]) -> list[dict[str, Any]]:
    """The SLA-breach lines among these messages, with their conversation's assignee and team:
    {"conversation_id", "kind", "assignee_id", "team_id", "notify_lead"}."""
    if not message_ids:
        return []
    ids = sorted(message_ids)
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute(
                "SELECT m.conversation_id, m.meta, c.assignee_id, c.team_id FROM messages m "
                "JOIN conversations c ON c.id = m.conversation_id "
                f"WHERE m.id IN ({','.join('?' * len(chunk))}) AND m.kind = 'system' AND m.meta IS NOT NULL", chunk):
            try:
                meta = orjson.loads(r[1])
            except orjson.JSONDecodeError:
                continue
            if not isinstance(meta, dict) or meta.get("event") != "sla_breach":
                continue
            acts = meta.get("actions") if isinstance(meta.get("actions"), list) else []
            out.append({"conversation_id": r[0], "kind": meta.get("kind"), "assignee_id": r[2], "team_id": r[3],
                        "notify_lead": any(isinstance(a, dict) and a.get("action") == "notify_lead" for a in acts)})
    return out


def open_followup(conn: sqlite3.Connection, conv_id: int) -> dict[str, Any] | None:
    """The conversation's oldest follow-up (回访) nobody has closed yet."""
    r = conn.execute("SELECT * FROM followups WHERE conversation_id = ? AND done_at IS NULL ORDER BY id LIMIT 1",
                     (conv_id,)).fetchone()
    return dict(r) if r else None
