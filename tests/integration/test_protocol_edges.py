"""Protocol corners found in review: repeated n in one batch, the connection limit under a burst of
simultaneous logins, a client id shared by two users, intake across channels, malformed mutate."""

import asyncio
import uuid

import orjson
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.helpers.seed import PASSWORD


async def open_session(url, user="alice", client_id=None):
    ws = await connect(url, subprotocols=["csync.v1.json"], compression=None)
    await ws.send(orjson.dumps({"v": 1, "t": "hello", "client_id": client_id or str(uuid.uuid4()), "cursor": None,
                                "auth": {"user": user, "password": PASSWORD}}).decode())
    return ws


async def until(ws, t):
    while True:
        f = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        if f["t"] == t:
            return f


async def test_same_n_twice_in_one_batch_gets_one_answer(srv):
    ws = await open_session(srv.url)
    await until(ws, "caught_up")
    conv = srv.world.convs["a"][0]
    mut = {"n": 1, "op": "message.send", "args": {"conversation_id": conv, "message_id": str(uuid.uuid4()),
                                                  "body": "dup"}}
    await ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [mut, mut]}).decode())
    ack = await until(ws, "ack")
    assert [r["ok"] for r in ack["results"]] == [True, True]
    assert ack["results"][0] == ack["results"][1]
    await ws.close()


async def test_connection_limit_holds_under_a_burst(srv):
    async def attempt():
        ws = await open_session(srv.url, "bob")
        try:
            await until(ws, "welcome")
            return ws
        except ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd else None

    results = await asyncio.gather(*(attempt() for _ in range(9)))
    opened = [r for r in results if not isinstance(r, int | type(None))]
    refused = [r for r in results if isinstance(r, int)]
    assert len(opened) == 5 and refused == [4003] * 4
    for ws in opened:
        await ws.close()


async def test_client_id_of_another_user_is_refused(srv):
    cid = str(uuid.uuid4())
    ws = await open_session(srv.url, "alice", cid)
    await until(ws, "caught_up")
    conv = srv.world.convs["a"][0]
    await ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [
        {"n": 1, "op": "tag.add", "args": {"target": "conversation", "id": conv, "tag": "x"}}]}).decode())
    await until(ws, "ack")
    await ws.close()
    ws = await open_session(srv.url, "bob", cid)
    try:
        await until(ws, "welcome")
        raise AssertionError("bob was let in with alice's client id")
    except ConnectionClosed as exc:
        assert exc.rcvd.code == 4000 and exc.rcvd.reason == "client_id_in_use"


async def test_malformed_mutate_refuses_its_items(srv):
    ws = await open_session(srv.url)
    await until(ws, "caught_up")
    await ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [{"n": 3, "op": "tag.add", "args": {}},
                                                                {"n": 4, "op": 7, "args": []}]}).decode())
    err = await until(ws, "error")
    assert err["code"] == "bad_frame"
    ack = await until(ws, "ack")
    assert [(r["n"], r["ok"], r["code"]) for r in ack["results"]] == [(3, False, "invalid"), (4, False, "invalid")]
    await ws.close()


async def test_upper_case_message_ids_are_refused(srv):
    ws = await open_session(srv.url)
    await until(ws, "caught_up")
    await ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [{"n": 1, "op": "message.send", "args": {
        "conversation_id": srv.world.convs["a"][0], "message_id": str(uuid.uuid4()).upper(), "body": "x"}}]}).decode())
    ack = await until(ws, "ack")
    assert ack["results"][0]["ok"] is False and ack["results"][0]["code"] == "invalid"
    await ws.close()
