"""The team board against a real server (its own thread; the Qt sessions on one qasync loop): the
lead's reports tab gets the server's figures; dragging a broken promise onto an agent reassigns it
with a reason, on the server and in that agent's client; a whisper reaches the agent as an internal
note; take over assigns the lead; offline the figures say as of when; an agent has no board."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from cs_desk.server import entities, teams
from cs_desk.store import queries
from cs_desk.sync.engine import State
from cs_desk.ui.monitor.drag_tables import conversation_mime
from tests.ui.test_conversation_live import live, run, sessions, stop  # noqa: F401 - fixture

__all__ = ["sessions"]


async def server_write(srv, fn):
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(srv.running.app.db.write(fn), srv.loop))


async def server_conv(srv, cid):
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(
        srv.running.app.db.read(lambda c: entities.load_conversation(c, cid)), srv.loop))


async def until(predicate, timeout: float = 20.0) -> None:
    """qtbot.waitUntil for code already on the qasync loop: the board redraws on Qt timers, which
    no sync notification follows, so the condition is polled (every 20 ms) instead of awaited."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        assert loop.time() < end, "timed out"
        await asyncio.sleep(0.02)


def drop_on_agent(board, conv_id: int, agent_id: int) -> None:
    table = board.agents
    row = next(r for r in range(table.rowCount()) if table.agent_at(r) == agent_id)
    rect = table.visualItemRect(table.item(row, 0))
    mime = conversation_mime(conv_id)  # the event does not own it: keep it alive while it is read
    ev = QDropEvent(QPointF(rect.center()), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    table.dropEvent(ev)


def test_a_lead_watches_reassigns_whispers_and_takes_over(qapp, qtbot, sessions, server_thread):  # noqa: F811
    lena, alice = sessions("lena"), sessions("alice")
    srv = server_thread
    alice_id, lena_id = srv.world.users["alice"], srv.world.users["lena"]
    c1, c2, c3 = srv.world.convs["a"]

    async def scenario():
        await live(lena, alice)
        alice.window.open_board()
        assert alice.window.board_window is None  # agents have no board
        # every open conversation of team a breaks its first-response promise at once
        await server_write(srv, lambda c: teams.set_team(c, "a", sla_first_response_s=1))
        lena.window.open_board()
        board = lena.window.board_window
        await until(lambda: board.breached.rowCount() == 3)

        panel = board.reports
        board.tabs.setCurrentWidget(panel)  # the figures are asked for while the tab is shown
        await until(lambda: panel.metrics.fresh)
        assert panel.model.index(0, 1).data() == "3"  # three conversations today
        assert panel.as_of.text().startswith("Live")

        board.tabs.setCurrentIndex(0)
        assert not panel.metrics.active  # hidden: no more questions to the server
        # drag c1 onto Alice: the transfer dialog opens with her chosen, and asks why
        drop_on_agent(board, c1, alice_id)
        dialog = board.dialog
        assert dialog.chosen_agent() == alice_id and dialog.isVisible()
        dialog.submit()
        assert dialog.isVisible() and "why" in dialog.error.text()
        qtbot.keyClicks(dialog.reason, "customer asked for Alice")
        dialog.submit()
        assert not dialog.isVisible()
        await alice.bridge.client.wait_for(
            lambda: (queries.conversation(alice.store.conn, c1) or {}).get("assignee_id") == alice_id, 20)
        assert (await server_conv(srv, c1)).assignee_id == alice_id

        # whisper to c2: an internal note Alice reads
        row = next(r for r in range(board.breached.rowCount()) if board.breached.conversation_at(r) == c2)
        board.breached.selectRow(row)
        assert board.selected_conversation() == c2
        board.whisper.click()
        board.dialog.text.setPlainText("offer the coupon")
        board.dialog.submit()
        await alice.bridge.client.wait_for(lambda: any(
            m["kind"] == "note" and m["body"] == "offer the coupon" for m in queries.messages(alice.store.conn, c2)), 20)

        # take over c3
        row = next(r for r in range(board.breached.rowCount()) if board.breached.conversation_at(r) == c3)
        board.breached.selectRow(row)
        board.take_over.click()
        await lena.bridge.client.wait_for(lambda: lena.store.outbox_count() == 0, 20)
        assert (await server_conv(srv, c3)).assignee_id == lena_id

        # offline: the last figures stay, marked as not live
        board.tabs.setCurrentWidget(panel)
        await stop(lena)
        await lena.bridge.client.wait_for(lambda: lena.engine.state is not State.LIVE, 20)
        qtbot.waitUntil(lambda: panel.as_of.text().startswith("Not live"), timeout=5000)
        assert panel.model.index(0, 1).data() == "3"
        await stop(alice)

    run(qapp, scenario())
