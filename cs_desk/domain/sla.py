"""SLA clocks: which promise a conversation is under now and when it falls due.

Computed on the server from server times and synced as `sla_due_at`, so a wrong client clock never
moves a deadline and the client can count down offline. Pure functions over plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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


def _window(kind: str, start: datetime, seconds: int, ratio: float) -> tuple[datetime, Clock]:
    due = start + timedelta(seconds=seconds)
    warn = due - timedelta(seconds=seconds * ratio)
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
            candidates.append(_window(FIRST_RESPONSE, parse_iso(c.created_at), policy.first_response_s,
                                      policy.warn_ratio))
        elif waiting_on_us and policy.next_response_s > 0:
            assert c.last_message_at is not None
            candidates.append(_window(NEXT_RESPONSE, parse_iso(c.last_message_at), policy.next_response_s,
                                      policy.warn_ratio))
        if policy.resolution_s > 0:
            candidates.append(_window(RESOLUTION, parse_iso(c.created_at), policy.resolution_s, policy.warn_ratio))
    elif waiting_on_us and policy.next_response_s > 0:
        # The customer answered while we waited on them: our turn again, whatever the status says.
        assert c.last_message_at is not None
        candidates.append(_window(NEXT_RESPONSE, parse_iso(c.last_message_at), policy.next_response_s,
                                  policy.warn_ratio))
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
