"""A scripted day of a team, as the event log would hold it, with the figures worked out by hand in
tests/unit/test_metrics.py. T0 is 10:00 in Beijing on 2 December 2026."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cs_desk.domain.clock import to_iso

T0 = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
NOW = T0 + timedelta(seconds=7200)


def at(s: float) -> str:
    return to_iso(T0 + timedelta(seconds=s))


def agent(i: int, team: str, capacity: int, presence: str = "online") -> dict[str, Any]:
    return {"id": i, "name": f"u{i}", "display_name": f"Agent {i}", "team_id": team, "role": "agent",
            "capacity": capacity, "disabled": False, "presence": presence, "rank": 0}


def conv(i: int, created: float, updated: float, *, team: str = "a", channel: str = "web",
         category: str = "consultation", status: str = "open", assignee: int | None = None,
         first_response: float | None = None, owner: int | None = None, resolved: float | None = None,
         sla: tuple[str, float] | None = None, last_author: str = "customer", last_message: float | None = None,
         csat: tuple[int, float] | None = None) -> dict[str, Any]:
    return {"id": i, "customer_id": i, "team_id": team, "assignee_id": assignee, "status": status, "channel": channel,
            "subject": f"c{i}", "tags": [], "created_at": at(created), "updated_at": at(updated),
            "last_message_at": at(last_message if last_message is not None else updated),
            "last_message_preview": "", "last_author_kind": last_author, "message_count": 1,
            "first_response_at": at(first_response) if first_response is not None else None,
            "sla_kind": sla[0] if sla else None, "sla_due_at": at(sla[1]) if sla else None,
            "sla_warn_at": at(sla[1] - 60) if sla else None,
            "resolved_at": at(resolved) if resolved is not None else None,
            "csat_score": csat[0] if csat else None, "csat_comment": None, "owner_id": owner, "waiting_since": None,
            "assign_reason": None, "source": None, "category": category, "priority": "normal", "classified": None,
            "survey_sent_at": None, "csat_at": at(csat[1]) if csat else None}


def reply(mid: str, conversation_id: int, t: float, author: str = "agent", author_id: int | None = 7) -> dict[str, Any]:
    return {"id": mid, "conversation_id": conversation_id, "author_kind": author, "author_id": author_id,
            "kind": "reply", "body": "…", "created_at": at(t), "meta": None}


def events() -> list[tuple[str, dict[str, Any], str]]:
    """(kind, state, written at) in log order."""
    ev: list[tuple[str, dict[str, Any], str]] = []

    def c(t: float, **kw: Any) -> None:
        ev.append(("conversation", conv(updated=t, **kw), at(t)))

    def m(t: float, *args: Any, **kw: Any) -> None:
        ev.append(("message", reply(*args, **kw), at(t)))

    ev.append(("agent", agent(7, "a", 2), at(0)))
    ev.append(("agent", agent(8, "a", 1), at(0)))
    ev.append(("agent", agent(9, "b", 3), at(0)))
    # c1: answered in 5 min, resolved in 20 min with one reply, rated 5
    c1 = {"i": 1, "created": 0, "category": "complaint"}
    c(0, **c1, sla=("first_response", 600))
    c(60, **c1, assignee=7, sla=("first_response", 600))
    m(300, "m1", 1, 300, author_id=7)
    c(300, **c1, assignee=7, first_response=300, owner=7, last_author="agent", sla=("resolution", 3600))
    c(1200, **c1, assignee=7, first_response=300, owner=7, last_author="agent", last_message=300, status="resolved",
      resolved=1200)
    c(1500, **c1, assignee=7, first_response=300, owner=7, last_author="agent", last_message=300, status="resolved",
      resolved=1200, csat=(5, 1500))
    # c2: answered late, two replies, resolved, reopened by the customer, answered late again, resolved, rated 2
    c2 = {"i": 2, "created": 600, "channel": "email", "category": "refund"}
    c(600, **c2, assignee=8, sla=("first_response", 1500))
    m(2400, "m2", 2, 2400, author_id=8)
    c(2400, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", sla=("resolution", 7800))
    m(3000, "m3", 2, 3000, author_id=8)
    c(3000, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", sla=("resolution", 7800))
    c(4200, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", last_message=3000, status="resolved",
      resolved=4200)
    m(5000, "m4", 2, 5000, author="customer", author_id=None)
    c(5000, **c2, assignee=8, first_response=2400, owner=8, sla=("next_response", 5400))
    m(5500, "m5", 2, 5500, author_id=8)
    c(5500, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", sla=("resolution", 7800))
    c(6000, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", status="resolved", resolved=6000,
      last_message=5500)
    c(6100, **c2, assignee=8, first_response=2400, owner=8, last_author="agent", status="resolved", resolved=6000,
      last_message=5500, csat=(2, 6100))
    # c2 copied to team b's log as well (a transfer sends the state to both teams): counts once
    ev.append(ev[-1])
    # c3: waits unanswered past its first-response deadline
    c(3000, i=3, created=3000, sla=("first_response", 3600))
    # c4: another team
    c(100, i=4, created=100, team="b", assignee=9, sla=("first_response", 700))
    return ev
