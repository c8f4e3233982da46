import pytest

from cs_desk.domain.model import Role, Status
from cs_desk.domain.permissions import (
    Actor,
    ConvFacts,
    Denied,
    check_assign,
    check_claim,
    check_set_status,
    check_write,
)

ALICE = Actor(1, Role.AGENT, "a")
BOB = Actor(2, Role.AGENT, "a")
LEAD = Actor(3, Role.LEAD, "a")
CAROL = Actor(4, Role.AGENT, "b")
ADMIN = Actor(5, Role.ADMIN, "a")


def conv(assignee=None, team="a", status=Status.OPEN):
    return ConvFacts(team, assignee, status)


def code(fn, *args):
    try:
        fn(*args)
    except Denied as exc:
        return exc.code
    return "ok"


@pytest.mark.parametrize("actor,c,expected", [
    (ALICE, conv(), "ok"), (ALICE, conv(1), "ok"), (BOB, conv(1), "conflict"), (CAROL, conv(), "forbidden"),
    (ADMIN, conv(team="b"), "ok"),
])
def test_claim(actor, c, expected):
    assert code(check_claim, actor, c) == expected


@pytest.mark.parametrize("actor,c,expected", [
    (ALICE, conv(1), "ok"), (BOB, conv(1), "forbidden"), (LEAD, conv(1), "ok"), (BOB, conv(None), "forbidden"),
    (CAROL, conv(4, team="a"), "forbidden"), (ADMIN, conv(1, team="b"), "ok"),
])
def test_resolve(actor, c, expected):
    assert code(check_set_status, actor, c, Status.RESOLVED) == expected


def test_any_team_member_may_set_pending_or_write():
    assert code(check_set_status, BOB, conv(1), Status.PENDING) == "ok"
    assert code(check_write, BOB, conv(1)) == "ok"
    assert code(check_write, CAROL, conv(1)) == "forbidden"


@pytest.mark.parametrize("actor,expected_assignee,target_team,expected", [
    (LEAD, 1, "a", "ok"), (LEAD, 2, "a", "conflict"), (LEAD, 1, "b", "forbidden"), (ALICE, 1, "a", "forbidden"),
    (ADMIN, 1, None, "ok"),
])
def test_assign(actor, expected_assignee, target_team, expected):
    assert code(check_assign, actor, conv(1), expected_assignee, target_team) == expected
