"""The report's hour and day cells against the plainest computation (tests/helpers/metrics_oracle.py)
over random histories: conversations answered, resolved, reopened, recategorised, reassigned and
rated across several days, reports asked at random moments in between (so cells are filed, taken
back and filed again), and random ranges, groupings and teams."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cs_desk.domain.metrics_fold import MetricsFold, ts
from cs_desk.domain.metrics_report import Runs, report
from tests.helpers.metrics_oracle import figures_of, oracle
from tests.helpers.metrics_scenario import T0, agent, at, conv

MIDNIGHT = T0 - timedelta(hours=10)  # T0 is 10:00 in Beijing; whole days start here
DAY = 86400
CATS = ("consultation", "refund", "complaint")
STEP = st.sampled_from(("assign", "reply", "customer", "resolve", "csat", "recategorize", "reassign"))


@st.composite
def history(draw):  # noqa: ANN001, ANN201
    events = [(0.0, "agent", agent(7, "a", 2)), (0.0, "agent", agent(8, "a", 1)), (0.0, "agent", agent(9, "b", 3))]
    for i in range(1, draw(st.integers(1, 12)) + 1):
        team = draw(st.sampled_from(("a", "b")))
        t = draw(st.floats(0, 4 * DAY))
        state = {"i": i, "created": t, "team": team, "channel": draw(st.sampled_from(("web", "email"))),
                 "category": draw(st.sampled_from(CATS)), "sla": ("first_response", t + draw(st.floats(60, 7200)))}
        events.append((t, "conversation", conv(updated=t, **state)))
        for step in draw(st.lists(STEP, max_size=8)):
            t += draw(st.floats(1, 20_000))
            if step in ("assign", "reassign"):
                state["assignee"] = draw(st.sampled_from((7, 8) if team == "a" else (9,)))
            elif step == "reply":
                state.setdefault("first_response", t)
                state.setdefault("owner", state.get("assignee"))
                state.update(last_author="agent", last_message=t, sla=("resolution", state["created"] + 86400))
            elif step == "customer":
                if state.get("status") == "resolved":
                    state.update(status="open", resolved=None)
                state.update(last_author="customer", last_message=t, sla=("next_response", t + 3600))
            elif step == "resolve":
                state.update(status="resolved", resolved=t, sla=None)
            elif step == "csat" and state.get("status") == "resolved":
                state["csat"] = (draw(st.integers(1, 5)), t)
            elif step == "recategorize":
                state["category"] = draw(st.sampled_from(CATS))
            events.append((t, "conversation", conv(updated=t, **{k: v for k, v in state.items()})))
    events.sort(key=lambda e: e[0])
    return events


def close(a, b) -> bool:  # noqa: ANN001
    if isinstance(a, tuple):
        return all(close(x, y) for x, y in zip(a, b, strict=True))
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, abs=1e-6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=history(), asks=st.lists(st.integers(0, 200), max_size=4), lo_day=st.integers(0, 3),
       span=st.floats(0.1, 5.0), aligned=st.booleans(), by=st.sampled_from((None, "team", "agent", "category", "channel")),
       only_a=st.booleans())
def test_cells_agree_with_the_plain_computation(events, asks, lo_day, span, aligned, by, only_a):
    now = T0.timestamp() + 6 * DAY
    incremental, fresh = MetricsFold(), MetricsFold()
    for n, (t, kind, d) in enumerate(events):
        incremental.apply(kind, d, T0.timestamp() + t)
        fresh.apply(kind, d, T0.timestamp() + t)
        if n in asks:  # a report in between: cells filed now must be taken back when things change
            report(incremental, T0.timestamp(), now, now, by=by)
    lo = MIDNIGHT.timestamp() + lo_day * DAY + (0 if aligned else 5400.5)
    hi = lo + (round(span) * DAY if aligned and round(span) else span * DAY)
    teams = {"a"} if only_a else None
    want = oracle(fresh, lo, hi, now, teams, by)
    for fold in (incremental, fresh):
        got = report(fold, lo, hi, now, teams=teams, by=by)
        total = figures_of(got["total"])
        expect_total = want.get(None)
        if expect_total is None:
            assert total["conversations"] == 0 and total["frt_n"] == 0 and total["res_n"] == 0
        else:
            for k, v in expect_total.items():
                assert close(total[k], v), (k, total[k], v)
        groups = {g["key"]: figures_of(g) for g in got["groups"]}
        for key, expect in want.items():
            if key is None:
                continue
            for k, v in expect.items():
                assert close(groups[key][k], v), (key, k, groups[key][k], v)


def test_order_statistics_over_runs():
    runs = Runs([[1.0, 5.0, 9.0], [2.0, 2.0, 10.0], [], [3.5]])
    assert [runs.kth(k) for k in range(1, 8)] == [1.0, 2.0, 2.0, 3.5, 5.0, 9.0, 10.0]
    assert runs.median() == 3.5 and runs.percentile(90) == 10.0
    assert Runs([[1.0, 2.0], [3.0, 4.0]]).median() == 2.5 and Runs([]).median() is None


def test_utilisation_counts_the_open_stretch_up_to_now():
    f = MetricsFold()
    f.apply("agent", agent(7, "a", 2), T0.timestamp())
    f.apply("conversation", conv(1, 0, 0, assignee=7), ts(at(0)))
    r = report(f, T0.timestamp(), T0.timestamp() + DAY, T0.timestamp() + 3600)
    u = r["total"]["utilisation"]
    assert u["online_s"] == pytest.approx(3600) and u["rate"] == pytest.approx(0.5)  # one of two slots, one hour


def test_a_promise_that_moves_to_another_hour_leaves_the_old_one():
    f = MetricsFold()
    lo = T0.timestamp() - 1800  # a range that cuts its first hour, so hour totals are used
    f.apply("conversation", conv(1, 0, 0, sla=("first_response", 7200)), ts(at(0)))  # due 12:00
    assert report(f, lo, T0.timestamp() + 3600, T0.timestamp() + 3600)["total"]["sla"]["broken"] == 0
    assert report(f, lo, T0.timestamp() + 3 * 3600, T0.timestamp() + 3 * 3600)["total"]["sla"]["broken"] == 1
    # the log had more: answered in time, then the customer wrote again (next promise due 14:00)
    f.apply("conversation", conv(1, 0, 3600, first_response=3000, owner=7, last_message=3600,
                                  sla=("next_response", 14400)), ts(at(3600)))
    now = T0.timestamp() + 5 * 3600
    r = report(f, lo, now, now)["total"]["sla"]
    assert (r["kept"], r["broken"]) == (1, 1)  # first response kept; next response broken at 14:00 only


def test_a_late_answer_breaks_the_promise_at_its_deadline():
    f = MetricsFold()
    f.apply("conversation", conv(1, 0, 0, sla=("first_response", 600)), ts(at(0)))
    f.apply("conversation", conv(1, 0, 4000, first_response=4000, owner=7, last_author="agent",
                                  sla=("resolution", 86400)), ts(at(4000)))
    # a range that ends after the deadline and before the answer already holds the breach
    mid = T0.timestamp() + 2000
    assert report(f, T0.timestamp(), mid, mid)["total"]["sla"]["broken"] == 1
    assert [(p.at, p.kept) for p in f.convs[1].promises] == [(T0.timestamp() + 600, False)]


def test_a_clock_re_timed_after_its_breach_is_not_broken_twice():
    f = MetricsFold()
    f.apply("conversation", conv(1, 0, 0, sla=("first_response", 600)), ts(at(0)))
    # the breach raised the priority, whose policy is stricter: the new deadline has passed already
    f.apply("conversation", conv(1, 0, 1000, sla=("first_response", 300)), ts(at(1000)))
    f.apply("conversation", conv(1, 0, 1200, first_response=1200, owner=7, last_author="agent",
                                  sla=("resolution", 86400)), ts(at(1200)))
    now = T0.timestamp() + 7200
    sla = report(f, T0.timestamp(), now, now)["total"]["sla"]
    assert (sla["kept"], sla["broken"]) == (0, 1)


def test_an_agent_who_changes_team_leaves_their_hours_behind():
    f = MetricsFold()
    f.apply("agent", agent(7, "a", 2), ts(at(0)))
    f.apply("agent", agent(7, "b", 2), ts(at(3600)))  # moved to team b after an hour
    now = T0.timestamp() + 7200
    a = report(f, T0.timestamp(), now, now, teams={"a"}, by="agent")
    b = report(f, T0.timestamp(), now, now, teams={"b"}, by="agent")
    assert a["total"]["utilisation"]["online_s"] == pytest.approx(3600)
    assert {g["key"]: g["utilisation"]["online_s"] for g in a["groups"]} == {7: pytest.approx(3600)}
    assert b["total"]["utilisation"]["online_s"] == pytest.approx(3600)  # the open hour, in team b
