"""Business-hours calendars for SLA clocks, with injected times (no clock is read)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cs_desk.domain.business_hours import Calendar
from cs_desk.domain.sla import ConvTimes, Policy, current_clock

WEEKDAYS = {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
CAL = Calendar.build(WEEKDAYS, holidays=["2026-10-01"])  # China Standard Time (UTC+8)


def cst(y, mo, d, h, mi=0):
    """A wall-clock time in Beijing, as UTC."""
    return datetime(y, mo, d, h, mi, tzinfo=UTC) - timedelta(hours=8)


def test_friday_afternoon_promise_falls_due_on_monday():
    # 2026-12-04 is a Friday: 1 h left that day, 3 more from Monday 09:00 → Monday 12:00
    assert CAL.add(cst(2026, 12, 4, 17), 4 * 3600) == cst(2026, 12, 7, 12)


def test_lunch_break_and_evenings_do_not_count():
    assert CAL.add(cst(2026, 12, 3, 11, 30), 3600) == cst(2026, 12, 3, 13, 30)
    assert CAL.add(cst(2026, 12, 3, 20), 60) == cst(2026, 12, 4, 9, 1)  # after hours: starts next morning
    assert CAL.working_seconds(cst(2026, 12, 3, 11), cst(2026, 12, 3, 14)) == 2 * 3600


def test_holidays_are_skipped():
    # 2026-10-01 (Thursday) is a holiday: a Wednesday-evening promise waits for Friday
    assert CAL.add(cst(2026, 9, 30, 18), 1800) == cst(2026, 10, 2, 9, 30)
    assert not CAL.is_open(cst(2026, 10, 1, 10))
    assert CAL.is_open(cst(2026, 10, 2, 10)) and not CAL.is_open(cst(2026, 10, 2, 12, 30))


def test_zero_or_negative_time_is_the_start_itself():
    t = cst(2026, 12, 5, 3)  # a Saturday night
    assert CAL.add(t, 0) == t


@pytest.mark.parametrize(("hours", "holidays", "message"), [
    ({"mon": [["09:00", "08:00"]]}, [], "must end after it starts"),
    ({"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}, [], "overlap"),
    ({"monday": [["09:00", "12:00"]]}, [], "unknown day 'monday'"),
    ({"mon": [["9am", "12:00"]]}, [], "HH:MM"),
    ({"mon": [["09:00", "25:00"]]}, [], "between 00:00 and 24:00"),
    ({"mon": [["09:00"]]}, [], "[start, end]"),
    ({}, [], "needs some working time"),
    ({"mon": [["09:00", "12:00"]]}, ["10/01"], "YYYY-MM-DD"),
])
def test_bad_calendars_are_refused_with_the_reason(hours, holidays, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Calendar.build(hours, holidays)


def test_a_policy_with_a_calendar_times_the_sla_clock_in_working_hours():
    policy = Policy(first_response_s=2 * 3600, next_response_s=3600, resolution_s=0, calendar=CAL)
    created = cst(2026, 12, 4, 17)  # Friday 17:00
    clock = current_clock(ConvTimes("open", created.isoformat().replace("+00:00", "Z"), None, "customer", None),
                          policy)
    assert clock is not None and clock.kind == "first_response"
    assert clock.due_at.startswith("2026-12-07T02:00:00")  # Monday 10:00 in Beijing
    assert clock.warn_at.startswith("2026-12-07T01:30:00")  # a quarter of the window (30 min) before


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC))
spans = st.integers(0, 30 * 24 * 3600)


@given(moments, spans, spans)
def test_adding_working_time_is_monotone_and_additive(t, a, b):
    first = CAL.add(t, a)
    assert first >= t
    assert CAL.add(t, a + b) >= first
    assert abs((CAL.add(first, b) - CAL.add(t, a + b)).total_seconds()) < 1e-3


@given(moments, st.integers(1, 30 * 24 * 3600))
def test_a_deadline_lands_in_working_time_and_counts_back_exactly(t, seconds):
    due = CAL.add(t, seconds)
    # the last working instant before `due` is open (the due moment may be a closing time)
    assert CAL.is_open(due - timedelta(microseconds=1))
    assert abs(CAL.working_seconds(t, due) - seconds) < 1e-3


@given(moments, spans)
def test_an_always_open_calendar_is_plain_addition(t, seconds):
    always = Calendar.build({d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    assert always.add(t, seconds) == t + timedelta(seconds=seconds)
