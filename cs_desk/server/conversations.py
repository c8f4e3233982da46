"""Writes to conversations and their messages, shared by mutations, intake and transfers, so the
conversation summary (last message, counts, first response, SLA clock) follows one rule.

These run for every message that enters the system, so they use fixed SQL on the DBAPI cursor
(fastsql) and build the new row state in Python instead of reading it back."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from sqlalchemy import Connection

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import AuthorKind, MessageKind, Status
from cs_desk.domain.permissions import Denied
from cs_desk.domain.sla import ConvTimes, Policy, current_clock
from cs_desk.protocol.constants import E_CONFLICT, E_NOT_FOUND
from cs_desk.server import classification, entities, sla, webhooks
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import Row, raw

PREVIEW_CHARS = 140
# Columns a caller may set through set_values (names are ours, never input).
SETTABLE = frozenset({"status", "assignee_id", "team_id", "tags", "updated_at", "resolved_at", "csat_score",
                      "csat_comment", "subject", "owner_id", "waiting_since", "assign_reason", "category",
                      "priority", "classified", "sla_stage", "survey_sent_at", "csat_at"})


def load_or_fail(conn: Connection, conversation_id: int) -> Row:
    row = entities.load_conversation(conn, conversation_id)
    if row is None:
        raise Denied(E_NOT_FOUND, f"conversation {conversation_id} does not exist")
    return row


def policy(conn: Connection, ev: EventWriter, row: Row) -> Policy:
    """The SLA policy for the conversation's team, category and priority (once per transaction)."""
    key = ("sla-policy", row.team_id, row.category, row.priority)
    p = ev.memo.get(key)
    if p is None:
        p = ev.memo[key] = sla.policy_for(conn, row.team_id, row.category, row.priority)
    return p


def _with_sla(conn: Connection, ev: EventWriter, row: Row) -> Row:
    clock = current_clock(ConvTimes(row.status, row.created_at, row.first_response_at, row.last_author_kind,
                                    row.last_message_at), policy(conn, ev, row))
    values = {"sla_kind": clock.kind if clock else None, "sla_due_at": clock.due_at if clock else None,
              "sla_warn_at": clock.warn_at if clock else None}
    if all(getattr(row, k) == v for k, v in values.items()):
        return row
    raw(conn).run("UPDATE conversations SET sla_kind = ?, sla_due_at = ?, sla_warn_at = ? WHERE id = ?",
                  (values["sla_kind"], values["sla_due_at"], values["sla_warn_at"], row.id))
    return row.replace(**values)


def refresh_sla(conn: Connection, ev: EventWriter, conversation_id: int) -> bool:
    """Recomputes the clock after a policy change; emits the conversation only when it moved."""
    row = entities.load_conversation(conn, conversation_id)
    new = _with_sla(conn, ev, row)
    if new is row:
        return False
    ev.emit("conversation", new.id, entities.conversation_dict(new), [new.team_id])
    return True


def emit(ev: EventWriter, conn: Connection, conversation_id: int, also_team: str | None = None,
         row: Row | None = None) -> None:
    """Emits the conversation's full state (SLA clock brought up to date first). `row`, when given,
    is its current state, which saves reading it back."""
    row = row if row is not None else entities.load_conversation(conn, conversation_id)
    row = _with_sla(conn, ev, row)
    teams: list[str | None] = [row.team_id]
    if also_team and also_team != row.team_id:
        teams.append(also_team)  # the old team learns the conversation left it
    ev.emit("conversation", row.id, entities.conversation_dict(row), teams)


def set_values(conn: Connection, ev: EventWriter, conv: Row, **values: Any) -> None:
    """Updates some columns (updated_at stamped), then emits the new state."""
    assert values.keys() <= SETTABLE, values.keys() - SETTABLE
    values.setdefault("updated_at", utc_now_iso())
    cols = list(values)
    raw(conn).run(f"UPDATE conversations SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                  (*values.values(), conv.id))
    emit(ev, conn, conv.id, row=conv.replace(**values))


def append_message(conn: Connection, ev: EventWriter, conv: Row, *, message_id: str, author_kind: AuthorKind,
                   author_id: int | None, kind: MessageKind, body: str, now: str | None = None,
                   meta: dict[str, Any] | None = None) -> Row:
    """Appends a message and emits it with the conversation's new state, which it returns."""
    now = now or utc_now_iso()
    r = raw(conn)
    if r.one("SELECT 1 FROM messages WHERE id = ?", (message_id,)) is not None:
        raise Denied(E_CONFLICT, "this message id is already used")
    meta_json = orjson.dumps(meta).decode() if meta is not None else None
    r.run("INSERT INTO messages(id, conversation_id, author_kind, author_id, kind, body, created_at, meta) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          (message_id, conv.id, author_kind.value, author_id, kind.value, body, now, meta_json))
    values: dict[str, Any] = {"updated_at": now, "message_count": conv.message_count + 1}
    if kind is MessageKind.REPLY:
        # Notes and system lines do not change who spoke last, so they neither stop nor start a wait.
        preview = body or " ".join("📎 " + (f.get("name") or "") for f in (meta or {}).get("attachments", []))
        values.update(last_message_at=now, last_message_preview=preview[:PREVIEW_CHARS],
                      last_author_kind=author_kind.value)
    if author_kind is AuthorKind.AGENT and kind is MessageKind.REPLY:
        if conv.first_response_at is None:
            values["first_response_at"] = now
        if conv.owner_id is None:
            values["owner_id"] = author_id  # first-responder ownership: who answers first owns it
    if author_kind is AuthorKind.CUSTOMER and kind is MessageKind.REPLY:
        values.update(classification.on_customer_text(conn, ev, conv, body))
    if author_kind is AuthorKind.CUSTOMER and conv.status == Status.RESOLVED:
        values["status"] = Status.OPEN.value  # a customer writing back reopens
        values["resolved_at"] = None
    cols = list(values)
    r.run(f"UPDATE conversations SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?", (*values.values(), conv.id))
    if author_kind is AuthorKind.AGENT and kind is MessageKind.REPLY and webhooks.wanted(conn, ev.memo, conv.channel):
        # the customer's channel gets the reply (notes never leave the desk)
        name = raw(conn).scalar("SELECT display_name FROM users WHERE id = ?", (author_id,)) if author_id else None
        webhooks.enqueue(conn, ev.memo, conv.channel, {
            "type": "message", "conversation_id": conv.id, "customer_id": conv.customer_id,
            "message": {"id": message_id, "body": body, "author_name": name or "", "created_at": now,
                        # fetched by the channel with its key: GET /api/v1/files/{sha256}
                        "attachments": [{k: f.get(k) for k in ("sha256", "name", "mime", "size")}
                                        for f in (meta or {}).get("attachments", [])]}})
    ev.emit("message", message_id, {"id": message_id, "conversation_id": conv.id, "author_kind": author_kind.value,
                                    "author_id": author_id, "kind": kind.value, "body": body, "created_at": now,
                                    "meta": meta}, [conv.team_id])
    new = conv.replace(**values)
    emit(ev, conn, conv.id, row=new)
    return new


def append_system_message(conn: Connection, ev: EventWriter, conv_id: int, body: str, meta: dict[str, Any]) -> str:
    """A system line in the conversation (transfer, escalation…); `meta` says what happened as data,
    `body` is a fallback wording for readers that do not know the event."""
    mid = str(uuid.uuid4())
    append_message(conn, ev, load_or_fail(conn, conv_id), message_id=mid, author_kind=AuthorKind.SYSTEM,
                   author_id=None, kind=MessageKind.SYSTEM, body=body, meta=meta)
    return mid
