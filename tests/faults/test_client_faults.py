"""Faults on the agent's side, against a real server: the disk fills up, the agent's rights change
while they are offline, the laptop's clock is a day off. Each ends with client and server agreeing,
nothing lost or doubled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cs_desk.errors import StoreError
from cs_desk.ops import actions
from cs_desk.store import queries
from cs_desk.sync import engine as engine_module
from cs_desk.sync.engine import State
from tests.integration.test_intake import post
from tests.integration.test_routing_live import conv


def fill_disk(store) -> None:  # noqa: ANN001
    """The cache's disk is full: SQLite may not grow the file by a single page more."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(store) -> None:  # noqa: ANN001
    store.conn.execute("PRAGMA max_page_count = 1073741823")


async def test_a_full_disk_refuses_new_work_clearly_and_loses_nothing(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = srv.world.convs["a"][0]
    alice.client.stop()
    await alice.task
    kept, _ = actions.send_reply(alice.store, cid, "磁盘满之前写的")
    fill_disk(alice.store)
    with pytest.raises(StoreError, match="free some disk space"):
        for i in range(10_000):  # until the last free page is used
            actions.send_reply(alice.store, cid, "x" * 1500 + str(i))
    before = alice.store.outbox_count()
    with pytest.raises(StoreError):
        actions.send_reply(alice.store, cid, "满了还在写" * 100)
    assert alice.store.outbox_count() == before  # the refused one left nothing half-written
    assert not any(m["body"].startswith("满了还在写") for m in queries.messages(alice.store.conn, cid))

    # online with the disk still full: the server's pages cannot be applied; the client says why,
    # keeps running and tries again later, and nothing is applied halfway
    code, res = await post(srv, {"customer": {"name": "陈晨", "email": "chen@example.com"}, "body": "在吗"},
                           idem="full-1")
    assert code == 201
    await alice.start()
    await alice.wait(lambda: alice.client.last_store_error is not None, 30)
    assert not alice.task.done()  # still running
    free_disk(alice.store)
    await alice.wait(lambda: alice.engine.state is State.LIVE and alice.store.outbox_count() == 0, 60)
    await alice.wait(lambda: queries.conversation(alice.store.conn, res["conversation_id"]) is not None)
    ids = await srv.running.app.db.read(lambda c: [r[0] for r in c.exec_driver_sql(
        "SELECT id FROM messages WHERE conversation_id = ? AND author_kind = 'agent'", (cid,)).fetchall()])
    assert kept in ids and len(ids) == len(set(ids)) == before  # every saved reply arrived, once


async def test_rights_changed_while_offline_reject_only_what_they_forbid(srv, agents):
    alice, lena = await agents("alice"), await agents("lena")
    await alice.live()
    await lena.live()
    moved, stays = srv.world.convs["a"][0], srv.world.convs["a"][1]
    alice.client.stop()
    await alice.task
    # offline, alice works on two conversations; meanwhile her lead moves one to another team
    gone, _ = actions.send_reply(alice.store, moved, "这条发不出去了")
    actions.add_tag(alice.store, "conversation", moved, "已转走")
    fine, _ = actions.send_reply(alice.store, stays, "这条照常发出")
    actions.add_tag(alice.store, "conversation", stays, "照常")
    actions.transfer(lena.store, moved, conv(lena.store, moved)["assignee_id"], "售后处理", to_team_id="b")
    lena.client.outbox_changed()
    await lena.synced()

    await alice.start()
    await alice.synced()
    msgs = {m["id"]: m for m in queries.messages(alice.store.conn, stays)}
    assert msgs[fine]["state"] == "sent" and "照常" in conv(alice.store, stays)["tags"]
    notices = queries.notices(alice.store.conn)
    assert any(n["code"] == "forbidden" and "another team" in n["reason"] for n in notices)  # the tag, said
    assert conv(alice.store, moved) is None  # the moved conversation left her cache with its team
    on_server = await srv.running.app.db.read(lambda c: [r[0] for r in c.exec_driver_sql(
        "SELECT id FROM messages WHERE id IN (?, ?)", (gone, fine)).fetchall()])
    assert on_server == [fine]


@pytest.mark.parametrize("skew_h", [24, -24])
async def test_a_clock_a_day_off_still_counts_deadlines_down_right(srv, agents, monkeypatch, skew_h):
    real = datetime

    class Skewed(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return real.now(tz) + timedelta(hours=skew_h)

    monkeypatch.setattr(engine_module, "datetime", Skewed)
    alice = await agents("alice")
    await alice.live()
    offset = alice.store.clock_offset()
    assert abs(offset + skew_h * 3600) < 5  # the welcome's server_time gave the difference
    code, res = await post(srv, {"customer": {"name": "孙丽", "email": "sun@example.com"}, "body": "急"},
                           idem=f"skew{skew_h}")
    cid = res["conversation_id"]
    await alice.wait(lambda: (c := conv(alice.store, cid)) is not None and c["sla_due_at"] is not None)
    due = real.fromisoformat(conv(alice.store, cid)["sla_due_at"].replace("Z", "+00:00"))
    laptop_now = Skewed.now(UTC)
    server_now = laptop_now + timedelta(seconds=offset)  # what views.desk.Desk.server_now computes
    left = (due - server_now).total_seconds()
    truly_left = (due - real.now(UTC)).total_seconds()
    assert abs(left - truly_left) < 5 and left > 0  # not a day early, not a day late
