"""Team settings an admin changes: the team itself, its SLA policy, its sensitive-word list.

Each change is written with its events in one transaction, like a mutation, so connected clients and
later catch-ups see it; changing a policy re-times the team's open conversations at once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select, update

from cs_desk.domain import routing as routing_rules
from cs_desk.domain import sensitive
from cs_desk.server import entities, schema
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import raw
from cs_desk.server.routing import MANUAL, serve_queue

SENSITIVE_MODES = ("off", "confirm", "block")
MAX_WORD_CHARS = 40


def _team_row(conn: Connection, team_id: str) -> Any:
    row = conn.execute(select(schema.teams).where(schema.teams.c.id == team_id)).first()
    if row is None:
        raise ValueError(f"no team {team_id!r}")
    return row


def add_team(conn: Connection, team_id: str, name: str, name_en: str = "") -> None:
    if conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is not None:
        raise ValueError(f"team {team_id!r} exists already")
    conn.execute(schema.teams.insert().values(id=team_id, name=name, name_en=name_en))
    ev = EventWriter(conn)
    ev.emit("team", team_id, entities.team_dict(_team_row(conn, team_id)), [None])
    ev.flush()


def set_team(conn: Connection, team_id: str, *, sensitive_mode: str | None = None,
             sla_first_response_s: int | None = None, sla_next_response_s: int | None = None,
             sla_resolution_s: int | None = None, strategy: str | None = None, returning_first: bool | None = None,
             returning_days: int | None = None, overflow_after_s: int | None = None,
             overflow_team: str | None = None, calendar_id: str | None = None,
             reopen_days: int | None = None, followup_below: int | None = None) -> int:
    """Returns how many open conversations got a new deadline. calendar_id "" clears the calendar."""
    _team_row(conn, team_id)
    values: dict[str, Any] = {}
    if strategy is not None:
        if strategy not in (*routing_rules.STRATEGIES, MANUAL):
            raise ValueError(f"strategy must be one of {', '.join((*routing_rules.STRATEGIES, MANUAL))}")
        values["routing_strategy"] = strategy
    if returning_first is not None:
        values["returning_first"] = returning_first
    for key, v in (("returning_days", returning_days), ("overflow_after_s", overflow_after_s),
                   ("reopen_days", reopen_days), ("followup_below", followup_below)):
        if v is not None:
            if v < 0:
                raise ValueError(f"{key.replace('_', ' ')} is 0 or more")
            values[key] = v
    if followup_below is not None and not 0 <= followup_below <= 5:
        raise ValueError("the follow-up score is 0 (never) to 5")
    if overflow_team is not None:
        if overflow_team == "":
            values["overflow_team"] = None
        else:
            if overflow_team == team_id:
                raise ValueError("a team cannot overflow into itself")
            _team_row(conn, overflow_team)
            values["overflow_team"] = overflow_team
    if sensitive_mode is not None:
        if sensitive_mode not in SENSITIVE_MODES:
            raise ValueError(f"sensitive mode must be one of {', '.join(SENSITIVE_MODES)}")
        values["sensitive_mode"] = sensitive_mode
    for key, v in (("sla_first_response_s", sla_first_response_s), ("sla_next_response_s", sla_next_response_s),
                   ("sla_resolution_s", sla_resolution_s)):
        if v is not None:
            if v < 0:
                raise ValueError("SLA times are seconds, 0 or more (0 switches that clock off)")
            values[key] = v
    if calendar_id is not None:
        if calendar_id and conn.execute(select(schema.calendars.c.id).where(
                schema.calendars.c.id == calendar_id)).first() is None:
            raise ValueError(f"no calendar {calendar_id!r}; add it with add-calendar first")
        values["calendar_id"] = calendar_id or None
    if not values:
        return 0
    conn.execute(update(schema.teams).where(schema.teams.c.id == team_id).values(**values))
    ev = EventWriter(conn)
    ev.emit("team", team_id, entities.team_dict(_team_row(conn, team_id)), [None])
    retimed = retime(conn, ev, team_id) if any(k.startswith("sla_") or k == "calendar_id" for k in values) else 0
    ev.flush()
    return retimed


def retime(conn: Connection, ev: EventWriter, team_id: str | None = None) -> int:
    """Recomputes the SLA clock of every open conversation (of one team) after a policy change, and
    emits those whose deadline moved. Returns how many moved."""
    from cs_desk.server.conversations import refresh_sla

    c = schema.conversations.c
    q = select(c.id).where(c.status != "resolved")
    if team_id is not None:
        q = q.where(c.team_id == team_id)
    return sum(refresh_sla(conn, ev, cid) for (cid,) in conn.execute(q).all())


def add_sensitive_word(conn: Connection, word: str, team_id: str | None = None) -> int:
    word = word.strip()
    if not word or len(word) > MAX_WORD_CHARS:
        raise ValueError(f"a sensitive word has 1 to {MAX_WORD_CHARS} characters")
    if not sensitive.matchable(word):
        raise ValueError("a sensitive word needs a visible character (invisible ones are ignored when matching)")
    if team_id is not None:
        _team_row(conn, team_id)
    w = schema.sensitive_words.c
    q = select(w.id).where(w.word == word)
    q = q.where(w.team_id.is_(None)) if team_id is None else q.where(w.team_id == team_id)
    if conn.execute(q).first() is not None:
        raise ValueError(f"{word!r} is on the list already")
    wid = int(conn.execute(schema.sensitive_words.insert().values(word=word, team_id=team_id)).inserted_primary_key[0])
    ev = EventWriter(conn)
    ev.emit("sensitive_word", wid, {"id": wid, "word": word, "team_id": team_id}, [team_id])
    ev.flush()
    return wid


def remove_sensitive_word(conn: Connection, word: str, team_id: str | None = None) -> int:
    """Removal travels as the row with `deleted: true` (rows are full states; there is no delete event)."""
    w = schema.sensitive_words.c
    q = select(schema.sensitive_words).where(w.word == word.strip())
    q = q.where(w.team_id.is_(None)) if team_id is None else q.where(w.team_id == team_id)
    rows = conn.execute(q).all()
    ev = EventWriter(conn)
    for r in rows:
        conn.execute(delete(schema.sensitive_words).where(w.id == r.id))
        ev.emit("sensitive_word", r.id, {"id": r.id, "word": r.word, "team_id": r.team_id, "deleted": True},
                [r.team_id])
    ev.flush()
    return len(rows)


def add_rule(conn: Connection, team_id: str, field: str, op: str, value: str, *, to_team: str | None = None,
             to_agent: str | None = None) -> int:
    """An advanced routing rule (高级分配) for conversations arriving in team_id, evaluated after the
    team's earlier rules. to_agent is a user name."""
    _team_row(conn, team_id)
    agent_id = None
    if to_agent is not None:
        agent_id = raw(conn).scalar("SELECT id FROM users WHERE name = ?", (to_agent,))
        if agent_id is None:
            raise ValueError(f"no user {to_agent!r}")
    if to_team is not None:
        _team_row(conn, to_team)
    rule = routing_rules.validate_rule(routing_rules.Rule(field, op, value, to_team, agent_id))
    pos = (raw(conn).scalar("SELECT max(position) FROM routing_rules WHERE team_id = ?", (team_id,)) or 0) + 1
    res = conn.execute(schema.routing_rules.insert().values(team_id=team_id, position=pos, field=rule.field,
                                                            op=rule.op, value=rule.value, to_team=rule.to_team,
                                                            to_agent=rule.to_agent))
    return int(res.inserted_primary_key[0])


def list_rules(conn: Connection, team_id: str | None = None) -> list[Any]:
    q = select(schema.routing_rules).order_by(schema.routing_rules.c.team_id, schema.routing_rules.c.position)
    if team_id is not None:
        q = q.where(schema.routing_rules.c.team_id == team_id)
    return list(conn.execute(q))


def remove_rule(conn: Connection, rule_id: int) -> int:
    return conn.execute(delete(schema.routing_rules).where(schema.routing_rules.c.id == rule_id)).rowcount


def set_agent(conn: Connection, name: str, *, capacity: int | None = None, rank: int | None = None) -> None:
    """Capacity (max concurrent conversations) and sequential rank; more room serves the queue at once."""
    from cs_desk.server.mutations import emit_agent  # mutations imports this module

    row = raw(conn).row("SELECT id, team_id FROM users WHERE name = ?", (name,))
    if row is None:
        raise ValueError(f"no user {name!r}")
    values: dict[str, Any] = {}
    if capacity is not None:
        if not 0 <= capacity <= 1000:
            raise ValueError("capacity is 0 to 1000 conversations")
        values["capacity"] = capacity
    if rank is not None:
        values["rank"] = rank
    if not values:
        return
    conn.execute(update(schema.users).where(schema.users.c.id == row.id).values(**values))
    ev = EventWriter(conn)
    emit_agent(ev, conn, row.id)
    serve_queue(conn, ev, {row.team_id})
    ev.flush()


def words_for(conn: Connection, team_id: str) -> tuple[str, list[str]]:
    """(mode, words) that apply to a team's replies; read on every reply, hence plain SQL."""
    r = raw(conn)
    mode = r.scalar("SELECT sensitive_mode FROM teams WHERE id = ?", (team_id,)) or "off"
    if mode == "off":
        return mode, []
    r.run("SELECT word FROM sensitive_words WHERE team_id IS NULL OR team_id = ?", (team_id,))
    return mode, [row[0] for row in r.cur.fetchall()]
