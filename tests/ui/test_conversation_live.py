"""Two agents against a real server (on its own thread; the Qt sessions run on one qasync loop):
each sees the other viewing and typing in a conversation, and a transfer reaches the new owner with
its system line in the reader's language."""

from __future__ import annotations

import contextlib

import pytest
import shiboken6
from PySide6.QtCore import Qt

from cs_desk import gui
from cs_desk.store.store import Store
from cs_desk.sync.engine import State
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.views.message_model import TEXT_ROLE
from tests.helpers.seed import PASSWORD


def close_window(w) -> None:
    w.close()
    for x in (getattr(w, "picker", None), w):
        if x is not None and shiboken6.isValid(x):
            shiboken6.delete(x)  # no timer of it may fire once its cache is closed


def run(qapp, coro):
    return gui.run_loop(qapp, lambda: coro)


@pytest.fixture
def sessions(qapp, server_thread, tmp_path):
    made = []

    def login(user: str) -> gui.Session:
        store = Store(tmp_path / f"{user}.sqlite3")
        s = gui.open_session(store, server_thread.url, MemoryTokenStore(), None, (user, PASSWORD))
        s.engine.backoff.base, s.engine.backoff.cap = 0.02, 0.2
        s.window.show()
        made.append(s)
        return s

    yield login
    for s in made:
        close_window(s.window)
        s.store.close()


async def live(*ss) -> None:
    for s in ss:
        s.bridge.start()
    for s in ss:
        await s.bridge.client.wait_for(lambda s=s: s.engine.state is State.LIVE, 20)


async def stop(*ss) -> None:
    for s in ss:
        with contextlib.suppress(Exception):
            await s.bridge.stop()


def test_two_agents_see_each_other(qapp, qtbot, sessions, server_thread):
    alice, bob = sessions("alice"), sessions("bob")
    conv = server_thread.world.convs["a"][0]

    async def scenario():
        await live(alice, bob)
        bob.window.open_conversation(conv)
        assert bob.window.conversation.conv_id == conv
        alice.window.open_conversation(conv)
        banner = bob.window.conversation.collision
        await bob.bridge.client.wait_for(lambda: banner.text() == "Alice is viewing", 20)
        qtbot.keyClicks(alice.window.conversation.composer.edit, "hello")
        await bob.bridge.client.wait_for(lambda: banner.text() == "Alice is typing…", 20)
        # Bob sees Alice too, the other way round.
        await alice.bridge.client.wait_for(
            lambda: alice.window.conversation.collision.text() == "Bob is viewing", 20)
        alice.window.conversation.show_conversation(None)
        await bob.bridge.client.wait_for(lambda: banner.isHidden(), 20)
        await stop(alice, bob)

    run(qapp, scenario())


def test_transfer_reaches_the_new_owner_with_a_translated_line(qapp, qtbot, sessions, server_thread):
    alice, bob = sessions("alice"), sessions("bob")
    conv = server_thread.world.convs["a"][1]
    bob_id = server_thread.world.users["bob"]
    reason = "顾客要退款 <script>alert(1)</script>"

    async def scenario():
        await live(alice, bob)
        pane = alice.window.conversation
        alice.window.open_conversation(conv)
        assert pane.transfer.isEnabled()  # unassigned: anyone of the team may hand it on
        qtbot.mouseClick(pane.transfer, Qt.MouseButton.LeftButton)
        d = pane._transfer_dialog
        assert d.select_agent(bob_id)
        d.reason.setPlainText(reason)
        d.ok.click()
        assert alice.store.outbox_count() == 1
        await alice.bridge.client.wait_for(lambda: alice.store.outbox_count() == 0, 20)
        await bob.bridge.client.wait_for(
            lambda: (bob.desk.conversation(conv) or {}).get("assignee_id") == bob_id, 20)
        bob.window.open_conversation(conv)
        m = bob.window.conversation.model
        await bob.bridge.client.wait_for(lambda: any(m.index(r).data(TEXT_ROLE) ==
                                                     f"Alice transferred this conversation to Bob (售前 A): {reason}"
                                                     for r in range(m.rowCount())), 20)
        assert bob.window.conversation.transfer.isEnabled()  # his now
        bob.window.grab()
        await stop(alice, bob)

    run(qapp, scenario())
