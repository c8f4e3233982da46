from cs_desk.ops import actions
from cs_desk.store import queries


async def test_login_snapshot_and_reply(srv, agents):
    alice = await agents("alice")
    await alice.live()
    counts = queries.counts(alice.store.conn)
    assert counts["conversations"] == 3
    conv = srv.world.convs["a"][0]
    mid, _ = actions.send_reply(alice.store, conv, "您好，已为您催促仓库发货")
    alice.client.outbox_changed()
    await alice.synced()
    msgs = queries.messages(alice.store.conn, conv)
    assert msgs[-1]["id"] == mid and msgs[-1]["state"] == "sent"
