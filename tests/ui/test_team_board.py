"""The team lead's board: waiting queue and longest wait, promises at risk and broken (most urgent
first), agents with load and their day; it follows synced changes within a second, alerts on a new
breach and a long queue, shows "as of" when offline, and opens a conversation on double-click."""

from datetime import UTC, datetime, timedelta

import pytest

from cs_desk.domain.clock import to_iso
from cs_desk.store.apply import apply_rows
from cs_desk.ui.monitor.team_board import TeamBoard
from cs_desk.views.board import Board
from cs_desk.views.desk import Desk
from tests.helpers.bulk import ME, big_store, conversation

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 14:00 in Beijing


def agent(i, name, presence="online", capacity=3, role="agent"):
    return {"k": "agent", "d": {"id": i, "name": name, "display_name": name, "team_id": "a", "role": role,
                                "capacity": capacity, "disabled": False, "presence": presence}}


def conv(i, **kw):
    return {"k": "conversation", "d": {**conversation(i), **kw}}


def at(minutes):
    return to_iso(NOW + timedelta(minutes=minutes))


OPEN: list = []


@pytest.fixture(autouse=True)
def _close_boards():
    yield
    while OPEN:  # a board's timers must not outlive its store (they would tick into later tests)
        store, board = OPEN.pop()
        board.close()


def setup(tmp_path):
    store = big_store(tmp_path / "c.sqlite3", conversations=0)
    store.set_session({**ME, "role": "lead"})
    with store.db.tx():
        apply_rows(store.conn, [
            agent(7, "Alice", role="lead"), agent(8, "Bob", capacity=1), agent(9, "Carol", presence="away"),
            conv(1, assignee_id=8, status="open", sla_due_at=at(-10), sla_warn_at=at(-20), sla_kind="first_response"),
            conv(2, assignee_id=None, status="open", waiting_since=at(-7), sla_due_at=at(5), sla_warn_at=at(-1),
                 sla_kind="first_response", priority="high"),
            conv(3, assignee_id=None, status="open", waiting_since=at(-2), sla_due_at=at(60), sla_warn_at=at(45)),
            conv(4, assignee_id=8, status="resolved", resolved_at=at(-30), first_response_at=at(-60),
                 created_at=at(-65), owner_id=8),
        ], store.me(), live=False)
    desk = Desk(store)
    board = Board(desk)
    board.now = lambda: NOW
    board.refresh()
    OPEN.append((store, board))
    return store, desk, board


def test_the_board_counts_what_a_lead_watches(qapp, tmp_path):
    store, _desk, board = setup(tmp_path)
    d = board.data
    assert (d.waiting, d.longest_wait_since) == (2, at(-7))
    assert [r.id for r in d.breached] == [1] and [r.id for r in d.at_risk] == [2]
    rows = {a.name: a for a in d.agents}
    assert (rows["Bob"].load, rows["Bob"].capacity, rows["Bob"].resolved_today) == (1, 1, 1)
    assert rows["Bob"].first_response_s == 300  # answered 5 min after it came in, today
    assert [a.name for a in d.agents][-1] == "Carol"  # away agents after the online ones
    assert board.queue_alarming()  # 7 minutes is past the 5-minute wait alert


def test_it_follows_synced_changes_and_alerts_on_a_new_breach(qapp, qtbot, tmp_path):
    store, desk, board = setup(tmp_path)
    alerts = []
    board.alert.connect(alerts.append)
    with store.db.tx():
        ch = apply_rows(store.conn, [conv(5, assignee_id=7, status="open", sla_due_at=at(-1), sla_warn_at=at(-3),
                                          sla_kind="resolution")], store.me(), live=True)
    desk.changed.emit(ch)
    qtbot.waitUntil(lambda: [r.id for r in board.data.breached] == [1, 5], timeout=1000)  # within a second
    assert alerts == ["breach"]


def test_the_window_draws_it_opens_conversations_and_acts_on_agents(qapp, qtbot, tmp_path):
    store, desk, board = setup(tmp_path)
    w = TeamBoard(board)
    qtbot.addWidget(w)
    w.show()
    assert w.waiting.text().startswith("2 waiting") and "color" in w.waiting.styleSheet()
    assert w.as_of.text().startswith("Offline: figures as of")  # never stale figures as live
    assert w.breached.rowCount() == 1 and "overdue" in w.breached.item(0, 4).text()
    opened = []
    w.openRequested.connect(opened.append)
    w.breached.cellDoubleClicked.emit(0, 1)
    assert opened == [1]
    bob = next(i for i in range(w.agents.rowCount()) if w.agents.item(i, 0).text() == "Bob")
    w.agents.selectRow(bob)
    w.capacity.setValue(4)
    w.set_capacity.click()
    w.away.click()
    ops = [(op, args) for _n, op, args in store.outbox_after(0, 100)]
    assert ops == [("agent.update", {"agent_id": 8, "capacity": 4, "presence": None}),
                   ("agent.update", {"agent_id": 8, "capacity": None, "presence": "away"})]
    qtbot.waitUntil(lambda: next(a for a in board.data.agents if a.id == 8).presence == "away", timeout=1000)


def test_the_menu_opens_it_for_a_lead_only(qapp, qtbot, tmp_path):
    from cs_desk.ui.main_window import MainWindow

    store, desk, _board = setup(tmp_path)
    win = MainWindow(desk)
    qtbot.addWidget(win)
    assert win.act_board.isEnabled()
    win.act_board.trigger()
    assert win.board_window is not None and win.board_window.isVisible()
    win.close()  # closing the desk stops the board's clock too
    assert not win.board_window.board._tick.isActive()
    store.set_session({**ME, "role": "agent"})
    agent_win = MainWindow(Desk(store))
    qtbot.addWidget(agent_win)
    assert not agent_win.act_board.isEnabled()
    agent_win.act_board.trigger()
    assert agent_win.board_window is None


def test_the_queue_alert_thresholds_are_the_leads_to_set(qapp, qtbot, tmp_path):
    store, _desk, board = setup(tmp_path)
    w = TeamBoard(board)
    qtbot.addWidget(w)
    saved = []
    w.thresholdsChanged.connect(lambda n, m: saved.append((n, m)))
    alerts = []
    board.alert.connect(alerts.append)
    assert board.queue_alarming()  # 7 minutes is past the 5-minute default
    w.wait_alert.setValue(0)  # waits alone no longer alert…
    w.queue_alert.setValue(3)  # …and two waiting are fewer than three
    assert not board.queue_alarming() and "color" not in w.waiting.styleSheet()
    w.queue_alert.setValue(2)
    assert board.queue_alarming() and alerts == ["queue"]
    assert saved[-1] == (2, 0)


def test_a_fresh_breach_is_highlighted_and_a_drop_asks_for_a_reason(qapp, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt
    from PySide6.QtGui import QDropEvent

    from cs_desk.ui.monitor.drag_tables import conversation_mime

    store, _desk, board = setup(tmp_path)
    board.now = lambda: NOW + timedelta(minutes=-9)  # conversation 1 broke a minute ago
    board.refresh()
    w = TeamBoard(board)
    qtbot.addWidget(w)
    assert w.breached.item(0, 0).background().color().name() == "#fde7e9"
    carol = next(i for i in range(w.agents.rowCount()) if w.agents.item(i, 0).text() == "Carol")
    pos = QPointF(w.agents.visualItemRect(w.agents.item(carol, 0)).center())
    junk = QMimeData()
    junk.setText("1")  # plain text dropped on an agent does nothing
    w.agents.dropEvent(QDropEvent(pos, Qt.DropAction.MoveAction, junk, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier))
    assert w.dialog is None
    mime = conversation_mime(1)
    w.agents.dropEvent(QDropEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier))
    assert w.dialog is not None and w.dialog.chosen_agent() == 9
    w.dialog.submit()
    assert store.outbox_count() == 0  # no reason, nothing sent
    w.dialog.reason.setPlainText("Carol speaks Cantonese")
    w.dialog.submit()
    ops = [(op, args) for _n, op, args in store.outbox_after(0, 100)]
    assert ops and ops[-1][0] == "conversation.transfer" and ops[-1][1]["to_agent_id"] == 9
    assert ops[-1][1]["reason"] == "Carol speaks Cantonese"
