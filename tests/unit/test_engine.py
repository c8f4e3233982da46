"""The sans-I/O sync engine fed with frames by hand: no network, a real SQLite cache."""

import random

import orjson
import pytest

from cs_desk.errors import ProtocolError
from cs_desk.ops import actions
from cs_desk.protocol import constants as C
from cs_desk.store import queries
from cs_desk.store.store import Store
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore

USER = {"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"}
EPOCH = "e1"


def conv(cid=1, team="a", **kw):
    d = {"id": cid, "customer_id": 1, "team_id": team, "assignee_id": None, "status": "open", "channel": "web",
         "subject": "s", "tags": [], "created_at": "2026-01-01T00:00:00.000000Z",
         "updated_at": "2026-01-01T00:00:00.000000Z", "last_message_at": None, "last_message_preview": "",
         "last_author_kind": None, "message_count": 0, "first_response_at": None}
    return {**d, **kw}


def msg(mid, cid=1, author="customer", body="你好"):
    return {"id": mid, "conversation_id": cid, "author_kind": author, "author_id": None, "kind": "reply",
            "body": body, "created_at": "2026-01-01T00:00:01.000000Z"}


def frame(t, **kw):
    return orjson.dumps({"v": 1, "t": t, **kw}).decode()


def events(seq_from, rows, upto=None):
    evs = [{"seq": seq_from + i, "k": k, "d": d} for i, (k, d) in enumerate(rows)]
    last = upto if upto is not None else seq_from + len(rows) - 1
    return frame("events", cursor={"epoch": EPOCH, "seq": last}, head=last, events=evs)


@pytest.fixture
def engine(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    eng = SyncEngine(store, MemoryTokenStore(), "ws://x/sync", login=("alice", "pw"),
                     backoff=Backoff(rng=random.Random(1)))
    yield eng
    store.close()


def welcome(eng, mode="snapshot", head=0, token="tok"):
    return eng.receive(frame("welcome", user=USER, epoch=EPOCH, head=head, mode=mode, last_n=0, token=token))


def test_hello_uses_password_then_token(engine):
    hello = orjson.loads(engine.start_connection()[0])
    assert hello["auth"] == {"user": "alice", "password": "pw"} and hello["cursor"] is None
    welcome(engine)
    assert engine.tokens.get(engine.token_key) == "tok"
    engine.connection_lost(1006)
    hello = orjson.loads(engine.start_connection()[0])
    assert hello["auth"] == {"token": "tok"}  # the password is no longer kept


def test_snapshot_then_events_then_live(engine):
    engine.start_connection()
    welcome(engine)
    assert engine.state is State.SNAPSHOT
    engine.receive(frame("snapshot_begin", cursor={"epoch": EPOCH, "seq": 5}, totals={"conversation": 1}))
    engine.receive(frame("snapshot", rows=[{"k": "conversation", "d": conv()}]))
    assert engine.store.cursor() is None  # not before snapshot_end
    engine.receive(frame("snapshot_end", cursor={"epoch": EPOCH, "seq": 5}))
    assert engine.state is State.CATCHING_UP
    engine.receive(events(6, [("message", msg("m1")), ("conversation", conv(message_count=1))]))
    assert engine.store.cursor() == {"epoch": EPOCH, "seq": 7}
    engine.receive(frame("caught_up", cursor={"epoch": EPOCH, "seq": 9}))
    assert engine.state is State.LIVE
    assert engine.store.cursor()["seq"] == 9
    assert queries.conversation(engine.store.conn, 1)["unread"] == 1


def test_applying_a_page_twice_changes_nothing(engine):
    engine.start_connection()
    welcome(engine, mode="catchup")
    page = events(1, [("conversation", conv()), ("message", msg("m1")), ("message", msg("m2"))])
    engine.receive(page)
    before = queries.state(engine.store.conn)
    engine.receive(page)
    assert queries.state(engine.store.conn) == before
    assert queries.conversation(engine.store.conn, 1)["unread"] == 2


def test_outbox_is_sent_after_welcome_and_acked(engine):
    engine.start_connection()
    welcome(engine, mode="catchup")
    engine.receive(events(1, [("conversation", conv())]))
    engine.receive(frame("caught_up", cursor={"epoch": EPOCH, "seq": 1}))
    mid, _ = actions.send_reply(engine.store, 1, "好的")
    actions.add_tag(engine.store, "conversation", 1, "VIP")
    out = [orjson.loads(f) for f in engine.pending_frames()]
    assert len(out) == 1 and [m["n"] for m in out[0]["muts"]] == [1, 2]
    assert engine.pending_frames() == []  # in flight: not sent twice on one connection
    engine.receive(frame("ack", results=[{"n": 1, "ok": True, "result": {}},
                                         {"n": 2, "ok": False, "code": "forbidden", "reason": "no"}]))
    assert engine.store.outbox_count() == 0
    assert queries.notices(engine.store.conn)[0]["reason"] == "no"
    assert queries.conversation(engine.store.conn, 1)["tags"] == []  # the refused tag is undone


def test_reconnect_resends_unacked(engine):
    engine.start_connection()
    assert welcome(engine, mode="catchup") == []
    actions.send_reply(engine.store, 1, "x")
    assert len(engine.pending_frames()) == 1
    engine.connection_lost(1006)  # the ack never came
    engine.start_connection()
    out = welcome(engine, mode="catchup")  # welcome hands back the outbox at once
    assert [m["n"] for m in orjson.loads(out[0])["muts"]] == [1]


def test_pending_change_survives_an_older_server_row(engine):
    engine.start_connection()
    welcome(engine, mode="catchup")
    engine.receive(events(1, [("conversation", conv())]))
    actions.set_status(engine.store, 1, "pending")
    engine.receive(events(2, [("conversation", conv(subject="changed"))]))
    c = queries.conversation(engine.store.conn, 1)
    assert c["status"] == "pending" and c["subject"] == "changed"


def test_conversation_moved_to_other_team_leaves_the_cache(engine):
    engine.start_connection()
    welcome(engine, mode="catchup")
    engine.receive(events(1, [("conversation", conv()), ("message", msg("m1"))]))
    engine.receive(events(3, [("conversation", conv(team="b"))]))
    assert queries.conversation(engine.store.conn, 1) is None
    assert queries.messages(engine.store.conn, 1) == []


def test_wrong_password_stops_reconnecting(engine):
    engine.start_connection()
    assert engine.connection_lost(C.CLOSE_AUTH_FAILED, "auth_failed") is None
    assert engine.state is State.AUTH_FAILED
    with pytest.raises(PermissionError):
        engine.start_connection()
    engine.set_login("alice", "right")
    assert orjson.loads(engine.start_connection()[0])["auth"]["password"] == "right"


def test_revoked_token_falls_back_to_login(engine):
    engine.start_connection()
    welcome(engine)
    engine.connection_lost(1006)
    engine.start_connection()  # with the token
    assert engine.connection_lost(C.CLOSE_AUTH_FAILED) is None  # no password left: ask the person
    assert engine.tokens.get(engine.token_key) is None


@pytest.mark.parametrize("data", ["not json", "[1]", '{"v":1}', b"\x00\x01",
                                  '{"v":1,"t":"events","cursor":{"epoch":"e"}}'])
def test_bad_server_frames_raise_protocol_error(engine, data):
    engine.start_connection()
    welcome(engine, mode="catchup")
    with pytest.raises(ProtocolError):
        engine.receive(data)


def test_unknown_frame_types_are_ignored(engine):
    engine.start_connection()
    assert engine.receive(frame("from_the_future", x=1)) == []


def test_backoff_full_jitter_bounds_and_reset():
    b = Backoff(base=0.5, cap=30, rng=random.Random(3))
    delays = [b.next() for _ in range(12)]
    caps = [min(30, 0.5 * 2 ** i) for i in range(12)]
    assert all(0 <= d <= c for d, c in zip(delays, caps, strict=True))
    assert max(delays[8:]) <= 30
    b.reset()
    assert b.next() <= 0.5


def test_offline_store_keeps_outbox_across_restart(tmp_path):
    path = tmp_path / "c.sqlite3"
    s = Store(path)
    s.set_session(USER)
    actions.send_reply(s, 1, "离线")
    cid = s.client_id
    s.close()
    s2 = Store(path)
    assert s2.client_id == cid and s2.outbox_count() == 1
    s2.close()


def test_another_users_welcome_is_refused_before_keeping_its_token(engine):
    engine.start_connection()
    welcome(engine, mode="catchup")
    engine.connection_lost(1006)
    engine.tokens.delete(engine.token_key)
    engine.set_login("bob", "pw")
    engine.start_connection()
    out = engine.receive(frame("welcome", user={**USER, "id": 8, "name": "bob"}, epoch=EPOCH, head=0,
                               mode="snapshot", last_n=0, token="bobs-token"))
    assert out == [] and engine.fatal and "alice" in engine.fatal
    assert engine.tokens.get(engine.token_key) is None
    assert engine.connection_lost(1000) is None and engine.state is State.AUTH_FAILED


def test_unsupported_version_stops_retrying(engine):
    engine.start_connection()
    assert engine.connection_lost(C.CLOSE_UNSUPPORTED_VERSION) is None
    assert engine.state is State.AUTH_FAILED and "newer version" in engine.last_error["message"]
