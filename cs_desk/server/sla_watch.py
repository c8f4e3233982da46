"""Watches the promises: when a running SLA clock reaches its warning time the conversation gets a
warning line; when it falls due, a breach line and the policy's escalation (notify the lead, raise
the priority, reassign to someone else with room). Each alert fires once per clock (a new deadline is
a new promise). Driven by the router tick with the server's time, injectable for tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from cs_desk.domain.classify import raise_priority
from cs_desk.domain.clock import to_iso
from cs_desk.server import conversations, routing
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import Row, raw

BATCH = 500  # per tick; the rest wait for the next one, oldest deadline first
# A threshold crossed longer ago than this was not watched crossing it (imported or historic data,
# an upgrade, a server that was down): it is marked as seen without a line or an escalation, so a
# restart does not bury the agents in thousands of stale alarms or raise every old priority.
STALE_S = 3600

# Rows whose clock passed its warning time and whose alert for this very clock is not sent yet.
_DUE = ("SELECT * FROM conversations WHERE status != 'resolved' AND sla_warn_at IS NOT NULL AND sla_warn_at <= ? "
        "AND coalesce(sla_stage, '') != 'breached:' || sla_kind || ':' || sla_due_at "
        "AND (sla_due_at <= ? OR coalesce(sla_stage, '') != 'warned:' || sla_kind || ':' || sla_due_at) "
        "ORDER BY sla_due_at LIMIT ?")


def check(conn: Connection, ev: EventWriter, now: datetime) -> tuple[int, int]:
    """Sends the alerts due at `now`. Returns (warnings, breaches)."""
    at = to_iso(now)
    stale = to_iso(now - timedelta(seconds=STALE_S))
    warned = breached = 0
    for row in raw(conn).rows(_DUE, (at, at, BATCH)):
        key = f"{row.sla_kind}:{row.sla_due_at}"
        if (row.sla_warn_at <= stale and row.sla_due_at > at) or row.sla_due_at <= stale:
            stage = "breached" if row.sla_due_at <= at else "warned"
            raw(conn).run("UPDATE conversations SET sla_stage = ? WHERE id = ?", (f"{stage}:{key}", row.id))
            continue
        if row.sla_due_at <= at:
            _breach(conn, ev, row, key)
            breached += 1
        else:
            conversations.set_values(conn, ev, row, sla_stage=f"warned:{key}", updated_at=row.updated_at)
            conversations.append_system_message(
                conn, ev, row.id, f"SLA warning: {row.sla_kind} due at {row.sla_due_at}",
                {"event": "sla_warning", "kind": row.sla_kind, "due_at": row.sla_due_at})
            warned += 1
    return warned, breached


def _breach(conn: Connection, ev: EventWriter, row: Row, key: str) -> None:
    policy = conversations.policy(conn, ev, row)
    values: dict[str, Any] = {"sla_stage": f"breached:{key}"}
    done: list[dict[str, Any]] = []
    for action in policy.escalate:
        if action == "notify_lead":
            done.append({"action": "notify_lead", "team_id": row.team_id})
        elif action == "raise_priority":
            higher = raise_priority(row.priority)
            if higher != row.priority:
                values["priority"] = higher
                done.append({"action": "raise_priority", "from": row.priority, "to": higher})
        elif action == "reassign" and row.assignee_id is not None:
            d = routing.decide(conn, routing.arrival_for(conn, row), with_rules=False,
                               exclude=frozenset({row.assignee_id}))
            if d.agent_id is not None and d.team_id == row.team_id:
                values.update(assignee_id=d.agent_id, assign_reason=routing.reason_json(d))
                routing.record_assignment(conn, row.id, d.agent_id, row.team_id, "escalate", decision=d)
                done.append({"action": "reassign", "from": row.assignee_id, "to": d.agent_id})
            else:
                done.append({"action": "reassign", "from": row.assignee_id, "to": None})  # nobody else free
    # the new state first (a raised priority may bring a new, shorter clock), then the line saying why
    conversations.set_values(conn, ev, row, **values)
    conversations.append_system_message(
        conn, ev, row.id, f"SLA breached: {row.sla_kind} was due at {row.sla_due_at}",
        {"event": "sla_breach", "kind": row.sla_kind, "due_at": row.sla_due_at, "actions": done})
