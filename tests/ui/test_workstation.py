"""The workstation window against a real server: replies pending → sent, offline → sent after
reconnect, a refused reply shows why, customer markup stays literal text."""

import asyncio
import json
import urllib.request

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cs_desk import gui
from cs_desk.store.store import Store
from cs_desk.sync.engine import State
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.views.message_model import ERROR_ROLE, STATE_ROLE
from tests.helpers.seed import PASSWORD

PAYLOADS = ['<script>alert("x")</script>', '<img src="http://127.0.0.1:9/track.png" onerror=alert(1)>',
            "<b>bold</b> &amp; <a href='http://evil.example/'>click</a>", "<style>*{display:none}</style>hidden?",
            "javascript:alert(1)", "普通文本 <i>斜体</i>"]


@pytest.fixture
def session(qapp, server_thread, tmp_path):
    store = Store(tmp_path / "alice.sqlite3")
    s = gui.open_session(store, server_thread.url, MemoryTokenStore(), None, ("alice", PASSWORD))
    s.engine.backoff.base, s.engine.backoff.cap = 0.02, 0.2
    s.window.show()
    yield s
    s.window.close()
    store.close()


def run(qapp, coro):
    return gui.run_loop(qapp, lambda: coro)


async def live(s):
    s.bridge.start()
    await s.bridge.client.wait_for(lambda: s.engine.state is State.LIVE, 20)


def open_team_conversation(s, conv_id):
    s.window.queue.tabs.setCurrentIndex(2)  # Team
    assert s.window.queue.select(conv_id)
    assert s.window.conversation.conv_id == conv_id


def last_row_state(s):
    m = s.window.conversation.model
    idx = m.index(m.rowCount() - 1)
    return idx.data(STATE_ROLE), idx.data(ERROR_ROLE), idx.data()


def test_reply_pending_then_sent(qapp, qtbot, session, server_thread):
    s = session

    async def scenario():
        await live(s)
        conv = server_thread.world.convs["a"][0]
        open_team_conversation(s, conv)
        s.window.conversation.composer.edit.insertPlainText("您好，马上为您处理")  # QTest types ASCII only
        qtbot.keyClick(s.window.conversation.composer.edit, Qt.Key.Key_Return)
        assert last_row_state(s)[0] == "pending"
        assert s.window.conversation.composer.edit.toPlainText() == ""
        await s.bridge.client.wait_for(lambda: last_row_state(s)[0] == "sent" and s.window.outbox.count == 0, 20)
        await s.bridge.stop()

    run(qapp, scenario())


def test_offline_reply_stays_pending_then_goes(qapp, qtbot, session, server_thread):
    s = session

    async def scenario():
        await live(s)
        await s.bridge.stop()
        assert s.window.connection.state == "offline"
        conv = server_thread.world.convs["a"][1]
        open_team_conversation(s, conv)
        qtbot.keyClicks(s.window.conversation.composer.edit, "offline reply")
        qtbot.keyClick(s.window.conversation.composer.edit, Qt.Key.Key_Return)
        assert last_row_state(s)[0] == "pending" and s.window.outbox.count == 1
        s.bridge.start()
        await s.bridge.client.wait_for(lambda: last_row_state(s)[0] == "sent" and s.window.outbox.count == 0, 20)
        assert s.window.connection.state == "live"
        await s.bridge.stop()

    run(qapp, scenario())


def test_refused_reply_shows_failed_with_reason(qapp, session):
    s = session

    async def scenario():
        await live(s)
        s.desk.send(999_999, "to a conversation that does not exist")
        s.window.conversation.show_conversation(999_999)
        await s.bridge.client.wait_for(lambda: last_row_state(s)[0] == "failed", 20)
        state, error, _ = last_row_state(s)
        assert "does not exist" in error
        await s.bridge.stop()

    run(qapp, scenario())


def post(http, key, body, idem):
    req = urllib.request.Request(f"{http}/api/v1/messages", method="POST", data=json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {key}", "Idempotency-Key": idem,
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def test_customer_markup_is_literal_text(qapp, session, server_thread):
    s = session

    async def scenario():
        await live(s)
        res = None
        for i, p in enumerate(PAYLOADS):
            res = await asyncio.to_thread(post, server_thread.running.http, server_thread.world.keys["a"],
                                          {"customer": {"name": PAYLOADS[0], "email": "x@example.com"}, "body": p},
                                          f"p{i}")
        conv = res["conversation_id"]
        await s.bridge.client.wait_for(lambda: s.window.queue.model.row_of(conv) is not None or
                                       s.desk.conversation(conv) is not None, 20)
        s.window.queue.tabs.setCurrentIndex(1)  # Unassigned
        await s.bridge.client.wait_for(lambda: s.window.queue.select(conv), 20)
        m = s.window.conversation.model
        bodies = [m.index(r).data() for r in range(m.rowCount())]
        assert bodies == PAYLOADS
        title = s.window.conversation.title
        assert title.text() == PAYLOADS[0] and title.textFormat() == Qt.TextFormat.PlainText
        for label in s.window.findChildren(QLabel):
            assert label.textFormat() != Qt.TextFormat.RichText or label.text() == ""
        row = s.window.queue.model.row_of(conv)
        assert s.window.queue.model.index(row, 0).data() == PAYLOADS[0]
        s.window.grab()  # painting the bubbles must not fetch anything or fail
        await s.bridge.stop()

    run(qapp, scenario())
