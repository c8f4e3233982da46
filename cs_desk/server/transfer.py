"""Transfer of a conversation to another agent or team, with a reason (首问负责制: the owner keeps a
conversation until it is resolved or explicitly handed on).

A move to another team re-sends the conversation's history, customer and orders to that team: their
events were written for the old team's audience, so the new team's cursors would never reach them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import Role
from cs_desk.domain.permissions import Actor, Denied, require_team
from cs_desk.protocol import frames
from cs_desk.protocol.constants import E_CONFLICT, E_FORBIDDEN, E_INVALID, E_NOT_FOUND
from cs_desk.server import entities, schema
from cs_desk.server.conversations import append_system_message
from cs_desk.server.conversations import emit as emit_conversation
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import raw
from cs_desk.server.routing import record_assignment


def _agent(conn: Connection, agent_id: int) -> Any:
    u = conn.execute(select(schema.users).where(schema.users.c.id == agent_id)).first()
    if u is None or u.disabled:
        raise Denied(E_NOT_FOUND, f"agent {agent_id} does not exist or is disabled")
    return u


def check(actor: Actor, conv: Any, a: frames.Transfer) -> None:
    require_team(actor, entities.conv_facts(conv))
    if conv.assignee_id != a.expected_assignee_id:
        raise Denied(E_CONFLICT, "the conversation was reassigned meanwhile")
    if actor.role is Role.AGENT and conv.assignee_id not in (None, actor.user_id):
        raise Denied(E_FORBIDDEN, "only the assigned agent or a lead can transfer this conversation")


def transfer(conn: Connection, ev: EventWriter, actor: Actor, a: frames.Transfer) -> dict[str, Any]:
    if (a.to_team_id is None) == (a.to_agent_id is None):
        raise Denied(E_INVALID, "transfer to an agent or to a team, one of the two")
    conv = entities.load_conversation(conn, a.conversation_id)
    if conv is None:
        raise Denied(E_NOT_FOUND, f"conversation {a.conversation_id} does not exist")
    check(actor, conv, a)
    if a.to_agent_id is not None:
        agent = _agent(conn, a.to_agent_id)
        to_team, to_agent = agent.team_id, agent.id
        if agent.id == conv.assignee_id:
            raise Denied(E_INVALID, "the conversation is already assigned to this agent")
    else:
        assert a.to_team_id is not None
        if conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == a.to_team_id)).first() is None:
            raise Denied(E_NOT_FOUND, f"team {a.to_team_id} does not exist")
        to_team, to_agent = a.to_team_id, None
        if to_team == conv.team_id and conv.assignee_id is None:
            raise Denied(E_INVALID, "the conversation is already in this team's queue")
    old_team = conv.team_id
    new_to_team = to_team != old_team
    had_customer = new_to_team and to_team in entities.customer_teams(conn, conv.customer_id)
    now = utc_now_iso()
    # An explicit transfer hands ownership on (首问负责制): to the agent, or to whoever answers next.
    conn.execute(update(schema.conversations).where(schema.conversations.c.id == conv.id)
                 .values(team_id=to_team, assignee_id=to_agent, owner_id=to_agent, updated_at=now,
                         waiting_since=None if to_agent is not None else now))
    if to_agent is not None:
        record_assignment(conn, conv.id, to_agent, to_team, "transfer", now)
    if new_to_team:
        _share_history(conn, ev, conv.id, conv.customer_id, to_team, had_customer)
    names = {r.id: r.display_name for r in conn.execute(
        select(schema.users.c.id, schema.users.c.display_name).where(
            schema.users.c.id.in_([x for x in (actor.user_id, conv.assignee_id, to_agent) if x is not None])))}
    team_names = {r.id: r.name for r in conn.execute(select(schema.teams.c.id, schema.teams.c.name))}
    meta = {"event": "transfer", "by": actor.user_id, "by_name": names.get(actor.user_id, ""),
            "from_team": old_team, "from_team_name": team_names.get(old_team, old_team),
            "from_agent": conv.assignee_id, "from_agent_name": names.get(conv.assignee_id, ""),
            "to_team": to_team, "to_team_name": team_names.get(to_team, to_team),
            "to_agent": to_agent, "to_agent_name": names.get(to_agent, ""), "reason": a.reason}
    target = meta["to_agent_name"] or meta["to_team_name"]
    append_system_message(conn, ev, conv.id, f"转接给 {target} · Transferred to {target}: {a.reason}", meta)
    emit_conversation(ev, conn, conv.id, also_team=old_team if new_to_team else None)
    return {"team_id": to_team, "assignee_id": to_agent}


def _share_history(conn: Connection, ev: EventWriter, conv_id: int, customer_id: int, team: str,
                   had_customer: bool) -> None:
    if not had_customer:
        cust = entities.load_customer(conn, customer_id)
        ev.emit("customer", cust.id, entities.customer_dict(cust, entities.customer_identities(conn, cust.id)), [team])
        for o in conn.execute(select(schema.orders).where(schema.orders.c.customer_id == customer_id)):
            ev.emit("order", o.id, entities.order_dict(o), [team])
    m = schema.messages
    for row in conn.execute(select(m).where(m.c.conversation_id == conv_id).order_by(m.c.created_at)):
        ev.emit("message", row.id, entities.message_dict(row), [team])
    # the new team may read the conversation's files as it reads its messages
    raw(conn).run("INSERT INTO file_teams(sha256, team_id) SELECT DISTINCT mf.sha256, ? FROM message_files mf "
                  "WHERE mf.conversation_id = ? AND NOT EXISTS (SELECT 1 FROM file_teams ft WHERE "
                  "ft.sha256 = mf.sha256 AND ft.team_id = ?)", (team, conv_id, team))


def overflow_move(conn: Connection, ev: EventWriter, conv_id: int, to_team: str, waited_s: int) -> None:
    """A conversation that waited too long in its team's queue moves to the overflow team's queue."""
    conv = entities.load_conversation(conn, conv_id)
    if conv is None or conv.team_id == to_team:
        return
    old_team = conv.team_id
    had_customer = to_team in entities.customer_teams(conn, conv.customer_id)
    now = utc_now_iso()
    conn.execute(update(schema.conversations).where(schema.conversations.c.id == conv.id)
                 .values(team_id=to_team, assignee_id=None, updated_at=now, waiting_since=now))
    _share_history(conn, ev, conv.id, conv.customer_id, to_team, had_customer)
    team_names = {r.id: r.name for r in conn.execute(select(schema.teams.c.id, schema.teams.c.name))}
    meta = {"event": "overflow", "from_team": old_team, "from_team_name": team_names.get(old_team, old_team),
            "to_team": to_team, "to_team_name": team_names.get(to_team, to_team), "waited_s": waited_s}
    append_system_message(conn, ev, conv.id, f"排队超时，转入 {meta['to_team_name']} · Waited {waited_s // 60} min: "
                          f"moved to {meta['to_team_name']}", meta)
    emit_conversation(ev, conn, conv.id, also_team=old_team)
