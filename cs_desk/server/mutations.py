"""One handler per mutation op (allowlisted in HANDLERS). A batch from one client runs in one
transaction; each item is idempotent by (client_id, n): a replay returns the stored result and
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, select, update

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import AuthorKind, MessageKind, Role, Status
from cs_desk.domain.permissions import (
    Actor,
    ConvFacts,
    Denied,
    check_assign,
    check_claim,
    check_set_status,
    check_write,
    require_team,
)
from cs_desk.protocol import frames
from cs_desk.protocol.codec import FrameError
from cs_desk.protocol.constants import E_NOT_FOUND
from cs_desk.server import entities, schema
from cs_desk.server.eventlog import Event, EventWriter

PREVIEW_CHARS = 140


@dataclass(frozen=True, slots=True)
class Item:
    n: int
    op: str
    args: dict[str, Any]


def _facts(row: Any) -> ConvFacts:
    return ConvFacts(team_id=row.team_id, assignee_id=row.assignee_id, status=Status(row.status))


def _conv_or_fail(conn: Connection, conversation_id: int) -> Any:
    row = entities.load_conversation(conn, conversation_id)
    if row is None:
        raise Denied(E_NOT_FOUND, f"conversation {conversation_id} does not exist")
    return row


def emit_conversation(ev: EventWriter, conn: Connection, conversation_id: int, also_team: str | None = None) -> None:
    row = entities.load_conversation(conn, conversation_id)
    teams: list[str | None] = [row.team_id]
    if also_team and also_team != row.team_id:
        teams.append(also_team)  # the old team learns the conversation left it
    ev.emit("conversation", row.id, entities.conversation_dict(row), teams)


def emit_customer(ev: EventWriter, conn: Connection, customer_id: int) -> None:
    row = entities.load_customer(conn, customer_id)
    ev.emit("customer", row.id, entities.customer_dict(row), entities.customer_teams(conn, customer_id))


def append_message(conn: Connection, ev: EventWriter, conv: Any, *, message_id: str, author_kind: AuthorKind,
                   author_id: int | None, kind: MessageKind, body: str, now: str | None = None) -> None:
    """Shared by agent replies, notes and customer intake so the conversation summary stays one rule."""
    now = now or utc_now_iso()
    m = schema.messages
    if conn.execute(select(m.c.id).where(m.c.id == message_id)).first() is not None:
        raise Denied("conflict", "this message id is already used")
    conn.execute(m.insert().values(id=message_id, conversation_id=conv.id, author_kind=author_kind.value,
                                   author_id=author_id, kind=kind.value, body=body, created_at=now))
    values: dict[str, Any] = {"updated_at": now, "message_count": conv.message_count + 1}
    if kind is not MessageKind.NOTE:
        values.update(last_message_at=now, last_message_preview=body[:PREVIEW_CHARS],
                      last_author_kind=author_kind.value)
    if author_kind is AuthorKind.AGENT and kind is MessageKind.REPLY and conv.first_response_at is None:
        values["first_response_at"] = now
    if author_kind is AuthorKind.CUSTOMER and conv.status == Status.RESOLVED:
        values["status"] = Status.OPEN.value  # a customer writing back reopens
    conn.execute(update(schema.conversations).where(schema.conversations.c.id == conv.id).values(**values))
    msg = conn.execute(select(m).where(m.c.id == message_id)).first()
    ev.emit("message", message_id, entities.message_dict(msg), [conv.team_id])
    emit_conversation(ev, conn, conv.id)


def _send(conn: Connection, ev: EventWriter, actor: Actor, a: frames.SendMessage, kind: MessageKind) -> dict:
    conv = _conv_or_fail(conn, a.conversation_id)
    check_write(actor, _facts(conv))
    append_message(conn, ev, conv, message_id=a.message_id, author_kind=AuthorKind.AGENT,
                   author_id=actor.user_id, kind=kind, body=a.body)
    return {"message_id": a.message_id}


def _message_send(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _send(conn, ev, actor, a, MessageKind.REPLY)


def _note_add(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _send(conn, ev, actor, a, MessageKind.NOTE)


def _customer_or_fail(conn: Connection, actor: Actor, customer_id: int) -> Any:
    row = entities.load_customer(conn, customer_id)
    if row is None:
        raise Denied(E_NOT_FOUND, f"customer {customer_id} does not exist")
    if actor.role is not Role.ADMIN and actor.team_id not in entities.customer_teams(conn, customer_id):
        raise Denied("forbidden", "this customer has no conversation with your team")
    return row


def _tag(conn: Connection, ev: EventWriter, actor: Actor, a: frames.TagChange, add: bool) -> dict:
    table = schema.conversations if a.target == "conversation" else schema.customers
    if a.target == "conversation":
        row = _conv_or_fail(conn, a.id)
        check_write(actor, _facts(row))
    else:
        row = _customer_or_fail(conn, actor, a.id)
    tags: list[str] = orjson.loads(row.tags)
    changed = False
    if add and a.tag not in tags:
        tags.append(a.tag)
        changed = True
    elif not add and a.tag in tags:
        tags.remove(a.tag)
        changed = True
    if changed:
        conn.execute(update(table).where(table.c.id == a.id).values(tags=orjson.dumps(tags).decode(),
                                                                    updated_at=utc_now_iso()))
        if a.target == "conversation":
            emit_conversation(ev, conn, a.id)
        else:
            emit_customer(ev, conn, a.id)
    return {"tags": tags}


def _tag_add(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _tag(conn, ev, actor, a, True)


def _tag_remove(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _tag(conn, ev, actor, a, False)


def _set_conv(conn: Connection, ev: EventWriter, conv_id: int, **values: Any) -> None:
    conn.execute(update(schema.conversations).where(schema.conversations.c.id == conv_id)
                 .values(updated_at=utc_now_iso(), **values))
    emit_conversation(ev, conn, conv_id)


def _status_set(conn: Connection, ev: EventWriter, actor: Actor, a: frames.SetStatus) -> dict:
    conv = _conv_or_fail(conn, a.conversation_id)
    check_set_status(actor, _facts(conv), a.status)
    if conv.status != a.status.value:
        _set_conv(conn, ev, conv.id, status=a.status.value)
    return {"status": a.status.value}


def _claim(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Claim) -> dict:
    conv = _conv_or_fail(conn, a.conversation_id)
    check_claim(actor, _facts(conv))
    if conv.assignee_id != actor.user_id:
        _set_conv(conn, ev, conv.id, assignee_id=actor.user_id)
    return {"assignee_id": actor.user_id}


def _assign(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Assign) -> dict:
    conv = _conv_or_fail(conn, a.conversation_id)
    target_team = None
    if a.assignee_id is not None:
        u = conn.execute(select(schema.users).where(schema.users.c.id == a.assignee_id)).first()
        if u is None or u.disabled:
            raise Denied(E_NOT_FOUND, f"agent {a.assignee_id} does not exist or is disabled")
        target_team = u.team_id
    check_assign(actor, _facts(conv), a.expected_assignee_id, target_team)
    if conv.assignee_id != a.assignee_id:
        _set_conv(conn, ev, conv.id, assignee_id=a.assignee_id)
    return {"assignee_id": a.assignee_id}


def _customer_update(conn: Connection, ev: EventWriter, actor: Actor, a: frames.UpdateCustomer) -> dict:
    row = _customer_or_fail(conn, actor, a.customer_id)
    if a.field == "name" and not a.value.strip():
        raise Denied("invalid", "a customer needs a name")
    if getattr(row, a.field) != a.value:
        conn.execute(update(schema.customers).where(schema.customers.c.id == a.customer_id)
                     .values({a.field: a.value, "updated_at": utc_now_iso()}))
        emit_customer(ev, conn, a.customer_id)
    return {a.field: a.value}


Handler = Callable[[Connection, EventWriter, Actor, Any], dict]

HANDLERS: dict[str, Handler] = {
    "message.send": _message_send,
    "note.add": _note_add,
    "tag.add": _tag_add,
    "tag.remove": _tag_remove,
    "status.set": _status_set,
    "conversation.claim": _claim,
    "conversation.assign": _assign,
    "customer.update": _customer_update,
}
assert HANDLERS.keys() == frames.MUTATION_ARGS.keys()


def apply_batch(conn: Connection, client_id: str, actor: Actor, items: list[Item]) -> tuple[list[dict], list[Event]]:
    """Returns (results in item order, events committed with them)."""
    ev = EventWriter(conn)
    mt = schema.mutations
    results: list[dict] = []
    ns = [it.n for it in items]
    stored = {r.n: r.result for r in conn.execute(
        select(mt.c.n, mt.c.result).where(mt.c.client_id == client_id, mt.c.n.in_(ns)))}
    now = utc_now_iso()
    for it in items:
        if it.n in stored:
            results.append(orjson.loads(stored[it.n]))
            continue
        sp = conn.begin_nested()
        mark = ev.mark()
        try:
            args = frames.parse_args(it.op, it.args)
            result = {"n": it.n, "ok": True, "result": HANDLERS[it.op](conn, ev, actor, args)}
            sp.commit()
        except (Denied, FrameError) as exc:
            sp.rollback()
            ev.rewind(mark)
            code = exc.code
            reason = exc.reason if isinstance(exc, Denied) else exc.message
            result = {"n": it.n, "ok": False, "code": code, "reason": reason}
        conn.execute(mt.insert().values(client_id=client_id, n=it.n, user_id=actor.user_id,
                                        result=orjson.dumps(result).decode(), created_at=now))
        stored[it.n] = orjson.dumps(result).decode()  # the same n twice in one batch: same answer
        results.append(result)
    return results, ev.flush()


def check_visible_team(actor: Actor, team_id: str) -> None:
    require_team(actor, ConvFacts(team_id=team_id, assignee_id=None, status=Status.OPEN))
