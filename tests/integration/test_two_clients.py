"""Two real clients against a real server: changes flow both ways; teams stay apart."""

from cs_desk.ops import actions
from cs_desk.store import queries


async def test_each_sees_the_others_changes(srv, agents):
    alice, bob = await agents("alice"), await agents("bob")
    await alice.live()
    await bob.live()
    conv = srv.world.convs["a"][1]
    cust = srv.world.customers["a"][1]

    mid, _ = actions.send_reply(alice.store, conv, "亲，您好！订单已发货")
    actions.add_tag(alice.store, "conversation", conv, "物流")
    actions.claim(alice.store, conv)
    alice.client.outbox_changed()
    await alice.synced()
    await bob.wait(lambda: (c := queries.conversation(bob.store.conn, conv)) is not None
                   and "物流" in c["tags"] and c["assignee_id"] == srv.world.users["alice"])
    assert any(m["id"] == mid for m in queries.messages(bob.store.conn, conv))

    nid, _ = actions.add_note(bob.store, conv, "internal: warehouse confirmed")
    actions.update_customer(bob.store, cust, "region", "浙江")
    actions.add_tag(bob.store, "customer", cust, "VIP")
    bob.client.outbox_changed()
    await bob.synced()
    await alice.wait(lambda: (c := queries.customer(alice.store.conn, cust))["region"] == "浙江" and "VIP" in c["tags"])
    assert any(m["id"] == nid and m["kind"] == "note" for m in queries.messages(alice.store.conn, conv))

    actions.resolve(alice.store, conv)
    alice.client.outbox_changed()
    await bob.wait(lambda: queries.conversation(bob.store.conn, conv)["status"] == "resolved")
    assert queries.state(alice.store.conn) == queries.state(bob.store.conn)


async def test_bob_cannot_resolve_alices_conversation_but_lead_can(srv, agents):
    alice, bob, lena = await agents("alice"), await agents("bob"), await agents("lena")
    for a in (alice, bob, lena):
        await a.live()
    conv = srv.world.convs["a"][2]
    actions.claim(alice.store, conv)
    alice.client.outbox_changed()
    await bob.wait(lambda: queries.conversation(bob.store.conn, conv)["assignee_id"] == srv.world.users["alice"])
    actions.resolve(bob.store, conv)
    bob.client.outbox_changed()
    await bob.synced()
    notes = queries.notices(bob.store.conn)
    assert notes and notes[-1]["code"] == "forbidden"
    # the optimistic "resolved" was rolled back by the server's state
    assert queries.conversation(bob.store.conn, conv)["status"] == "open"
    # a second claim loses the precondition
    actions.claim(bob.store, conv)
    bob.client.outbox_changed()
    await bob.synced()
    assert queries.notices(bob.store.conn)[-1]["code"] == "conflict"
    actions.assign(lena.store, conv, srv.world.users["bob"], expected_assignee_id=srv.world.users["alice"])
    actions.resolve(lena.store, conv)
    lena.client.outbox_changed()
    await alice.wait(lambda: (c := queries.conversation(alice.store.conn, conv))["status"] == "resolved"
                     and c["assignee_id"] == srv.world.users["bob"])


async def test_other_team_sees_nothing_and_every_mutation_is_rejected(srv, agents):
    carol, alice = await agents("carol"), await agents("alice")
    await carol.live()
    await alice.live()
    b_convs = set(srv.world.convs["b"])
    conn = carol.store.conn
    assert {r[0] for r in conn.execute("SELECT id FROM conversations")} == b_convs
    assert {r[0] for r in conn.execute("SELECT DISTINCT conversation_id FROM messages")} <= b_convs
    assert {r[0] for r in conn.execute("SELECT id FROM customers")} == set(srv.world.customers["b"])
    assert {r[0] for r in conn.execute("SELECT team_id FROM agents")} == {"b"}

    conv, cust = srv.world.convs["a"][0], srv.world.customers["a"][0]
    mid, _ = actions.send_reply(carol.store, conv, "cross-team reply")
    nid, _ = actions.add_note(carol.store, conv, "cross-team note")
    attempts = [
        lambda: actions.add_tag(carol.store, "conversation", conv, "x"),
        lambda: actions.remove_tag(carol.store, "conversation", conv, "x"),
        lambda: actions.add_tag(carol.store, "customer", cust, "x"),
        lambda: actions.remove_tag(carol.store, "customer", cust, "x"),
        lambda: actions.set_status(carol.store, conv, "pending"),
        lambda: actions.claim(carol.store, conv),
        lambda: actions.assign(carol.store, conv, srv.world.users["carol"], None),
        lambda: actions.update_customer(carol.store, cust, "note", "hacked"),
    ]
    for attempt in attempts:
        attempt()
    carol.client.outbox_changed()
    await carol.synced()
    refused = queries.notices(conn)
    assert len(refused) == len(attempts)
    assert {n["code"] for n in refused} <= {"forbidden"}
    failed = {r["id"]: r for r in map(dict, conn.execute("SELECT * FROM messages WHERE state='failed'"))}
    assert set(failed) == {mid, nid}
    assert all("another team" in r["error"] for r in failed.values())

    # nothing of it reached team a
    actions.add_tag(alice.store, "conversation", conv, "marker")
    alice.client.outbox_changed()
    await alice.synced()
    c = queries.conversation(alice.store.conn, conv)
    assert c["status"] == "open" and c["assignee_id"] is None and c["tags"] == ["marker"]
    assert queries.customer(alice.store.conn, cust)["note"] == ""
    assert not [m for m in queries.messages(alice.store.conn, conv) if m["id"] in (mid, nid)]
    # and carol still received nothing of team a, not even the marker event
    assert conn.execute("SELECT count(*) FROM conversations WHERE team_id='a'").fetchone()[0] == 0


async def test_admin_sees_all_teams(srv, agents):
    root = await agents("root")
    await root.live()
    ids = {r[0] for r in root.store.conn.execute("SELECT id FROM conversations")}
    assert ids == set(srv.world.convs["a"]) | set(srv.world.convs["b"])
