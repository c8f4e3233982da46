"""Client and server through a proxy that drops, delays, duplicates and reorders frames and cuts
connections. After each run (faults then switched off) the client, a colleague connected directly and
the server hold the same messages and tags: nothing lost, nothing doubled."""

from __future__ import annotations

import pytest

from cs_desk.ops import actions
from cs_desk.store import queries
from cs_desk.sync.engine import State
from tests.faults.proxy import Faults, FaultyProxy
from tests.helpers.fixtures import make_agent
from tests.integration.test_routing_live import conv

N = 60  # changes per agent per run


async def server_messages(srv, cid: int) -> list[str]:  # noqa: ANN001
    return await srv.running.app.db.read(lambda c: [r[0] for r in c.exec_driver_sql(
        "SELECT id FROM messages WHERE conversation_id = ? AND author_kind = 'agent'", (cid,)).fetchall()])


async def run_with(srv, agents, tmp_path, faults: Faults) -> dict:  # noqa: ANN001
    async with FaultyProxy(srv.url, faults) as proxy:
        alice = make_agent(proxy.url, tmp_path / f"alice-{faults.seed}.sqlite3", "alice")
        alice.client.ack_timeout_s = 1.0  # a lost mutate or ack is noticed quickly here
        bob = await agents("bob", name=f"bob-{faults.seed}")
        await alice.start()
        await alice.wait(lambda: alice.engine.state is State.LIVE, 60)
        await bob.live()
        cid = srv.world.convs["a"][faults.seed % len(srv.world.convs["a"])]
        sent = []
        for i in range(N):
            sent.append(actions.send_reply(alice.store, cid, f"A{faults.seed}-{i}")[0])
            sent.append(actions.send_reply(bob.store, cid, f"B{faults.seed}-{i}")[0])
            if i % 10 == 0:
                actions.add_tag(alice.store, "conversation", cid, f"a{i}")
                actions.add_tag(bob.store, "conversation", cid, f"b{i}")
            alice.client.outbox_changed()
            bob.client.outbox_changed()
            # one change at a time through the proxy, so the faults fall on many frames, not a few big ones
            await alice.wait(lambda: alice.store.outbox_count() == 0, 120)
        await bob.synced()
        await alice.wait(lambda: alice.store.outbox_count() == 0 and alice.engine.state is State.LIVE, 120)
        faults.enabled = False  # the network heals: everything must converge now
        # one more change each: its ack tells a client that lost the last events frame that it did
        actions.add_tag(alice.store, "conversation", cid, "healed")
        alice.client.outbox_changed()
        await alice.wait(lambda: alice.store.outbox_count() == 0 and alice.engine.state is State.LIVE, 60)
        on_server = await server_messages(srv, cid)
        await alice.wait(lambda: set(on_server) <= {m["id"] for m in queries.messages(alice.store.conn, cid)}, 60)
        await bob.wait(lambda: set(on_server) <= {m["id"] for m in queries.messages(bob.store.conn, cid)}, 60)
        # every change once on the server, and each cache holds exactly the server's messages
        assert sorted(on_server) == sorted(set(on_server)) and set(sent) <= set(on_server)
        for a in (alice, bob):
            mine = [m["id"] for m in queries.messages(a.store.conn, cid) if m["author_kind"] == "agent"]
            assert sorted(mine) == sorted(on_server), "a cache differs from the server"
            assert all(m["state"] == "sent" for m in queries.messages(a.store.conn, cid))
        tags = await srv.running.app.db.read(lambda c: c.exec_driver_sql(
            "SELECT tags FROM conversations WHERE id = ?", (cid,)).scalar())
        await alice.wait(lambda: conv(alice.store, cid)["tags"] == conv(bob.store, cid)["tags"], 30)
        import orjson

        assert conv(alice.store, cid)["tags"] == orjson.loads(tags)
        await alice.stop()
        return dict(faults.counts, reconnects=alice.client.connections - 1)


@pytest.mark.parametrize("seed, faults", [
    (1, dict(drop=0.05)),
    (2, dict(duplicate=0.2)),
    (3, dict(reorder=0.2)),
    (4, dict(delay_ms=30)),
    (5, dict(cut_every=25)),
    (6, dict(drop=0.03, duplicate=0.1, reorder=0.1, delay_ms=10, cut_every=60)),
])
async def test_nothing_is_lost_or_doubled_through_a_faulty_network(srv, agents, tmp_path, seed, faults):
    counts = await run_with(srv, agents, tmp_path, Faults(seed=seed, **faults))
    print(f"seed {seed} {faults}: {counts}")
    injected = counts["dropped"] + counts["doubled"] + counts["reordered"] + counts["cuts"]
    assert injected > 0 or faults.get("delay_ms")  # the proxy really misbehaved
