"""End to end across both ends: a customer in a real headless Chromium sends a photo from the web
chat, and the agent's workstation (real Qt pane, real sync client, real server) shows its thumbnail."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from cs_desk.server import visitors
from tests.end2end.test_widget_browser import ARGS, CHROMIUM
from tests.integration.test_files import photo_with_gps
from tests.ui.test_conversation_live import live, run, sessions  # noqa: F401 - fixture
from tests.ui.test_monitor_live import until

__all__ = ["sessions"]
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is installed by .ci/run")


def customer_sends_photo(http: str, wid: str, photo: str) -> None:
    """The visitor's side, on a thread of its own (Playwright's sync API; Qt owns this test's loop)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(locale="zh-CN")
        page.goto(f"{http}/widget/?w={wid}&prechat=0")
        page.wait_for_selector("#status:has-text('已连接')")
        page.fill("#input", "快递到的时候盒子就破了")
        page.set_input_files("#file", photo)
        page.wait_for_selector("#messages li.me:not(.pending)")
        b.close()


def test_a_photo_from_the_browser_shows_as_a_thumbnail_in_the_pane(qapp, qtbot, sessions, server_thread, tmp_path):  # noqa: F811
    wid = asyncio.run_coroutine_threadsafe(server_thread.running.app.db.write(
        lambda c: visitors.add_widget(c, "a")), server_thread.loop).result(20)
    photo = tmp_path / "破损.jpg"
    photo.write_bytes(photo_with_gps())
    alice = sessions("alice")

    def web_conversation() -> int | None:
        row = alice.store.conn.execute("SELECT id FROM conversations WHERE channel = 'web'").fetchone()
        return row[0] if row else None

    async def scenario():
        await live(alice)
        await asyncio.to_thread(customer_sends_photo, server_thread.running.http, wid, str(photo))
        await until(lambda: web_conversation() is not None)
        alice.window.open_conversation(web_conversation())
        pane = alice.window.conversation
        await until(lambda: pane.attachments.count() == 1 and pane.attachments.loaded() == 1)
        item = pane.attachments.item(0)
        assert item.text() == "破损.jpg" and not item.icon().isNull()
        assert pane.files.image(item.data(256)["sha256"], "thumb").width() == 320

    run(qapp, scenario())
