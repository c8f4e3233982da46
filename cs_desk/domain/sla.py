"""SLA clocks: which promise a conversation is under now and when it falls due.

Computed on the server from server times and synced as `sla_due_at`, so a wrong client clock never
moves a deadline and the client can count down offline. Pure functions over plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cs_desk.domain.business_hours import Calendar
from cs_desk.domain.clock import parse_iso, to_iso

FIRST_RESPONSE = "first_response"
NEXT_RESPONSE = "next_response"
RESOLUTION = "resolution"
KINDS = (FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION)


@dataclass(frozen=True, slots=True)
class Policy:
    """Seconds allowed for each promise; 0 switches that clock off. The defaults are the handbook's
    "respond within 24 h, solve within 48 h" (24小时响应、48小时解决)."""

    first_response_s: int = 24 * 3600
    next_response_s: int = 24 * 3600
    resolution_s: int = 48 * 3600
    warn_ratio: float = 0.25  # warn when this share of the window is left
    # working hours the clocks run in (cs_desk.domain.business_hours); None: around the clock
    calendar: Calendar | None = None
    # what a breach sets off: notify_lead, raise_priority, reassign
    escalate: tuple[str, ...] = ("notify_lead", "raise_priority")


ESCALATIONS = ("notify_lead", "raise_priority", "reassign")


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """A policy for a team, category and priority; None matches any."""

    team_id: str | None
    category: str | None
    priority: str | None
    policy: Policy


def choose_rule(rules: Iterable[PolicyRule], team_id: str, category: str, priority: str) -> PolicyRule | None:
    """The most specific matching rule (team over category over priority, each counting), earlier
    rules winning ties; None when none matches."""
    best: tuple[int, PolicyRule] | None = None
    for r in rules:
        if (r.team_id not in (None, team_id) or r.category not in (None, category)
                or r.priority not in (None, priority)):
            continue
        score = 4 * (r.team_id is not None) + 2 * (r.category is not None) + (r.priority is not None)
        if best is None or score > best[0]:
            best = (score, r)
    return None if best is None else best[1]


def choose_policy(rules: Iterable[PolicyRule], team_id: str, category: str, priority: str,
                  default: Policy) -> Policy:
    """The most specific matching rule's policy; `default` (the team's own settings) when none matches."""
    rule = choose_rule(rules, team_id, category, priority)
    return default if rule is None else rule.policy


@dataclass(frozen=True, slots=True)
class Clock:
    kind: str
    due_at: str
    warn_at: str


@dataclass(frozen=True, slots=True)
class ConvTimes:
    status: str
    created_at: str
    first_response_at: str | None
    last_author_kind: str | None
    last_message_at: str | None


def _window(kind: str, start: datetime, seconds: int, policy: Policy) -> tuple[datetime, Clock]:
    cal = policy.calendar
    if cal is None:
        due = start + timedelta(seconds=seconds)
        warn = due - timedelta(seconds=seconds * policy.warn_ratio)
    else:
        due = cal.add(start, seconds)
        warn = cal.add(start, seconds * (1 - policy.warn_ratio))
    return due, Clock(kind, to_iso(due), to_iso(warn))


def current_clock(c: ConvTimes, policy: Policy) -> Clock | None:
    """The earliest running deadline, or None when no clock runs.

    Resolved conversations stop every clock; 'pending' means waiting on the customer, which pauses
    them (the resolution clock restarts from the customer's next message, a simplification of a
    paused-time ledger that keeps the rule a pure function of the row)."""
    if c.status == "resolved":
        return None
    candidates: list[tuple[datetime, Clock]] = []
    waiting_on_us = c.last_author_kind == "customer" and c.last_message_at is not None
    if c.status != "pending":
        if c.first_response_at is None and policy.first_response_s > 0:
            candidates.append(_window(FIRST_RESPONSE, parse_iso(c.created_at), policy.first_response_s, policy))
        elif waiting_on_us and policy.next_response_s > 0:
            assert c.last_message_at is not None
            candidates.append(_window(NEXT_RESPONSE, parse_iso(c.last_message_at), policy.next_response_s, policy))
        if policy.resolution_s > 0:
            candidates.append(_window(RESOLUTION, parse_iso(c.created_at), policy.resolution_s, policy))
    elif waiting_on_us and policy.next_response_s > 0:
        # The customer answered while we waited on them: our turn again, whatever the status says.
        assert c.last_message_at is not None
        candidates.append(_window(NEXT_RESPONSE, parse_iso(c.last_message_at), policy.next_response_s, policy))
    if not candidates:
        return None
    return min(candidates, key=lambda dc: dc[0])[1]


def state_at(due_at: str | None, warn_at: str | None, now: datetime) -> str:
    """'none', 'ok', 'warning' or 'breached' at `now` (a server-corrected time on the client)."""
    if not due_at:
        return "none"
    if now >= parse_iso(due_at):
        return "breached"
    if warn_at and now >= parse_iso(warn_at):
        return "warning"
    return "ok"
