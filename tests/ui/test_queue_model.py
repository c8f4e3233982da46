"""The queue model over 50,000 conversations: ordering (SLA urgency, header sorts in SQL), filters,
single-row updates without reset, the SLA countdown on the server clock, and escaped tooltips."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPersistentModelIndex, QPoint, Qt

from cs_desk.domain.clock import to_iso
from cs_desk.domain.queue import QueueFilter
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.ui.queue.queue_panel import QueuePanel
from cs_desk.views.desk import Desk
from cs_desk.views.queue_model import ID_ROLE, SLA_STATE_ROLE, QueueModel
from tests.helpers.bulk import ME, T0, big_store, conversation


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = big_store(tmp_path_factory.mktemp("q") / "c.sqlite3")
    yield s
    s.close()


@pytest.fixture
def model(qapp, store):
    m = QueueModel(store)
    m.set_filter(QueueFilter(view="team"))
    return m


def test_50k_rows_ordered_by_urgency(model):
    assert model.rowCount() == 50_000
    first = [model.data(model.index(r, 0), ID_ROLE) for r in range(3)]
    assert first == [1, 3, 5]  # customers waiting longest come first
    last = model.data(model.index(49_999, 0), ID_ROLE)
    assert last % 2 == 0  # agent-answered conversations at the end
    assert model.data(model.index(0, QueueModel.CUSTOMER)) == "顾客2"
    assert model.data(model.index(25_000, QueueModel.PREVIEW)).startswith("客户消息")


def test_views_and_filters(model):
    model.set_filter(QueueFilter(view="mine"))
    assert model.rowCount() == len([i for i in range(1, 50_001) if i % 3 == 0])
    model.set_filter(QueueFilter(view="team", channel="wechat"))
    assert model.rowCount() == 12_500
    model.set_filter(QueueFilter(view="team", tag="退款"))
    assert model.rowCount() == 5_000
    model.set_filter(QueueFilter(view="team", status="pending"))
    assert model.rowCount() == 10_000
    model.set_filter(QueueFilter(view="team", text="顾客17"))
    ids = set(model.ids())
    assert ids and all((i % 2000 + 1) in (17, *range(170, 180), *range(1700, 1800)) for i in ids)


def test_one_row_update_without_reset(qtbot, model, store):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    row = 10
    cid = model.conversation_id(row)
    with qtbot.waitSignal(model.dataChanged) as sig:
        ch = store.apply_events([{"seq": 1, "k": "conversation",
                                  "d": conversation(cid, last_message_preview="新的内容")}], {"epoch": "e", "seq": 1})
        model.apply_changes(ch)
    top, bottom = sig.args[0], sig.args[1]
    assert top.row() == bottom.row() == row
    assert model.data(model.index(row, QueueModel.PREVIEW)) == "新的内容"
    assert resets == []


def test_row_moves_and_selection_follows(model, store):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    cid = model.conversation_id(0)  # the longest-waiting customer…
    keep = QPersistentModelIndex(model.index(0, 0))
    ch = store.apply_events([{"seq": 2, "k": "conversation",
                              "d": conversation(cid, last_author_kind="agent")}], {"epoch": "e", "seq": 2})
    model.apply_changes(ch)  # …is answered: the row moves down
    assert model.conversation_id(0) != cid
    assert keep.isValid() and model.conversation_id(keep.row()) == cid
    assert resets == []


def test_resolved_conversation_leaves_the_open_views(model, store):
    cid = model.conversation_id(5)
    ch = store.apply_events([{"seq": 3, "k": "conversation", "d": conversation(cid, status="resolved")}],
                            {"epoch": "e", "seq": 3})
    model.apply_changes(ch)
    assert model.row_of(cid) is None and model.rowCount() == 49_999



# --- SLA countdown, urgency order, header sorting -------------------------------------------------

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # a fixed server time, injected as model.now


def due_in(i: int) -> int | None:
    """Minutes from NOW to conversation i's deadline (negative: breached); None: no clock runs.
    A scrambled spread, so the urgency order is not the id order."""
    return None if i % 4 == 0 else (i * 7919) % 50_000 - 10_000


def sla_fields(minutes: float | None, kind: str = "first_response", now: datetime = NOW) -> dict:
    if minutes is None:
        return {"sla_kind": None, "sla_due_at": None, "sla_warn_at": None}
    due = now + timedelta(minutes=minutes)
    return {"sla_kind": kind, "sla_due_at": to_iso(due), "sla_warn_at": to_iso(due - timedelta(minutes=30))}


def fill(store: Store, convs: list[dict]) -> None:
    rows = [{"k": "customer", "d": {"id": c, "name": f"顾客{c}", "email": "", "phone": "", "region": "", "note": "",
                                    "tags": [], "created_at": to_iso(T0), "updated_at": to_iso(T0)}}
            for c in range(1, 2001)]
    rows += [{"k": "conversation", "d": d} for d in convs]
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)


def small_store(path, convs: list[dict]) -> Store:
    s = Store(path)
    s.set_session(ME)
    fill(s, convs)
    return s


@pytest.fixture(scope="module")
def sla_store(tmp_path_factory):
    s = small_store(tmp_path_factory.mktemp("sla") / "c.sqlite3",
                    [conversation(i, **sla_fields(due_in(i))) for i in range(1, 50_001)])
    yield s
    s.close()


@pytest.fixture
def sla_model(qapp, sla_store):
    m = QueueModel(sla_store)
    m.now = lambda: NOW
    m.set_filter(QueueFilter(view="team"))
    return m


CLOCKED = sorted((i for i in range(1, 50_001) if due_in(i) is not None), key=lambda i: (due_in(i), i))


def test_50k_rows_by_sla_urgency_breached_first(sla_model):
    m = sla_model
    assert m.rowCount() == 50_000
    ids = m.ids()
    assert ids[:len(CLOCKED)] == CLOCKED  # running clocks first, earliest deadline (breached) on top
    assert m.data(m.index(0, QueueModel.SLA), SLA_STATE_ROLE) == "breached"
    assert m.data(m.index(0, QueueModel.SLA)).startswith("overdue ")
    # Then the conversations without a clock by the old rule (here all agent-answered: latest first).
    assert ids[len(CLOCKED):len(CLOCKED) + 3] == [50_000, 49_996, 49_992]
    assert m.data(m.index(49_999, QueueModel.SLA), SLA_STATE_ROLE) == "none"
    assert m.data(m.index(49_999, QueueModel.SLA)) == ""


def test_header_sorts_run_in_sql_without_reset(sla_model, sla_store):
    m = sla_model
    resets = []
    m.modelReset.connect(lambda: resets.append(1))
    cid = m.conversation_id(7)
    keep = QPersistentModelIndex(m.index(7, 0))

    m.sort(QueueModel.CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert m.filter.sort == "customer" and not m.filter.descending
    names = [m.data(m.index(r, QueueModel.CUSTOMER)) for r in range(300)]
    assert names[0] == "顾客1" and names == sorted(names)
    assert m.conversation_id(keep.row()) == cid  # the selection follows its conversation

    m.sort(QueueModel.WAITING, Qt.SortOrder.DescendingOrder)  # longest wait first
    assert m.ids()[:3] == [1, 3, 5]
    m.sort(QueueModel.WAITING, Qt.SortOrder.AscendingOrder)  # shortest wait first, not-waiting last
    assert m.ids()[:2] == [49_999, 49_997] and m.ids()[-1] % 2 == 0

    m.sort(QueueModel.SLA, Qt.SortOrder.DescendingOrder)  # latest deadline first, no clock still last
    assert m.ids()[:len(CLOCKED)] == CLOCKED[::-1]  # (deadlines are all different here)

    sla_store.conn.execute("UPDATE conversations SET unread = 4 WHERE id IN (10, 20)")
    try:
        m.sort(QueueModel.UNREAD, Qt.SortOrder.DescendingOrder)
        assert m.ids()[:2] == [20, 10]  # equal counts: the old rule (latest activity first)
    finally:
        sla_store.conn.execute("UPDATE conversations SET unread = 0 WHERE id IN (10, 20)")

    m.sort(-1, Qt.SortOrder.AscendingOrder)  # no sort indicator: the default urgency order again
    assert (m.filter.sort, m.filter.descending) == ("priority", False)
    assert m.ids()[:len(CLOCKED)] == CLOCKED
    assert m.conversation_id(keep.row()) == cid
    assert resets == []


def test_sla_text_colours_and_tooltips_at_fixed_times(qapp, qtbot, tmp_path):
    store = small_store(tmp_path / "c.sqlite3", [
        conversation(1, **sla_fields(-5)),  # breached 5 minutes ago
        conversation(2, **sla_fields(20, "next_response")),  # warns 30 min before: warning now
        conversation(3, **sla_fields(120, "resolution")),  # ok
        conversation(4),  # no clock
        conversation(5, status="resolved", **sla_fields(-60)),  # stale deadline on a resolved row
    ])
    m = QueueModel(store)
    m.now = lambda: NOW
    m.set_filter(QueueFilter(view="team"))
    assert m.ids() == [1, 2, 3, 4]
    col = QueueModel.SLA

    def cell(row: int, role: int = Qt.ItemDataRole.DisplayRole):
        return m.data(m.index(row, col), role)

    assert [cell(r) for r in range(4)] == ["overdue 5 min", "20 min", "2 h", ""]
    assert [cell(r, SLA_STATE_ROLE) for r in range(4)] == ["breached", "warning", "ok", "none"]
    colours = [cell(r, Qt.ItemDataRole.ForegroundRole) for r in range(4)]
    assert [c.color().name() if c else None for c in colours] == ["#c62828", "#ef6c00", "#188038", None]
    assert cell(0, Qt.ItemDataRole.FontRole).bold() and cell(2, Qt.ItemDataRole.FontRole) is None
    tips = [cell(r, Qt.ItemDataRole.ToolTipRole) for r in range(4)]
    assert tips[0].startswith("First response was due ")
    assert tips[1].startswith("Next response due ") and tips[1].endswith("\nDue soon")
    assert tips[2].startswith("Resolution due ") and tips[3] is None
    assert m.data(m.index(0, QueueModel.WAITING), Qt.ItemDataRole.ForegroundRole) is None  # neutral now

    m.now = lambda: NOW + timedelta(minutes=25)
    with qtbot.waitSignal(m.dataChanged) as sig:
        m.tick()
    top, bottom = sig.args[0], sig.args[1]
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (0, QueueModel.WAITING, 3, QueueModel.SLA)
    assert [cell(r) for r in range(3)] == ["overdue 30 min", "overdue 5 min", "1 h 35 min"]
    assert [cell(r, SLA_STATE_ROLE) for r in range(3)] == ["breached", "breached", "ok"]
    store.close()


def test_countdown_runs_on_the_server_clock(qapp, tmp_path):
    now = datetime.now(UTC)
    store = small_store(tmp_path / "c.sqlite3", [conversation(1, **sla_fields(30.5, now=now))])
    m = QueueModel(store)  # the real clock, corrected by the offset the server told us
    m.set_filter(QueueFilter(view="team"))
    idx = m.index(0, QueueModel.SLA)
    assert m.data(idx, SLA_STATE_ROLE) == "ok" and m.data(idx) == "30 min"
    store.set_clock_offset(1200)  # this laptop is 20 minutes slow: on the server only 10 min are left
    m.tick()
    assert m.data(idx, SLA_STATE_ROLE) == "warning" and m.data(idx) == "10 min"
    store.set_clock_offset(3600)
    m.tick()
    assert m.data(idx, SLA_STATE_ROLE) == "breached" and m.data(idx) == "overdue 29 min"
    store.close()


def test_tooltip_escapes_customer_text(qapp, tmp_path):
    evil = "<img src=file:///etc/passwd>"
    store = small_store(tmp_path / "c.sqlite3", [conversation(1, subject="<b>退款</b>", last_message_preview=evil)])
    m = QueueModel(store)
    m.set_filter(QueueFilter(view="team"))
    assert m.data(m.index(0, QueueModel.PREVIEW)) == evil  # shown as typed…
    for col in (QueueModel.PREVIEW, QueueModel.CUSTOMER):
        tip = m.data(m.index(0, col), Qt.ItemDataRole.ToolTipRole)
        assert "&lt;img src=file:///etc/passwd&gt;" in tip and "&lt;b&gt;退款&lt;/b&gt;" in tip  # …never as HTML
        assert "<img" not in tip and "<b>" not in tip
    store.close()


def test_keyboard_navigation_and_header_click(qapp, qtbot, sla_store):
    desk = Desk(sla_store)
    panel = QueuePanel(desk)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.tabs.setCurrentIndex(2)  # Team
    m, table = panel.model, panel.table
    panel.focus_table()
    assert panel.selected_id() == m.conversation_id(0)
    with qtbot.waitSignal(panel.conversationSelected) as sel:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert sel.args == [m.conversation_id(1)] and panel.selected_id() == m.conversation_id(1)
    qtbot.keyClick(table, Qt.Key.Key_End)
    assert panel.selected_id() == m.conversation_id(49_999)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert panel.selected_id() == m.conversation_id(0)
    qtbot.keyClick(table, Qt.Key.Key_PageDown)
    row = m.row_of(panel.selected_id())
    assert row is not None and row > 1
    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    assert panel.selected_id() == m.conversation_id(0)
    with qtbot.waitSignal(panel.activated) as act:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert act.args == [m.conversation_id(0)]

    selected = panel.selected_id()
    resets = []
    m.modelReset.connect(lambda: resets.append(1))
    h = table.horizontalHeader()
    qtbot.mouseClick(h.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(h.sectionViewportPosition(QueueModel.CUSTOMER) + 10, h.height() // 2))
    assert (m.filter.sort, m.filter.descending) == ("customer", False)
    assert panel.selected_id() == selected and resets == []
    panel.tabs.setCurrentIndex(1)  # another view keeps the chosen order
    assert m.filter.view == "unassigned" and m.filter.sort == "customer"
    panel.tabs.setCurrentIndex(2)
    h.setSortIndicator(QueueModel.SLA, Qt.SortOrder.AscendingOrder)  # back to urgency
    assert m.ids()[:len(CLOCKED)] == CLOCKED


def test_one_row_updated_without_reset_in_sla_order(qtbot, sla_model, sla_store):
    m = sla_model
    resets = []
    m.modelReset.connect(lambda: resets.append(1))
    row = 10
    cid = m.conversation_id(row)
    with qtbot.waitSignal(m.dataChanged) as sig:
        ch = sla_store.apply_events([{"seq": 1, "k": "conversation", "d": conversation(
            cid, last_message_preview="新的内容", **sla_fields(due_in(cid)))}], {"epoch": "e", "seq": 1})
        m.apply_changes(ch)
    assert sig.args[0].row() == sig.args[1].row() == row
    assert m.data(m.index(row, QueueModel.PREVIEW)) == "新的内容"

    later = m.conversation_id(100)
    keep = QPersistentModelIndex(m.index(100, 0))
    ch = sla_store.apply_events([{"seq": 2, "k": "conversation", "d": conversation(
        later, **sla_fields(-20_000, "next_response"))}], {"epoch": "e", "seq": 2})
    m.apply_changes(ch)  # its deadline is now the most overdue: it moves to the top
    assert m.conversation_id(0) == later and keep.row() == 0
    assert m.data(m.index(0, QueueModel.SLA), Qt.ItemDataRole.ToolTipRole).startswith("Next response was due")
    assert resets == []


def test_narrow_queue_keeps_the_sla_column_in_sight(qapp, qtbot, sla_store):
    panel = QueuePanel(Desk(sla_store))
    qtbot.addWidget(panel)
    panel.resize(290, 500)
    panel.show()
    qtbot.waitExposed(panel)
    h = panel.table.horizontalHeader()
    hidden = {c for c in range(7) if h.isSectionHidden(c)}
    assert QueueModel.CHANNEL in hidden and QueueModel.SLA not in hidden and QueueModel.CUSTOMER not in hidden
    right = h.sectionViewportPosition(QueueModel.SLA) + h.sectionSize(QueueModel.SLA)
    assert right <= panel.table.viewport().width()  # the countdown is not scrolled out of sight
    assert h.sectionSize(QueueModel.PREVIEW) >= 60
    panel.resize(900, 500)
    qtbot.waitUntil(lambda: not any(h.isSectionHidden(c) for c in range(7)))
