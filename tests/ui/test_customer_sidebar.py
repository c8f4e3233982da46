"""The customer sidebar over a real SQLite cache: the card, in-place edits and tags through the
outbox (shown at once), tag completion, opening a past conversation, satisfaction, the value
segment, markup shown literally, refresh on a synced change, and its place in the main window."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLabel

from cs_desk import gui
from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import to_iso
from cs_desk.domain.rfm import Segment
from cs_desk.ops.actions import InvalidAction
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.ui.customer.customer_sidebar import CustomerSidebar
from cs_desk.views.customer_presenter import DETAIL_ROLE, RIGHT_ROLE, SUBTITLE_ROLE
from cs_desk.views.desk import Desk

NOW = datetime.now(UTC)
MARKUP = "<b>x</b><img src=file:///etc/passwd>"


def t(days: float) -> str:
    return to_iso(NOW - timedelta(days=days))


def customer(cid: int, **kw) -> dict:
    d = {"id": cid, "name": f"顾客{cid}", "email": f"c{cid}@example.com", "phone": "13800138000", "region": "广东",
         "note": "", "tags": [], "created_at": t(400), "updated_at": t(1)}
    return {"k": "customer", "d": {**d, **kw}}


def order(oid: str, cid: int, yuan: int, days: float, status: str = "delivered", items=None) -> dict:
    items = items or [{"sku": "SKU1", "title": "蓝牙耳机", "qty": 1, "price_cents": yuan * 100}]
    return {"k": "order", "d": {"id": oid, "customer_id": cid, "total_cents": yuan * 100, "status": status,
                                "items": items, "created_at": t(days)}}


def conversation(cid: int, customer_id: int, days: float, status: str = "open", csat: int | None = None,
                 comment: str | None = None, channel: str = "wechat", subject: str = "") -> dict:
    ts = t(days)
    return {"k": "conversation", "d": {
        "id": cid, "customer_id": customer_id, "team_id": "a", "assignee_id": 7, "status": status,
        "channel": channel, "subject": subject or f"订单问题 {cid}", "tags": [], "created_at": ts, "updated_at": ts,
        "last_message_at": ts, "last_message_preview": f"消息 {cid}", "last_author_kind": "customer",
        "message_count": 1, "first_response_at": None, "resolved_at": ts if status == "resolved" else None,
        "csat_score": csat, "csat_comment": comment}}


def put(store: Store, rows: list[dict]) -> Changes:
    with store.db.tx():
        return apply_rows(store.conn, rows, None, live=False)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "c.sqlite3")
    s.set_session({"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    put(s, [
        customer(1, name="张伟", tags=["VIP", "老客户"], note="喜欢顺丰"),
        customer(2, tags=["价格敏感", "学生"]),
        customer(3, name=MARKUP, tags=["<i>tag</i>"]),
        order("E1", 1, 400, 3, items=[{"sku": "A", "title": "蓝牙耳机", "qty": 1, "price_cents": 30000},
                                      {"sku": "B", "title": "数据线", "qty": 2, "price_cents": 5000}]),
        order("E2", 1, 500, 20), order("E3", 1, 600, 40), order("E4", 1, 9999, 50, "refunded"),
        conversation(10, 1, 0.1), conversation(11, 1, 5, "resolved", 5, "很满意，谢谢"),
        conversation(12, 1, 30, "resolved", 4, None, "email"), conversation(13, 1, 60, "resolved", None),
        conversation(20, 2, 1), conversation(30, 3, 1, subject=MARKUP),
    ])
    yield s
    s.close()


@pytest.fixture
def sidebar(qtbot, store):
    desk = Desk(store)
    w = CustomerSidebar(desk)
    qtbot.addWidget(w)
    w.resize(290, 900)
    w.show()
    w.show_customer(1)
    return w


def test_card_shows_the_fields(sidebar):
    w = sidebar
    assert w.stack.currentWidget() is w.scroll
    assert w.name.label.text() == "张伟"
    assert w.fields["email"].label.text() == "c1@example.com"
    assert w.fields["phone"].label.text() == "13800138000"
    assert w.fields["region"].label.text() == "广东"
    assert w.tags.tags() == ("VIP", "老客户")
    assert w.note.text() == "喜欢顺丰"
    assert w.channels.text().splitlines() == ["WeChat", "E-mail"]  # most used first
    assert w.sec_conversations.title().endswith("(4)")
    assert w.tiles.conversations.value.text() == "4"
    orders = w.presenter.orders
    assert [orders.index(r).data() for r in range(orders.rowCount())] == ["E1", "E2", "E3", "E4"]
    first = orders.index(0)
    assert first.data(RIGHT_ROLE) == QLocale().toCurrencyString(400.0, "¥", 2)
    assert first.data(DETAIL_ROLE) == "蓝牙耳机 ×1, 数据线 ×2"
    assert "数据线 ×2" in first.data(Qt.ItemDataRole.ToolTipRole)


def test_channel_handles_are_shown_plain(qtbot, sidebar, store):
    ch = put(store, [customer(1, name="张伟", tags=["VIP", "老客户"], note="喜欢顺丰",
                              identities={"wechat": "wxid_<b>zw</b>", "taobao": "tb_zhangwei"})])
    sidebar.desk.changed.emit(ch)
    qtbot.waitUntil(lambda: "wxid_<b>zw</b>" in sidebar.channels.text())
    assert sidebar.channels.text().splitlines() == ["WeChat  wxid_<b>zw</b>", "E-mail", "Taobao  tb_zhangwei"]
    assert sidebar.channels.textFormat() == Qt.TextFormat.PlainText


def test_value_segment(sidebar):
    # three counted orders (the refunded one does not count), ¥1,500, the last 3 days ago
    assert sidebar.presenter.view.rfm.segment is Segment.CHAMPION
    assert sidebar.badge.text() == "Important value"
    assert sidebar.badge.textFormat() == Qt.TextFormat.PlainText
    assert sidebar.tiles.orders.value.text() == "3"
    sidebar.show_customer(2)
    assert sidebar.badge.text() == "New customer"


def test_satisfaction_history_and_average(sidebar):
    ratings = sidebar.presenter.ratings
    assert ratings.rowCount() == 2
    assert ratings.index(0).data() == "很满意，谢谢" and ratings.index(0).data(RIGHT_ROLE) == "★★★★★"
    assert ratings.index(1).data() == "No comment" and ratings.index(1).data(RIGHT_ROLE) == "★★★★☆"
    assert ratings.index(1).data(SUBTITLE_ROLE).endswith("订单问题 12")
    assert sidebar.csat_average.text().startswith("Average 4.5 / 5")
    assert sidebar.sec_satisfaction.title().endswith("(2)")


def test_note_saved_on_leaving_or_save_not_per_keystroke(qtbot, sidebar, store):
    w = sidebar
    before = store.outbox_count()
    w.note.edit.setFocus()
    qtbot.waitUntil(w.note.edit.hasFocus)
    w.note.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(w.note.edit, " and fast")
    assert store.outbox_count() == before  # typing queues nothing
    assert w.note.save.isEnabled()
    w.fields["email"].setFocus()  # leaving the field saves
    w.fields["email"].pen.setFocus()
    qtbot.waitUntil(lambda: store.outbox_count() == before + 1)
    assert w.desk.customer(1)["note"] == "喜欢顺丰 and fast"
    assert not w.note.save.isEnabled()
    w.note.edit.setPlainText("VIP, call first")
    qtbot.mouseClick(w.note.save, Qt.MouseButton.LeftButton)
    assert store.outbox_count() == before + 2
    assert w.desk.customer(1)["note"] == "VIP, call first" and w.note.text() == "VIP, call first"


def test_contact_line_edited_in_place(qtbot, sidebar, store):
    line = sidebar.fields["phone"]
    before = store.outbox_count()
    qtbot.mouseClick(line.pen, Qt.MouseButton.LeftButton)
    assert line.edit.isVisible() and not line.label.isVisible()
    line.edit.setText("13912345678")
    qtbot.keyClick(line.edit, Qt.Key.Key_Return)
    assert store.outbox_count() == before + 1
    assert line.label.isVisible() and line.label.text() == "13912345678"
    # Esc puts the old value back and queues nothing
    line.start_edit()
    line.edit.setText("wrong")
    qtbot.keyClick(line.edit, Qt.Key.Key_Escape)
    assert line.label.text() == "13912345678" and store.outbox_count() == before + 1


def test_empty_name_is_refused_with_a_message(qtbot, sidebar, store):
    before = store.outbox_count()
    sidebar.name.start_edit()
    sidebar.name.edit.setText("   ")
    qtbot.keyClick(sidebar.name.edit, Qt.Key.Key_Return)
    assert store.outbox_count() == before
    assert sidebar.error.isVisible() and sidebar.error.text() == "A customer needs a name."
    assert sidebar.error.textFormat() == Qt.TextFormat.PlainText
    assert sidebar.name.label.text() == "张伟"


def test_tags_add_and_remove_through_the_outbox(qtbot, sidebar, store):
    w = sidebar
    before = store.outbox_count()
    qtbot.keyClicks(w.tags.input, "gift")
    qtbot.keyClick(w.tags.input, Qt.Key.Key_Return)
    assert store.outbox_count() == before + 1
    assert w.tags.tags() == ("VIP", "老客户", "gift")
    assert [c.label.text() for c in w.tags.chips if c.isVisible()] == ["VIP", "老客户", "gift"]
    assert w.tags.input.text() == ""
    assert w.desk.customer(1)["tags"] == ["VIP", "老客户", "gift"]
    w.tags.input.setText("VIP")  # already there: nothing queued
    qtbot.keyClick(w.tags.input, Qt.Key.Key_Return)
    assert store.outbox_count() == before + 1
    chip = next(c for c in w.tags.chips if c.tag == "VIP")
    qtbot.mouseClick(chip.remove, Qt.MouseButton.LeftButton)
    assert store.outbox_count() == before + 2
    assert w.tags.tags() == ("老客户", "gift") and not chip.isVisible()
    assert [r["op"] for r in store.conn.execute("SELECT op FROM outbox ORDER BY n")][-2:] == ["tag.add", "tag.remove"]


def test_too_long_tag_shows_why(qtbot, sidebar, store):
    before = store.outbox_count()
    sidebar.tags.input.setText("x" * 41)
    qtbot.keyClick(sidebar.tags.input, Qt.Key.Key_Return)
    assert store.outbox_count() == before
    assert "40" in sidebar.error.text() and sidebar.error.isVisible()
    assert sidebar.tags.input.text() == "x" * 41  # kept, to be shortened


def test_completion_offers_tags_used_on_customers(qtbot, sidebar):
    w = sidebar
    w.tags.input.setFocus()
    qtbot.waitUntil(w.tags.input.hasFocus)
    offered = w.presenter.completions.stringList()
    assert {"价格敏感", "学生", "<i>tag</i>"} <= set(offered)
    assert "VIP" not in offered  # the customer has it already
    c = w.tags.completer
    c.setCompletionPrefix("价格")
    assert c.completionCount() == 1 and c.currentCompletion() == "价格敏感"
    c.setCompletionPrefix("生")  # contains, not only starts with
    assert c.currentCompletion() == "学生"


def test_picking_a_completion_adds_the_tag_once(qtbot, sidebar, store):
    w = sidebar
    before = store.outbox_count()
    w.tags.input.setFocus()
    qtbot.waitUntil(w.tags.input.hasFocus)
    qtbot.keyClicks(w.tags.input, "<i")
    popup = w.tags.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.tags.tags() == ("VIP", "老客户", "<i>tag</i>"))
    assert store.outbox_count() == before + 1
    assert "<i>tag</i>" not in w.presenter.completions.stringList()


def test_a_refused_edit_shows_the_reason(qtbot, sidebar, store, monkeypatch):
    def refuse(*_args):
        raise InvalidAction("bad arguments for customer.update: value: too long")

    monkeypatch.setattr(sidebar.desk, "update_customer", refuse)
    line = sidebar.fields["email"]
    line.start_edit()
    line.edit.setText("new@example.com")
    qtbot.keyClick(line.edit, Qt.Key.Key_Return)
    assert sidebar.error.text() == "bad arguments for customer.update: value: too long"
    assert line.editing and line.edit.text() == "new@example.com"  # kept, to be corrected
    assert sidebar.presenter.save_field("region", "x" * 2001) == "At most 2000 characters."


def test_order_number_copied(qtbot, sidebar):
    view = sidebar.orders
    view.setFocus()
    view.setCurrentIndex(view.model().index(1))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "E2"


def test_new_order_synced_refreshes_orders_and_segment(qtbot, sidebar, store):
    put(store, [order("E9", 2, 2000, 1)])
    sidebar.show_customer(2)
    assert sidebar.badge.text() == "Important development"
    put(store, [order("E10", 2, 10, 2), order("E11", 2, 10, 3)])
    sidebar.desk.changed.emit(Changes(orders=True))
    qtbot.waitUntil(lambda: sidebar.badge.text() == "Important value")
    assert sidebar.sec_orders.title().endswith("(3)")


def test_past_conversation_click_emits_its_id(qtbot, sidebar):
    view = sidebar.conversations
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.id_at(r) == 12)
    with qtbot.waitSignal(sidebar.conversationActivated) as sig:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row)).center())
    assert sig.args == [12]


def test_markup_in_customer_text_is_literal(sidebar):
    sidebar.show_customer(3)
    assert sidebar.name.label.text() == MARKUP
    assert sidebar.name.label.textFormat() == Qt.TextFormat.PlainText
    chip = sidebar.tags.chips[0]
    assert chip.label.text() == "<i>tag</i>" and chip.label.textFormat() == Qt.TextFormat.PlainText
    for label in sidebar.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or "<" not in label.text()
    # Qt renders a tooltip as HTML when it looks like HTML: customer text in one must be escaped.
    tips = [sidebar.name.label.toolTip(), chip.label.toolTip(), chip.remove.toolTip(),
            sidebar.presenter.conversations.index(0).data(Qt.ItemDataRole.ToolTipRole)]
    for tip in tips:
        assert "<img" not in tip and "<i>" not in tip and "&lt;" in tip
    assert sidebar.presenter.conversations.index(0).data() == MARKUP
    sidebar.grab()  # paints the elided label and the lists without error


def test_synced_change_refreshes_only_when_it_concerns_the_customer(qtbot, sidebar, store):
    loads = []
    sidebar.presenter.customerChanged.connect(loads.append)
    ch = put(store, [customer(1, name="张伟（新）", tags=["VIP"])])
    assert ch.customers == {1}
    sidebar.desk.changed.emit(Changes(customers={1}))
    qtbot.waitUntil(lambda: sidebar.name.label.text() == "张伟（新）")
    assert sidebar.tags.tags() == ("VIP",)
    n = len(loads)
    sidebar.desk.changed.emit(Changes(customers={2}, conversations={20}))  # someone else
    assert len(loads) == n
    put(store, [conversation(14, 1, 0, "resolved", 1, "太慢了")])  # a new conversation of this customer
    sidebar.desk.changed.emit(Changes(conversations={14}))
    qtbot.waitUntil(lambda: sidebar.sec_conversations.title().endswith("(5)"))
    assert sidebar.presenter.ratings.rowCount() == 3


def test_unsaved_note_survives_a_synced_refresh_and_is_saved_on_switch(qtbot, sidebar, store):
    w = sidebar
    w.note.edit.setPlainText("typing…")
    put(store, [customer(1, name="张伟", note="from another agent")])
    w.desk.changed.emit(Changes(customers={1}))
    assert w.note.text() == "typing…"  # not overwritten
    before = store.outbox_count()
    w.show_customer(2)
    assert store.outbox_count() == before + 1 and w.desk.customer(1)["note"] == "typing…"
    assert w.note.text() == ""


def test_no_customer(sidebar):
    sidebar.show_customer(None)
    assert sidebar.stack.currentWidget() is sidebar.empty
    sidebar.show_customer(999)
    assert sidebar.stack.currentWidget() is sidebar.empty


def test_main_window_sidebar_follows_the_open_conversation(qtbot, store):
    s = gui.open_session(store, "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    w = s.window
    qtbot.addWidget(w)
    assert isinstance(w.sidebar, CustomerSidebar)
    w.show()
    w.open_conversation(20)
    qtbot.waitUntil(lambda: w.sidebar.presenter.customer_id == 2)
    assert w.sidebar.name.label.text() == "顾客2"
    with qtbot.waitSignal(w.sidebar.conversationActivated):
        w.sidebar.show_customer(1)
        w.sidebar.conversations.chosen.emit(11)
    qtbot.waitUntil(lambda: w.conversation.conv_id == 11)
    assert w.sidebar.name.label.text() == "张伟"
    w.close()


def test_personality_type_is_picked_with_the_handbooks_advice(qtbot, sidebar, store):
    from cs_desk.protocol.codec import FrameError
    from cs_desk.protocol.frames import parse_args

    picker = sidebar.personality
    assert picker.currentData() == "" and picker.count() == 5
    before = store.outbox_count()
    picker.setCurrentIndex(picker.findData("dominant"))
    picker.activated.emit(picker.currentIndex())
    assert store.outbox_count() == before + 1
    op, args = store.outbox_after(0, 100)[-1][1:]
    assert (op, args["field"], args["value"]) == ("customer.update", "personality", "dominant")
    assert picker.currentData() == "dominant" and "respect" in picker.toolTip()  # shown at once, offline
    picker.activated.emit(picker.currentIndex())  # the same pick again queues nothing
    assert store.outbox_count() == before + 1
    with pytest.raises(FrameError, match="personality is one of"):
        parse_args("customer.update", {"customer_id": 1, "field": "personality", "value": "grumpy"})
