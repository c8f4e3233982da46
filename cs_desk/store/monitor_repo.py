"""The team lead's live board, read from the local cache: the waiting queue, the promises at risk or
broken, and each agent's presence, load and day so far. Times are server times (UTC ISO strings), so
`now` is the server-corrected clock the caller passes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import orjson

from cs_desk.store.db import transaction
from cs_desk.store.optimistic import Me


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    customer: str
    subject: str
    assignee: str
    sla_kind: str | None
    sla_due_at: str
    priority: str


@dataclass(frozen=True, slots=True)
class AgentRow:
    id: int
    name: str
    role: str
    presence: str
    capacity: int
    load: int
    resolved_today: int
    first_response_s: float | None  # average over today's conversations they answered


@dataclass(frozen=True, slots=True)
class BoardData:
    waiting: int
    longest_wait_since: str | None
    at_risk: list[AlertRow]
    breached: list[AlertRow]
    agents: list[AgentRow]


def _team(me: Me, alias: str = "") -> tuple[str, list[object]]:
    col = f"{alias}team_id" if alias else "team_id"
    return ("1", []) if me.role == "admin" else (f"{col} = ?", [me.team_id])


def board(conn: sqlite3.Connection, me: Me, now: str, day_start: str, limit: int = 200) -> BoardData:
    where, params = _team(me, "c.")
    waiting, longest = conn.execute(
        f"SELECT count(*), min(c.waiting_since) FROM conversations c WHERE {where} AND c.assignee_id IS NULL "
        "AND c.status = 'open' AND c.waiting_since IS NOT NULL", params).fetchone()

    def alerts(cond: str, args: list[object]) -> list[AlertRow]:
        return [AlertRow(*r) for r in conn.execute(
            "SELECT c.id, coalesce(cu.name, ''), c.subject, coalesce(a.display_name, ''), c.sla_kind, c.sla_due_at, "
            "c.priority FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id "
            f"LEFT JOIN agents a ON a.id = c.assignee_id WHERE {where} AND c.status != 'resolved' AND {cond} "
            "ORDER BY c.sla_due_at LIMIT ?", (*params, *args, limit))]

    at_risk = alerts("c.sla_warn_at <= ? AND c.sla_due_at > ?", [now, now])
    breached = alerts("c.sla_due_at <= ?", [now])
    awhere, aparams = _team(me, "a.")
    agents = [AgentRow(*r) for r in conn.execute(
        "SELECT a.id, a.display_name, a.role, a.presence, a.capacity, "
        "(SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status != 'resolved'), "
        "(SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'resolved' "
        " AND c.resolved_at >= ?), "
        "(SELECT round(avg((julianday(c.first_response_at) - julianday(c.created_at)) * 86400), 1) FROM conversations c "
        " WHERE c.owner_id = a.id AND c.created_at >= ? AND c.first_response_at IS NOT NULL) "
        f"FROM agents a WHERE {awhere} AND a.disabled = 0 AND a.role != 'admin' ORDER BY a.presence != 'online', "
        "a.display_name", (day_start, day_start, *aparams))]
    return BoardData(int(waiting or 0), longest, at_risk, breached, agents)


def save_metrics(conn: sqlite3.Connection, key: str, data: dict, as_of: str) -> None:
    """Keeps the server's latest answer to one metrics question, for offline use."""
    with transaction(conn):
        conn.execute("INSERT INTO metrics_cache(key, data, as_of) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                     "data = excluded.data, as_of = excluded.as_of", (key, orjson.dumps(data), as_of))


def cached_metrics(conn: sqlite3.Connection, key: str) -> tuple[dict, str] | None:
    row = conn.execute("SELECT data, as_of FROM metrics_cache WHERE key = ?", (key,)).fetchone()
    return (orjson.loads(row[0]), row[1]) if row else None


EXPORT_COLUMNS = ("id", "created_at", "team_id", "channel", "category", "priority", "status", "customer", "subject",
                  "assignee", "first_response_at", "resolved_at", "csat_score", "csat_comment", "tags")


def count_conversations_between(conn: sqlite3.Connection, me: Me, start: str, end: str) -> int:
    where, params = _team(me, "c.")
    return conn.execute(f"SELECT count(*) FROM conversations c WHERE {where} AND c.created_at >= ? AND c.created_at < ?",
                        (*params, start, end)).fetchone()[0]


def conversations_between(conn: sqlite3.Connection, me: Me, start: str, end: str, after_id: int,
                          limit: int) -> list[tuple]:
    """One page (by id) of the conversations created in [start, end) that the user's cache holds, in
    EXPORT_COLUMNS order."""
    where, params = _team(me, "c.")
    return conn.execute(
        "SELECT c.id, c.created_at, c.team_id, c.channel, c.category, c.priority, c.status, coalesce(cu.name, ''), "
        "c.subject, coalesce(a.display_name, ''), c.first_response_at, c.resolved_at, c.csat_score, c.csat_comment, "
        "c.tags FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id "
        f"LEFT JOIN agents a ON a.id = c.assignee_id WHERE {where} AND c.created_at >= ? AND c.created_at < ? "
        "AND c.id > ? ORDER BY c.id LIMIT ?", (*params, start, end, after_id, limit)).fetchall()
