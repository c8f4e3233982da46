"""Applies a checked DeskConfig to the database in the caller's transaction, through the same admin
functions as the CLI, so every change becomes events and reaches clients like any other. A problem
only the database can see (a team or user that does not exist) raises ConfigError with the line and
key, and the caller's transaction rolls back: a config is applied whole or not at all.

What the file holds is what the database holds: teams and calendars it names are created or
updated (others are left alone), agents it names get its capacity and rank, and a team's rules, the
SLA policies and the word lists are replaced by the file's when it has that section."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, delete, select, update

from cs_desk.server import entities, knowledge, schema, sla, teams
from cs_desk.server.config_file import ConfigError, DeskConfig, Problem, Words
from cs_desk.server.eventlog import EventWriter


def apply(conn: Connection, cfg: DeskConfig, source: str = "config") -> dict[str, int]:
    done = {"teams": 0, "calendars": 0, "agents": 0, "rules": 0, "sla_policies": 0, "words": 0, "retimed": 0}

    def at(path: tuple[Any, ...], fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ValueError as exc:
            raise ConfigError(source, [Problem(path, str(exc), cfg.line_of(path))]) from None

    for cid, c in cfg.calendars.items():
        at(("calendars", cid), lambda cid=cid, c=c: sla.set_calendar(conn, cid, c["hours"], c["holidays"],
                                                                      c["name"], c["utc_offset_min"]))
        done["calendars"] += 1
    for tid, t in cfg.teams.items():  # every team first: rules and overflow may point at later ones
        exists = conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == tid)).first() is not None
        if not exists:
            at(("teams", tid), lambda tid=tid, t=t: teams.add_team(conn, tid, t.name or tid, t.name_en or ""))
        elif t.name is not None or t.name_en is not None:
            _rename(conn, tid, t.name, t.name_en)
    for tid, t in cfg.teams.items():
        row = conn.execute(select(schema.teams).where(schema.teams.c.id == tid)).first()
        for key, value in t.settings.items():  # one by one, so a problem names its key
            if getattr(row, _COLUMN.get(key, key)) == value:
                continue  # unchanged: no event, no re-timing
            path = ("teams", tid, _toml_key(key))
            done["retimed"] += at(path, lambda tid=tid, key=key, value=value: teams.set_team(conn, tid, **{key: value}))
        if t.rules is not None:
            conn.execute(delete(schema.routing_rules).where(schema.routing_rules.c.team_id == tid))
            for i, r in enumerate(t.rules):
                at(("teams", tid, "rules", i), lambda tid=tid, r=r: teams.add_rule(
                    conn, tid, r["field"], r.get("op", "equals"), r["value"], to_team=r.get("to_team"),
                    to_agent=r.get("to_agent")))
                done["rules"] += 1
        done["words"] += _words(conn, t.words, tid, ("teams", tid, "words"), at)
        done["teams"] += 1
    for name, a in cfg.agents.items():
        u = conn.execute(select(schema.users.c.capacity, schema.users.c.rank).where(schema.users.c.name == name)).first()
        if u is not None and all(getattr(u, k) == v for k, v in a.items()):
            continue  # as configured already: no event
        at(("agents", name), lambda name=name, a=a: teams.set_agent(conn, name, capacity=a.get("capacity"),
                                                                    rank=a.get("rank")))
        done["agents"] += 1
    if cfg.sla_policies is not None:
        conn.execute(delete(schema.sla_policies))
        for i, p in enumerate(cfg.sla_policies):
            at(("sla_policies", i), lambda p=p: sla.add_policy(
                conn, team_id=p.get("team"), category=p.get("category"), priority=p.get("priority"),
                first_response_s=p["first_response_s"], next_response_s=p["next_response_s"],
                resolution_s=p["resolution_s"], calendar_id=p.get("calendar"),
                escalate=tuple(p.get("escalate", sla.DEFAULT_ESCALATE))))
            done["sla_policies"] += 1
    done["words"] += _words(conn, cfg.words, None, ("words",), at)
    if cfg.sla_policies is not None or cfg.calendars:
        ev = EventWriter(conn)
        done["retimed"] += teams.retime(conn, ev)
        ev.flush()
    return done


_COLUMN = {"strategy": "routing_strategy"}  # set_team keyword → teams column, where they differ


def _toml_key(kw: str) -> str:
    from cs_desk.server.config_file import SLA_KEYS, TEAM_SETTINGS

    for key, (k, _kind) in TEAM_SETTINGS.items():
        if k == kw:
            return key
    return next((f"sla.{key}" for key, k in SLA_KEYS.items() if k == kw), kw)


def _rename(conn: Connection, tid: str, name: str | None, name_en: str | None) -> None:
    values = {k: v for k, v in (("name", name), ("name_en", name_en)) if v is not None}
    row = conn.execute(select(schema.teams).where(schema.teams.c.id == tid)).first()
    if all(getattr(row, k) == v for k, v in values.items()):
        return
    conn.execute(update(schema.teams).where(schema.teams.c.id == tid).values(**values))
    ev = EventWriter(conn)
    ev.emit("team", tid, entities.team_dict(conn.execute(select(schema.teams).where(schema.teams.c.id == tid)).first()),
            [None])
    ev.flush()


def _words(conn: Connection, w: Words, team_id: str | None, path: tuple[Any, ...],
           at: Callable[[tuple[Any, ...], Callable[[], Any]], Any]) -> int:
    """Replaces the lists the file has, adding and removing only the difference (so clients get
    events for what changed, not for the whole list)."""
    changed = 0
    scope = schema.sensitive_words.c.team_id.is_(None) if team_id is None else schema.sensitive_words.c.team_id == team_id
    if w.sensitive is not None:
        have = {r.word for r in conn.execute(select(schema.sensitive_words.c.word).where(scope))}
        want = set(w.sensitive)
        for word in sorted(have - want):
            teams.remove_sensitive_word(conn, word, team_id)
        for word in sorted(want - have):
            at((*path, "sensitive"), lambda word=word: teams.add_sensitive_word(conn, word, team_id))
        changed += len(have ^ want)
    kw = schema.kb_words.c
    if w.business is not None:
        kscope = kw.team_id.is_(None) if team_id is None else kw.team_id == team_id
        have_words = {(r.word, r.category) for r in conn.execute(select(kw.word, kw.category).where(kscope))}
        want_words = {(word, cat) for cat, words in w.business.items() for word in words}
        for word, _cat in have_words - want_words:
            knowledge.remove_business_word(conn, word, team_id)
        for word, cat in sorted(want_words - have_words):
            at((*path, "business", cat), lambda word=word, cat=cat: knowledge.add_business_word(
                conn, word, cat, team_id))
        changed += len(have_words ^ want_words)
    ks = schema.kb_synonyms.c
    if w.synonyms is not None:
        sscope = ks.team_id.is_(None) if team_id is None else ks.team_id == team_id
        have_syn = {(r.variant, r.standard) for r in conn.execute(select(ks.variant, ks.standard).where(sscope))}
        want_syn = set(w.synonyms.items())
        for variant, _std in have_syn - want_syn:
            knowledge.remove_synonym(conn, variant, team_id)
        for variant, standard in sorted(want_syn - have_syn):
            at((*path, "synonyms", variant), lambda v=variant, s=standard: knowledge.add_synonym(conn, v, s, team_id))
        changed += len(have_syn ^ want_syn)
    return changed
