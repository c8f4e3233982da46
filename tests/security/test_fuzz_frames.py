"""10,000 fuzzed frames (hypothesis) at a real server, over ten authenticated sockets of another
team's agent, while colleagues of the attacked team stay connected: the server keeps serving them
(a reply is acked and fanned out at the end), nothing of the other team reaches the fuzzing sockets,
and no session crashes."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
import uuid

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from cs_desk.protocol import constants as C
from tests.helpers.seed import PASSWORD

FRAMES = 10_000
SOCKETS = 10
TYPES = ["hello", "mutate", "activity", "query", "ping", "events", "welcome", "", "MUTATE", "__class__", None, 7]
OPS = ["message.send", "note.add", "tag.add", "tag.remove", "status.set", "conversation.claim", "conversation.assign",
       "customer.update", "presence.set", "followup.done", "conversation.categorize", "conversation.transfer",
       "agent.update", "nope", "__init__", ""]

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                      st.floats(allow_nan=False), st.text(max_size=50),
                      st.sampled_from(["", "\u202e", "<script>", "' OR 1=1 --", "=cmd|' /C calc'!A0", "\x00", "a" * 5000]))
json_value = st.recursive(json_leaf, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                            st.dictionaries(st.text(max_size=10), kids, max_size=5)),
                          max_leaves=20)
ids = st.one_of(st.integers(min_value=-3, max_value=50), json_leaf)
mutation = st.fixed_dictionaries({"n": ids, "op": st.sampled_from(OPS)},
                                 optional={"args": st.dictionaries(
                                     st.sampled_from(["conversation_id", "message_id", "body", "id", "target", "tag",
                                                      "status", "assignee_id", "customer_id", "field", "value",
                                                      "attachments", "presence", "x"]), json_value, max_size=6)})
structured = st.fixed_dictionaries({"t": st.sampled_from(TYPES)}, optional={
    "v": st.sampled_from([1, 2, 0, "1", None]), "muts": st.lists(mutation, max_size=4), "id": ids,
    "conversation_id": ids, "state": st.sampled_from(["viewing", "typing", "idle", "x", ""]),
    "q": st.sampled_from(["metrics", "x"]), "args": json_value, "cursor": json_value, "auth": json_value})
frames = st.one_of(
    structured.map(lambda d: json.dumps(d, ensure_ascii=False)),  # json: integers past 64 bits too
    st.text(max_size=200),  # not JSON at all
    st.binary(max_size=200),  # binary frames, invalid UTF-8
    json_value.map(lambda v: json.dumps(v, ensure_ascii=False)),  # JSON, but not an object
)


class Sock:
    """An authenticated raw socket that reads everything it is sent on a thread of its own."""

    def __init__(self, url: str, user: str) -> None:
        self.url, self.user = url, user
        self.seen: list[str] = []
        self.ws: ClientConnection | None = None
        self.reconnects = 0
        self.open()

    def open(self) -> None:
        self.ws = connect(self.url, subprotocols=[C.SUBPROTOCOL], compression=None, max_size=C.MAX_FRAME_BYTES,
                          open_timeout=20)
        self.ws.send(orjson.dumps({"v": 1, "t": "hello", "client_id": str(uuid.uuid4()),
                                   "auth": {"user": self.user, "password": PASSWORD}}).decode())
        while True:
            f = json.loads(self.ws.recv(timeout=20))
            self.seen.append(json.dumps(f, ensure_ascii=False))
            if f["t"] == "caught_up":
                break
        threading.Thread(target=self._read, args=(self.ws,), daemon=True).start()

    def _read(self, ws: ClientConnection) -> None:
        try:
            for msg in ws:
                self.seen.append(msg if isinstance(msg, str) else repr(msg))
        except ConnectionClosed:
            pass

    def send(self, frame: str | bytes) -> None:
        try:
            self.ws.send(frame)
        except ConnectionClosed:
            self.reconnects += 1  # the server may end a session that misbehaves: log in again
            self.open()


def test_ten_thousand_fuzzed_frames_leave_the_server_serving(server_thread, caplog):
    caplog.set_level(logging.WARNING, logger="cs_desk.server")
    url = server_thread.url
    alice, bob = Sock(url, "alice"), Sock(url, "bob")  # the attacked team, connected throughout
    fuzzers = [Sock(url, "carol") for _ in range(5)] + [Sock(url, "lena") for _ in range(5)]
    sent = [0]

    @settings(max_examples=FRAMES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(frame=frames)
    def fuzz(frame: str | bytes) -> None:
        fuzzers[sent[0] % SOCKETS].send(frame)
        sent[0] += 1

    t0 = time.monotonic()
    fuzz()
    assert sent[0] >= FRAMES * 0.95  # hypothesis ran (about) all of them

    # the attacked team is still served: a reply is acked and reaches the colleague
    conv = server_thread.world.convs["a"][0]
    mid = str(uuid.uuid4())
    alice.send(orjson.dumps({"v": 1, "t": "mutate", "muts": [
        {"n": 1, "op": "message.send", "args": {"conversation_id": conv, "message_id": mid,
                                                "body": "fuzz 之后还在服务"}}]}).decode())
    deadline = time.monotonic() + 60
    while not (any('"t":"ack"' in m and '"ok":true' in m for m in alice.seen) and any(mid in m for m in bob.seen)):
        assert time.monotonic() < deadline, "the live colleagues were not served after the fuzzing"
        time.sleep(0.02)
    with urllib.request.urlopen(server_thread.running.url.replace("ws://", "http://").replace("/sync", "/health"),
                                timeout=10) as resp:
        assert json.loads(resp.read())["ok"]
    # nothing of team a reached carol's sockets (team b), whatever she sent
    for s in fuzzers[:5]:
        assert not any("顾客a" in m for m in s.seen)
    crashed = [r for r in caplog.records if "crashed" in r.getMessage() or r.exc_info]
    assert crashed == [], [r.getMessage() for r in crashed[:3]]
    print(f"{sent[0]} fuzzed frames in {time.monotonic() - t0:.1f} s, "
          f"{sum(s.reconnects for s in fuzzers)} sessions ended by the server and logged in again")
