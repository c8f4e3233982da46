"""An agent sends images and PDFs (a size chart, a return label) against a real server: the file is
uploaded before the message naming it, so a reply written offline goes out with its file exactly once
when the network is back; the stored image has no EXIF; a file the server will not take fails its
message with the reason and the queue goes on; another team's file cannot be named."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json

from PIL import Image

from cs_desk.domain.file_types import LocalFile
from cs_desk.ops import actions
from cs_desk.store import file_cache, queries
from cs_desk.sync.engine import State
from tests.integration.test_files import fetch, photo_with_gps, request, upload
from tests.integration.test_routing_live import conv


def local_photo(name: str = "尺码表.jpg", data: bytes | None = None) -> LocalFile:
    data = data or photo_with_gps()
    img = Image.open(io.BytesIO(data))
    t = img.copy()
    t.thumbnail((320, 320))
    out = io.BytesIO()
    t.convert("RGB").save(out, "JPEG")
    return LocalFile(name, data, "image/jpeg", img.width, img.height, out.getvalue())


async def open_conversation(srv, alice) -> int:  # noqa: ANN001
    from tests.integration.test_intake import post

    code, res = await post(srv, {"customer": {"name": "王芳", "email": "wang@example.com"}, "body": "尺码怎么选？"},
                           idem=f"c-{id(alice)}")
    assert code == 201, res
    cid = res["conversation_id"]
    await alice.wait(lambda: conv(alice.store, cid) is not None)
    return cid


async def server_messages(srv, message_id: str) -> list[tuple]:  # noqa: ANN001
    return await srv.running.app.db.read(lambda c: [tuple(r) for r in c.exec_driver_sql(
        "SELECT m.id, m.body, f.sha256, f.name FROM messages m LEFT JOIN message_files f "
        "ON f.message_id = m.id WHERE m.id = ?", (message_id,)).fetchall()])


async def test_a_photo_written_offline_goes_out_once_without_its_gps(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    alice.client.stop()
    await alice.task
    assert alice.engine.state is State.OFFLINE

    f = local_photo()
    mid, ch = actions.send_reply(alice.store, cid, "请看尺码表", [f])
    assert ch.outbox and alice.store.outbox_count() == 1
    local = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    meta = json.loads(local["meta"])
    assert local["state"] == "pending" and meta["attachments"][0]["sha256"] == f.sha256
    assert file_cache.get(alice.store.conn, f.sha256, "thumb") == f.thumb  # the pane shows it offline
    assert file_cache.get(alice.store.conn, f.sha256, "full") == f.data
    assert conv(alice.store, cid)["last_message_preview"] == "请看尺码表"

    await alice.start()
    await alice.synced()
    assert alice.client.uploads == 1
    rows = await server_messages(srv, mid)
    assert len(rows) == 1 and rows[0][1] == "请看尺码表" and rows[0][3] == "尺码表.jpg"
    stored = rows[0][2]
    assert stored != f.sha256  # re-encoded on the server
    status, data, _h = await fetch(srv, alice, stored)
    assert status == 200 and hashlib.sha256(data).hexdigest() == stored
    assert not Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # GPS gone
    await alice.wait(lambda: json.loads(next(m for m in queries.messages(alice.store.conn, cid)
                                             if m["id"] == mid)["meta"])["attachments"][0]["sha256"] == stored)
    sent = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert sent["state"] == "sent"
    assert alice.store.conn.execute("SELECT count(*) FROM outbox_files").fetchone()[0] == 0  # bytes dropped
    assert file_cache.has(alice.store.conn, stored, "thumb")  # shown at once; the cleaned full file is fetched
    assert not file_cache.has(alice.store.conn, stored, "full")  # (the original, with its GPS, is not kept as it)

    # a colleague of the team reads it; another team's agent cannot fetch it by its hash
    bob, carol = await agents("bob"), await agents("carol")
    await bob.live()
    await carol.live()
    assert (await fetch(srv, bob, stored))[0] == 200
    assert (await fetch(srv, carol, stored))[0] == 404

    # offline again, a second message, the client restarted twice before it gets through: still once
    alice.client.stop()
    await alice.task
    mid2, _ = actions.send_reply(alice.store, cid, "", [local_photo("退货单.jpg", photo_with_gps(color=(10, 90, 200)))])
    for _ in range(2):
        await alice.start()
        await alice.live()  # cut as soon as it is back: the upload may or may not be through
        alice.client.stop()
        await alice.task
    await alice.start()
    await alice.synced()
    assert len(await server_messages(srv, mid2)) == 1
    n_files = await srv.running.app.db.read(lambda c: c.exec_driver_sql(
        "SELECT count(*) FROM message_files WHERE conversation_id = ?", (cid,)).scalar())
    assert n_files == 2
    assert conv(alice.store, cid)["last_message_preview"] == "📎 退货单.jpg"


async def test_a_file_the_server_refuses_fails_its_message_and_the_queue_goes_on(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # passes the local checks, refused by the server
    bad = LocalFile("cute.png", bomb.getvalue(), "image/png")
    mid, _ = actions.send_reply(alice.store, cid, "看图", [bad])
    actions.add_tag(alice.store, "conversation", cid, "尺码")
    alice.client.outbox_changed()
    await alice.synced()
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert m["state"] == "failed" and "megapixels" in m["error"]
    assert "尺码" in conv(alice.store, cid)["tags"]  # what came after it went through
    assert await server_messages(srv, mid) == []
    # the bytes stay for a retry (the agent may send again), and a retry fails the same clear way
    assert alice.store.conn.execute("SELECT count(*) FROM outbox_files").fetchone()[0] == 1
    alice.store.retry_failed(mid)
    alice.client.outbox_changed()
    await alice.synced()
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert m["state"] == "failed" and "megapixels" in m["error"]


async def test_files_are_refused_locally_before_anything_is_queued(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    exe = LocalFile("size-chart.png", b"MZ\x90\x00" + b"\x00" * 500, "image/png")
    huge = LocalFile("huge.jpg", b"\xff\xd8\xff" + b"\x00" * (10 * 2**20), "image/jpeg")
    for f, words in ((exe, "content"), (huge, "MiB")):
        try:
            actions.send_reply(alice.store, cid, "x", [f])
        except actions.InvalidAction as exc:
            assert words in str(exc) and f.name in str(exc)
        else:
            raise AssertionError("taken")
    try:
        actions.send_reply(alice.store, cid, "x", [local_photo(f"{i}.jpg") for i in range(11)])
    except actions.InvalidAction as exc:
        assert "10 files" in str(exc)
    assert alice.store.outbox_count() == 0


async def test_another_teams_file_cannot_be_named_and_a_customer_photo_can_be_passed_on(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    status, theirs = await upload(srv, photo_with_gps(), team="b")
    status_a, ours = await upload(srv, b"%PDF-1.4\n%%EOF\n", team="a")
    assert status == status_a == 201
    # a message naming a file by hash: only a file the team may read is taken
    store = alice.store
    bad_id, good_id = "0" * 8 + "-0000-4000-8000-" + "0" * 12, "1" * 8 + "-0000-4000-8000-" + "0" * 12
    bad = store.enqueue("message.send", {"conversation_id": cid, "message_id": bad_id,
                                         "body": "x", "attachments": [{"sha256": theirs["sha256"], "name": "a.jpg"}]})
    good = store.enqueue("message.send", {"conversation_id": cid, "message_id": good_id,
                                          "body": "转给你", "attachments": [{"sha256": ours["sha256"], "name": "单据.pdf"}]})
    assert bad and good
    alice.client.outbox_changed()
    await alice.synced()
    msgs = {m["id"]: m for m in queries.messages(store.conn, cid)}
    assert msgs[bad_id]["state"] == "failed"
    assert "uploaded for this team" in msgs[bad_id]["error"]
    assert msgs[good_id]["state"] == "sent"
    status, _b, _h = await fetch(srv, alice, theirs["sha256"])
    assert status == 404  # naming it granted nothing


async def test_uploading_the_same_bytes_again_is_harmless(srv, agents):
    alice = await agents("alice")
    await alice.live()
    token = alice.engine.tokens.get(alice.engine.token_key)
    data = photo_with_gps()
    answers = []
    for _ in range(2):
        status, body, _h = await asyncio.to_thread(request, f"{srv.running.http}/files", "POST", data,
                                                   {"Authorization": f"Bearer {token}"})
        assert status == 201
        answers.append(json.loads(body))
    assert answers[0] == answers[1] and answers[0]["sent_sha256"] == hashlib.sha256(data).hexdigest()
    n = await srv.running.app.db.read(lambda c: c.exec_driver_sql("SELECT count(*) FROM file_uploads").scalar())
    assert n == 1
    status, body, _h = await asyncio.to_thread(request, f"{srv.running.http}/files", "POST", data,
                                               {"Authorization": "Bearer forged"})
    assert status == 401


async def test_a_reused_message_id_with_files_is_refused_and_the_session_goes_on(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    f = local_photo()
    mid, _ = actions.send_reply(alice.store, cid, "x", [f])
    alice.client.outbox_changed()
    await alice.synced()
    alice.store.conn.execute("DELETE FROM messages WHERE id = ?", (mid,))
    alice.store.enqueue("message.send", {"conversation_id": cid, "message_id": mid, "body": "again",
                                         "attachments": [{"sha256": f.sha256, "name": "a.jpg"}]})
    actions.add_tag(alice.store, "conversation", cid, "之后")
    alice.client.outbox_changed()
    await alice.synced()
    assert alice.client.connections == 1  # no crashed session, no reconnect loop
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert m["state"] == "failed" and "already used" in m["error"]  # refused as a conflict
    assert "之后" in conv(alice.store, cid)["tags"]


async def test_a_server_that_takes_no_files_fails_the_message_and_the_queue_goes_on(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    srv.running.app.files = None  # as a server with no data directory
    mid, _ = actions.send_reply(alice.store, cid, "x", [local_photo()])
    actions.add_tag(alice.store, "conversation", cid, "之后")
    alice.client.outbox_changed()
    await alice.synced()
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert m["state"] == "failed" and "no data directory" in m["error"]
    assert "之后" in conv(alice.store, cid)["tags"]


async def test_uploads_that_keep_failing_end_with_a_reason_instead_of_a_stalled_queue(srv, agents):
    alice = await agents("alice")
    await alice.live()
    cid = await open_conversation(srv, alice)
    srv.running.app._upload_allowed = lambda *_a, **_k: False  # 429 every time
    alice.client.upload_retry_s = 0.005
    mid, _ = actions.send_reply(alice.store, cid, "x", [local_photo()])
    alice.client.outbox_changed()
    await alice.synced()
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == mid)
    assert m["state"] == "failed" and "could not be uploaded" in m["error"] and "too many files" in m["error"]


async def test_a_customer_message_names_only_its_senders_uploads(srv):
    from cs_desk.server import intake
    from tests.integration.test_intake import post

    other_key = await srv.running.app.db.write(lambda c: intake.add_api_key(c, "app-a", "a"))
    status, photo = await upload(srv, photo_with_gps())  # uploaded by the web-a channel
    assert status == 201
    msg = {"customer": {"name": "钱多多", "email": "qian@example.com"}, "body": "",
           "attachments": [{"sha256": photo["sha256"], "name": "别人的.jpg"}]}
    code, answer = await post(srv, msg, key=other_key, idem="other")
    assert (code, answer["error"]) == (404, "unknown_file")  # its hash alone opens nothing
    code, res = await post(srv, msg, idem="own")
    assert code == 201, res
    # in the same conversation the file may be named again (a resend), by its own channel
    code, res2 = await post(srv, {**msg, "conversation_id": res["conversation_id"]}, idem="own-2")
    assert code == 201 and res2["conversation_id"] == res["conversation_id"]
