"""Server databases for the benches, written with the server's own code (schema, EventWriter, auth,
intake) so the events are shaped as production writes them, but in big transactions so that building
100,000 events takes seconds.

Users: all agents of team "a", so every connection sees every team-a event. They share one argon2
hash (hashing is slow on purpose) and get a session token each through auth.issue_token, as a
password login would; the benches connect with those tokens (no argon2 inside any timing)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import func, select

from cs_desk.domain.clock import to_iso, utc_now_iso
from cs_desk.server import auth, entities, intake, schema
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.mutations import PREVIEW_CHARS

PASSWORD = "bench-password"
TEAM = "a"

CUSTOMER_LINES = [
    "你好，我的订单{n}还没有发货，请帮我查一下物流，谢谢",
    "Hello, tracking number SF{n} has shown no update since Monday. Could you check with the courier?",
    "收到的商品颜色和图片不一样，可以换货吗？订单号 {n}",
    "I was charged twice for order {n}, please refund the duplicate payment as soon as possible.",
    "请问这款手机壳有没有适合 iPhone 15 Pro 的尺寸？",
]
AGENT_LINES = [
    "亲，已经为您催促仓库，预计明天发出，请您耐心等待～",
    "Sorry for the delay! I have opened a ticket with the courier for parcel {n}; you will hear from us within 24h.",
    "您好，换货申请已提交，快递员会在两天内上门取件，运费由我们承担。",
    "The duplicate charge on order {n} has been refunded; it usually shows on your statement in 3-5 days.",
    "有的，这款有 iPhone 15 Pro 的尺寸，下单时选择对应型号即可。",
]


@dataclass
class World:
    epoch: str = ""
    users: list[dict[str, Any]] = field(default_factory=list)  # the welcome's `user` dicts
    tokens: list[str] = field(default_factory=list)  # same order as users
    api_key: str = ""
    convs: list[int] = field(default_factory=list)  # team-a conversation ids
    head: int = 0


def seed(data_dir: Path, n_users: int, n_convs: int, database_url: str | None = None) -> World:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(database_url or sqlite_url(data_dir))
    db.create_schema()
    w = World(epoch=db.epoch)
    now = utc_now_iso()
    pw = auth.hash_password(PASSWORD)
    try:
        with db.write_tx() as conn:
            ev = EventWriter(conn)
            for tid, name in ((TEAM, "售前 A"), ("b", "售后 B")):
                conn.execute(schema.teams.insert().values(id=tid, name=name, name_en=name))
                ev.emit("team", tid, {"id": tid, "name": name, "name_en": name}, [None])
            conn.execute(schema.users.insert(), [
                {"name": f"agent{i:04d}", "display_name": f"Agent {i}", "team_id": TEAM, "role": "agent",
                 "password_hash": pw, "capacity": 5, "disabled": False, "created_at": now}
                for i in range(n_users)])
            rows = conn.execute(select(schema.users).order_by(schema.users.c.id)).all()
            for row in rows:
                ev.emit("agent", row.id, entities.agent_dict(row), [row.team_id])
            ev.flush()
            for row in rows:
                w.users.append(auth._user(row).wire())
                w.tokens.append(auth.issue_token(conn, row.id)[0])
            w.api_key = intake.add_api_key(conn, "web-a", TEAM)
            for i in range(n_convs):
                msg = intake.IntakeMessage.model_validate({
                    "customer": {"name": f"顾客{i}", "email": f"seed{i}@example.com", "region": "广东"},
                    "body": CUSTOMER_LINES[i % len(CUSTOMER_LINES)].format(n=1000 + i)})
                res, _, _ = intake.post_message(conn, w.api_key, f"seed-{i}", msg)
                w.convs.append(res["conversation_id"])
            w.head = conn.execute(select(func.max(schema.events.c.seq))).scalar() or 0
    finally:
        db.close()
    return w


def add_history(data_dir: Path, n_events: int, agent_id: int, msgs_per_conv: int = 24) -> dict[str, Any]:
    """Appends exactly n_events team-a events in the order production writes them: a new customer, then
    per message a `message` event and a `conversation` event (the conversation after that message).
    Table rows hold the final states. Returns counts."""
    db = Database(sqlite_url(data_dir))
    db.create_schema()
    t0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    customers: list[dict] = []
    convs: list[dict] = []
    messages: list[dict] = []
    try:
        with db.write_tx() as conn:
            cust_id = (conn.execute(select(func.max(schema.customers.c.id))).scalar() or 0) + 1
            conv_id = (conn.execute(select(func.max(schema.conversations.c.id))).scalar() or 0) + 1
            ev = EventWriter(conn)
            emitted = 0
            k = 0
            while emitted < n_events:
                at = to_iso(t0 + timedelta(minutes=7 * k))
                cu = {"id": cust_id, "name": f"客户{k}", "email": f"hist{k}@example.com", "phone": f"138{k:08d}",
                      "region": "浙江", "note": "", "tags": [], "created_at": at, "updated_at": at}
                ev.emit("customer", cust_id, cu, [TEAM])
                customers.append(cu)
                emitted += 1
                cv = {"id": conv_id, "customer_id": cust_id, "team_id": TEAM, "assignee_id": agent_id,
                      "status": "open", "channel": "web", "subject": f"订单 {k} 物流咨询", "tags": [],
                      "created_at": at, "updated_at": at, "last_message_at": None, "last_message_preview": "",
                      "last_author_kind": None, "message_count": 0, "first_response_at": None}
                for j in range(msgs_per_conv):
                    if emitted >= n_events:
                        break
                    mat = to_iso(t0 + timedelta(minutes=7 * k, seconds=20 * j))
                    agent = j % 2 == 1
                    lines = AGENT_LINES if agent else CUSTOMER_LINES
                    body = lines[(k + j) % len(lines)].format(n=100000 + k * 100 + j)
                    m = {"id": str(uuid.uuid4()), "conversation_id": conv_id,
                         "author_kind": "agent" if agent else "customer", "author_id": agent_id if agent else None,
                         "kind": "reply", "body": body, "created_at": mat}
                    ev.emit("message", m["id"], m, [TEAM])
                    messages.append(m)
                    emitted += 1
                    cv = {**cv, "updated_at": mat, "last_message_at": mat, "last_message_preview": body[:PREVIEW_CHARS],
                          "last_author_kind": m["author_kind"], "message_count": cv["message_count"] + 1}
                    if agent and cv["first_response_at"] is None:
                        cv["first_response_at"] = mat
                    if emitted < n_events:
                        ev.emit("conversation", conv_id, cv, [TEAM])
                        emitted += 1
                convs.append(cv)
                cust_id += 1
                conv_id += 1
                k += 1
            conn.execute(schema.customers.insert(), [{**c, "tags": orjson.dumps(c["tags"]).decode()}
                                                     for c in customers])
            conn.execute(schema.conversations.insert(), [{**c, "tags": orjson.dumps(c["tags"]).decode()}
                                                         for c in convs])
            conn.execute(schema.messages.insert(), messages)
            events = ev.flush()
            head = events[-1].seq
    finally:
        db.close()
    return {"events": len(events), "customers": len(customers), "conversations": len(convs),
            "messages": len(messages), "head": head}
