"""Status-bar segments over a real cache: my presence (optimistic, sent through the outbox), the next
SLA breach among my conversations (server clock, click opens), and the outbox popup."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import to_iso
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.ui.main_window import MainWindow
from cs_desk.ui.statusbar.outbox import OutboxSegment
from cs_desk.ui.statusbar.presence import PresenceSegment
from cs_desk.ui.statusbar.sla import SlaSegment
from cs_desk.views.desk import Desk
from tests.helpers.bulk import ME, T0, conversation

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def clock(minutes: float, kind: str = "first_response", now: datetime = NOW) -> dict:
    due = now + timedelta(minutes=minutes)
    return {"sla_kind": kind, "sla_due_at": to_iso(due), "sla_warn_at": to_iso(due - timedelta(minutes=30))}


def agent(i: int, presence: str) -> dict:
    return {"k": "agent", "d": {"id": i, "name": f"u{i}", "display_name": f"U{i}", "team_id": "a", "role": "agent",
                                "capacity": 5, "disabled": False, "presence": presence}}


def make_store(path, convs: list[dict]) -> Store:
    store = Store(path)
    store.set_session(ME)
    rows = [agent(7, "online"), agent(8, "online")]
    rows += [{"k": "customer", "d": {"id": c, "name": f"顾客{c}", "email": "", "phone": "", "region": "", "note": "",
                                     "tags": [], "created_at": to_iso(T0), "updated_at": to_iso(T0)}}
             for c in range(1, 100)]
    rows += [{"k": "conversation", "d": d} for d in convs]
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)
    return store


@pytest.fixture
def store(qapp, tmp_path):
    s = make_store(tmp_path / "c.sqlite3", [
        conversation(11, assignee_id=7, **clock(90)),
        conversation(12, assignee_id=7, **clock(20, "next_response")),  # mine, earliest: the one to show
        conversation(13, assignee_id=None, **clock(-60)),  # not mine
        conversation(14, assignee_id=7, status="resolved", **clock(-120)),  # mine but resolved
        conversation(15, assignee_id=8, **clock(-30)),  # a colleague's
        conversation(16, assignee_id=7),  # mine, no clock running
    ])
    yield s
    s.close()


def test_presence_segment_sets_the_cache_and_enqueues(qtbot, store):
    desk = Desk(store)
    seg = PresenceSegment(desk)
    qtbot.addWidget(seg)
    assert seg.text() == "Online" and seg.actions_by_presence["online"].isChecked()
    assert seg.toolTip().endswith("(not connected)")  # chosen here, heard by colleagues once connected
    seg.actions_by_presence["away"].trigger()
    assert desk.my_presence() == "away"  # optimistic: the cache has it at once
    assert seg.text() == "Away" and seg.actions_by_presence["away"].isChecked()
    assert [(op, args) for _n, op, args in store.outbox_after(0, 10)] == [("presence.set", {"presence": "away"})]
    # The server's word (e.g. offline after a grace period) comes back as a synced agent row.
    ch = store.apply_events([agent(7, "offline")], {"epoch": "e", "seq": 1})
    assert ch.agents
    desk.changed.emit(ch)
    assert seg.text() == "Offline"
    desk.sync_state = "live"
    desk.syncStateChanged.emit("live")
    assert "(not connected)" not in seg.toolTip()


def test_presence_segment_disabled_without_a_session(qtbot, qapp, tmp_path):
    s = Store(tmp_path / "empty.sqlite3")
    seg = PresenceSegment(Desk(s))
    qtbot.addWidget(seg)
    assert not seg.isEnabled() and seg.text() == "Offline"
    s.close()


def test_sla_segment_shows_my_earliest_deadline_and_opens_it(qtbot, store):
    desk = Desk(store)
    seg = SlaSegment(desk)
    qtbot.addWidget(seg)
    seg.show()  # a hidden segment waits until shown before it looks again
    seg.now = lambda: NOW
    seg.redraw()
    assert seg.text() == "Next breach: 20 min · #12" and seg.state == "warning"
    assert "#ef6c00" in seg.styleSheet()
    assert seg.toolTip().startswith("Next response for conversation #12, due ")
    with qtbot.waitSignal(seg.openRequested) as sig:
        qtbot.mouseClick(seg, Qt.MouseButton.LeftButton)
    assert sig.args == [12]

    seg.now = lambda: NOW + timedelta(minutes=25)  # the timer's redraw, 25 minutes on
    seg.redraw()
    assert seg.text() == "Overdue: 5 min · #12" and seg.state == "breached"
    assert "#c62828" in seg.styleSheet() and "bold" in seg.styleSheet()

    desk.set_status(12, "resolved")  # a change: the segment looks again (debounced)
    qtbot.waitUntil(lambda: seg.text() == "Next breach: 1 h 5 min · #11")
    assert seg.state == "ok"
    desk.set_status(11, "resolved")
    qtbot.waitUntil(lambda: seg.text() == "No deadlines")
    assert not seg.isEnabled() and seg.state == "none"


def test_sla_segment_counts_on_the_server_clock(qtbot, qapp, tmp_path):
    s = make_store(tmp_path / "c.sqlite3", [conversation(21, assignee_id=7, **clock(30.5, now=datetime.now(UTC)))])
    seg = SlaSegment(Desk(s))
    qtbot.addWidget(seg)
    assert seg.text() == "Next breach: 30 min · #21" and seg.state == "ok"
    s.set_clock_offset(3600)  # the server is an hour ahead of this laptop
    seg.redraw()
    assert seg.text() == "Overdue: 29 min · #21" and seg.state == "breached"
    s.close()


def test_outbox_popup_lists_pending_and_failed_with_retry(qtbot, store):
    desk = Desk(store)
    seg = OutboxSegment(desk)
    qtbot.addWidget(seg)
    assert seg.text() == "All sent"
    desk.send(11, "hello there")
    failed_id = desk.send(11, "bad words")
    n = store.outbox_after(0, 10)[-1][0]
    ch = store.complete([{"n": n, "ok": False, "reason": "refused by policy"}])
    assert ch.outbox
    seg.set_count(desk.outbox_count())
    assert seg.text() == "Outbox: 1"
    seg.menu().aboutToShow.emit()
    texts = [a.text() for a in seg.menu().actions()]
    assert texts == ["Waiting: reply: hello there", "Not sent: bad words (refused by policy) — retry"]
    assert not seg.menu().actions()[0].isEnabled() and seg.menu().actions()[1].isEnabled()
    seg.menu().actions()[1].trigger()  # retry: a new mutation for the same message
    assert seg.count == 2 and desk.failed_messages() == []
    assert desk.pending_items() == ["reply: hello there", "reply: bad words"]
    assert store.conn.execute("SELECT state FROM messages WHERE id=?", (failed_id,)).fetchone()[0] == "pending"


def test_window_wires_the_segments_and_enter_to_the_reply_box(qtbot, store):
    desk = Desk(store)
    w = MainWindow(desk)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    sb = w.statusBar()
    assert sb.isAncestorOf(w.sla) and sb.isAncestorOf(w.presence)
    w.sla.click()  # opens my most urgent conversation (it is in the Mine view: selected there)
    assert w.conversation.conv_id == 12 and w.queue.selected_id() == 12
    qtbot.keyClick(w.queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.focusWidget() is w.conversation.composer.edit)
    desk.changed.emit(Changes(reset=True))  # a snapshot: every segment reloads without error
    assert w.presence.text() == "Online"
    w.close()


def test_hidden_sla_segment_reads_again_when_shown(qtbot, store):
    desk = Desk(store)
    seg = SlaSegment(desk)
    qtbot.addWidget(seg)
    assert "#12" in seg.text()
    with qtbot.waitSignal(seg._debounce.timeout):  # the debounced look, while hidden: skipped…
        desk.set_status(12, "resolved")
    assert "#12" in seg.text()
    seg.show()  # …but as soon as someone can see it
    assert "#11" in seg.text()
