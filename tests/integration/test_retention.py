"""Event-log retention against a real server: old events are deleted (the newest stays), a client
offline for longer gets a snapshot and ends in the same state as one that never left, with its own
queued changes delivered once; the team metrics after the prune equal those before it."""

from __future__ import annotations

import asyncio

from cs_desk.domain import metrics_state
from cs_desk.ops import actions
from cs_desk.server.metrics import MetricsService
from cs_desk.server.retention import prune_events
from cs_desk.store import queries
from cs_desk.sync.engine import State
from tests.integration.test_routing_live import conv


def fold_dump(db) -> dict:  # noqa: ANN001
    svc = MetricsService()
    try:
        with db.read_tx() as c:
            svc.start(c)
        return metrics_state.dump(svc.fold, svc.cursor)
    finally:
        svc.close()


async def test_a_client_behind_the_retention_gets_a_snapshot_and_loses_nothing(srv, agents):
    db = srv.running.app.db
    alice, bob = await agents("alice"), await agents("bob")
    await alice.live()
    await bob.live()
    cid = srv.world.convs["a"][0]
    alice.client.stop()
    await alice.task
    note_id, _ = actions.add_note(alice.store, cid, "离线时写的备注")  # queued while offline
    mid, _ = actions.send_reply(bob.store, cid, "物流已经更新")
    actions.add_tag(bob.store, "conversation", cid, "物流")
    bob.client.outbox_changed()
    await bob.synced()

    before = await asyncio.to_thread(fold_dump, db)
    head = srv.running.app.hub.head
    got = await asyncio.to_thread(prune_events, db, 0)
    assert got["deleted"] > 0 and got["left"] == 1 and got["floor"] == head - 1  # only the newest stays
    assert await asyncio.to_thread(fold_dump, db) == before  # the figures survive the prune

    states: list = []
    alice.engine.listeners.append(lambda what, p: states.append(p) if what == "state" else None)
    await alice.start()
    await alice.wait(lambda: alice.engine.state is State.LIVE and alice.store.outbox_count() == 0)
    assert State.SNAPSHOT in states  # behind the retention: a snapshot, not a catch-up
    await bob.wait(lambda: any(m["id"] == note_id for m in queries.messages(bob.store.conn, cid)))
    mine = [m["id"] for m in queries.messages(alice.store.conn, cid)]
    assert mid in mine and note_id in mine and len(mine) == len(set(mine))
    assert sorted(mine) == sorted(m["id"] for m in queries.messages(bob.store.conn, cid))
    assert conv(alice.store, cid)["tags"] == conv(bob.store, cid)["tags"] == ["物流"]
    server_notes = await db.read(lambda c: c.exec_driver_sql(
        "SELECT count(*) FROM messages WHERE id = ?", (note_id,)).scalar())
    assert server_notes == 1


def test_the_cli_prunes_and_says_what_it_did(tmp_path, capsys):
    from cs_desk.server.cli import main
    from tests.helpers.seed import seed

    seed(tmp_path / "d")
    assert main(["prune-events", "--data", str(tmp_path / "d"), "--older-than-days", "0"]) == 0
    out = capsys.readouterr().out
    assert "deleted" in out and "snapshot" in out
