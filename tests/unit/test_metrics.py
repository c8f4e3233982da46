"""Team metrics against a scripted day whose answers are worked out by hand below
(tests/helpers/metrics_scenario.py; the definitions are docs/metrics.md)."""

from datetime import timedelta

import pytest

from cs_desk.domain.metrics_fold import MetricsFold, split_hours, ts
from cs_desk.domain.metrics_report import median, percentile, report
from tests.helpers.metrics_scenario import NOW, T0, events


def fold() -> MetricsFold:
    f = MetricsFold()
    for kind, d, written in events():
        f.apply(kind, d, ts(written))
    return f


def today(f: MetricsFold, **kw):
    lo = (T0 - timedelta(hours=10)).timestamp()  # midnight in Beijing
    return report(f, lo, NOW.timestamp(), NOW.timestamp(), teams={"a"}, **kw)


def test_the_scripted_day_gives_the_figures_worked_out_by_hand():
    t = today(fold())["total"]
    assert t["conversations"] == 3  # c1, c2, c3 (c4 is team b's)
    assert t["per_hour"] == pytest.approx(3 / 12)  # 12 hours since midnight in Beijing
    # first replies: c1 after 300 s, c2 after 1800 s
    assert t["first_response"] == {"n": 2, "median_s": 1050, "p90_s": 1800}
    # first resolutions: c1 1200 s after it came in, c2 3600 s
    assert t["resolution"] == {"n": 2, "median_s": 2400, "avg_s": 2400, "p90_s": 3600}
    # handling: from reaching an agent to resolution: c1 1200-60, c2 4200-600
    assert t["handling"] == {"n": 2, "avg_s": (1140 + 3600) / 2}
    assert t["resolution_rate"] == {"n": 3, "k": 2, "rate": pytest.approx(2 / 3)}
    assert t["fcr"] == {"n": 2, "k": 1, "rate": 0.5}  # c1 one reply; c2 two replies and reopened
    assert t["reopen"] == {"n": 2, "k": 1, "rate": 0.5}
    assert t["csat"] == {"n": 2, "avg": 3.5, "share_4_5": 0.5}
    # Agent 7 (capacity 2) held c1 for 1140 s of 7200 online; Agent 8 (capacity 1) held c2 for
    # 3600 + 1000 s of 7200
    assert t["utilisation"]["online_s"] == 2 * 7200
    assert t["utilisation"]["rate"] == pytest.approx((1140 + 4600) / (2 * 7200 + 7200))
    # promises: c1 first response and resolution kept; c2 first response broken, resolution kept,
    # next response after reopening broken (answered at 5500, due 5400), resolution kept again;
    # c3 first response broken at its deadline
    assert (t["sla"]["kept"], t["sla"]["broken"], t["sla"]["rate"]) == (4, 3, 4 / 7)
    kinds = {(p["kind"], p["kept"], p["broken"]) for p in t["sla"]["policies"]}
    assert kinds == {("first_response", 1, 2), ("resolution", 3, 0), ("next_response", 0, 1)}


def test_by_agent_category_and_channel():
    f = fold()
    agents = {g["key"]: g for g in today(f, by="agent")["groups"]}
    assert agents[7]["first_response"]["median_s"] == 300 and agents[8]["first_response"]["median_s"] == 1800
    assert agents[7]["csat"]["avg"] == 5 and agents[8]["csat"]["avg"] == 2
    assert agents[7]["utilisation"]["rate"] == pytest.approx(1140 / (2 * 7200))
    assert agents[8]["utilisation"]["rate"] == pytest.approx(4600 / 7200)
    assert 9 not in agents  # team b's agent
    cats = {g["key"]: g["conversations"] for g in today(f, by="category")["groups"]}
    assert cats == {"complaint": 1, "refund": 1, "consultation": 1}
    chans = {g["key"]: g["fcr"]["k"] for g in today(f, by="channel")["groups"]}
    assert chans == {"web": 1, "email": 0}


def test_every_team_for_an_admin_and_series_for_the_charts():
    f = fold()
    lo = (T0 - timedelta(hours=10)).timestamp()
    r = report(f, lo, NOW.timestamp(), NOW.timestamp(), by="team")
    assert {g["key"]: g["conversations"] for g in r["groups"]} == {"a": 2 + 1, "b": 1}
    hourly = {h["hour"]: h for h in r["hourly"]}
    assert hourly[T0.timestamp()]["created"] == 4 and hourly[T0.timestamp() + 3600]["created"] == 0
    assert hourly[T0.timestamp()]["staffed"] == pytest.approx(3.0)  # three agents online all hour
    assert len(r["hourly"]) == 12
    hist = {b["below_s"]: b["n"] for b in r["frt_histogram"]}
    assert hist[300] == 0 and hist[900] == 1 and hist[3600] == 1  # 300 s falls in [300, 900)
    day = r["daily"][0]
    assert (day["csat_n"], day["csat_avg"], day["sla_kept"], day["sla_broken"]) == (2, 3.5, 4, 4)  # c4 broke too


def test_a_range_before_anything_happened_is_empty_not_zero():
    f = fold()
    r = report(f, (T0 - timedelta(days=3)).timestamp(), (T0 - timedelta(days=2)).timestamp(), NOW.timestamp())
    t = r["total"]
    assert t["conversations"] == 0 and t["first_response"]["median_s"] is None
    assert t["resolution_rate"]["rate"] is None and t["utilisation"]["rate"] is None


def test_the_same_state_twice_changes_nothing():
    once = fold()
    twice = MetricsFold()
    for kind, d, written in events():
        twice.apply(kind, d, ts(written))
        twice.apply(kind, d, ts(written))
    assert today(twice)["total"] == today(once)["total"]


def test_statistics_helpers():
    assert median([3, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5 and median([]) is None
    assert percentile(list(range(1, 11)), 90) == 9 and percentile([5], 90) == 5
    assert split_hours(3500, 7300) == [(0, 100), (1, 3600), (2, 100)]
