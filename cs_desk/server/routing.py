"""Routing on the server: reads the agents' state and the team's settings, asks the pure rules in
cs_desk.domain.routing who should serve, and writes the answer (assignee, why, queue order) with its
events in the caller's transaction.

When it runs: a new conversation arrives (intake), a waiting one's customer writes again, and
whenever capacity may have freed (a conversation resolved or transferred, an agent back online or
given more capacity): then the team's waiting queue is served oldest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection

from cs_desk.domain.classify import priority_rank_sql
from cs_desk.domain.clock import parse_iso, shop_day_start, to_iso, utc_now_iso
from cs_desk.domain.routing import AgentState, Arrival, Decision, Rule, Step, TeamRouting, route
from cs_desk.server.conversations import set_values
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import Row, raw


def set_presence(conn: Connection, user_id: int, presence: str, *, choice: bool = False) -> None:
    """Writes what colleagues see (and, for the agent's own pick, their choice); coming online stamps
    online_since, which orders round-robin by time online (轮流分配)."""
    r = raw(conn)
    was = r.scalar("SELECT presence FROM users WHERE id = ?", (user_id,))
    since = utc_now_iso() if presence == "online" and was != "online" else None
    sets = "presence = ?" + (", presence_choice = ?" if choice else "") + (", online_since = ?" if since else "")
    params = [presence] + ([presence] if choice else []) + ([since] if since else [])
    r.run(f"UPDATE users SET {sets} WHERE id = ?", (*params, user_id))


def team_config(conn: Connection, team_ids: set[str]) -> dict[str, TeamRouting]:
    r = raw(conn)
    out: dict[str, TeamRouting] = {}
    for tid in sorted(team_ids):
        t = r.row("SELECT * FROM teams WHERE id = ?", (tid,))
        if t is None:
            continue
        r.run("SELECT field, op, value, to_team, to_agent FROM routing_rules WHERE team_id = ? "
              "ORDER BY position, id", (tid,))
        rules = tuple(Rule(f, op, v, to_team, to_agent) for f, op, v, to_team, to_agent in r.cur.fetchall())
        out[tid] = TeamRouting(strategy=t.routing_strategy, returning_first=bool(t.returning_first), rules=rules,
                               overflow_after_s=int(t.overflow_after_s or 0), overflow_team=t.overflow_team)
    return out


def _day_start(now: datetime) -> str:
    return to_iso(shop_day_start(now))


def agent_states(conn: Connection, now: datetime | None = None) -> list[AgentState]:
    """Every enabled agent and lead with their current load and today's total (admins take none)."""
    r = raw(conn)
    today = _day_start(now or datetime.now(UTC))
    r.run("SELECT assignee_id, count(*) FROM conversations WHERE assignee_id IS NOT NULL AND status != 'resolved' "
          "GROUP BY assignee_id")
    load = dict(r.cur.fetchall())
    r.run("SELECT agent_id, count(*) FROM assignments WHERE at >= ? GROUP BY agent_id", (today,))
    done = dict(r.cur.fetchall())
    r.run("SELECT id, display_name, team_id, presence, capacity, online_since, rank FROM users "
          "WHERE role != 'admin' AND NOT disabled ORDER BY id")
    return [AgentState(id=i, name=n, team_id=t, presence=p, capacity=int(c), load=int(load.get(i, 0)),
                       today=int(done.get(i, 0)), online_since=since, rank=int(rank or 0))
            for i, n, t, p, c, since, rank in r.cur.fetchall()]


def returning_agent(conn: Connection, customer_id: int, days: int, exclude_conv: int | None = None) -> int | None:
    """The owner (else last assignee) of the customer's latest conversation within `days` (回头客)."""
    since = to_iso(datetime.now(UTC) - timedelta(days=days))
    row = raw(conn).one("SELECT coalesce(owner_id, assignee_id) FROM conversations WHERE customer_id = ? "
                        "AND updated_at >= ? AND id != ? AND coalesce(owner_id, assignee_id) IS NOT NULL "
                        "ORDER BY updated_at DESC LIMIT 1", (customer_id, since, exclude_conv or 0))
    return None if row is None else int(row[0])


def _pointers(conn: Connection) -> dict[str, int | None]:
    r = raw(conn)
    r.run("SELECT id, rr_last_agent FROM teams")
    return dict(r.cur.fetchall())


MANUAL = "manual"  # no automatic assignment: conversations wait in the queue until claimed or assigned


def decide(conn: Connection, arrival: Arrival, *, with_rules: bool = True,
           exclude: frozenset[int] = frozenset()) -> Decision:
    """Who should serve `arrival`; agents in `exclude` are not considered (an escalation moving a
    conversation away from its agent)."""
    r = raw(conn)
    r.run("SELECT id FROM teams")
    config = team_config(conn, {row[0] for row in r.cur.fetchall()})
    manual = {t for t, c in config.items() if c.strategy == MANUAL}
    for t in manual:  # the rules still run; the pick is dropped below
        c = config[t]
        config[t] = TeamRouting("least_load", False, c.rules, c.overflow_after_s, c.overflow_team)
    if not with_rules and arrival.team_id in config:
        c = config[arrival.team_id]
        config[arrival.team_id] = TeamRouting(c.strategy, c.returning_first, (), c.overflow_after_s, c.overflow_team)
    states = [a for a in agent_states(conn) if a.id not in exclude] if exclude else agent_states(conn)
    d = route(arrival, config, states, _pointers(conn))
    if d.team_id in manual and not any(s.kind == "agent_rule" and s.detail.get("assigned") for s in d.steps):
        kept = tuple(s for s in d.steps if s.kind == "rule")
        return Decision(d.team_id, None, (*kept, Step("manual", {"team_id": d.team_id})))
    return d


def reason_json(d: Decision) -> str:
    return orjson.dumps({"steps": [{"kind": s.kind, **s.detail} for s in d.steps], "text": d.text}).decode()


def record_assignment(conn: Connection, conv_id: int, agent_id: int, team_id: str, how: str,
                      now: str | None = None, decision: Decision | None = None) -> None:
    r = raw(conn)
    r.run("INSERT INTO assignments(conversation_id, agent_id, team_id, at, how) VALUES (?, ?, ?, ?, ?)",
          (conv_id, agent_id, team_id, now or utc_now_iso(), how))
    turn = decision.rotation if decision is not None else None
    if turn is not None:  # only round-robin moves the pointer: a returning customer is nobody's turn
        r.run("UPDATE teams SET rr_last_agent = ? WHERE id = ?", (turn[1], turn[0]))


def apply_decision(conn: Connection, ev: EventWriter, conv: Row, d: Decision) -> Row:
    """Writes the decision on an existing conversation in its team (no team move here) and emits it."""
    now = utc_now_iso()
    values: dict[str, Any] = {"assign_reason": reason_json(d)}
    if d.agent_id is not None:
        values.update(assignee_id=d.agent_id, waiting_since=None)
        record_assignment(conn, conv.id, d.agent_id, conv.team_id, "route", now, d)
    elif conv.waiting_since is None:
        values["waiting_since"] = now
    set_values(conn, ev, conv, **values)
    return conv.replace(**values)


def arrival_for(conn: Connection, conv: Row) -> Arrival:
    cust = raw(conn).row("SELECT region FROM customers WHERE id = ?", (conv.customer_id,))
    src = orjson.loads(conv.source) if conv.source else {}
    days = raw(conn).scalar("SELECT returning_days FROM teams WHERE id = ?", (conv.team_id,)) or 7
    return Arrival(conversation_id=conv.id, team_id=conv.team_id, channel=conv.channel,
                   region=cust.region if cust else "", source_keyword=src.get("keyword", ""),
                   landing_page=src.get("landing_page", ""), origin_page=src.get("origin_page", ""),
                   previous_agent_id=returning_agent(conn, conv.customer_id, int(days), conv.id))


def serve_queue(conn: Connection, ev: EventWriter, team_ids: set[str] | None = None, limit: int = 200) -> int:
    """Assigns waiting conversations (unassigned, open) while someone has room: higher priority first
    (complaints and refunds), then the longest wait. Returns how many were assigned."""
    sql = "SELECT * FROM conversations WHERE assignee_id IS NULL AND status = 'open' AND waiting_since IS NOT NULL"
    params: list[object] = []
    if team_ids is not None:
        if not team_ids:
            return 0
        # Filtered here, not after the LIMIT: other teams' older waiters must not crowd these out.
        sql += f" AND team_id IN ({','.join('?' * len(team_ids))})"
        params += sorted(team_ids)
    rows = raw(conn).rows(sql + f" ORDER BY {priority_rank_sql()}, waiting_since, id LIMIT ?", (*params, limit))
    done = 0
    full: set[str] = set()
    for conv in rows:
        if conv.team_id in full:
            continue
        d = decide(conn, arrival_for(conn, conv), with_rules=False)
        if d.agent_id is None or d.team_id != conv.team_id:
            full.add(conv.team_id)  # nobody has room there: later ones of the team wait too
            continue
        apply_decision(conn, ev, conv, d)
        done += 1
    return done


def overflow_due_rows(conn: Connection, now: datetime) -> list[tuple[int, str, str, int]]:
    """(conversation, from team, to team, seconds waited) for waiting conversations past their team's
    overflow time."""
    r = raw(conn)
    r.run("SELECT c.id, c.team_id, t.overflow_team, c.waiting_since, t.overflow_after_s FROM conversations c "
          "JOIN teams t ON t.id = c.team_id WHERE c.assignee_id IS NULL AND c.status = 'open' "
          "AND c.waiting_since IS NOT NULL AND t.overflow_after_s > 0 AND t.overflow_team IS NOT NULL "
          "AND t.overflow_team != c.team_id")
    out = []
    for cid, team, to, since, after in r.cur.fetchall():
        waited = int((now - parse_iso(since)).total_seconds())
        if waited >= after:
            out.append((cid, team, to, waited))
    return out
