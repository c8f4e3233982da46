"""The same server on a real PostgreSQL (started by the test): sync, authorisation and offline replay."""

import pytest

from cs_desk.ops import actions
from cs_desk.server.app import serve
from cs_desk.store import queries
from cs_desk.sync.engine import State
from tests.helpers.fixtures import make_agent
from tests.helpers.postgres import postgres_cluster
from tests.helpers.seed import seed


@pytest.fixture(scope="module")
def pg_url():
    with postgres_cluster() as url:
        yield url


async def test_sync_on_postgres(pg_url, tmp_path):
    world = seed(None, database_url=pg_url)
    async with serve(database_url=pg_url) as running:
        port = running.port
        alice = make_agent(running.url, tmp_path / "alice.sqlite3", "alice")
        bob = make_agent(running.url, tmp_path / "bob.sqlite3", "bob")
        carol = make_agent(running.url, tmp_path / "carol.sqlite3", "carol")
        for a in (alice, bob, carol):
            await a.start()
            await a.live()
        conv = world.convs["a"][0]
        mid, _ = actions.send_reply(alice.store, conv, "PostgreSQL 上的回复")
        actions.add_tag(alice.store, "conversation", conv, "物流")
        alice.client.outbox_changed()
        await bob.wait(lambda: any(m["id"] == mid for m in queries.messages(bob.store.conn, conv)))
        actions.set_status(carol.store, conv, "pending")
        carol.client.outbox_changed()
        await carol.synced()
        assert queries.notices(carol.store.conn)[-1]["code"] == "forbidden"
        assert carol.store.conn.execute("SELECT count(*) FROM conversations WHERE team_id='a'").fetchone()[0] == 0
    await alice.wait(lambda: alice.engine.state is State.OFFLINE)
    sent = [actions.send_reply(alice.store, conv, f"offline {i}")[0] for i in range(20)]
    async with serve(database_url=pg_url, port=port):
        await alice.synced()
        await bob.wait(lambda: {m["id"] for m in queries.messages(bob.store.conn, conv)} >= set(sent))
        assert queries.state(alice.store.conn) == queries.state(bob.store.conn)
    for a in (alice, bob, carol):
        await a.stop()
