"""SLA policies as the domain clock needs them: the team's own seconds, overridden by the most specific
policy for the team, category and priority, in a business-hours calendar (cs_desk.domain.sla and
cs_desk.domain.business_hours hold the rules; cs_desk.server.conversations keeps each conversation's
clock in its row). Also the admin side: calendars and policies, validated with clear errors."""

from __future__ import annotations

from functools import lru_cache

import orjson
from sqlalchemy import Connection, select

from cs_desk.domain.business_hours import Calendar
from cs_desk.domain.classify import CATEGORIES, PRIORITIES
from cs_desk.domain.sla import ESCALATIONS, Policy, PolicyRule, choose_policy
from cs_desk.server import schema
from cs_desk.server.fastsql import raw

DEFAULT_ESCALATE = ("notify_lead", "raise_priority")


def policy_for(conn: Connection, team_id: str, category: str = "consultation", priority: str = "normal") -> Policy:
    r = raw(conn)
    t = r.one("SELECT sla_first_response_s, sla_next_response_s, sla_resolution_s, calendar_id FROM teams "
              "WHERE id = ?", (team_id,))
    if t is None:
        return Policy()
    team_cal = _calendar(conn, t[3])
    default = _policy(int(t[0]), int(t[1]), int(t[2]), team_cal, DEFAULT_ESCALATE)
    r.run("SELECT team_id, category, priority, first_response_s, next_response_s, resolution_s, calendar_id, "
          "escalate FROM sla_policies WHERE team_id IS NULL OR team_id = ? ORDER BY id", (team_id,))
    rows = r.cur.fetchall()
    if not rows:
        return default
    rules = [PolicyRule(tid, cat, prio, _policy(int(fr), int(nr), int(res),
                                                _calendar(conn, cal) if cal else team_cal,
                                                tuple(orjson.loads(esc))))
             for tid, cat, prio, fr, nr, res, cal, esc in rows]
    return choose_policy(rules, team_id, category, priority, default)


def team_policy(conn: Connection, team_id: str) -> Policy:
    return policy_for(conn, team_id)


def _calendar(conn: Connection, calendar_id: str | None) -> Calendar | None:
    if not calendar_id:
        return None
    row = raw(conn).one("SELECT utc_offset_min, hours, holidays FROM calendars WHERE id = ?", (calendar_id,))
    return None if row is None else _parsed_calendar(int(row[0]), row[1], row[2])


@lru_cache(maxsize=64)
def _parsed_calendar(offset: int, hours: str, holidays: str) -> Calendar:
    return Calendar.build(orjson.loads(hours), orjson.loads(holidays), offset)


@lru_cache(maxsize=256)
def _policy(first: int, nxt: int, resolution: int, calendar: Calendar | None, escalate: tuple[str, ...]) -> Policy:
    return Policy(first_response_s=first, next_response_s=nxt, resolution_s=resolution, calendar=calendar,
                  escalate=escalate)


# --- administration ---------------------------------------------------------------------------------


def set_calendar(conn: Connection, calendar_id: str, hours: dict[str, list[list[str]]], holidays: list[str],
                 name: str = "", utc_offset_min: int = 480) -> None:
    """Creates or replaces a calendar; ValueError says what is wrong with it."""
    if not calendar_id.strip() or len(calendar_id) > 64:
        raise ValueError("a calendar id has 1 to 64 characters")
    Calendar.build(hours, holidays, utc_offset_min)  # validates
    values = {"name": name, "utc_offset_min": utc_offset_min, "hours": orjson.dumps(hours).decode(),
              "holidays": orjson.dumps(sorted(holidays)).decode()}
    c = schema.calendars.c
    if conn.execute(select(c.id).where(c.id == calendar_id)).first() is None:
        conn.execute(schema.calendars.insert().values(id=calendar_id, **values))
    else:
        conn.execute(schema.calendars.update().where(c.id == calendar_id).values(**values))


def parse_hours(specs: list[str]) -> dict[str, list[list[str]]]:
    """'mon-fri=09:00-12:00,13:00-18:00' (and 'sat=10:00-16:00', …) → the calendar's hours."""
    from cs_desk.domain.business_hours import DAYS

    out: dict[str, list[list[str]]] = {}
    for spec in specs:
        days, _, spans = spec.partition("=")
        if not spans:
            raise ValueError(f"{spec!r}: write DAYS=HH:MM-HH:MM[,HH:MM-HH:MM], e.g. mon-fri=09:00-18:00")
        first, _, last = days.strip().partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"{spec!r}: days are {', '.join(DAYS)} or a range such as mon-fri")
        chosen = DAYS[DAYS.index(first):DAYS.index(last) + 1] if last else (first,)
        if not chosen:
            raise ValueError(f"{spec!r}: the day range runs backwards")
        intervals = []
        for span in spans.split(","):
            a, sep, b = span.strip().partition("-")
            if not sep:
                raise ValueError(f"{spec!r}: an interval is HH:MM-HH:MM")
            intervals.append([a, b])
        for d in chosen:
            out.setdefault(d, []).extend(intervals)
    return out


def add_policy(conn: Connection, *, team_id: str | None, category: str | None, priority: str | None,
               first_response_s: int, next_response_s: int, resolution_s: int, calendar_id: str | None = None,
               escalate: tuple[str, ...] = DEFAULT_ESCALATE) -> int:
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
    if priority is not None and priority not in PRIORITIES:
        raise ValueError(f"unknown priority {priority!r}; one of: {', '.join(PRIORITIES)}")
    if min(first_response_s, next_response_s, resolution_s) < 0:
        raise ValueError("SLA times are seconds ≥ 0 (0 switches that clock off)")
    bad = [e for e in escalate if e not in ESCALATIONS]
    if bad:
        raise ValueError(f"unknown escalation {bad[0]!r}; one of: {', '.join(ESCALATIONS)}")
    if team_id is not None and conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is None:
        raise ValueError(f"no team {team_id!r}")
    if calendar_id is not None and conn.execute(
            select(schema.calendars.c.id).where(schema.calendars.c.id == calendar_id)).first() is None:
        raise ValueError(f"no calendar {calendar_id!r}; add it with add-calendar first")
    return int(conn.execute(schema.sla_policies.insert().values(
        team_id=team_id, category=category, priority=priority, first_response_s=first_response_s,
        next_response_s=next_response_s, resolution_s=resolution_s, calendar_id=calendar_id,
        escalate=orjson.dumps(list(escalate)).decode())).inserted_primary_key[0])


def remove_policy(conn: Connection, policy_id: int) -> int:
    return conn.execute(schema.sla_policies.delete().where(schema.sla_policies.c.id == policy_id)).rowcount


def list_policies(conn: Connection) -> list:
    return list(conn.execute(select(schema.sla_policies).order_by(schema.sla_policies.c.id)))
