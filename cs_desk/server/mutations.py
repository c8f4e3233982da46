"""One handler per mutation op (allowlisted in HANDLERS). A batch from one client runs in one
transaction; each item is idempotent by (client_id, n): a replay returns the stored result and
changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from cs_desk.domain import sensitive
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
from cs_desk.protocol.constants import E_CONFLICT, E_FORBIDDEN, E_INVALID, E_NOT_FOUND, E_SENSITIVE
from cs_desk.server import attachments, classification, entities, routing, surveys, teams, transfer
from cs_desk.server.conversations import (
    PREVIEW_CHARS,
    append_message,
    append_system_message,
    load_or_fail,
    set_values,
)
from cs_desk.server.conversations import emit as emit_conversation
from cs_desk.server.eventlog import Event, EventWriter
from cs_desk.server.fastsql import raw

log = logging.getLogger(__name__)

__all__ = ["PREVIEW_CHARS", "Item", "append_message", "append_system_message", "apply_batch", "emit_agent",
           "emit_conversation", "emit_customer"]


@dataclass(frozen=True, slots=True)
class Item:
    n: int
    op: str
    args: dict[str, Any]


def emit_customer(ev: EventWriter, conn: Connection, customer_id: int) -> None:
    row = entities.load_customer(conn, customer_id)
    ev.emit("customer", row.id, entities.customer_dict(row, entities.customer_identities(conn, customer_id)),
            entities.customer_teams(conn, customer_id))


def emit_agent(ev: EventWriter, conn: Connection, user_id: int) -> None:
    row = raw(conn).row("SELECT * FROM users WHERE id = ?", (user_id,))
    ev.emit("agent", row.id, entities.agent_dict(row), [row.team_id])


def _check_sensitive(conn: Connection, ev: EventWriter, team_id: str, body: str) -> None:
    key = ("sensitive", team_id)
    if key not in ev.memo:
        ev.memo[key] = teams.words_for(conn, team_id)
    mode, words = ev.memo[key]
    if mode != "block" or not words:
        return
    hits = sensitive.find(body, words)
    if hits:
        listed = "、".join(sensitive.distinct_words(hits)[:5])
        raise Denied(E_SENSITIVE, f"the reply contains a word your team may not send: {listed}")


def _send(conn: Connection, ev: EventWriter, actor: Actor, a: frames.SendMessage, kind: MessageKind) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    check_write(actor, entities.conv_facts(conv))
    if kind is MessageKind.REPLY:
        _check_sensitive(conn, ev, conv.team_id, a.body)
    files = _files(conn, actor, conv, a)
    append_message(conn, ev, conv, message_id=a.message_id, author_kind=AuthorKind.AGENT,
                   author_id=actor.user_id, kind=kind, body=a.body,
                   meta={"attachments": files} if files else None)
    attachments.link(conn, a.message_id, conv.id, files)  # after append_message refused a used id
    result: dict[str, Any] = {"message_id": a.message_id}
    if files:
        result["attachments"] = [f["sha256"] for f in files]
    return result


def _files(conn: Connection, actor: Actor, conv: Any, a: frames.SendMessage) -> list[dict]:
    """The agent's files for this message: their own uploads (named by the bytes they sent), which the
    conversation's team may read from now on, or files the team can read already."""
    wanted = []
    for ref in a.attachments:
        own = attachments.uploaded_by(conn, actor.user_id, ref.sha256)
        if own is not None:
            attachments.grant(conn, own, conv.team_id)
        wanted.append((own or ref.sha256, ref.name))
    try:
        return attachments.describe(conn, conv.id, conv.team_id, wanted)
    except attachments.AttachmentError as exc:
        code = E_NOT_FOUND if exc.code == "unknown_file" else E_INVALID
        raise Denied(code, exc.message) from None


def _message_send(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _send(conn, ev, actor, a, MessageKind.REPLY)


def _note_add(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _send(conn, ev, actor, a, MessageKind.NOTE)


def _customer_or_fail(conn: Connection, actor: Actor, customer_id: int) -> Any:
    row = entities.load_customer(conn, customer_id)
    if row is None:
        raise Denied(E_NOT_FOUND, f"customer {customer_id} does not exist")
    if actor.role is not Role.ADMIN and actor.team_id not in entities.customer_teams(conn, customer_id):
        raise Denied(E_FORBIDDEN, "this customer has no conversation with your team")
    return row


def _tag(conn: Connection, ev: EventWriter, actor: Actor, a: frames.TagChange, add: bool) -> dict:
    if a.target == "conversation":
        row = load_or_fail(conn, a.id)
        check_write(actor, entities.conv_facts(row))
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
        text = orjson.dumps(tags).decode()
        if a.target == "conversation":
            set_values(conn, ev, row, tags=text)
        else:
            raw(conn).run("UPDATE customers SET tags = ?, updated_at = ? WHERE id = ?", (text, utc_now_iso(), a.id))
            emit_customer(ev, conn, a.id)
    return {"tags": tags}


def _tag_add(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _tag(conn, ev, actor, a, True)


def _tag_remove(conn: Connection, ev: EventWriter, actor: Actor, a: Any) -> dict:
    return _tag(conn, ev, actor, a, False)


def _status_set(conn: Connection, ev: EventWriter, actor: Actor, a: frames.SetStatus) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    check_set_status(actor, entities.conv_facts(conv), a.status)
    if conv.status != a.status.value:
        now = utc_now_iso()
        if a.status is Status.RESOLVED:
            set_values(conn, ev, conv, status=a.status.value, resolved_at=now, updated_at=now,
                       **surveys.on_resolve(now))
            surveys.announce(conn, ev, conv)
            routing.serve_queue(conn, ev, {conv.team_id})  # the assignee has room again
        else:
            set_values(conn, ev, conv, status=a.status.value, resolved_at=None, updated_at=now)
    return {"status": a.status.value}


def _claim(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Claim) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    check_claim(actor, entities.conv_facts(conv))
    if conv.assignee_id != actor.user_id:
        set_values(conn, ev, conv, assignee_id=actor.user_id, waiting_since=None)
        routing.record_assignment(conn, conv.id, actor.user_id, conv.team_id, "claim")
    return {"assignee_id": actor.user_id}


def _assign(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Assign) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    target_team = None
    if a.assignee_id is not None:
        u = raw(conn).row("SELECT team_id, disabled FROM users WHERE id = ?", (a.assignee_id,))
        if u is None or u.disabled:
            raise Denied(E_NOT_FOUND, f"agent {a.assignee_id} does not exist or is disabled")
        target_team = u.team_id
    check_assign(actor, entities.conv_facts(conv), a.expected_assignee_id, target_team)
    if conv.assignee_id != a.assignee_id:
        now = utc_now_iso()
        set_values(conn, ev, conv, assignee_id=a.assignee_id, updated_at=now,
                   waiting_since=None if a.assignee_id is not None else now)
        if a.assignee_id is not None:
            routing.record_assignment(conn, conv.id, a.assignee_id, conv.team_id, "assign", now)
        else:
            routing.serve_queue(conn, ev, {conv.team_id})
    return {"assignee_id": a.assignee_id}


def _customer_update(conn: Connection, ev: EventWriter, actor: Actor, a: frames.UpdateCustomer) -> dict:
    row = _customer_or_fail(conn, actor, a.customer_id)
    if a.field == "name" and not a.value.strip():
        raise Denied(E_INVALID, "a customer needs a name")
    if getattr(row, a.field) != a.value:
        # a.field is one of the Literal names allowed by frames.UpdateCustomer, never free text
        raw(conn).run(f"UPDATE customers SET {a.field} = ?, updated_at = ? WHERE id = ?",
                      (a.value, utc_now_iso(), a.customer_id))
        emit_customer(ev, conn, a.customer_id)
    return {a.field: a.value}


def _presence_set(conn: Connection, ev: EventWriter, actor: Actor, a: frames.SetPresence) -> dict:
    routing.set_presence(conn, actor.user_id, a.presence, choice=True)
    emit_agent(ev, conn, actor.user_id)
    if a.presence == "online":
        routing.serve_queue(conn, ev, {actor.team_id})
    return {"presence": a.presence}


def _transfer(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Transfer) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    result = transfer.transfer(conn, ev, actor, a)
    routing.serve_queue(conn, ev, {conv.team_id, result["team_id"]})  # a freed seat, or a queued arrival
    return result


def _categorize(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Categorize) -> dict:
    conv = load_or_fail(conn, a.conversation_id)
    check_write(actor, entities.conv_facts(conv))
    set_values(conn, ev, conv, **classification.by_agent(conv, actor.user_id, a.category, a.priority))
    return {"category": a.category or conv.category, "priority": a.priority or conv.priority}


def _followup_done(conn: Connection, ev: EventWriter, actor: Actor, a: frames.FollowupDone) -> dict:
    return surveys.close_followup(conn, ev, actor, a.followup_id, a.outcome)


def _agent_update(conn: Connection, ev: EventWriter, actor: Actor, a: frames.UpdateAgent) -> dict:
    row = raw(conn).row("SELECT id, team_id, disabled, presence FROM users WHERE id = ?", (a.agent_id,))
    if row is None or row.disabled or (actor.role is not Role.ADMIN and row.team_id != actor.team_id):
        raise Denied(E_NOT_FOUND, f"agent {a.agent_id} is not in your team")
    if actor.role is Role.AGENT:
        raise Denied(E_FORBIDDEN, "only a team lead can change an agent's capacity or presence")
    if a.capacity is not None:
        raw(conn).run("UPDATE users SET capacity = ? WHERE id = ?", (a.capacity, a.agent_id))
    if a.presence is not None and row.presence != "offline":  # nobody is put online who is not connected
        routing.set_presence(conn, a.agent_id, a.presence, choice=True)
    emit_agent(ev, conn, a.agent_id)
    routing.serve_queue(conn, ev, {row.team_id})  # more room, or someone back
    return {"agent_id": a.agent_id}


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
    "presence.set": _presence_set,
    "conversation.transfer": _transfer,
    "conversation.categorize": _categorize,
    "followup.done": _followup_done,
    "agent.update": _agent_update,
}
assert HANDLERS.keys() == frames.MUTATION_ARGS.keys()


def apply_batch(conn: Connection, client_id: str, actor: Actor, items: list[Item]) -> tuple[list[dict], list[Event]]:
    """Returns (results in item order, events committed with them)."""
    r = raw(conn)
    ev = EventWriter(conn)
    results: list[dict] = []
    ns = sorted({it.n for it in items})
    r.run(f"SELECT n, result FROM mutations WHERE client_id = ? AND n IN ({','.join('?' * len(ns))})",
          (client_id, *ns))
    stored: dict[int, str] = {n: res for n, res in r.cur.fetchall()}
    now = utc_now_iso()
    records: list[tuple] = []
    for it in items:
        if it.n in stored:
            results.append(orjson.loads(stored[it.n]))
            continue
        r.run("SAVEPOINT item")
        mark = ev.mark()
        try:
            args = frames.parse_args(it.op, it.args)
            result = {"n": it.n, "ok": True, "result": HANDLERS[it.op](conn, ev, actor, args)}
            r.run("RELEASE SAVEPOINT item")
        except (Denied, FrameError, IntegrityError) as exc:
            r.run("ROLLBACK TO SAVEPOINT item")
            r.run("RELEASE SAVEPOINT item")
            ev.rewind(mark)
            if isinstance(exc, IntegrityError):
                # A uniqueness race or a reused id that slipped past the checks: this item is refused,
                # the batch and the session go on.
                log.warning("mutation %s refused on a database constraint: %s", it.op, exc.orig)
                code, reason = E_CONFLICT, "this change collides with one already made"
            else:
                code, reason = exc.code, exc.reason if isinstance(exc, Denied) else exc.message
            result = {"n": it.n, "ok": False, "code": code, "reason": reason}
        text = orjson.dumps(result).decode()
        records.append((client_id, it.n, actor.user_id, text, now))
        stored[it.n] = text  # the same n twice in one batch: same answer
        results.append(result)
    if records:
        r.many("INSERT INTO mutations(client_id, n, user_id, result, created_at) VALUES (?, ?, ?, ?, ?)", records)
    return results, ev.flush()


def check_visible_team(actor: Actor, team_id: str) -> None:
    require_team(actor, ConvFacts(team_id=team_id, assignee_id=None, status=Status.OPEN))
