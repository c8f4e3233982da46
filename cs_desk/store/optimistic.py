"""The local effect of a mutation, applied when the agent acts and re-applied on top of server
rows until the server has acknowledged it (so an older server state never hides a pending change)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson

from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import EDITABLE_CUSTOMER_FIELDS
from cs_desk.store import outbox_files

PREVIEW_CHARS = 140


@dataclass(frozen=True, slots=True)
class Me:
    user_id: int
    team_id: str
    role: str


def _set_tags(conn: sqlite3.Connection, table: str, row_id: int, tag: str, add: bool) -> bool:
    row = conn.execute(f"SELECT tags FROM {table} WHERE id=?", (row_id,)).fetchone()  # table is ours, not input
    if row is None:
        return False
    tags: list[str] = orjson.loads(row[0])
    if add and tag not in tags:
        tags.append(tag)
    elif not add and tag in tags:
        tags.remove(tag)
    else:
        return False
    conn.execute(f"UPDATE {table} SET tags=? WHERE id=?", (orjson.dumps(tags).decode(), row_id))
    return True


def apply_local(conn: sqlite3.Connection, op: str, args: dict[str, Any], me: Me, *, first: bool) -> Changes:
    """first=True when the agent acts (creates rows); False when rebasing over server rows."""
    ch = Changes()
    if op in ("message.send", "note.add"):
        conv_id = args["conversation_id"]
        if first:
            now = utc_now_iso()
            kind = "reply" if op == "message.send" else "note"
            files = [outbox_files.describe(conn, a["sha256"], a.get("name", "")) or
                     {"sha256": a["sha256"], "name": a.get("name", "")} for a in args.get("attachments") or []]
            meta = orjson.dumps({"attachments": files}).decode() if files else None
            conn.execute("INSERT INTO messages(id, conversation_id, author_kind, author_id, kind, body, created_at,"
                         " state, meta) VALUES(?,?,?,?,?,?,?, 'pending', ?)",
                         (args["message_id"], conv_id, "agent", me.user_id, kind, args["body"], now, meta))
            if kind == "reply":
                preview = args["body"] or " ".join("📎 " + (f["name"] or "") for f in files)
                conn.execute("UPDATE conversations SET last_message_at=?, last_message_preview=?, "
                             "last_author_kind='agent', updated_at=? WHERE id=?",
                             (now, preview[:PREVIEW_CHARS], now, conv_id))
            ch.messages.add(args["message_id"])
        ch.conversations.add(conv_id)
    elif op in ("tag.add", "tag.remove"):
        table = "conversations" if args["target"] == "conversation" else "customers"
        if _set_tags(conn, table, args["id"], args["tag"], op == "tag.add"):
            (ch.conversations if table == "conversations" else ch.customers).add(args["id"])
    elif op == "status.set":
        conn.execute("UPDATE conversations SET status=? WHERE id=?", (args["status"], args["conversation_id"]))
        ch.conversations.add(args["conversation_id"])
    elif op == "conversation.claim":
        conn.execute("UPDATE conversations SET assignee_id=? WHERE id=?", (me.user_id, args["conversation_id"]))
        ch.conversations.add(args["conversation_id"])
    elif op == "conversation.assign":
        conn.execute("UPDATE conversations SET assignee_id=? WHERE id=?",
                     (args["assignee_id"], args["conversation_id"]))
        ch.conversations.add(args["conversation_id"])
    elif op == "conversation.transfer":
        conv_id = args["conversation_id"]
        if args.get("to_agent_id") is not None:
            row = conn.execute("SELECT team_id FROM agents WHERE id=?", (args["to_agent_id"],)).fetchone()
            conn.execute("UPDATE conversations SET assignee_id=?, team_id=coalesce(?, team_id) WHERE id=?",
                         (args["to_agent_id"], row[0] if row else None, conv_id))
        else:
            conn.execute("UPDATE conversations SET assignee_id=NULL, team_id=? WHERE id=?", (args["to_team_id"], conv_id))
        ch.conversations.add(conv_id)
    elif op == "conversation.categorize":
        conn.execute("UPDATE conversations SET category=coalesce(?, category), priority=coalesce(?, priority) "
                     "WHERE id=?", (args.get("category"), args.get("priority"), args["conversation_id"]))
        ch.conversations.add(args["conversation_id"])
    elif op == "followup.done":
        row = conn.execute("SELECT conversation_id FROM followups WHERE id=?", (args["followup_id"],)).fetchone()
        conn.execute("UPDATE followups SET done_at=coalesce(done_at, ?), done_by=?, outcome=? WHERE id=?",
                     (utc_now_iso(), me.user_id, args["outcome"], args["followup_id"]))
        if row is not None:
            ch.conversations.add(row[0])
    elif op == "agent.update":
        sets = [(c, args[c]) for c in ("capacity", "presence") if args.get(c) is not None]
        if sets and conn.execute(f"UPDATE agents SET {', '.join(c + '=?' for c, _ in sets)} WHERE id=? "
                                 "AND (presence != 'offline' OR ? IS NULL)",
                                 (*[v for _, v in sets], args["agent_id"], args.get("presence"))).rowcount:
            ch.agents = True
    elif op == "presence.set":
        if conn.execute("UPDATE agents SET presence=? WHERE id=?", (args["presence"], me.user_id)).rowcount:
            ch.agents = True
    elif op == "customer.update":
        field = args["field"]
        if field not in EDITABLE_CUSTOMER_FIELDS:
            raise ValueError(f"not an editable customer field: {field}")
        conn.execute(f"UPDATE customers SET {field}=? WHERE id=?", (args["value"], args["customer_id"]))
        ch.customers.add(args["customer_id"])
    else:
        raise ValueError(f"unknown op {op}")
    return ch


def touches(op: str, args: dict[str, Any]) -> tuple[set[int], set[int]]:
    """(conversation ids, customer ids) a pending op changes locally."""
    if op == "customer.update":
        return set(), {args["customer_id"]}
    if op in ("tag.add", "tag.remove"):
        return ({args["id"]}, set()) if args["target"] == "conversation" else (set(), {args["id"]})
    if op in ("presence.set", "followup.done", "agent.update"):
        return set(), set()
    return {args["conversation_id"]}, set()
