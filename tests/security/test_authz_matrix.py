"""The cross-role and cross-team matrix against a real server: every mutation op, the query and
activity frames, and every HTTP route, tried by someone who may not: another team's agent, an agent
for lead-only powers, no credentials, forged ones. Each is refused, nothing of the other team is in
any answer, and nothing changed on the server (the event log and every table are as before)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid

import orjson
import websockets
from starlette.routing import Route

from cs_desk.protocol import constants as C
from cs_desk.protocol.frames import MUTATION_ARGS
from tests.helpers.seed import PASSWORD
from tests.integration.test_files import request

SECRET_OF_A = "顾客a"  # the seeded customers of team a are named 顾客a0, 顾客a1…


async def session(srv, user: str):  # noqa: ANN001, ANN201
    ws = await websockets.connect(srv.url, subprotocols=[C.SUBPROTOCOL], compression=None)
    await ws.send(orjson.dumps({"v": 1, "t": "hello", "client_id": str(uuid.uuid4()),
                                "auth": {"user": user, "password": PASSWORD}}).decode())
    seen = []
    while True:
        f = json.loads(await ws.recv())
        seen.append(f)
        if f["t"] == "caught_up":
            return ws, seen


async def state_hash(srv) -> str:  # noqa: ANN001
    def read(c) -> str:  # noqa: ANN001
        h = hashlib.sha256()
        for (table,) in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            if table in ("tokens", "sqlite_sequence", "mutations"):
                continue  # logins and the refusals' own idempotency records
            for row in c.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(tuple(row)).encode())
        return h.hexdigest()
    return await srv.running.app.db.read(read)


def attempts(w) -> list[tuple[str, str, dict]]:  # noqa: ANN001
    """(who, op, args): each one forbidden to who."""
    conv_a, cust_a = w.convs["a"][0], w.customers["a"][0]
    alice, bob = w.users["alice"], w.users["bob"]
    out = []
    for op, args in {
        "message.send": {"conversation_id": conv_a, "message_id": str(uuid.uuid4()), "body": "越权"},
        "note.add": {"conversation_id": conv_a, "message_id": str(uuid.uuid4()), "body": "越权"},
        "tag.add": {"target": "conversation", "id": conv_a, "tag": "越权"},
        "tag.remove": {"target": "customer", "id": cust_a, "tag": "x"},
        "status.set": {"conversation_id": conv_a, "status": "resolved"},
        "conversation.claim": {"conversation_id": conv_a},
        "conversation.assign": {"conversation_id": conv_a, "assignee_id": alice, "expected_assignee_id": None},
        "customer.update": {"customer_id": cust_a, "field": "phone", "value": "13800000000"},
        "conversation.transfer": {"conversation_id": conv_a, "expected_assignee_id": None, "to_team_id": "b",
                                  "reason": "抢过来"},
        "conversation.categorize": {"conversation_id": conv_a, "category": "complaint"},
        "followup.done": {"followup_id": 1, "outcome": "x"},
        "agent.update": {"agent_id": alice, "capacity": 0},
    }.items():
        out.append(("carol", op, args))  # another team's agent
    for op, args in {  # an agent of the team, for a lead's powers
        "conversation.assign": {"conversation_id": conv_a, "assignee_id": bob, "expected_assignee_id": None},
        "agent.update": {"agent_id": bob, "presence": "away"},
        "followup.done": {"followup_id": 1, "outcome": "x"},
        "customer.update": {"customer_id": w.customers["b"][0], "field": "note", "value": "别队的客户"},
    }.items():
        out.append(("alice", op, args))
    return out


async def test_every_frame_type_is_refused_to_who_may_not(srv):
    w = srv.world
    covered = {op for _who, op, _a in attempts(w)}
    assert covered == set(MUTATION_ARGS) - {"presence.set"}  # presence.set only ever touches oneself
    socks = {}
    for who in ("carol", "alice"):
        socks[who] = await session(srv, who)
    assert not any(SECRET_OF_A in json.dumps(f, ensure_ascii=False) for f in socks["carol"][1])
    # their own presence ("online") is written as they connect: count from there
    for _ in range(500):
        online = await srv.running.app.db.read(lambda c: c.exec_driver_sql(
            "SELECT count(*) FROM users WHERE name IN ('carol', 'alice') AND presence = 'online'").scalar())
        if online == 2:
            break
        await asyncio.sleep(0.01)
    before = await state_hash(srv)
    head = srv.running.app.hub.head
    n = {"carol": 0, "alice": 0}
    for who, op, args in attempts(w):
        n[who] += 1
        ws, _ = socks[who]
        await ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [{"n": n[who], "op": op, "args": args}]}).decode())
        while True:
            f = json.loads(await asyncio.wait_for(ws.recv(), 20))
            if f["t"] == "ack":
                break
        (r,) = f["results"]
        assert r["ok"] is False and r["code"] in ("forbidden", "not_found"), (who, op, r)
        if who == "carol":
            assert SECRET_OF_A not in json.dumps(r, ensure_ascii=False)
    carol, _ = socks["carol"]
    conv_a = w.convs["a"][0]
    await carol.send(orjson.dumps({"v": 1, "t": "activity", "conversation_id": conv_a, "state": "typing"}).decode())
    f = json.loads(await asyncio.wait_for(carol.recv(), 20))
    assert f["t"] == "error" and f["code"] == "forbidden"
    for args in ({"range": "today"}, {"range": "today", "team": "a"}):
        await carol.send(orjson.dumps({"v": 1, "t": "query", "id": 1, "q": "metrics", "args": args}).decode())
        f = json.loads(await asyncio.wait_for(carol.recv(), 20))
        assert f["t"] == "result" and f["ok"] is False and f["code"] == "forbidden"
    for ws, _ in socks.values():
        await ws.close()
    assert srv.running.app.hub.head == head  # not one event
    assert await state_hash(srv) == before  # not one row


async def test_every_http_route_refuses_missing_forged_and_foreign_credentials(srv, agents):
    http = srv.running.http
    carol = await agents("carol")
    await carol.live()
    carol_token = carol.engine.tokens.get(carol.engine.token_key)
    status, photo, _h = await asyncio.to_thread(request, f"{http}/api/v1/files", "POST", b"%PDF-1.4\n%%EOF\n",
                                                {"Authorization": f"Bearer {srv.world.keys['a']}"})
    sha_a = json.loads(photo)["sha256"]
    conv_a = srv.world.convs["a"][0]
    routes = {r.path for r in srv.running.app.app.routes if isinstance(r, Route)}
    cases = {  # path → (method, body) with ids of team a
        "/api/v1/messages": ("POST", orjson.dumps({"customer": {"name": "x"}, "body": "x"})),
        "/api/v1/conversations/{id:int}": ("GET", None),
        "/api/v1/conversations/{id:int}/survey": ("POST", orjson.dumps({"score": 1})),
        "/api/v1/files": ("POST", b"%PDF-1.4\n%%EOF\n"),
        "/api/v1/files/{sha}": ("GET", None),
        "/files": ("POST", b"%PDF-1.4\n%%EOF\n"),
        "/files/{sha}": ("GET", None),
        "/files/{sha}/thumb": ("GET", None),
        "/widget/upload": ("POST", b"%PDF-1.4\n%%EOF\n"),
        "/widget/file/{sha}": ("GET", None),
        "/widget/file/{sha}/thumb": ("GET", None),
    }
    public = {"/health", "/widget", "/widget/", "/widget/{name:str}"}  # the chat page itself is public
    assert routes - public == set(cases), "a route is missing from this matrix"
    before = await state_hash(srv)
    creds = {"none": {}, "forged": {"Authorization": "Bearer forged-token-123"},
             "other team's key": {"Authorization": f"Bearer {srv.world.keys['b']}"},
             "other team's session": {"Authorization": f"Bearer {carol_token}"}}
    for path, (method, body) in cases.items():
        url = http + path.replace("{id:int}", str(conv_a)).replace("{sha}", sha_a)
        if path.startswith("/widget/"):
            url += "?w=nosuchwidget"
        for label, headers in creds.items():
            if path in ("/api/v1/messages", "/api/v1/files", "/files") and label.startswith("other team"):
                continue  # a valid credential of team b may post its own messages and files
            h = {**headers, "Content-Type": "application/json" if body and body.startswith(b"{") else
                 "application/octet-stream", "Idempotency-Key": f"m-{label}"}
            status, answer, _h = await asyncio.to_thread(request, url, method, body, h)
            assert status in (401, 403, 404), (path, label, status, answer[:200])
            assert SECRET_OF_A.encode() not in answer and b"%PDF" not in answer, (path, label)
    assert await state_hash(srv) == before
