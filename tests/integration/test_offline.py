"""Offline work is kept and replayed exactly once, in order, when the server comes back."""

import sqlite3

import orjson

from cs_desk.ops import actions
from cs_desk.server.app import serve
from cs_desk.sync.engine import State
from tests.helpers.fixtures import make_agent
from tests.helpers.seed import seed


async def test_100_offline_changes_arrive_once_and_in_order(tmp_path):
    data = tmp_path / "server"
    world = seed(data)
    async with serve(data) as running:
        port = running.port
        alice = make_agent(running.url, tmp_path / "alice.sqlite3", "alice")
        await alice.start()
        await alice.live()
    # the server is gone: the client notices and keeps retrying
    await alice.wait(lambda: alice.engine.state is State.OFFLINE)
    conv_ids = world.convs["a"]
    sent: list[str] = []
    for i in range(100):
        conv = conv_ids[i % len(conv_ids)]
        if i % 10 == 7:
            actions.add_tag(alice.store, "conversation", conv, f"t{i}")
        elif i % 10 == 9:
            actions.set_status(alice.store, conv, "pending")
        else:
            mid, _ = actions.send_reply(alice.store, conv, f"离线回复 {i}")
            sent.append(mid)
        alice.client.outbox_changed()
    assert alice.store.outbox_count() == 100
    pending = alice.store.conn.execute("SELECT count(*) FROM messages WHERE state='pending'").fetchone()[0]
    assert pending == len(sent)

    async with serve(data, port=port):
        await alice.synced()
    await alice.stop()

    srv = sqlite3.connect(data / "server.sqlite3")
    rows = srv.execute("SELECT id, body FROM messages WHERE body LIKE '离线回复 %' ORDER BY rowid").fetchall()
    assert [r[0] for r in rows] == sent  # each once, in the order they were written
    tags = set()
    for (t,) in srv.execute("SELECT tags FROM conversations"):
        tags |= set(orjson.loads(t))
    assert {f"t{i}" for i in range(100) if i % 10 == 7} <= tags
    applied = srv.execute("SELECT count(*) FROM mutations").fetchone()[0]
    assert applied == 100
