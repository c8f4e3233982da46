"""SLA policies per category and priority, business hours, warnings, breaches and escalations, on a
real server database with the time injected (nothing sleeps, no clock is read by the rules)."""

from datetime import UTC, datetime, timedelta

import orjson
import pytest

from cs_desk.domain.clock import parse_iso
from cs_desk.server import router_tick, sla, sla_watch, teams
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import raw
from tests.helpers.seed import seed


@pytest.fixture
def db(tmp_path):
    w = seed(tmp_path, conversations_per_team=2)
    d = Database(sqlite_url(tmp_path))
    d.world = w
    yield d
    d.close()


def conv(db, cid):
    with db.read_tx() as c:
        return raw(c).row("SELECT * FROM conversations WHERE id = ?", (cid,))


def system_lines(db, cid):
    with db.read_tx() as c:
        r = raw(c)
        r.run("SELECT meta FROM messages WHERE conversation_id = ? AND kind = 'system' ORDER BY created_at", (cid,))
        return [orjson.loads(m) for (m,) in r.cur.fetchall()]


def run(db, now):
    with db.write_tx() as c:
        ev = EventWriter(c)
        result = sla_watch.check(c, ev, now)
        ev.flush()
    return result


def write(db, fn):
    with db.write_tx() as c:
        return fn(c)


def test_the_most_specific_policy_wins(db):
    def add(team, category, priority, first):
        write(db, lambda c: sla.add_policy(c, team_id=team, category=category, priority=priority,
                                           first_response_s=first, next_response_s=3600, resolution_s=86400))

    add(None, "complaint", None, 3600)  # every team's complaints
    add("a", "complaint", None, 1800)  # team a's complaints
    add("a", "complaint", "urgent", 300)  # team a's urgent complaints
    add(None, None, "urgent", 900)  # anything urgent anywhere
    with db.read_tx() as c:
        first = {(t, cat, p): sla.policy_for(c, t, cat, p).first_response_s for t, cat, p in (
            ("a", "consultation", "normal"), ("a", "complaint", "high"), ("a", "complaint", "urgent"),
            ("b", "complaint", "high"), ("b", "complaint", "urgent"), ("b", "refund", "urgent"))}
    assert first == {
        ("a", "consultation", "normal"): 24 * 3600,  # no policy: the team's own seconds
        ("a", "complaint", "high"): 1800,  # the team's beats everyone's
        ("a", "complaint", "urgent"): 300,  # team, category and priority
        ("b", "complaint", "high"): 3600,
        ("b", "complaint", "urgent"): 3600,  # a category weighs more than a priority
        ("b", "refund", "urgent"): 900,
    }


def test_changing_the_category_moves_the_deadline(db):
    cid = db.world.convs["a"][0]
    write(db, lambda c: sla.add_policy(c, team_id="a", category="refund", priority=None, first_response_s=600,
                                       next_response_s=600, resolution_s=0))
    before = conv(db, cid)
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET category = 'refund' WHERE id = {cid}"))
    with db.write_tx() as c:
        ev = EventWriter(c)
        assert teams.retime(c, ev, "a") == 2 - 1  # only the refund one moved
        ev.flush()
    after = conv(db, cid)
    assert parse_iso(after.sla_due_at) == parse_iso(before.created_at) + timedelta(seconds=600)


def test_business_hours_of_the_team_time_its_clocks(db):
    write(db, lambda c: sla.set_calendar(c, "cn-office", sla.parse_hours(["mon-fri=09:00-18:00"]), ["2026-10-01"]))
    write(db, lambda c: teams.set_team(c, "a", sla_first_response_s=3600, calendar_id="cn-office"))
    cid = db.world.convs["a"][0]
    created = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)  # Friday 17:30 in Beijing
    write(db, lambda c: c.exec_driver_sql(
        f"UPDATE conversations SET created_at = '{created.isoformat().replace('+00:00', 'Z')}' WHERE id = {cid}"))
    with db.write_tx() as c:
        ev = EventWriter(c)
        teams.retime(c, ev, "a")
        ev.flush()
    # 30 min left on Friday, 30 more from Monday 09:00 → Monday 09:30 Beijing = 01:30 UTC
    assert conv(db, cid).sla_due_at.startswith("2026-12-07T01:30:00")


def test_warning_then_breach_then_escalation_each_once(db):
    cid, other = db.world.convs["a"]
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET status = 'resolved' WHERE id = {other}"))
    write(db, lambda c: teams.set_team(c, "a", sla_first_response_s=600, sla_resolution_s=0))
    c0 = conv(db, cid)
    created = parse_iso(c0.created_at)
    assert c0.sla_kind == "first_response" and c0.priority == "normal"

    assert run(db, created + timedelta(seconds=100)) == (0, 0)  # nothing yet
    assert run(db, created + timedelta(seconds=460)) == (1, 0)  # warns with a quarter (150 s) left
    assert run(db, created + timedelta(seconds=470)) == (0, 0)  # once
    assert run(db, created + timedelta(seconds=601)) == (0, 1)
    lines = system_lines(db, cid)
    assert [m["event"] for m in lines] == ["sla_warning", "sla_breach"]
    assert lines[1]["kind"] == "first_response"
    assert [a["action"] for a in lines[1]["actions"]] == ["notify_lead", "raise_priority"]
    assert conv(db, cid).priority == "high"
    # the raised priority changes no deadline here (no policy for high): no second breach
    assert run(db, created + timedelta(seconds=700)) == (0, 0)


def test_a_resolved_or_answered_conversation_raises_no_alarm(db):
    cid, other = db.world.convs["a"]
    write(db, lambda c: teams.set_team(c, "a", sla_first_response_s=600, sla_resolution_s=0))
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET status = 'resolved' WHERE id = {cid}"))
    created = parse_iso(conv(db, other).created_at)
    with db.write_tx() as c:  # an agent answers the other one: the first-response clock stops
        from cs_desk.domain.model import AuthorKind, MessageKind
        from cs_desk.server.conversations import append_message, load_or_fail
        ev = EventWriter(c)
        append_message(c, ev, load_or_fail(c, other), message_id="00000000-0000-4000-8000-000000000001",
                       author_kind=AuthorKind.AGENT, author_id=db.world.users["alice"], kind=MessageKind.REPLY,
                       body="您好，马上为您查询")
        ev.flush()
    assert conv(db, other).sla_due_at is None
    run(db, created + timedelta(days=3))  # team b's unanswered ones are long overdue by then
    assert system_lines(db, cid) == [] and system_lines(db, other) == []


def test_breach_reassigns_to_someone_with_room_when_the_policy_says_so(db):
    cid, other = db.world.convs["a"]
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET status = 'resolved' WHERE id = {other}"))
    u = db.world.users
    write(db, lambda c: sla.add_policy(c, team_id="a", category=None, priority=None, first_response_s=60,
                                       next_response_s=60, resolution_s=0, escalate=("reassign",)))
    write(db, lambda c: teams.set_team(c, "a", strategy="least_load"))
    write(db, lambda c: c.exec_driver_sql(
        f"UPDATE users SET presence = 'online', online_since = '2026-12-01T00:00:00.000000Z' "
        f"WHERE id IN ({u['alice']}, {u['bob']})"))
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET assignee_id = {u['alice']} WHERE id = {cid}"))
    with db.write_tx() as c:
        ev = EventWriter(c)
        teams.retime(c, ev, "a")
        ev.flush()
    created = parse_iso(conv(db, cid).created_at)
    assert run(db, created + timedelta(seconds=61)) == (0, 1)
    assert conv(db, cid).assignee_id == u["bob"]
    breach = [m for m in system_lines(db, cid) if m["event"] == "sla_breach"][-1]
    assert breach["actions"] == [{"action": "reassign", "from": u["alice"], "to": u["bob"]}]


def test_the_router_tick_runs_the_watch(db):
    write(db, lambda c: teams.set_team(c, "b", sla_first_response_s=60, sla_resolution_s=0))
    created = parse_iso(conv(db, db.world.convs["b"][0]).created_at)
    with db.write_tx() as c:
        events = router_tick.tick(c, now=created + timedelta(seconds=61))
    assert any(b'"sla_breach"' in e.body for e in events)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"category": "billing"}, "unknown category 'billing'"),
    ({"priority": "asap"}, "unknown priority 'asap'"),
    ({"first_response_s": -1}, "seconds ≥ 0"),
    ({"escalate": ("page_ceo",)}, "unknown escalation 'page_ceo'"),
    ({"team_id": "zz"}, "no team 'zz'"),
    ({"calendar_id": "nope"}, "no calendar 'nope'"),
])
def test_bad_policies_are_refused_clearly(db, kwargs, message):
    args = {"team_id": "a", "category": None, "priority": None, "first_response_s": 60, "next_response_s": 60,
            "resolution_s": 0, **kwargs}
    with pytest.raises(ValueError, match=message), db.write_tx() as c:
        sla.add_policy(c, **args)


@pytest.mark.parametrize(("specs", "message"), [
    (["mon-fri 09:00-18:00"], "DAYS=HH:MM-HH:MM"),
    (["someday=09:00-18:00"], "days are mon"),
    (["fri-mon=09:00-18:00"], "runs backwards"),
    (["mon=0900"], "HH:MM-HH:MM"),
])
def test_bad_hours_are_refused_clearly(specs, message):
    with pytest.raises(ValueError, match=message):
        sla.parse_hours(specs)


def test_thresholds_crossed_long_ago_are_marked_without_alarms(db):
    """Imported or historic clocks, or a server that was down: no flood of stale alerts."""
    cid, other = db.world.convs["a"]
    write(db, lambda c: c.exec_driver_sql(f"UPDATE conversations SET status = 'resolved' WHERE id = {other}"))
    write(db, lambda c: teams.set_team(c, "a", sla_first_response_s=600, sla_resolution_s=0))
    created = parse_iso(conv(db, cid).created_at)
    assert run(db, created + timedelta(seconds=600 + sla_watch.STALE_S + 1)) == (0, 0)
    assert system_lines(db, cid) == [] and conv(db, cid).priority == "normal"
    assert conv(db, cid).sla_stage.startswith("breached:first_response:")
    assert run(db, created + timedelta(days=1)) == (0, 0)  # and it stays quiet
