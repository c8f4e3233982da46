"""Customer files in the workstation against a real server: the conversation shows its photos as
thumbnails fetched once and kept; the viewer opens the full photo (zoom, save as) and keeps it too;
offline, what was opened opens again and what was not says so. Images are decoded with an
allocation limit; the cache drops the least recently used files beyond its cap."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import urllib.request

from PIL import Image

from cs_desk.store import file_cache
from cs_desk.views.attachments import decode
from tests.integration.test_files import photo_with_gps
from tests.ui.test_conversation_live import live, run, sessions, stop  # noqa: F401 - fixture
from tests.ui.test_monitor_live import until

__all__ = ["sessions"]


def http(url, body, headers):  # noqa: ANN001, ANN201
    req = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(req, timeout=20) as resp:
        return json.loads(resp.read())


def customer_sends_files(srv) -> tuple[int, dict, dict]:  # noqa: ANN001
    key = {"Authorization": f"Bearer {srv.world.keys['a']}"}
    photo = http(f"{srv.running.http}/api/v1/files", photo_with_gps(), key)
    pdf = http(f"{srv.running.http}/api/v1/files", b"%PDF-1.4\n%%EOF\n", key)
    msg = {"customer": {"name": "李娜", "email": "li@example.com"}, "body": "包裹坏了，见图",
           "attachments": [{"sha256": photo["sha256"], "name": "破损.jpg"}, {"sha256": pdf["sha256"], "name": "单据.pdf"}]}
    res = http(f"{srv.running.http}/api/v1/messages", json.dumps(msg).encode(),
               {**key, "Content-Type": "application/json", "Idempotency-Key": "files-1"})
    return res["conversation_id"], photo, pdf


def test_thumbnails_viewer_and_offline(qapp, qtbot, sessions, server_thread, tmp_path):  # noqa: F811
    cid, photo, pdf = customer_sends_files(server_thread)
    alice = sessions("alice")

    async def scenario():
        await live(alice)
        await alice.bridge.client.wait_for(lambda: alice.desk.conversation(cid) is not None, 20)
        pane = alice.window.conversation
        alice.window.open_conversation(cid)
        await until(lambda: pane.attachments.count() == 2)
        assert pane.attachments.isVisible()
        await until(lambda: pane.attachments.loaded() == 1)  # the photo's thumbnail; the PDF has none
        thumb = pane.files.image(photo["sha256"], "thumb")
        assert thumb is not None and max(thumb.width(), thumb.height()) == 320

        viewer = pane.open_file(pane.attachments.item(0).data(256))
        await until(lambda: viewer.pixmap is not None)
        assert (viewer.pixmap.width(), viewer.pixmap.height()) == (1200, 800)
        before = viewer.scale
        viewer.zoom_in.click()
        assert viewer.scale > before
        target = tmp_path / "saved.jpg"
        assert viewer.save_to(target)
        assert hashlib.sha256(target.read_bytes()).hexdigest() == photo["sha256"]
        viewer.close()
        sidebar = alice.window.sidebar
        await until(lambda: sidebar.presenter.files.rowCount() == 2)  # the customer's files, newest first
        from_sidebar = sidebar.open_file(photo["sha256"])
        assert from_sidebar is not None and from_sidebar.pixmap is not None  # opened before: from the cache
        from_sidebar.close()

        await stop(alice)  # offline: what was opened opens again, from the cache
        pane.show_conversation(None)
        pane.show_conversation(cid)
        assert pane.attachments.count() == 2 and pane.attachments.loaded() == 1
        again = pane.open_file(pane.attachments.item(0).data(256))
        assert again.pixmap is not None
        again.close()
        never = pane.open_file(pane.attachments.item(1).data(256))  # the PDF was never opened
        assert "Offline" in never.image.text() and not never.save.isEnabled()
        never.close()

    run(qapp, scenario())


def test_decoding_is_limited_and_the_cache_has_a_cap(tmp_path):
    from cs_desk.store.store import Store

    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # 1.6 GB as RGBA: over the allocation limit
    assert decode(bomb.getvalue()) is None
    assert decode(b"not an image") is None
    ok = io.BytesIO()
    Image.new("RGB", (10, 10)).save(ok, "PNG")
    assert decode(ok.getvalue()).width() == 10

    store = Store(tmp_path / "c.sqlite3")
    try:
        for i in range(5):
            file_cache.put(store.conn, f"{i:064x}", "full", b"x" * 1000, cap=3000)
        kept = [r[0] for r in store.conn.execute("SELECT sha256 FROM file_cache ORDER BY used_at")]
        assert kept == [f"{i:064x}" for i in (2, 3, 4)]  # the least recently used went first
        assert file_cache.get(store.conn, f"{2:064x}", "full") == b"x" * 1000  # used again: now the newest
        file_cache.put(store.conn, f"{9:064x}", "full", b"y" * 1000, cap=3000)
        assert file_cache.get(store.conn, f"{3:064x}", "full") is None
        assert file_cache.get(store.conn, f"{2:064x}", "full") is not None
    finally:
        store.close()


def test_files_of_a_conversation_come_from_the_synced_messages(tmp_path):
    from cs_desk.store.apply import apply_rows
    from tests.helpers.bulk import big_store, conversation

    store = big_store(tmp_path / "c.sqlite3", conversations=0)
    meta = {"attachments": [{"sha256": "a" * 64, "name": "<b>x</b>.jpg", "mime": "image/jpeg", "size": 5,
                             "thumbnail": True}]}
    with store.db.tx():
        apply_rows(store.conn, [
            {"k": "conversation", "d": conversation(1)},
            {"k": "message", "d": {"id": "m1", "conversation_id": 1, "author_kind": "customer", "author_id": None,
                                   "kind": "reply", "body": "", "created_at": "2026-12-03T01:00:00.000000Z",
                                   "meta": meta}},
        ], store.me(), live=False)
    try:
        files = file_cache.conversation_files(store.conn, 1)
        assert [(f["sha256"], f["name"]) for f in files] == [("a" * 64, "<b>x</b>.jpg")]
        assert file_cache.customer_files(store.conn, conversation(1)["customer_id"])[0]["message_id"] == "m1"
    finally:
        store.close()


def test_thumbnails_of_synced_messages_are_fetched_ahead(qapp, qtbot, sessions, server_thread):  # noqa: F811
    alice = sessions("alice")

    async def scenario():
        await live(alice)
        cid, photo, _pdf = await asyncio.to_thread(customer_sends_files, server_thread)  # while Alice looks elsewhere
        pane = alice.window.conversation
        await until(lambda: pane.files.has(photo["sha256"], "thumb"))
        await stop(alice)
        alice.window.open_conversation(cid)  # offline, never opened before: its photo shows anyway
        assert pane.attachments.count() == 2 and pane.attachments.loaded() == 1

    run(qapp, scenario())
