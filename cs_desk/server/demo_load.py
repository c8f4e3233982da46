"""Writes generated demo data into a server database, with events, as if it had happened."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import orjson
from sqlalchemy import Connection, select

from cs_desk.domain.classify import (
    CONSULTATION,
    DEFAULT_PRIORITY,
    PRIORITY_RANK,
    Lexicon,
    classify,
    escalates,
)
from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.sla import ConvTimes, Policy, current_clock
from cs_desk.server import demo_service, entities, schema
from cs_desk.server.auth import hash_password
from cs_desk.server.demo_data import DemoData
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.intake import add_api_key
from cs_desk.server.mutations import PREVIEW_CHARS

DEMO_PASSWORD = "demo"


def _j(v: Any) -> str:
    return orjson.dumps(v).decode()


def _classified(msgs: list[dict], lexicon: Lexicon) -> dict[str, Any]:
    """Category and priority as the live classifier would have left them after these messages."""
    category, priority, words = CONSULTATION, DEFAULT_PRIORITY[CONSULTATION], None
    for m in msgs:
        if m["author_kind"] == "customer" and m["kind"] == "reply":
            c = classify(m["body"], lexicon)
            if escalates(category, c.category):
                category, words = c.category, list(c.words)
                priority = min(priority, c.priority, key=PRIORITY_RANK.__getitem__)
    return {"category": category, "priority": priority,
            "classified": _j({"by": "auto", "words": words}) if words else None}


def load(conn: Connection, data: DemoData, password: str = DEMO_PASSWORD) -> dict[str, Any]:
    """Returns what a demo needs to know: counts and an API key for the web channel."""
    if conn.execute(select(schema.users.c.id).limit(1)).first() is not None:
        raise ValueError("the database already has users; demo data goes into a new data directory")
    s = schema
    now = utc_now_iso()
    ev = EventWriter(conn)
    conn.execute(s.teams.insert(), [{**t, **demo_service.team_columns(t["id"])} for t in data.teams])
    policies = {t["id"]: Policy(**{k[4:]: v for k, v in demo_service.team_columns(t["id"]).items()
                                       if k.startswith("sla_")}) for t in data.teams}
    conn.execute(s.sensitive_words.insert(), [{"word": w, "team_id": team} for w, team in demo_service.SENSITIVE_WORDS])
    surveys = random.Random(f"surveys-{len(data.conversations)}")
    pw = hash_password(password)  # one hash for all demo users: argon2 is slow on purpose
    conn.execute(s.users.insert(), [{**u, "password_hash": pw, "disabled": False, "created_at": now}
                                    for u in data.users])
    users = {r.name: r for r in conn.execute(select(s.users))}
    conn.execute(s.customers.insert(), [{**c, "tags": _j(c["tags"]), "updated_at": c["created_at"]}
                                        for c in data.customers])
    conn.execute(s.orders.insert(), [{**o, "items": _j(o["items"])} for o in data.orders])
    handles: dict[int, dict[str, str]] = {}
    for c in data.conversations:
        cust = data.customers[c["customer_id"] - 1]
        handle = demo_service.handle(c["channel"], cust)
        if handle:
            handles.setdefault(c["customer_id"], {})[c["channel"]] = handle
    conn.execute(s.customer_identities.insert(), [{"channel": ch, "handle": h, "customer_id": cid}
                                                  for cid, by in handles.items() for ch, h in by.items()])
    conn.execute(s.snippets.insert(), data.snippets)

    by_conv: dict[int, list[dict]] = defaultdict(list)
    for m in data.messages:
        by_conv[m["conversation_id"]].append(m)
    conv_rows = []
    lexicon = Lexicon.build()
    for c in data.conversations:
        msgs = by_conv.get(c["id"], [])
        visible = [m for m in msgs if m["kind"] != "note"]
        last = visible[-1] if visible else None
        first_resp = next((m["created_at"] for m in msgs if m["author_kind"] == "agent" and m["kind"] == "reply"),
                          None)
        conv_rows.append({
            "id": c["id"], "customer_id": c["customer_id"], "team_id": c["team_id"],
            "assignee_id": users[c["assignee"]].id if c["assignee"] else None, "status": c["status"],
            "channel": c["channel"], "subject": c["subject"], "tags": _j(c["tags"]), "created_at": c["created_at"],
            "updated_at": c["updated_at"], "last_message_at": last["created_at"] if last else None,
            "last_message_preview": last["body"][:PREVIEW_CHARS] if last else "",
            "last_author_kind": last["author_kind"] if last else None, "message_count": len(msgs),
            "first_response_at": first_resp})
        row = conv_rows[-1]
        clock = current_clock(ConvTimes(row["status"], row["created_at"], first_resp, row["last_author_kind"],
                                        row["last_message_at"]), policies[row["team_id"]])
        row.update(sla_kind=clock.kind if clock else None, sla_due_at=clock.due_at if clock else None,
                   sla_warn_at=clock.warn_at if clock else None, resolved_at=None, csat_score=None,
                   csat_comment=None)
        row.update(_classified(msgs, lexicon))
        if row["status"] == "resolved":
            score, comment = demo_service.survey(surveys)
            row.update(resolved_at=row["updated_at"], csat_score=score, csat_comment=comment)
    conn.execute(s.conversations.insert(), conv_rows)
    conn.execute(s.messages.insert(), [{
        "id": m["id"], "conversation_id": m["conversation_id"], "author_kind": m["author_kind"],
        "author_id": users[m["author"]].id if m.get("author") else None, "kind": m["kind"], "body": m["body"],
        "created_at": m["created_at"]} for m in data.messages])

    cust_teams: dict[int, set[str]] = defaultdict(set)
    for c in conv_rows:
        cust_teams[c["customer_id"]].add(c["team_id"])
    for r in conn.execute(select(s.teams)):
        ev.emit("team", r.id, entities.team_dict(r), [None])
    for r in conn.execute(select(s.users)):
        ev.emit("agent", r.id, entities.agent_dict(r), [r.team_id])
    for r in conn.execute(select(s.customers)):
        ev.emit("customer", r.id, entities.customer_dict(r, handles.get(r.id)), sorted(cust_teams[r.id]) or [schema.ADMIN_ONLY])
    for r in conn.execute(select(s.orders)):
        ev.emit("order", r.id, entities.order_dict(r), sorted(cust_teams[r.customer_id]) or [schema.ADMIN_ONLY])
    for r in conn.execute(select(s.snippets)):
        ev.emit("snippet", r.id, entities.snippet_dict(r), [r.team_id])
    for r in conn.execute(select(s.sensitive_words)):
        ev.emit("sensitive_word", r.id, entities.sensitive_word_dict(r), [r.team_id])
    for r in conn.execute(select(s.conversations)):
        ev.emit("conversation", r.id, entities.conversation_dict(r), [r.team_id])
    team_of = {c["id"]: c["team_id"] for c in conv_rows}
    for r in conn.execute(select(s.messages).order_by(s.messages.c.created_at)):
        ev.emit("message", r.id, entities.message_dict(r), [team_of[r.conversation_id]])
    events = ev.flush()
    key = add_api_key(conn, "web", "presales")
    return {"teams": len(data.teams), "users": len(data.users), "customers": len(data.customers),
            "conversations": len(conv_rows), "messages": len(data.messages), "snippets": len(data.snippets),
            "events": len(events), "api_key": key}
