"""Hostile and malformed input against the real sync server: raw websocket connections, exact close
codes and `error` frame codes as documented in cs_desk/protocol/constants.py and docs/protocol.md.

No sleeps: every wait is a receive with a timeout. The fuzz test runs Hypothesis (derandomized) in a
worker thread and hands each example to the test's event loop, so the server, a live sync client
and the attacking sockets all keep running on that loop between examples."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.protocol import State

from cs_desk.ops import actions
from cs_desk.protocol import constants as C
from cs_desk.protocol.codec import FrameError
from cs_desk.protocol.frames import MUTATION_ARGS, parse_frame
from cs_desk.server import auth
from cs_desk.server.app import serve
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.session import Session
from cs_desk.store import queries
from tests.helpers.fixtures import Srv
from tests.helpers.seed import PASSWORD, seed

# One server for the module (seeding hashes five passwords): the tests share its loop. Each test
# closes its sockets; tests that count connections or revoke tokens use a user of their own.
pytestmark = pytest.mark.asyncio(loop_scope="module")

# Close codes a peer may legitimately see from this server (1000: we closed; 1009: websocket layer).
DOCUMENTED_CLOSES = {1000, C.CLOSE_TOO_BIG, C.CLOSE_PROTOCOL, C.CLOSE_AUTH_FAILED, C.CLOSE_AUTH_TIMEOUT,
                     C.CLOSE_UNSUPPORTED_VERSION}
REJECT_CODES = {C.E_INVALID, C.E_FORBIDDEN, C.E_CONFLICT, C.E_NOT_FOUND}
PUSHED = {"events", "caught_up", "snapshot_begin", "snapshot", "snapshot_end"}  # server-initiated frames
REPLY_TIMEOUT = 5.0


# --------------------------------------------------------------------------------------------------
# helpers


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory):
    data = tmp_path_factory.mktemp("bad_input") / "server"
    world = seed(data)
    async with serve(data) as running:
        yield Srv(running, world, data)


async def open_ws(url: str, subprotocols: list[str] | None = [C.SUBPROTOCOL]) -> ClientConnection:  # noqa: B006
    """subprotocols=None requests none (no Sec-WebSocket-Protocol header at all)."""
    return await asyncio.wait_for(
        connect(url, subprotocols=subprotocols, compression=None, max_size=4 * C.MAX_FRAME_BYTES,
                open_timeout=REPLY_TIMEOUT),
        REPLY_TIMEOUT)


def hello(user: str = "alice", password: str = PASSWORD, *, token: str | None = None, v: Any = 1,
          client_id: Any = None, **extra: Any) -> str:
    frame: dict[str, Any] = {"v": v, "t": "hello", "client_id": client_id or str(uuid.uuid4()),
                             "auth": {"token": token} if token is not None else {"user": user, "password": password}}
    frame.update(extra)
    return orjson.dumps(frame).decode()


def mutate(*muts: dict[str, Any]) -> str:
    return orjson.dumps({"v": 1, "t": "mutate", "muts": list(muts)}).decode()


async def expect_close(ws: ClientConnection, timeout: float = REPLY_TIMEOUT) -> tuple[list[dict], int | None, str]:
    """Reads until the server closes; returns (frames received before the close, code, reason)."""
    frames: list[dict] = []
    try:
        async with asyncio.timeout(timeout):
            while True:
                frames.append(orjson.loads(await ws.recv()))
    except ConnectionClosed as exc:
        rcvd = exc.rcvd
        return frames, (rcvd.code if rcvd else None), (rcvd.reason if rcvd else "")
    raise AssertionError("unreachable")


async def next_reply(ws: ClientConnection, timeout: float = REPLY_TIMEOUT) -> dict:
    """The next frame that answers something we sent (error/ack/welcome), skipping pushed events."""
    async with asyncio.timeout(timeout):
        while True:
            frame = orjson.loads(await ws.recv())
            if frame.get("t") not in PUSHED:
                return frame


async def refused(url: str, payload: str | bytes, timeout: float = REPLY_TIMEOUT) -> tuple[list[dict], int | None, str]:
    """Opens a fresh socket, sends one frame as the first frame, returns what came back before the close."""
    ws = await open_ws(url)
    try:
        await ws.send(payload)
        return await expect_close(ws, timeout)
    finally:
        await ws.close()


@dataclass
class Live:
    """A raw, authenticated socket that has finished its snapshot."""

    ws: ClientConnection
    welcome: dict
    client_id: str
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def n(self) -> int:
        return next(self.counter)


async def login(url: str, user: str = "alice", *, token: str | None = None) -> Live:
    ws = await open_ws(url)
    cid = str(uuid.uuid4())
    await ws.send(hello(user, token=token, client_id=cid))
    welcome = orjson.loads(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
    assert welcome["t"] == "welcome", welcome
    async with asyncio.timeout(REPLY_TIMEOUT):
        while orjson.loads(await ws.recv())["t"] != "caught_up":
            pass
    return Live(ws, welcome, cid)


async def assert_usable(live: Live, conv_id: int) -> None:
    """Proves the connection is still open and serving: a valid reply gets an ok ack."""
    n = live.n()
    mid = str(uuid.uuid4())
    await live.ws.send(mutate({"n": n, "op": "message.send",
                               "args": {"conversation_id": conv_id, "message_id": mid, "body": "still here"}}))
    ack = await next_reply(live.ws)
    assert ack["t"] == "ack", ack
    assert ack["results"] == [{"n": n, "ok": True, "result": {"message_id": mid}}], ack


def health(http: str) -> tuple[int, dict]:
    with urllib.request.urlopen(f"{http}/health", timeout=REPLY_TIMEOUT) as resp:
        return resp.status, json.loads(resp.read())


def readable_ns(muts: Any) -> list[int]:
    """The items of a malformed mutate frame the server still refuses one by one (protocol.md §7)."""
    if not isinstance(muts, list):
        return []
    return [m["n"] for m in muts if isinstance(m, dict) and type(m.get("n")) is int and m["n"] >= 1]


def assert_error_then_close(got: tuple[list[dict], int | None, str], error: str, close: int) -> None:
    frames, code, reason = got
    assert [f["t"] for f in frames] == ["error"], frames
    assert frames[0]["code"] == error, frames
    assert code == close, (code, reason)
    assert reason == error  # "The close reason repeats the error code."


# --------------------------------------------------------------------------------------------------
# before hello


async def test_binary_frame_before_hello(shared):
    got = await refused(shared.url, bytes(range(256)) * 3)
    assert_error_then_close(got, C.E_BINARY, C.CLOSE_PROTOCOL)


async def test_invalid_json_before_hello(shared):
    got = await refused(shared.url, '{"v":1,"t":"hello",')
    assert_error_then_close(got, C.E_BAD_JSON, C.CLOSE_PROTOCOL)


async def test_json_array_before_hello(shared):
    got = await refused(shared.url, orjson.dumps([{"v": 1, "t": "hello"}]).decode())
    assert_error_then_close(got, C.E_BAD_FRAME, C.CLOSE_PROTOCOL)


@pytest.mark.parametrize("frame", [{"v": 1, "client_id": str(uuid.uuid4())}, {"v": 1, "t": 7}, {"v": 1, "t": None}],
                         ids=["no_t", "int_t", "null_t"])
async def test_frame_without_string_t(shared, frame):
    got = await refused(shared.url, orjson.dumps(frame).decode())
    assert_error_then_close(got, C.E_BAD_FRAME, C.CLOSE_PROTOCOL)


@pytest.mark.parametrize("extra", [
    {"client_id": 12345},
    {"client_id": "not-a-uuid"},
    {"client_id": str(uuid.uuid4()).upper()},
    {"auth": "alice:secret"},
    {"auth": {"user": ["alice"], "password": PASSWORD}},
    {"auth": {"token": 1}},
    {"cursor": {"epoch": 1, "seq": "0"}},
    {"cursor": {"epoch": "e", "seq": -1}},
    {"v": True},
    {"v": 1.0},
], ids=["client_id_int", "client_id_str", "client_id_upper", "auth_str", "user_list", "token_int", "cursor_types", "cursor_neg",
        "v_bool", "v_float"])
async def test_hello_with_wrong_field_types(shared, extra):
    base = orjson.loads(hello())
    base.update(extra)
    got = await refused(shared.url, orjson.dumps(base).decode())
    assert_error_then_close(got, C.E_BAD_FRAME, C.CLOSE_PROTOCOL)


async def test_hello_with_version_2(shared):
    frames, code, reason = await refused(shared.url, hello(v=2))
    assert [f["t"] for f in frames] == ["error"]
    assert frames[0]["code"] == "unsupported_version"
    assert (code, reason) == (C.CLOSE_UNSUPPORTED_VERSION, "unsupported_version")


@pytest.mark.parametrize("frame", [
    {"v": 1, "t": "mutate", "muts": [{"n": 1, "op": "message.send", "args": {}}]},
    {"v": 1, "t": "welcome"},
    {"v": 1, "t": "ping"},
], ids=["mutate", "welcome", "ping"])
async def test_first_frame_not_hello(shared, frame):
    got = await refused(shared.url, orjson.dumps(frame).decode())
    assert_error_then_close(got, C.E_BAD_FRAME, C.CLOSE_PROTOCOL)


@pytest.mark.parametrize("subprotocols", [None, ["csync.v2.json"], ["json", "csync.v1"]],
                         ids=["none", "other_version", "near_names"])
async def test_without_the_subprotocol_the_upgrade_is_refused(shared, subprotocols):
    # The endpoint closes before accept(); under ASGI that is an HTTP 403 on the upgrade request,
    # so the client never gets a websocket (and so no 4000 close frame either).
    with pytest.raises(InvalidStatus) as info:
        ws = await open_ws(shared.url, subprotocols=subprotocols)
        await ws.close()
    assert info.value.response.status_code == 403


async def test_invalid_utf8_text_frame_is_closed_1007(shared):
    # Not a csync rule: RFC 6455 requires 1007 for a text frame that is not UTF-8, and the websocket
    # layer sends it before the frame reaches the protocol code.
    ws = await open_ws(shared.url)
    try:
        await ws.send(b'{"t":"hello","x":"\xff\xfe"}', text=True)
        frames, code, _ = await expect_close(ws)
    finally:
        await ws.close()
    assert frames == []
    assert code == 1007


@pytest.mark.parametrize("fragmented", [False, True], ids=["one_frame", "fragments"])
async def test_oversized_first_message_is_closed_1009(shared, fragmented):
    big = hello(app="x" * C.MAX_FRAME_BYTES)
    assert len(big.encode()) > C.MAX_FRAME_BYTES
    # In fragments of 64 KiB each, every fragment is small: the limit is on the reassembled message.
    payload = [big[i:i + 65536] for i in range(0, len(big), 65536)] if fragmented else big
    ws = await open_ws(shared.url)
    try:
        await ws.send(payload)
        frames, code, reason = await expect_close(ws)
    finally:
        await ws.close()
    assert frames == []
    assert code == C.CLOSE_TOO_BIG, (code, reason)


async def test_fragmented_message_is_reassembled(shared, alice_raw):
    text = orjson.dumps({"v": 1, "t": "subscribe", "pad": "y" * 200_000}).decode()
    await alice_raw.ws.send([text[i:i + 1000] for i in range(0, len(text), 1000)])
    err = await next_reply(alice_raw.ws)
    assert err["t"] == "error" and err["code"] == C.E_UNKNOWN_TYPE, err
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_hello_that_never_comes_times_out_4002(shared):
    ws = await open_ws(shared.url)
    started = time.monotonic()
    try:
        frames, code, reason = await expect_close(ws, timeout=8.0)
    finally:
        await ws.close()
    elapsed = time.monotonic() - started
    assert (code, reason) == (C.CLOSE_AUTH_TIMEOUT, "auth_timeout")
    assert [(f["t"], f["code"]) for f in frames] == [("error", "auth_timeout")]
    assert C.AUTH_TIMEOUT_S - 1.0 <= elapsed < 8.0


# --------------------------------------------------------------------------------------------------
# authentication


@pytest.mark.parametrize("user,password", [("alice", "wrong password"), ("mallory", PASSWORD)],
                         ids=["wrong_password", "unknown_user"])
async def test_login_refused(shared, user, password):
    got = await refused(shared.url, hello(user, password))
    assert_error_then_close(got, C.E_AUTH, C.CLOSE_AUTH_FAILED)


async def test_expired_token(shared):
    db = Database(sqlite_url(shared.data))
    try:
        with db.write_tx() as conn:
            token, expires = auth.issue_token(conn, shared.world.users["alice"], now=datetime(2020, 1, 1, tzinfo=UTC))
    finally:
        db.close()
    assert expires < "2021"
    got = await refused(shared.url, hello(token=token))
    assert_error_then_close(got, C.E_AUTH, C.CLOSE_AUTH_FAILED)


async def test_unknown_token(shared):
    got = await refused(shared.url, hello(token="x" * 43))
    assert_error_then_close(got, C.E_AUTH, C.CLOSE_AUTH_FAILED)


async def test_revoked_token(shared):
    first = await login(shared.url, "carol")
    token = first.welcome["token"]
    await first.ws.close()
    again = await login(shared.url, token=token)  # the token is good before the revocation
    await again.ws.close()
    db = Database(sqlite_url(shared.data))
    try:
        with db.write_tx() as conn:
            assert auth.revoke_tokens(conn, "carol") >= 1
    finally:
        db.close()
    got = await refused(shared.url, hello(token=token))
    assert_error_then_close(got, C.E_AUTH, C.CLOSE_AUTH_FAILED)


async def test_sixth_connection_of_a_user_is_closed_4003(shared):
    first = await login(shared.url, "lena")
    token = first.welcome["token"]
    lives = [first] + [await login(shared.url, token=token) for _ in range(C.MAX_CONNECTIONS_PER_USER - 1)]
    try:
        got = await refused(shared.url, hello(token=token))
        assert_error_then_close(got, C.E_TOO_MANY, C.CLOSE_TOO_MANY)
        # The five keep working, and another user is not affected by lena's limit.
        await assert_usable(lives[-1], shared.world.convs["a"][0])
        bob = await login(shared.url, "bob")
        await bob.ws.close()
    finally:
        for live in lives:
            await live.ws.close()


async def test_connection_limit_holds_for_simultaneous_hellos(shared, monkeypatch):
    first = await login(shared.url, "root")
    token = first.welcome["token"]
    await first.ws.close()
    # Make a check-then-act race deterministic instead of timing-dependent: every authenticated
    # session waits at the start of _welcome until all six have passed the limit check (or 2 s).
    # Test-side instrumentation only; the server code runs unchanged.
    hub = shared.running.app.hub
    checked: list[int] = []
    all_checked = asyncio.Event()
    real_count_for, real_welcome = hub.count_for, Session._welcome

    def count_for(user_id: int) -> int:
        checked.append(user_id)
        if len(checked) > C.MAX_CONNECTIONS_PER_USER:
            all_checked.set()
        return real_count_for(user_id)

    async def welcome(self, *args, **kwargs):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_checked.wait(), 2.0)
        return await real_welcome(self, *args, **kwargs)

    monkeypatch.setattr(hub, "count_for", count_for)
    monkeypatch.setattr(Session, "_welcome", welcome)
    socks = [await open_ws(shared.url) for _ in range(C.MAX_CONNECTIONS_PER_USER + 1)]
    try:
        await asyncio.gather(*(ws.send(hello(token=token)) for ws in socks))
        firsts = await asyncio.gather(*(next_reply(ws) for ws in socks))
        kinds = sorted(f["t"] if f["t"] == "welcome" else f["code"] for f in firsts)
        assert kinds == [C.E_TOO_MANY] + ["welcome"] * C.MAX_CONNECTIONS_PER_USER, kinds
        refused_ws = socks[[f["t"] for f in firsts].index("error")]
        _, code, _ = await expect_close(refused_ws)
        assert code == C.CLOSE_TOO_MANY
    finally:
        for ws in socks:
            await ws.close()


async def test_client_id_of_another_user_is_closed_4000(shared, alice_raw):
    await assert_usable(alice_raw, shared.world.convs["a"][0])  # records a mutation under alice's id
    ws = await open_ws(shared.url)
    try:
        await ws.send(hello("bob", client_id=alice_raw.client_id))
        frames, code, reason = await expect_close(ws)
    finally:
        await ws.close()
    assert [f["t"] for f in frames] == ["error"] and frames[0]["code"] == "client_id_in_use", frames
    assert (code, reason) == (C.CLOSE_PROTOCOL, "client_id_in_use")
    await assert_usable(alice_raw, shared.world.convs["a"][0])


# --------------------------------------------------------------------------------------------------
# after a successful login: the connection survives everything but an oversized frame


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def alice_token(shared):
    live = await login(shared.url, "alice")  # argon2 once; the sockets below log in with the token
    await live.ws.close()
    return live.welcome["token"]


@pytest_asyncio.fixture(loop_scope="module")
async def alice_raw(shared, alice_token):
    live = await login(shared.url, token=alice_token)
    yield live
    await live.ws.close()


async def test_unknown_type_keeps_connection(shared, alice_raw):
    for t in ("subscribe", "__class__", "_mutate", "Mutate", "", "x" * 500):
        await alice_raw.ws.send(orjson.dumps({"v": 1, "t": t}).decode())
        err = await next_reply(alice_raw.ws)
        assert err["t"] == "error" and err["code"] == C.E_UNKNOWN_TYPE, err
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_invalid_json_keeps_connection(shared, alice_raw):
    for text in ("{", "", "nul", '{"t":"mutate",}', '"\\ud800"', "NaN"):
        await alice_raw.ws.send(text)
        err = await next_reply(alice_raw.ws)
        assert err["t"] == "error" and err["code"] == C.E_BAD_JSON, (text, err)
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_binary_frame_after_login_keeps_connection(shared, alice_raw):
    await alice_raw.ws.send(orjson.dumps({"v": 1, "t": "mutate", "muts": []}))
    err = await next_reply(alice_raw.ws)
    assert err["t"] == "error" and err["code"] == C.E_BINARY, err
    await assert_usable(alice_raw, shared.world.convs["a"][0])


@pytest.mark.parametrize("frame", [
    {"muts": "message.send"},
    {"muts": {"n": 1, "op": "message.send", "args": {}}},
    {"muts": []},
    {"muts": [{"n": 1, "op": "note.add", "args": {}}] * (C.MAX_MUTATIONS_PER_FRAME + 1)},
    {"muts": [{"n": "1", "op": "message.send", "args": {}}]},
    {"muts": [{"n": True, "op": "message.send", "args": {}}]},
    {"muts": [{"n": 1.5, "op": "message.send", "args": {}}]},
    {"muts": [{"n": 0, "op": "message.send", "args": {}}]},
    {"muts": [{"n": -3, "op": "message.send", "args": {}}]},
    {"muts": [{"n": 2**53 + 1, "op": "message.send", "args": {}}]},
    {"muts": [{"n": 1, "op": 7, "args": {}}]},
    {"muts": [{"n": 1, "op": "message.send", "args": []}]},
    {"muts": [{"n": 1, "op": "message.send"}]},
    {"muts": [{"n": 1, "op": "message.send", "args": {}, "extra": 1}]},
], ids=["muts_str", "muts_dict", "muts_empty", "muts_too_many", "n_str", "n_bool", "n_float", "n_zero", "n_neg",
        "n_huge", "op_int", "args_list", "args_missing", "item_extra_key"])
async def test_mutate_with_wrong_field_types_is_bad_frame(shared, alice_raw, frame):
    await alice_raw.ws.send(orjson.dumps({"v": 1, "t": "mutate", **frame}).decode())
    err = await next_reply(alice_raw.ws)
    assert err["t"] == "error" and err["code"] == C.E_BAD_FRAME, err
    # protocol.md §7: then an ack refusing (invalid) every item whose n is a positive integer.
    ns = readable_ns(frame["muts"])
    if ns:
        ack = await next_reply(alice_raw.ws)
        assert ack["t"] == "ack", ack
        assert ack["results"] == [{"n": n, "ok": False, "code": C.E_INVALID, "reason": err["message"]}
                                  for n in ns], ack
    # Nothing was recorded for them, and (when there was no ack) the next reply is our own ack.
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_mutate_with_unknown_op_is_rejected_invalid(shared, alice_raw):
    ops = ["message.delete", "MESSAGE.SEND", "message.send ", "", "__class__", "__init__", "apply_batch",
           "HANDLERS", "_message_send", "parse_args"]
    muts = [{"n": alice_raw.n(), "op": op, "args": {"conversation_id": shared.world.convs["a"][0]}} for op in ops]
    await alice_raw.ws.send(mutate(*muts))
    ack = await next_reply(alice_raw.ws)
    assert ack["t"] == "ack", ack
    assert [r["n"] for r in ack["results"]] == [m["n"] for m in muts]
    for r in ack["results"]:
        assert r["ok"] is False and r["code"] == C.E_INVALID, r
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_mutate_with_bad_args_is_rejected_invalid(shared, alice_raw):
    conv = shared.world.convs["a"][0]
    mid = str(uuid.uuid4())
    bad = [
        ("message.send", {}),
        ("message.send", {"conversation_id": str(conv), "message_id": mid, "body": "hi"}),
        ("message.send", {"conversation_id": conv, "message_id": "not-a-uuid", "body": "hi"}),
        ("message.send", {"conversation_id": conv, "message_id": mid, "body": ""}),
        ("message.send", {"conversation_id": conv, "message_id": mid, "body": "x" * 20_001}),
        ("message.send", {"conversation_id": conv, "message_id": mid, "body": "hi", "author_id": 1}),
        ("message.send", {"conversation_id": 0, "message_id": mid, "body": "hi"}),
        ("message.send", {"conversation_id": 2**60, "message_id": mid, "body": "hi"}),
        ("tag.add", {"target": "user", "id": conv, "tag": "vip"}),
        ("tag.add", {"target": "conversation", "id": conv, "tag": "   "}),
        ("tag.add", {"target": "conversation", "id": conv, "tag": "t" * 41}),
        ("status.set", {"conversation_id": conv, "status": "deleted"}),
        ("status.set", {"conversation_id": conv, "status": 1}),
        ("conversation.assign", {"conversation_id": conv, "assignee_id": "bob"}),
        ("customer.update", {"customer_id": shared.world.customers["a"][0], "field": "id", "value": "1"}),
        ("customer.update", {"customer_id": shared.world.customers["a"][0], "field": "name", "value": None}),
    ]
    muts = [{"n": alice_raw.n(), "op": op, "args": args} for op, args in bad]
    await alice_raw.ws.send(mutate(*muts))
    ack = await next_reply(alice_raw.ws)
    assert ack["t"] == "ack", ack
    assert [r["n"] for r in ack["results"]] == [m["n"] for m in muts]
    for m, r in zip(muts, ack["results"], strict=True):
        assert r["ok"] is False and r["code"] == C.E_INVALID, (m, r)
    # Rejections are stored for good: a replay of the same n answers the same, the valid reply goes on.
    await alice_raw.ws.send(mutate(muts[0]))
    replay = await next_reply(alice_raw.ws)
    assert replay["results"] == ack["results"][:1]
    await assert_usable(alice_raw, conv)


async def test_mutate_refused_by_permissions_is_rejected_not_closed(shared, alice_raw):
    other_team = shared.world.convs["b"][0]
    muts = [{"n": alice_raw.n(), "op": "message.send",
             "args": {"conversation_id": other_team, "message_id": str(uuid.uuid4()), "body": "hi"}},
            {"n": alice_raw.n(), "op": "message.send",
             "args": {"conversation_id": 2**53, "message_id": str(uuid.uuid4()), "body": "hi"}}]
    await alice_raw.ws.send(mutate(*muts))
    ack = await next_reply(alice_raw.ws)
    assert [(r["ok"], r["code"]) for r in ack["results"]] == [(False, C.E_FORBIDDEN), (False, C.E_NOT_FOUND)], ack
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_second_hello_is_an_error_and_keeps_connection(shared, alice_raw):
    await alice_raw.ws.send(hello("bob"))
    err = await next_reply(alice_raw.ws)
    assert err["t"] == "error" and err["code"] == C.E_BAD_FRAME, err
    await assert_usable(alice_raw, shared.world.convs["a"][0])
    assert alice_raw.welcome["user"]["name"] == "alice"


async def test_duplicate_n_in_one_frame_is_answered_not_crashed(shared, alice_raw):
    n = alice_raw.n()
    mid = str(uuid.uuid4())
    item = {"n": n, "op": "message.send",
            "args": {"conversation_id": shared.world.convs["a"][0], "message_id": mid, "body": "twice?"}}
    await alice_raw.ws.send(mutate(item, item))
    try:
        ack = await next_reply(alice_raw.ws)
    except ConnectionClosed as exc:
        pytest.fail(f"server closed the connection with {exc.rcvd.code if exc.rcvd else None}")
    assert ack["t"] == "ack", ack
    # "The same n twice in one frame gets the same result twice (the second is a replay)."
    assert ack["results"] == [{"n": n, "ok": True, "result": {"message_id": mid}}] * 2, ack
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_frame_just_under_the_limit_is_processed(shared, alice_raw):
    n = alice_raw.n()
    prefix = mutate({"n": n, "op": "note.add", "args": {"conversation_id": shared.world.convs["a"][0],
                                                          "message_id": str(uuid.uuid4()), "body": "@"}})
    body = "x" * (C.MAX_FRAME_BYTES - len(prefix.encode()) + 1)  # + the "@" it replaces
    frame = prefix.replace('"body":"@"', f'"body":"{body}"')
    assert len(frame.encode()) == C.MAX_FRAME_BYTES
    await alice_raw.ws.send(frame)
    ack = await next_reply(alice_raw.ws)
    assert ack["t"] == "ack" and ack["results"][0]["n"] == n and ack["results"][0]["code"] == C.E_INVALID, ack
    await assert_usable(alice_raw, shared.world.convs["a"][0])


async def test_oversized_frame_is_closed_1009(shared, alice_raw):
    frame = mutate({"n": alice_raw.n(), "op": "message.send",
                    "args": {"conversation_id": shared.world.convs["a"][0], "message_id": str(uuid.uuid4()),
                             "body": "x" * C.MAX_FRAME_BYTES}})
    assert len(frame.encode()) > C.MAX_FRAME_BYTES
    await alice_raw.ws.send(frame)
    frames, code, reason = await expect_close(alice_raw.ws)
    assert all(f["t"] in PUSHED for f in frames), frames
    assert code == C.CLOSE_TOO_BIG, (code, reason)
    # The server is fine and the user can come back.
    status, _ = await asyncio.to_thread(health, shared.running.http)
    assert status == 200
    again = await login(shared.url, "alice")
    await assert_usable(again, shared.world.convs["a"][0])
    await again.ws.close()


# --------------------------------------------------------------------------------------------------
# fuzz: Hypothesis-generated frames over one authenticated socket and over fresh unauthenticated ones

_chars = st.characters(codec="utf-8")
_text = st.text(_chars, max_size=12)
_ints = st.one_of(st.integers(-5, 60), st.integers(),
                  st.sampled_from([0, -1, 2**31, 2**53, 2**53 + 1, 2**62, 2**63, 2**64, -(2**63), 10**30]))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), _ints, st.floats(allow_nan=True, allow_infinity=True), _text),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=12)


def _near_args(convs: list[int], customers: list[int], users: list[int]) -> st.SearchStrategy[dict]:
    real = st.sampled_from(convs + customers + users)
    ids = st.one_of(real, real, real, _ints, json_values)
    mids = st.one_of(st.uuids().map(str), st.uuids().map(str), st.uuids().map(lambda u: u.hex.upper()), _text,
                     json_values)
    bodies = st.one_of(st.text(_chars, min_size=1, max_size=40), st.text(_chars, min_size=1, max_size=40),
                       st.just(""), st.just("b" * 20_001), json_values)
    tags = st.one_of(st.text(_chars, max_size=45), json_values)
    per_op = {
        "message.send": {"conversation_id": ids, "message_id": mids, "body": bodies},
        "note.add": {"conversation_id": ids, "message_id": mids, "body": bodies},
        "tag.add": {"target": st.sampled_from(["conversation", "customer", "x"]), "id": ids, "tag": tags},
        "tag.remove": {"target": st.sampled_from(["conversation", "customer", "x"]), "id": ids, "tag": tags},
        "status.set": {"conversation_id": ids,
                       "status": st.one_of(st.sampled_from(["open", "pending", "resolved", "OPEN"]), json_values)},
        "conversation.claim": {"conversation_id": ids},
        "conversation.assign": {"conversation_id": ids, "assignee_id": st.one_of(st.none(), ids),
                                "expected_assignee_id": st.one_of(st.none(), ids)},
        "customer.update": {"customer_id": ids,
                            "field": st.sampled_from(["name", "email", "phone", "region", "note", "id", "tags"]),
                            "value": st.one_of(st.text(_chars, max_size=30), json_values)},
        "presence.set": {"presence": st.one_of(st.sampled_from(["online", "away", "offline", "busy"]), json_values)},
        "conversation.transfer": {"conversation_id": ids, "expected_assignee_id": st.one_of(st.none(), ids),
                                  "to_team_id": st.one_of(st.none(), st.sampled_from(["a", "b", "zz"]), json_values),
                                  "to_agent_id": st.one_of(st.none(), ids),
                                  "reason": st.one_of(st.text(_chars, max_size=30), json_values)},
        "agent.update": {"agent_id": ids, "capacity": st.one_of(st.none(), _ints, json_values),
                         "presence": st.one_of(st.none(), st.sampled_from(["online", "away", "offline"]), json_values)},
        "followup.done": {"followup_id": ids, "outcome": st.one_of(st.text(_chars, max_size=30), json_values)},
        "conversation.categorize": {"conversation_id": ids,
                                    "category": st.one_of(st.none(), st.sampled_from(["refund", "complaint", "billing"]),
                                                          json_values),
                                    "priority": st.one_of(st.none(), st.sampled_from(["urgent", "low", "HIGH"]),
                                                          json_values)},
    }
    conv_ids, cust_ids, user_ids = st.sampled_from(convs), st.sampled_from(customers), st.sampled_from(users)
    uuid_s, body_s = st.uuids().map(str), st.text(_chars, min_size=1, max_size=40)
    tag_s = st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=8)
    target_id = st.one_of(st.tuples(st.just("conversation"), conv_ids), st.tuples(st.just("customer"), cust_ids))
    clean = {  # valid arguments: these reach the handlers (and the permission checks, both teams' ids)
        "message.send": st.fixed_dictionaries({"conversation_id": conv_ids, "message_id": uuid_s, "body": body_s}),
        "note.add": st.fixed_dictionaries({"conversation_id": conv_ids, "message_id": uuid_s, "body": body_s}),
        "tag.add": st.tuples(target_id, tag_s).map(lambda x: {"target": x[0][0], "id": x[0][1], "tag": x[1]}),
        "tag.remove": st.tuples(target_id, tag_s).map(lambda x: {"target": x[0][0], "id": x[0][1], "tag": x[1]}),
        "status.set": st.fixed_dictionaries({"conversation_id": conv_ids,
                                             "status": st.sampled_from(["open", "pending", "resolved"])}),
        "conversation.claim": st.fixed_dictionaries({"conversation_id": conv_ids}),
        "conversation.assign": st.fixed_dictionaries({"conversation_id": conv_ids,
                                                      "assignee_id": st.none() | user_ids,
                                                      "expected_assignee_id": st.none() | user_ids}),
        "customer.update": st.fixed_dictionaries({"customer_id": cust_ids,
                                                  "field": st.sampled_from(["name", "email", "phone", "region",
                                                                            "note"]),
                                                  "value": st.text(_chars, max_size=30)}),
        "presence.set": st.fixed_dictionaries({"presence": st.sampled_from(["online", "away", "offline"])}),
        "conversation.transfer": st.fixed_dictionaries({
            "conversation_id": conv_ids, "expected_assignee_id": st.none() | user_ids,
            "reason": st.text(_chars, min_size=1, max_size=20)},
            optional={"to_team_id": st.sampled_from(["a", "b"]), "to_agent_id": user_ids}),
        "agent.update": st.fixed_dictionaries({"agent_id": user_ids},
                                               optional={"capacity": st.integers(0, 20),
                                                         "presence": st.sampled_from(["online", "away"])}),
        "followup.done": st.fixed_dictionaries({"followup_id": st.integers(1, 5),
                                                "outcome": st.text(_chars, min_size=1, max_size=20)}),
        "conversation.categorize": st.fixed_dictionaries(
            {"conversation_id": conv_ids, "category": st.sampled_from(["complaint", "refund", "consultation"])},
            optional={"priority": st.sampled_from(["urgent", "high", "normal", "low"])}),
    }
    assert per_op.keys() == MUTATION_ARGS.keys() == clean.keys()
    return st.sampled_from(sorted(per_op)).flatmap(
        lambda op: st.tuples(st.just(op), st.one_of(
            clean[op],
            st.fixed_dictionaries(per_op[op]),  # every field present, some of them wrong
            st.fixed_dictionaries({}, optional={**per_op[op], "junk": json_values}))))


def _dedup_key(item: Any) -> Any:
    if isinstance(item, dict) and type(item.get("n")) is int:
        return ("n", item["n"])
    return ("unique", id(item))


def frame_strategies(world) -> tuple[st.SearchStrategy, st.SearchStrategy]:
    """(payloads for an authenticated socket, first payloads for a fresh socket)."""
    near = _near_args(world.convs["a"] + world.convs["b"], world.customers["a"] + world.customers["b"],
                      list(world.users.values()))
    ops = st.one_of(st.sampled_from(sorted(MUTATION_ARGS)),
                    st.sampled_from(["", "MESSAGE.SEND", "message.send ", "__class__", "__init__", "HANDLERS",
                                     "apply_batch", "parse_args", "_claim"]),
                    _text)
    items = st.one_of(
        near.flatmap(lambda oa: st.fixed_dictionaries({"n": st.integers(1, 40) | _ints, "op": st.just(oa[0]),
                                                       "args": st.just(oa[1])})),
        st.fixed_dictionaries({"n": _ints, "op": ops, "args": st.dictionaries(_text, json_values, max_size=4)}),
        st.fixed_dictionaries({}, optional={"n": json_values | _ints, "op": ops | json_values,
                                            "args": json_values, "extra": json_values}),
        json_values,
    )
    near_items = near.flatmap(lambda oa: st.fixed_dictionaries(
        {"n": st.one_of(st.integers(1, 30), st.integers(1, 2**53)), "op": st.just(oa[0]), "args": st.just(oa[1])}))
    well_formed = st.fixed_dictionaries(
        {"v": st.just(1), "t": st.just("mutate"),
         "muts": st.one_of(
            st.lists(near_items, min_size=1, max_size=4, unique_by=_dedup_key),
            # the same n twice in one frame (same or different op): the second is a replay
            st.tuples(st.lists(near_items, min_size=1, max_size=3), near_items).flatmap(
                lambda x: st.permutations(x[0] + [{**x[1], "n": x[0][0]["n"]}])))},
        optional={"x": json_values})
    mutates = st.fixed_dictionaries(
        {"t": st.just("mutate"),
         "muts": st.one_of(st.lists(items, min_size=1, max_size=4), json_values)},
        optional={"v": st.one_of(st.just(1), json_values), "x": json_values})
    other_t = st.fixed_dictionaries(
        {"t": st.one_of(st.sampled_from(["hello", "ping", "pong", "ack", "welcome", "error", "events",
                                         "subscribe", "Mutate", "", "__class__", "_mutate"]), _text, json_values)},
        optional={"v": json_values, "muts": json_values, "auth": json_values})
    hellos = st.fixed_dictionaries(
        {"t": st.just("hello"),
         "v": st.one_of(st.just(1), st.just(1), st.just(2), json_values),
         "client_id": st.one_of(st.uuids().map(str), _text, json_values),
         "auth": st.one_of(
             st.fixed_dictionaries({"user": st.sampled_from(["carol", "nobody", "", "carol "]),
                                    "password": st.sampled_from([PASSWORD, "wrong", ""])}),
             st.fixed_dictionaries({"token": st.one_of(st.text(_chars, min_size=1, max_size=50), json_values)}),
             json_values)},
        optional={"cursor": st.one_of(st.fixed_dictionaries({"epoch": _text, "seq": _ints}), json_values),
                  "app": json_values})
    # Malformed as a whole, but with items whose n is readable: error, then an ack refusing those.
    half_broken = st.fixed_dictionaries(
        {"t": st.just("mutate"),
         "v": st.one_of(st.just(1), st.just("1")),
         "muts": st.tuples(st.lists(near_items, min_size=1, max_size=3), items).map(lambda x: x[0] + [x[1]])},
        optional={"x": json_values})
    encoded = st.one_of(well_formed, well_formed, half_broken, mutates, other_t, json_values).map(lambda o: json.dumps(o, ensure_ascii=False))
    raw_text = st.one_of(
        st.text(_chars, max_size=40),
        st.sampled_from(['{"t":', '{"t":"mutate"', "[", "null", '{"t":"mutate","muts":[{"n":1', '"\\ud800"',
                         '{"t":"x\\udfff"}', "\ufeff{}", '{"t":"mutate","muts":[],}', "1e999", "-",
                         '{"t":"mutate","t":"hello"}', '{"t":"hello","t":"mutate","muts":"x"}']),
    )
    binary = st.binary(max_size=40)
    authed = st.one_of(encoded, encoded, raw_text, binary)
    fresh = st.one_of(hellos.map(lambda o: json.dumps(o, ensure_ascii=False)), encoded, raw_text, binary)
    return authed, fresh


def _obj(payload: str | bytes) -> tuple[str | None, Any]:
    """Classifies a payload the way csync.v1 defines the envelope: (error code or None, object)."""
    if isinstance(payload, bytes):
        return C.E_BINARY, None
    try:
        obj = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return C.E_BAD_JSON, None
    if not isinstance(obj, dict) or not isinstance(obj.get("t"), str):
        return C.E_BAD_FRAME, obj
    return None, obj


def expect_authed(payload: str | bytes) -> list[tuple[str, Any]]:
    """The replies a frame on an authenticated socket must get, in order:
    ("ack", [n...]), ("refused", [n...]) (all invalid) or ("error", code)."""
    err, obj = _obj(payload)
    if err:
        return [("error", err)]
    if obj["t"] == "mutate":
        try:
            frame = parse_frame(obj)
        except FrameError:
            ns = readable_ns(obj.get("muts"))
            return [("error", C.E_BAD_FRAME)] + ([("refused", ns)] if ns else [])
        return [("ack", [m.n for m in frame.muts])]
    if obj["t"] == "hello":
        return [("error", C.E_BAD_FRAME)]
    return [("error", C.E_UNKNOWN_TYPE)]


def expect_fresh(payload: str | bytes) -> tuple[str, int]:
    """(error code, close code), or ("welcome", 0) for a first frame on a fresh socket."""
    err, obj = _obj(payload)
    if err:
        return err, C.CLOSE_PROTOCOL
    if obj["t"] != "hello":
        return C.E_BAD_FRAME, C.CLOSE_PROTOCOL
    if obj.get("v") != C.VERSION:
        return "unsupported_version", C.CLOSE_UNSUPPORTED_VERSION
    try:
        h = parse_frame(obj)
    except FrameError:
        return C.E_BAD_FRAME, C.CLOSE_PROTOCOL
    if getattr(h.auth, "user", None) == "carol" and getattr(h.auth, "password", None) == PASSWORD:
        return "welcome", 0
    return C.E_AUTH, C.CLOSE_AUTH_FAILED


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.asyncio(loop_scope="function")
async def test_fuzzed_frames_never_break_the_server(srv, agents):
    world = srv.world
    conv = world.convs["a"][1]
    bystander = await agents("alice")  # a real sync client, live through the whole attack
    await bystander.live()
    errors = _Errors()
    watched = [logging.getLogger(name) for name in ("cs_desk", "uvicorn.error")]
    for logger in watched:
        logger.addHandler(errors)
    loop = asyncio.get_running_loop()
    state: dict[str, Live | None] = {"bob": await login(srv.url, "bob")}
    authed, fresh = frame_strategies(world)
    counts = {"ack": 0, "refused": 0, "error": 0, "fresh_close": 0, "welcome": 0}
    failed = False
    used_ns: set[int] = set()

    async def attack_authed(payloads: list[str | bytes]) -> None:
        live = state["bob"]
        if live is None or live.ws.state is not State.OPEN or failed:
            # After a failure Hypothesis replays and shrinks: each example then gets a fresh socket and
            # client id, so stored results of earlier examples (replays) cannot hide the failure.
            if live is not None:
                await live.ws.close()
            live = state["bob"] = await login(srv.url, "bob")
        for payload in payloads:
            await live.ws.send(payload)
            for kind, detail in expect_authed(payload):
                try:
                    reply = await next_reply(live.ws)
                except ConnectionClosed as exc:
                    raise AssertionError(f"authenticated socket closed ({exc.rcvd}) after {payload!r:.300}") from None
                counts[kind] += 1
                if kind == "error":
                    assert reply["t"] == "error", (payload, reply)
                    assert reply["code"] == detail, (payload, reply)
                    continue
                assert reply["t"] == "ack", (payload, reply)
                results = reply["results"]
                assert [r["n"] for r in results] == detail, (payload, reply)
                used_ns.update(detail)
                by_n: dict[int, dict] = {}
                for r in results:
                    if kind == "refused":
                        assert r["ok"] is False and r["code"] == C.E_INVALID, (payload, r)
                    else:
                        assert r["ok"] is True or r["code"] in REJECT_CODES, (payload, r)
                        # the same n twice in one frame: the second is a replay of the first
                        assert by_n.setdefault(r["n"], r) == r, (payload, reply)

    async def attack_fresh(payload: str | bytes) -> None:
        ws = await open_ws(srv.url)
        try:
            await ws.send(payload)
            error, close = expect_fresh(payload)
            if error == "welcome":
                assert (await next_reply(ws))["t"] == "welcome"
                counts["welcome"] += 1
                return
            frames, code, _ = await expect_close(ws)
        finally:
            await ws.close()
        assert code in DOCUMENTED_CLOSES, (payload, code)
        assert (code, [f.get("code") for f in frames]) == (close, [error]), (payload, frames, code)
        counts["fresh_close"] += 1

    @settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=False,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(payloads=st.lists(authed, min_size=1, max_size=3), first=fresh)
    def property_(payloads: list[str | bytes], first: str | bytes) -> None:
        nonlocal failed
        try:
            for step in (lambda: attack_authed(payloads), lambda: attack_fresh(first)):
                future = asyncio.run_coroutine_threadsafe(step(), loop)
                try:
                    future.result(timeout=30)
                finally:
                    future.cancel()  # no-op when done; stops a hung example from running on
        except BaseException:
            failed = True
            raise

    try:
        # Hypothesis drives from a worker thread; the examples run on this loop, next to the server.
        await asyncio.to_thread(property_)
        # The attacked socket itself is still open and serving after everything it was sent.
        assert state["bob"] is not None
        state["bob"].counter = (n for n in itertools.count(10**6) if n not in used_ns)
        await assert_usable(state["bob"], conv)
    finally:
        for logger in watched:
            logger.removeHandler(errors)
        if state["bob"] is not None:
            await state["bob"].ws.close()

    print("fuzz replies:", counts)
    assert counts["ack"] > 5 and counts["refused"] > 3 and counts["error"] > 20 and counts["fresh_close"] > 20, counts
    assert not errors.records, [r.getMessage() for r in errors.records]
    status, body = await asyncio.to_thread(health, srv.running.http)
    assert status == 200 and body["ok"] is True
    # The bystander never noticed: still live, and its reply goes through.
    mid, _ = actions.send_reply(bystander.store, conv, "after the storm")
    bystander.client.outbox_changed()
    await bystander.synced()
    msgs = queries.messages(bystander.store.conn, conv)
    assert any(m["id"] == mid and m["state"] == "sent" for m in msgs)
