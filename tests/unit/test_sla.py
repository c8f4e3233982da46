"""SLA clocks: which promise runs, when it falls due, and when it warns."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cs_desk.domain.clock import parse_iso, to_iso
from cs_desk.domain.sla import (
    FIRST_RESPONSE,
    NEXT_RESPONSE,
    RESOLUTION,
    ConvTimes,
    Policy,
    current_clock,
    state_at,
)

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
P = Policy(first_response_s=60, next_response_s=300, resolution_s=48 * 3600)


def at(seconds: float) -> str:
    return to_iso(T0 + timedelta(seconds=seconds))


def conv(status="open", first=None, last_kind="customer", last_at=0.0) -> ConvTimes:
    return ConvTimes(status, at(0), None if first is None else at(first), last_kind,
                     None if last_at is None else at(last_at))


def test_first_response_clock_runs_from_creation():
    c = current_clock(conv(), P)
    assert c is not None and c.kind == FIRST_RESPONSE
    assert c.due_at == at(60) and c.warn_at == at(45)


def test_after_the_first_reply_the_next_response_clock_runs_from_the_customer_message():
    c = current_clock(conv(first=20, last_kind="customer", last_at=100), P)
    assert c is not None and (c.kind, c.due_at) == (NEXT_RESPONSE, at(400))


def test_when_we_spoke_last_only_resolution_runs():
    c = current_clock(conv(first=20, last_kind="agent", last_at=30), P)
    assert c is not None and (c.kind, c.due_at) == (RESOLUTION, at(48 * 3600))


def test_resolution_wins_when_it_is_earlier():
    p = Policy(first_response_s=3600, next_response_s=3600, resolution_s=600)
    c = current_clock(conv(), p)
    assert c is not None and (c.kind, c.due_at) == (RESOLUTION, at(600))


def test_resolved_stops_and_pending_pauses_until_the_customer_writes():
    assert current_clock(conv(status="resolved"), P) is None
    assert current_clock(conv(status="pending", first=10, last_kind="agent", last_at=10), P) is None
    c = current_clock(conv(status="pending", first=10, last_kind="customer", last_at=50), P)
    assert c is not None and (c.kind, c.due_at) == (NEXT_RESPONSE, at(350))


def test_a_zero_switches_a_clock_off():
    assert current_clock(conv(), Policy(0, 0, 0)) is None
    # With no first-response promise, a waiting customer is still owed an answer by the next-response one.
    c = current_clock(conv(), Policy(0, 300, 0))
    assert c is not None and (c.kind, c.due_at) == (NEXT_RESPONSE, at(300))


def test_state_at():
    assert state_at(None, None, T0) == "none"
    assert state_at(at(60), at(45), T0 + timedelta(seconds=10)) == "ok"
    assert state_at(at(60), at(45), T0 + timedelta(seconds=50)) == "warning"
    assert state_at(at(60), at(45), T0 + timedelta(seconds=60)) == "breached"


@given(status=st.sampled_from(["open", "pending", "resolved"]), first=st.none() | st.floats(0, 1e6),
       last_kind=st.sampled_from([None, "customer", "agent"]), last=st.none() | st.floats(0, 1e6),
       policy=st.builds(Policy, st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 10**7)))
def test_the_deadline_is_never_before_the_conversation_and_warn_precedes_due(status, first, last_kind, last, policy):
    c = current_clock(ConvTimes(status, at(0), None if first is None else at(first), last_kind,
                                None if last is None else at(last)), policy)
    if c is not None:
        assert parse_iso(c.warn_at) <= parse_iso(c.due_at)
        assert parse_iso(c.due_at) >= T0
