"""A small, known world for integration tests: two teams, a few users, conversations created through
the real intake path so their events are the ones production writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from cs_desk.domain.model import Role
from cs_desk.server import auth, intake, schema
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.entities import team_dict
from cs_desk.server.eventlog import EventWriter

PASSWORD = "secret-pw"


@dataclass
class World:
    keys: dict[str, str] = field(default_factory=dict)  # team -> API key
    convs: dict[str, list[int]] = field(default_factory=dict)  # team -> conversation ids
    customers: dict[str, list[int]] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)


def seed(data_dir: Path | None, conversations_per_team: int = 3, database_url: str | None = None) -> World:
    if database_url is None:
        assert data_dir is not None
        data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(database_url or sqlite_url(data_dir))
    db.create_schema()
    w = World()
    with db.write_tx() as conn:
        ev = EventWriter(conn)
        for tid, name in (("a", "售前 A"), ("b", "售后 B")):
            # manual: the tests' conversations wait unassigned, as the tests expect (routing is tested
            # on its own, in test_routing_live)
            conn.execute(schema.teams.insert().values(id=tid, name=name, name_en=name, routing_strategy="manual"))
            row = conn.execute(select(schema.teams).where(schema.teams.c.id == tid)).first()
            ev.emit("team", tid, team_dict(row), [None])
        ev.flush()
        for name, team, role in (("alice", "a", Role.AGENT), ("bob", "a", Role.AGENT), ("lena", "a", Role.LEAD),
                                 ("carol", "b", Role.AGENT), ("root", "a", Role.ADMIN)):
            w.users[name] = auth.add_user(conn, name, name.title(), team, role, PASSWORD)
        for tid in ("a", "b"):
            w.keys[tid] = intake.add_api_key(conn, f"web-{tid}", tid)
    for tid in ("a", "b"):
        w.convs[tid], w.customers[tid] = [], []
        for i in range(conversations_per_team):
            msg = intake.IntakeMessage.model_validate({
                "customer": {"name": f"顾客{tid}{i}", "email": f"c{tid}{i}@example.com", "region": "广东"},
                "body": f"你好，我的订单{i}还没有发货 order {i}"})
            with db.write_tx() as conn:
                res, _, _ = intake.post_message(conn, w.keys[tid], f"seed-{tid}-{i}", msg)
            w.convs[tid].append(res["conversation_id"])
            w.customers[tid].append(res["customer_id"])
    db.close()
    return w
