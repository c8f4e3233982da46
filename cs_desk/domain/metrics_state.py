"""A MetricsFold written out and read back as plain JSON values (no pickle: the bytes live in the
database and must never be able to run code). The server keeps one such snapshot with the log
position it covers, so a new process reads the snapshot and the log after it instead of the whole
log. FORMAT changes whenever the fold's meaning does; an older snapshot is then ignored and the fold
is rebuilt from the log."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from cs_desk.domain.metrics_fold import AgentClock, Conv, Hour, MetricsFold, Promise

FORMAT = 2
_CONV = ("id", "team_id", "channel", "category", "priority", "created", "status", "assignee", "first_response",
         "first_responder", "reached_agent", "first_resolved", "resolved_by", "reopens", "agent_replies",
         "last_reply_at", "csat", "csat_at")
_AGENT = ("id", "team_id", "name", "presence", "capacity", "load", "since")


assert tuple(f.name for f in fields(Conv))[:len(_CONV)] == _CONV
assert tuple(f.name for f in fields(AgentClock)) == _AGENT


def dump(fold: MetricsFold, seq: int) -> dict[str, Any]:
    convs = []
    for c in fold.convs.values():
        row: list[Any] = [getattr(c, f) for f in _CONV]
        row.append(list(c.clock) if c.clock else None)
        row.append([[p.at, p.kind, p.kept] for p in c.promises])
        convs.append(row)
    return {
        "format": FORMAT, "seq": seq, "events": fold.events, "convs": convs,
        "agents": [[getattr(a, f) for f in _AGENT] for a in fold.agents.values()],
        "agent_hours": [[k[0], k[1], hour, h.online_s, h.cap_s, h.busy_s] for k, hours in fold.agent_hours.items()
                        for hour, h in hours.items()],
        "team_hours": [[k, hour, h.online_s, h.cap_s, h.busy_s] for k, hours in fold.team_hours.items()
                       for hour, h in hours.items()],
    }


def load(state: dict[str, Any]) -> tuple[MetricsFold, int] | None:
    """The fold and the log position it covers, or None for a snapshot of another format."""
    if state.get("format") != FORMAT:
        return None
    fold = MetricsFold(events=int(state["events"]))
    n = len(_CONV)
    convs = fold.convs
    for row in state["convs"]:
        clock, promises = row[n], row[n + 1]
        c = Conv(*row[:n])  # _CONV is Conv's field order (checked below)
        if clock:
            c.clock = (clock[0], clock[1], clock[2])
        if promises:
            c.promises = [Promise(at, c.id, kind, kept) for at, kind, kept in promises]
        convs[c.id] = c
    for row in state["agents"]:
        a = AgentClock(*row)
        fold.agents[a.id] = a
    for agent_id, team, hour, online, cap, busy in state["agent_hours"]:
        fold.agent_hours.setdefault((agent_id, team), {})[hour] = Hour(online, cap, busy)
    for k, hour, online, cap, busy in state["team_hours"]:
        fold.team_hours.setdefault(k, {})[hour] = Hour(online, cap, busy)
    fold.dirty = set(fold.convs)  # the cells are filed again, lazily, by the first report
    return fold, int(state["seq"])
