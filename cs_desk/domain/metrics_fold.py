"""Folds the server's event log into the facts the team metrics are computed from (docs/metrics.md).

Events carry the full state of an entity after each change, so the fold compares each conversation's
new state with the last one it saw (message events are not needed: each reply also writes the
conversation's state): first reply, agent replies, first resolution, reopening, survey answer, the SLA
promise that was showing and whether it was kept, and who held the conversation. Agents' presence and
capacity, with the number of open conversations they hold, are integrated over time into hourly
buckets for utilisation and staffing. Seeing the same state twice changes nothing, so a conversation
copied to two teams' logs (a transfer) counts once. Pure Python: the server feeds it, tests and
benchmarks build events for it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cs_desk.domain.metrics_cells import Cells

HOUR = 3600.0


def ts(text: str | None) -> float | None:
    """Seconds since the epoch of a server time (ISO text ending in Z); None stays None."""
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


@dataclass(frozen=True, slots=True)
class Promise:
    at: float  # when it was kept, or when it broke (its deadline)
    conv_id: int
    kind: str  # first_response / next_response / resolution
    kept: bool


@dataclass(slots=True)
class Conv:
    id: int
    team_id: str
    channel: str
    category: str
    priority: str
    created: float
    status: str = "open"
    assignee: int | None = None
    first_response: float | None = None
    first_responder: int | None = None
    reached_agent: float | None = None  # first assigned, or first answered if that came first
    first_resolved: float | None = None
    resolved_by: int | None = None  # who held it at its first resolution
    reopens: int = 0
    agent_replies: int = 0  # before the first resolution
    last_reply_at: str = ""  # last_message_at of the last agent reply counted
    csat: int | None = None
    csat_at: float | None = None
    clock: tuple[str, float, float] | None = None  # the promise showing: (kind, due, since when it shows)
    promises: list[Promise] = field(default_factory=list)  # kept or broken, in order

    @property
    def agent(self) -> int | None:
        """The agent a conversation counts for: who resolved it, else who holds it, else who first answered."""
        if self.resolved_by is not None:
            return self.resolved_by
        return self.assignee if self.assignee is not None else self.first_responder


@dataclass(slots=True)
class AgentClock:
    id: int
    team_id: str
    name: str = ""
    presence: str = "offline"
    capacity: int = 0
    load: int = 0  # open conversations held
    since: float | None = None  # accounted up to here


@dataclass(slots=True)
class Hour:
    """One agent's hour: seconds online, capacity-seconds online, and busy seconds (held
    conversations, at most the capacity, times the seconds)."""

    online_s: float = 0.0
    cap_s: float = 0.0
    busy_s: float = 0.0


@dataclass
class MetricsFold:
    convs: dict[int, Conv] = field(default_factory=dict)
    agents: dict[int, AgentClock] = field(default_factory=dict)
    # (agent, the team they were in) → hour index → Hour: an agent who moves team leaves their hours behind
    agent_hours: dict[tuple[int, str], dict[int, Hour]] = field(default_factory=dict)
    team_hours: dict[str, dict[int, Hour]] = field(default_factory=dict)  # the same, summed per team
    events: int = 0
    dirty: set[int] = field(default_factory=set)  # conversations changed since the cells heard of it
    cells: Cells = field(default_factory=Cells)

    def refresh_cells(self, dims: tuple[str, ...]) -> None:
        """Files again, in these dimensions, what changed since the last report."""
        if self.dirty:
            self.cells.changed(self.dirty)
            self.dirty = set()
        for dim in dims:
            self.cells.refresh(dim, self.convs)

    # --- feeding -------------------------------------------------------------------------------
    def apply(self, kind: str, d: dict[str, Any], at: float) -> None:
        """One event: its kind, its state and the server time it was written (epoch seconds)."""
        self.events += 1
        if kind == "conversation":
            self._conversation(d)
        elif kind == "agent":
            self._agent(d, at)

    def _conversation(self, d: dict[str, Any]) -> None:
        t = ts(d["updated_at"]) or ts(d["created_at"])
        assert t is not None
        c = self.convs.get(d["id"])
        if c is None:
            c = self.convs[d["id"]] = Conv(d["id"], d["team_id"], d["channel"], d.get("category") or "consultation",
                                           d.get("priority") or "normal", ts(d["created_at"]) or t, status="new")
        was_holder = c.assignee if c.status not in ("resolved", "new") else None
        status, assignee = d["status"], d.get("assignee_id")
        if assignee is not None and c.reached_agent is None:
            c.reached_agent = t
        if d.get("first_response_at") and c.first_response is None:
            c.first_response = ts(d["first_response_at"])
            # the owner is who answered first; the assignee stands in where the log starts later
            c.first_responder = d.get("owner_id") if d.get("owner_id") is not None else assignee
            c.reached_agent = min(c.reached_agent or math.inf, c.first_response or math.inf)
        if status == "resolved" and c.status != "resolved" and c.first_resolved is None:
            c.first_resolved = ts(d.get("resolved_at")) or t
            c.resolved_by = assignee if assignee is not None else d.get("owner_id")
        elif c.status == "resolved" and status != "resolved":
            c.reopens += 1
        if d.get("last_author_kind") == "agent" and (d.get("last_message_at") or "") > c.last_reply_at:
            # every agent reply moves last_message_at (notes and system lines do not), and each reply
            # writes the conversation's new state to the log: one new time, one reply
            c.last_reply_at = d["last_message_at"]
            if c.first_resolved is None or (ts(c.last_reply_at) or 0.0) <= c.first_resolved:
                c.agent_replies += 1
        csat_at = ts(d.get("csat_at"))
        if csat_at is not None and csat_at != c.csat_at and d.get("csat_score") is not None:
            c.csat, c.csat_at = int(d["csat_score"]), csat_at
        self._promise(c, d, t)
        self.dirty.add(c.id)
        c.team_id, c.channel, c.status, c.assignee = d["team_id"], d["channel"], status, assignee
        c.category, c.priority = d.get("category") or c.category, d.get("priority") or c.priority
        holder = assignee if status != "resolved" else None
        if holder != was_holder:
            self._load(was_holder, -1, t)
            self._load(holder, +1, t)

    def _promise(self, c: Conv, d: dict[str, Any], t: float) -> None:
        due = ts(d.get("sla_due_at"))
        old = c.clock
        if d.get("sla_kind") and due is not None:
            if old is not None and old[0] == d["sla_kind"] and old[1] == due:
                return
            c.clock = (d["sla_kind"], due, t)
        else:
            c.clock = None
        if old is None:
            return
        kind, old_due, since = old
        if old_due < since:
            return  # it showed up already overdue (re-timed after its breach): that breach counted once
        kept_at: float | None = None
        if d["status"] == "resolved":
            kept_at = ts(d.get("resolved_at")) or t
        elif kind == "first_response" and d.get("first_response_at"):
            kept_at = ts(d["first_response_at"])
        elif kind == "next_response" and d.get("last_author_kind") == "agent":
            kept_at = ts(d.get("last_message_at")) or t
        if kept_at is not None and kept_at <= old_due:
            c.promises.append(Promise(kept_at, c.id, kind, True))
        elif kept_at is not None or t > old_due:
            c.promises.append(Promise(old_due, c.id, kind, False))  # broken counts at its deadline
        # otherwise the clock was re-timed (a policy changed) or an earlier promise now shows

    def _agent(self, d: dict[str, Any], at: float) -> None:
        a = self.agents.get(d["id"])
        if a is None:
            a = self.agents[d["id"]] = AgentClock(d["id"], d["team_id"])
        self._account(a, at)
        a.team_id, a.name = d["team_id"], d.get("display_name") or d.get("name") or ""
        a.presence = "offline" if d.get("disabled") else d.get("presence", "offline")
        a.capacity = int(d.get("capacity") or 0)

    def _load(self, agent_id: int | None, delta: int, t: float) -> None:
        if agent_id is None:
            return
        a = self.agents.get(agent_id)
        if a is None:
            return  # not an agent we know (the log starts after it was created): no utilisation
        self._account(a, t)
        a.load = max(0, a.load + delta)

    # --- utilisation ---------------------------------------------------------------------------
    def _account(self, a: AgentClock, t: float) -> None:
        if a.since is not None and t > a.since and a.presence == "online":
            mine = self.agent_hours.setdefault((a.id, a.team_id), {})
            team = self.team_hours.setdefault(a.team_id, {})
            for hour, secs in split_hours(a.since, t):
                for hours in (mine, team):
                    h = hours.get(hour)
                    if h is None:
                        h = hours[hour] = Hour()
                    h.online_s += secs
                    h.cap_s += a.capacity * secs
                    h.busy_s += min(a.load, a.capacity) * secs
        if a.since is None or t > a.since:
            a.since = t

    def open_stretches(self, lo: float, hi: float) -> list[tuple[AgentClock, int, Hour]]:
        """Each online agent's time since its last event, within [lo, hi), per hour (not stored: the
        next event accounts that stretch itself)."""
        out = []
        for a in self.agents.values():
            if a.presence != "online" or a.since is None:
                continue
            for hour, secs in split_hours(max(a.since, lo), hi):
                out.append((a, hour, Hour(secs, a.capacity * secs, min(a.load, a.capacity) * secs)))
        return out


def split_hours(start: float, end: float) -> list[tuple[int, float]]:
    """[start, end) cut at hour boundaries: (hour index since the epoch, seconds in it)."""
    out = []
    while start < end:
        hour = int(start // HOUR)
        stop = min(end, (hour + 1) * HOUR)
        out.append((hour, stop - start))
        start = stop
    return out
