"""RFM value segments: the eight classic segments and "new", from a table of cases, and for any
list of orders (hypothesis) exactly one segment, never an exception."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cs_desk.domain.clock import to_iso
from cs_desk.domain.rfm import OrderFact, Segment, Thresholds, analyse, segment_of

NOW = datetime(2026, 10, 1, 12, tzinfo=UTC)


def orders(n: int, days_ago: int, yuan_each: int, status: str = "delivered") -> list[dict]:
    return [{"status": status, "total_cents": yuan_each * 100, "created_at": to_iso(NOW - timedelta(days=days_ago + i))}
            for i in range(n)]


@pytest.mark.parametrize(("rows", "expected"), [
    ([], Segment.NEW),
    (orders(3, 10, 400), Segment.CHAMPION),  # recent, 3 orders, ¥1,200
    (orders(1, 5, 1500), Segment.POTENTIAL),  # recent, one big order
    (orders(4, 200, 500), Segment.AT_RISK),  # frequent and big, but half a year ago
    (orders(1, 400, 2000), Segment.CANT_LOSE),  # one big order, long ago
    (orders(5, 1, 50), Segment.LOYAL),  # recent and frequent, small baskets
    (orders(1, 30, 99), Segment.PROMISING),
    (orders(3, 120, 30), Segment.NEEDS_ATTENTION),
    (orders(1, 365, 50), Segment.LOST),
    # Cancelled and refunded orders bring no money and no recency…
    (orders(1, 400, 2000) + orders(3, 1, 900, "refunded"), Segment.CANT_LOSE),
    (orders(2, 1, 900, "cancelled"), Segment.LOST),  # …so only-cancelled is not "new": they did order
    # Boundaries are inclusive: exactly 90 days, exactly 3 orders, exactly ¥1,000.
    ([{"status": "paid", "total_cents": 100_000, "created_at": to_iso(NOW - timedelta(days=90))}] +
     orders(2, 100, 0), Segment.CHAMPION),
    (orders(1, 91, 1000), Segment.CANT_LOSE),
    (orders(2, 1, 499) + orders(1, 1, 1, "pending"), Segment.LOYAL),  # unpaid orders still count as orders
])
def test_segments(rows, expected):
    assert segment_of(rows, NOW) == expected


def test_figures():
    r = analyse(orders(2, 3, 120) + orders(1, 0, 500, "refunded"), NOW)
    assert (r.recency_days, r.frequency, r.monetary_cents) == (3, 2, 24_000)
    assert r.last_order_at == NOW - timedelta(days=3)
    assert not r.segment.important and Segment.CHAMPION.important


def test_thresholds_are_configurable():
    rows = orders(2, 100, 300)
    assert segment_of(rows, NOW) == Segment.LOST
    assert segment_of(rows, NOW, Thresholds(recent_days=180, frequent_orders=2, high_value_cents=50_000)) == \
        Segment.CHAMPION
    with pytest.raises(ValueError):
        Thresholds(frequent_orders=0)


def test_time_is_passed_in_and_future_orders_count_as_today():
    rows = [OrderFact("paid", 100, NOW + timedelta(hours=5))]  # server clock ahead of ours
    assert analyse(rows, NOW).recency_days == 0
    assert analyse(rows, NOW.replace(tzinfo=None)).recency_days == 0  # naive means UTC
    assert segment_of(orders(1, 10, 10), NOW + timedelta(days=365)) == Segment.LOST


def test_unreadable_values_do_not_break_the_card():
    rows = [{"status": "paid", "total_cents": None, "created_at": "not a date"}, {"status": "paid"},
            {"status": "paid", "total_cents": 10.5, "created_at": None}]
    r = analyse(rows, NOW)
    assert r.frequency == 3 and r.recency_days is None and r.segment is Segment.NEEDS_ATTENTION


dates = st.one_of(st.none(), st.datetimes(timezones=st.sampled_from([UTC, None])),
                  st.datetimes(timezones=st.just(UTC)).map(to_iso), st.text(max_size=12))
order_dicts = st.fixed_dictionaries({
    "status": st.one_of(st.sampled_from(["pending", "paid", "shipped", "delivered", "refunded", "cancelled"]),
                        st.text(max_size=8)),
    "total_cents": st.one_of(st.integers(-10**12, 10**12), st.none(), st.floats(allow_nan=True)),
    "created_at": dates,
})


@given(st.lists(order_dicts, max_size=30), st.datetimes(timezones=st.sampled_from([UTC, None])))
def test_any_orders_give_one_segment(rows, now):
    r = analyse(rows, now)
    assert r.segment in set(Segment)
    assert (r.segment is Segment.NEW) == (rows == [])
    assert r.frequency <= len(rows)
    assert r.recency_days is None or r.recency_days >= 0
