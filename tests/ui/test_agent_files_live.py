"""The agent attaches images to a reply in the workstation against a real server: a pasted
screenshot and a dropped photo wait under the reply box, a dropped executable is refused with the
reason, and the reply written offline shows its thumbnails at once, then reaches the server exactly
once when the network is back (with the photo's GPS gone)."""

from __future__ import annotations

import asyncio
import io
import json

from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage

from cs_desk.store import queries
from tests.integration.test_files import photo_with_gps
from tests.ui.test_attachments_live import customer_sends_files
from tests.ui.test_conversation_live import live, run, sessions, stop  # noqa: F401 - fixture
from tests.ui.test_monitor_live import until

__all__ = ["sessions"]


def server_rows(srv, mid: str) -> list[tuple]:  # noqa: ANN001
    fut = asyncio.run_coroutine_threadsafe(srv.running.app.db.read(lambda c: [tuple(r) for r in c.exec_driver_sql(
        "SELECT m.body, f.name, f.sha256 FROM messages m JOIN message_files f ON f.message_id = m.id "
        "WHERE m.id = ? ORDER BY f.position", (mid,)).fetchall()]), srv.loop)
    return fut.result(20)


def test_images_pasted_and_dropped_offline_go_out_once(qapp, qtbot, sessions, server_thread, tmp_path):  # noqa: F811
    cid, _photo, _pdf = customer_sends_files(server_thread)
    alice = sessions("alice")
    photo = tmp_path / "尺码表.jpg"
    photo.write_bytes(photo_with_gps(color=(30, 160, 90)))
    exe = tmp_path / "label.png"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 800)

    async def scenario():
        await live(alice)
        await alice.bridge.client.wait_for(lambda: alice.desk.conversation(cid) is not None, 20)
        alice.window.open_conversation(cid)
        pane = alice.window.conversation
        await until(lambda: pane.attachments.count() == 2 and pane.attachments.loaded() == 1)
        await stop(alice)  # offline from here

        composer = pane.composer
        shot = QImage(640, 400, QImage.Format.Format_RGB32)
        shot.fill(QColor("#3366cc"))
        pasted = QMimeData()
        pasted.setImageData(shot)
        assert composer.edit.canInsertFromMimeData(pasted)
        composer.edit.insertFromMimeData(pasted)
        dropped = QMimeData()
        dropped.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(exe))])
        composer.edit.insertFromMimeData(dropped)
        assert len(composer.files()) == 2 and composer.edit.toPlainText() == ""  # no path typed as text
        assert pane.banner.isVisible() and "label.png" in pane.banner.text()  # the exe, refused with why
        assert composer.pending.isVisible()
        composer.edit.setPlainText("这是尺码表和截图")
        composer.button.click()
        assert composer.files() == [] and not composer.pending.isVisible()

        msgs = queries.messages(alice.store.conn, cid)
        mine = msgs[-1]
        assert mine["state"] == "pending" and mine["body"] == "这是尺码表和截图"
        names = [f["name"] for f in json.loads(mine["meta"])["attachments"]]
        assert names[1] == "尺码表.jpg" and names[0].endswith(".png")
        await until(lambda: pane.attachments.count() == 4)
        assert pane.attachments.loaded() == 3  # the customer's photo, and both new ones from this computer
        row = pane.model.rowCount() - 1
        from cs_desk.views.message_model import TEXT_ROLE

        assert "Attachment: 尺码表.jpg" in pane.model.index(row, 0).data(TEXT_ROLE)
        assert alice.desk.store.outbox_count() == 1

        await live(alice)
        await alice.bridge.client.wait_for(lambda: alice.desk.store.outbox_count() == 0, 20)
        rows = server_rows(server_thread, mine["id"])
        assert [r[1] for r in rows] == names and {r[0] for r in rows} == {"这是尺码表和截图"}
        from tests.integration.test_files import request

        token = alice.engine.tokens.get(alice.engine.token_key)
        status, data, _h = await asyncio.to_thread(request, f"{server_thread.running.http}/files/{rows[1][2]}", "GET",
                                                    None, {"Authorization": f"Bearer {token}"})
        assert status == 200 and not Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
        await until(lambda: queries.messages(alice.store.conn, cid)[-1]["state"] == "sent")
        assert pane.attachments.loaded() == 3  # the stored files' thumbnails are already here

    run(qapp, scenario())
