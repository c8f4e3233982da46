"""Applying server rows (events and snapshot rows, both `{k, d}`) to the cache.

A page is applied together with its cursor in one transaction, so a crash never leaves a
half-applied page. Every row is a full entity state: applying it twice changes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import orjson

from cs_desk.domain.changes import Changes
from cs_desk.store.optimistic import Me, apply_local, touches

COLUMNS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # kind: (table, columns, JSON columns)
    "team": ("teams", ("id", "name", "name_en", "sensitive_mode"), ()),
    "agent": ("agents", ("id", "name", "display_name", "team_id", "role", "capacity", "disabled", "presence"), ()),
    "customer": ("customers", ("id", "name", "email", "phone", "region", "note", "tags", "created_at",
                               "updated_at", "identities", "personality"), ("tags", "identities")),
    "order": ("orders", ("id", "customer_id", "total_cents", "status", "items", "created_at"), ("items",)),
    "snippet": ("snippets", ("id", "title", "body", "shortcut", "category", "team_id"), ()),
    "sensitive_word": ("sensitive_words", ("id", "word", "team_id"), ()),
    "conversation": ("conversations", ("id", "customer_id", "team_id", "assignee_id", "status", "channel",
                                       "subject", "tags", "created_at", "updated_at", "last_message_at",
                                       "last_message_preview", "last_author_kind", "message_count",
                                       "first_response_at", "sla_due_at", "sla_kind", "sla_warn_at", "resolved_at", "csat_score",
                                       "csat_comment", "owner_id", "waiting_since", "assign_reason", "source",
                                       "category", "priority", "classified", "survey_sent_at", "csat_at"),
                     ("tags", "assign_reason", "source", "classified")),
    "kb_synonym": ("kb_synonyms", ("id", "variant", "standard", "team_id"), ()),
    "followup": ("followups", ("id", "conversation_id", "team_id", "reason", "score", "comment", "created_at",
                               "done_at", "done_by", "outcome"), ()),
    "message": ("messages", ("id", "conversation_id", "author_kind", "author_id", "kind", "body",
                             "created_at", "meta"), ("meta",)),
}


KEEPS_SERVER_ROW = ("conversation", "customer", "followup")
# Kinds whose rows can go away: the event carries the last state with "deleted": true.
DELETABLE = ("sensitive_word", "kb_synonym", "snippet")
# Fields an older server does not send yet, for NOT NULL columns.
DEFAULTS: dict[str, dict[str, Any]] = {"team": {"sensitive_mode": "confirm"}, "agent": {"presence": "offline"},
                                       "customer": {"identities": {}, "personality": ""},
                                       "conversation": {"category": "consultation", "priority": "normal"}}


def _upsert_sql(kind: str) -> str:
    table, cols, _ = COLUMNS[kind]
    if kind in KEEPS_SERVER_ROW:
        cols = (*cols, "server_row")
    sets = ", ".join(f"{c}=excluded.{c}" for c in cols[1:])
    if kind == "message":
        sets += ", state='sent', error=NULL"  # the server has it: no longer pending
    return (f"INSERT INTO {table}({', '.join(cols)}) VALUES({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(id) DO UPDATE SET {sets}")


UPSERT = {k: _upsert_sql(k) for k in COLUMNS}


def _json(v: Any) -> str | None:
    return None if v is None else orjson.dumps(v).decode()


def _row(kind: str, d: dict[str, Any]) -> tuple:
    _, cols, jcols = COLUMNS[kind]
    dflt = DEFAULTS.get(kind, {})
    row = tuple(_json(d.get(c, dflt.get(c))) if c in jcols else d.get(c, dflt.get(c)) for c in cols)
    return (*row, orjson.dumps(d).decode()) if kind in KEEPS_SERVER_ROW else row


def apply_rows(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], me: Me | None, *, live: bool) -> Changes:
    """rows: `{"k": kind, "d": data}` in server order. Call inside a transaction."""
    ch = Changes()
    latest: dict[str, dict[Any, dict[str, Any]]] = {k: {} for k in COLUMNS}
    for r in rows:
        k = r["k"]
        if k in latest:  # kinds a newer server may add are skipped, not fatal
            latest[k][r["d"]["id"]] = r["d"]
    for k in ("team", "agent", "customer", "order", "snippet", "sensitive_word", "kb_synonym", "conversation",
              "followup", "message"):
        items = latest[k]
        if not items:
            continue
        if k == "message" and live:
            _count_unread(conn, items, me)
        if k in DELETABLE:
            gone = [(i,) for i, d in items.items() if d.get("deleted")]
            if gone:
                conn.executemany(f"DELETE FROM {COLUMNS[k][0]} WHERE id=?", gone)
                items = {i: d for i, d in items.items() if not d.get("deleted")}
        conn.executemany(UPSERT[k], [_row(k, d) for d in items.values()])
        if k == "conversation":
            ch.conversations |= set(items)
        elif k == "followup":
            ch.conversations |= {d["conversation_id"] for d in items.values()}
        elif k == "message":
            ch.messages |= set(items)
            ch.conversations |= {d["conversation_id"] for d in items.values()}
        elif k == "customer":
            ch.customers |= set(items)
        else:
            setattr(ch, {"team": "teams", "agent": "agents", "order": "orders", "snippet": "snippets",
                         "sensitive_word": "sensitive_words", "kb_synonym": "snippets"}[k], True)
    if me is not None and me.role != "admin" and latest["conversation"]:
        gone = [cid for cid, d in latest["conversation"].items() if d["team_id"] != me.team_id]
        if gone:
            _drop_conversations(conn, gone)
            ch.removed_conversations |= set(gone)
            ch.conversations -= set(gone)
    if me is not None and (ch.conversations or ch.customers):
        ch.merge(rebase_pending(conn, me, ch.conversations, ch.customers))
    if me is not None and latest["followup"]:
        _rebase_followups(conn, me, set(latest["followup"]))
    return ch


def _rebase_followups(conn: sqlite3.Connection, me: Me, ids: set[int]) -> None:
    """A follow-up this agent closed offline stays closed over older server rows until acknowledged."""
    for (args,) in conn.execute("SELECT args FROM outbox WHERE op = 'followup.done' ORDER BY n").fetchall():
        a = orjson.loads(args)
        if a["followup_id"] in ids:
            apply_local(conn, "followup.done", a, me, first=False)


def restore_followup(conn: sqlite3.Connection, followup_id: int) -> int | None:
    """Undoes a refused close: back to the server's row. Returns its conversation id."""
    r = conn.execute("SELECT server_row FROM followups WHERE id=?", (followup_id,)).fetchone()
    if r is None or r[0] is None:
        return None
    d = orjson.loads(r[0])
    conn.execute(UPSERT["followup"], _row("followup", d))
    return d["conversation_id"]


def _count_unread(conn: sqlite3.Connection, items: dict[Any, dict[str, Any]], me: Me | None) -> None:
    new_ids = list(items)
    known: set[str] = set()
    for i in range(0, len(new_ids), 500):
        chunk = new_ids[i:i + 500]
        known |= {r[0] for r in conn.execute(
            f"SELECT id FROM messages WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
    bump: dict[int, int] = {}
    for mid, d in items.items():
        if mid not in known and d["author_kind"] == "customer":
            bump[d["conversation_id"]] = bump.get(d["conversation_id"], 0) + 1
    conn.executemany("UPDATE conversations SET unread = unread + ? WHERE id=?", [(n, c) for c, n in bump.items()])


def _drop_conversations(conn: sqlite3.Connection, ids: list[int]) -> None:
    """A conversation moved to another team leaves this agent's cache, with its messages."""
    conn.executemany("DELETE FROM messages WHERE conversation_id=? AND state='sent'", [(i,) for i in ids])
    conn.executemany("DELETE FROM conversations WHERE id=?", [(i,) for i in ids])


def rebase_pending(conn: sqlite3.Connection, me: Me, convs: set[int], customers: set[int]) -> Changes:
    ch = Changes()
    for row in conn.execute("SELECT op, args FROM outbox ORDER BY n").fetchall():
        op = row[0]
        if op in ("message.send", "note.add"):
            continue  # message rows are separate; the server row simply replaces the pending one
        args = orjson.loads(row[1])
        c, u = touches(op, args)
        if c & convs or u & customers:
            ch.merge(apply_local(conn, op, args, me, first=False))
    return ch


def restore_server_state(conn: sqlite3.Connection, me: Me, convs: set[int], customers: set[int]) -> Changes:
    """Undoes refused optimistic changes: back to the last server row, then the still-pending ops."""
    for kind, table, ids in (("conversation", "conversations", convs), ("customer", "customers", customers)):
        for i in ids:
            r = conn.execute(f"SELECT server_row FROM {table} WHERE id=?", (i,)).fetchone()
            if r is not None and r[0] is not None:
                conn.execute(UPSERT[kind], _row(kind, orjson.loads(r[0])))
    ch = Changes(conversations=set(convs), customers=set(customers))
    return ch.merge(rebase_pending(conn, me, convs, customers))


def wipe_for_snapshot(conn: sqlite3.Connection) -> None:
    """Server-owned rows go; the outbox and the agent's own unsent messages stay."""
    for table in ("teams", "agents", "orders", "snippets", "sensitive_words", "customers", "conversations",
                  "followups", "kb_synonyms"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM messages WHERE state='sent'")
