"""The snippet picker over a real SQLite cache: Chinese of 1-4 characters and Latin, categories,
shortcut first, team visibility, keyboard only, placeholders filled, markup shown literally, and the
composer receiving the text through the main window."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from cs_desk import gui
from cs_desk.domain.changes import Changes
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.ui.snippets.snippet_picker import SnippetPicker
from cs_desk.views.desk import Desk
from cs_desk.views.snippet_model import SHORTCUT_ROLE

ME = {"id": 7, "name": "lina", "display_name": "李娜", "team_id": "a", "role": "agent"}
CTX = {"customer.name": "王芳", "agent.name": "李娜", "order.id": "E20261101"}
HTML = '<b>x</b><img src=file:///etc/passwd> <script>alert(1)</script>'
SNIPPETS = [
    (1, "退款政策", "亲爱的{customer.name}，退款将在3-5个工作日内原路返回。", "refund", "售后", None),
    (2, "物流查询", "您好{customer.name}，订单{order.id}已发出，请耐心等待物流更新。", "wl", "物流", None),
    (3, "退款进度", "我是{agent.name}，您的退款正在处理中，请留意到账通知。", "tk", "售后", "a"),
    (4, "尺码不对怎么办", "亲，尺码不对可以申请七天无理由退换货。", "size", "售后", None),
    (5, "Shipping time", "Hi {customer.name}, we ship within 24 hours. Order {order.id}.", "ship", "物流", None),
    (6, "Track it: tk tips", "Use the tk tracking page", "track", "物流", None),
    (7, "B组内部话术", "只给 B 组看的内容 tk", "btk", "售后", "b"),
    (8, HTML, HTML + "\n{customer.name}", "html", "", None),
    (9, "优惠券发放", "{customer.name}您好，优惠券 {coupon.code} 已发放，订单 {order.id}", "coupon", "营销", None),
]


def snippet_rows(snippets=SNIPPETS):
    return [{"k": "snippet", "d": dict(zip(("id", "title", "body", "shortcut", "category", "team_id"), s,
                                           strict=True))} for s in snippets]


def make_store(path, me=ME):
    store = Store(path)
    store.set_session(me)
    with store.db.tx():
        apply_rows(store.conn, snippet_rows(), None, live=False)
    return store


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path / "c.sqlite3")
    yield s
    s.close()


@pytest.fixture
def composer(qapp, qtbot):
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.show()
    return edit


@pytest.fixture
def picker(qtbot, store, composer):
    desk = Desk(store)
    p = SnippetPicker(desk)
    qtbot.addWidget(p)
    p.open_for(CTX, composer)
    qtbot.waitUntil(p.isVisible)
    return p


def titles(p):
    return [p.model.index(r).data() for r in range(p.model.rowCount())]


def shown_ids(p):
    return p.model.ids()


@pytest.mark.parametrize("query,expected", [
    ("退", {1, 3, 4}),  # one character: 退款 in titles, 退换货 in a body
    ("退款", {1, 3}),  # two characters, below the trigram length
    ("物流", {2, 5, 6}),  # two characters, matching a title, a body and a category
    ("尺码不对", {4}),  # four characters through the trigram index
    ("退款 处理", {3}),  # two short terms, both must match
    ("Shipping", {5}), ("24 hours", {5}), ("SHIP", {5}), ("refund", {1}),
    ("不存在的内容", set()),
])
def test_chinese_and_latin_queries(qtbot, picker, query, expected):
    picker.search.setText(query)  # QTest types ASCII only; setText is what an IME commit does
    assert set(shown_ids(picker)) == expected
    if expected:
        assert picker.list.currentIndex().row() == 0  # the best match is ready for Enter


def test_typing_latin_filters_as_you_type(qtbot, picker):
    qtbot.keyClicks(picker.search, "sh")
    assert set(shown_ids(picker)) == {5}
    qtbot.keyClick(picker.search, Qt.Key.Key_Backspace)
    assert 5 in shown_ids(picker) and len(shown_ids(picker)) > 1


def test_empty_query_lists_everything_visible_with_count(picker):
    assert set(shown_ids(picker)) == {1, 2, 3, 4, 5, 6, 8, 9}  # not team b's 7
    assert picker.count.text() == "8 snippets"


def test_exact_shortcut_ranks_first(qtbot, picker):
    qtbot.keyClicks(picker.search, "tk")
    ids = shown_ids(picker)
    assert ids[0] == 3  # shortcut `tk`, although 6 has tk in its title and body
    assert set(ids) == {3, 6}
    picker.search.clear()
    qtbot.keyClicks(picker.search, "/tk")
    assert shown_ids(picker)[0] == 3
    picker.search.setText("TR")
    assert shown_ids(picker)[0] == 6  # a shortcut prefix before title and body matches


def test_title_matches_come_before_body_matches(picker):
    picker.search.setText("退款")
    assert titles(picker) == ["退款政策", "退款进度"]
    picker.search.setText("物流")
    assert shown_ids(picker)[0] == 2  # 物流 in the title; 5 and 6 only by their category, 2 also


def test_other_teams_snippet_is_not_shown(picker, tmp_path):
    picker.search.setText("B组")
    assert shown_ids(picker) == []
    picker.search.setText("btk")
    assert shown_ids(picker) == []
    assert dict(picker.model.categories())["售后"] == 3  # 1, 3, 4: not 7


def test_admin_sees_every_team(qtbot, tmp_path, composer):
    store = make_store(tmp_path / "admin.sqlite3", {**ME, "role": "admin"})
    p = SnippetPicker(Desk(store))
    qtbot.addWidget(p)
    p.open_for(CTX, composer)
    p.search.setText("B组")
    assert shown_ids(p) == [7]
    p.close()
    store.close()


def test_category_filter(qtbot, picker):
    combo = picker.category
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["All categories (8)", "Uncategorised (1)", "售后 (3)", "物流 (3)", "营销 (1)"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Uncategorised
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 售后
    assert combo.currentData() == "售后"
    assert set(shown_ids(picker)) == {1, 3, 4}
    picker.search.setText("退款")
    assert set(shown_ids(picker)) == {1, 3}
    picker.search.setText("ship")
    assert shown_ids(picker) == []
    assert picker.results.currentWidget() is picker.empty
    assert "ship" in picker.empty.text()
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    picker.search.clear()
    assert shown_ids(picker) == [8]


def test_keyboard_down_enter_inserts_filled_text(qtbot, picker):
    qtbot.keyClicks(picker.search, "ship")  # 5, Shipping time…
    picker.search.clear()
    qtbot.keyClicks(picker.search, "h")  # several results; the arrow keys move among them
    assert picker.isActiveWindow() and picker.search.hasFocus()
    first = shown_ids(picker)
    assert len(first) >= 2
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.currentIndex().row() == 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)  # stops at the top
    assert picker.list.currentIndex().row() == 0
    picker.search.setText("wl")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.currentIndex().row() == 0  # one result: Down stays on it
    with qtbot.waitSignal(picker.chosen) as sig:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert sig.args == ["您好王芳，订单E20261101已发出，请耐心等待物流更新。"]
    qtbot.waitUntil(lambda: not picker.isVisible())


def test_down_then_enter_picks_the_second_row(qtbot, picker):
    picker.search.setText("退款")
    with qtbot.waitSignal(picker.chosen) as sig:
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)
        qtbot.keyClick(picker.search, Qt.Key.Key_Enter)
    assert sig.args == ["我是李娜，您的退款正在处理中，请留意到账通知。"]


def test_escape_closes_without_inserting(qtbot, picker, composer):
    chosen = []
    picker.chosen.connect(chosen.append)
    qtbot.keyClicks(picker.search, "tk")
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert chosen == [] and composer.toPlainText() == ""


def test_activating_another_window_closes_it_like_a_popup(qtbot, picker, composer):
    assert picker.isActiveWindow()
    composer.activateWindow()
    qtbot.waitUntil(lambda: not picker.isVisible())
    qtbot.keyClicks(composer, "x")
    assert composer.toPlainText() == "x" and picker.search.text() == ""


def test_enter_with_no_results_does_nothing(qtbot, picker):
    chosen = []
    picker.chosen.connect(chosen.append)
    qtbot.keyClicks(picker.search, "zzzz")
    assert picker.count.text() == "0 snippets" and picker.results.currentWidget() is picker.empty
    assert picker.empty.text() == "No snippets match “zzzz”"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen == [] and picker.isVisible()


def test_keys_typed_into_the_composer_before_the_picker_is_active_go_to_the_search(qtbot, picker, composer):
    qtbot.keyClicks(composer, "tk")
    assert composer.toPlainText() == ""
    assert picker.search.text() == "tk" and shown_ids(picker)[0] == 3
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())
    qtbot.keyClicks(composer, "ok")  # closed: the composer types normally again
    assert composer.toPlainText() == "ok"


def test_preview_is_filled_and_marks_what_is_missing(qtbot, picker):
    picker.search.setText("coupon")
    assert shown_ids(picker) == [9]
    text = picker.preview.toPlainText()
    assert text == "王芳您好，优惠券 {coupon.code} 已发放，订单 E20261101"
    assert picker.missing.isVisible()
    assert "{coupon.code}" in picker.missing.text() and "Unknown placeholder" in picker.missing.text()
    marks = picker.preview.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["王芳", "{coupon.code}", "E20261101"]
    assert marks[1].format.background().color() != marks[0].format.background().color()


def test_known_placeholder_without_value_is_listed(qtbot, store, composer):
    p = SnippetPicker(Desk(store))
    qtbot.addWidget(p)
    p.open_for({"customer.name": "王芳", "agent.name": "李娜"}, composer)  # no order for this customer
    p.search.setText("wl")
    assert p.preview.toPlainText() == "您好王芳，订单{order.id}已发出，请耐心等待物流更新。"
    assert p.missing.text().startswith("No value for {order.id}")
    with qtbot.waitSignal(p.chosen) as sig:
        qtbot.keyClick(p.search, Qt.Key.Key_Return)
    assert sig.args == ["您好王芳，订单{order.id}已发出，请耐心等待物流更新。"]  # left as written to fill in


def test_marks_are_placed_right_after_emoji_and_crlf(qtbot, store, picker):
    with store.db.tx():
        apply_rows(store.conn, snippet_rows([(20, "表情", "😀👍\r\n{order.id} 和 {customer.name}", "emoji", "", None)]),
                   None, live=False)
    picker.desk.changed.emit(Changes(snippets=True))
    picker.search.setText("emoji")
    marks = picker.preview.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["E20261101", "王芳"]
    with qtbot.waitSignal(picker.chosen) as sig:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert sig.args == ["😀👍\nE20261101 和 王芳"]  # one line break, not a blank line


def test_markup_in_a_snippet_is_shown_literally(qtbot, picker):
    picker.search.setText("html")
    assert shown_ids(picker) == [8]
    assert picker.preview.toPlainText() == HTML + "\n王芳"
    assert picker.title.text() == HTML and picker.title.textFormat() == Qt.TextFormat.PlainText
    for label in picker.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert picker.model.index(0).data() == HTML
    picker.grab()  # the delegate paints it as characters and does not fail


def test_synced_snippets_appear_while_open_and_keep_the_selection(qtbot, store, picker):
    picker.search.setText("退款")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.currentIndex().row() == 1
    with store.db.tx():
        ch = apply_rows(store.conn, snippet_rows([(21, "退款到账时间", "一般1-3天", "dz", "售后", None)]), None,
                        live=False)
    picker.desk.changed.emit(ch)
    assert set(shown_ids(picker)) == {1, 3, 21}
    assert picker.model.snippet(picker.list.currentIndex().row()).id == 3
    assert picker.category.itemText(0) == "All categories (9)"


def test_no_snippets_at_all(qtbot, tmp_path, composer):
    store = Store(tmp_path / "empty.sqlite3")
    store.set_session(ME)
    p = SnippetPicker(Desk(store))
    qtbot.addWidget(p)
    p.open_for(CTX, composer)
    assert p.results.currentWidget() is p.empty and "No snippets yet" in p.empty.text()
    p.close()
    store.close()


def test_double_click_inserts(qtbot, picker):
    picker.search.setText("size")
    rect = picker.list.visualRect(picker.model.index(0))
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.search.hasFocus()  # a click chooses the row; typing goes on in the search box
    with qtbot.waitSignal(picker.chosen) as sig:
        # QTest's double click alone has no press before it, which a real double click has.
        qtbot.mouseDClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["亲，尺码不对可以申请七天无理由退换货。"]


def test_roles(picker):
    picker.search.setText("tk")
    assert picker.model.index(0).data(SHORTCUT_ROLE) == "tk"


# --- through the main window ------------------------------------------------------------------

@pytest.fixture
def window(qapp, qtbot, tmp_path):
    store = make_store(tmp_path / "w.sqlite3")
    t = "2026-11-01T08:00:00.000000Z"
    rows = [{"k": "customer", "d": {"id": 1, "name": "王芳", "email": "wf@example.com", "phone": "", "region": "广东",
                                    "note": "", "tags": [], "created_at": t, "updated_at": t}},
            {"k": "order", "d": {"id": "E20261101", "customer_id": 1, "total_cents": 19900, "status": "shipped",
                                 "items": [], "created_at": t}},
            {"k": "conversation", "d": {"id": 1, "customer_id": 1, "team_id": "a", "assignee_id": 7, "status": "open",
                                        "channel": "web", "subject": "物流", "tags": [], "created_at": t,
                                        "updated_at": t, "last_message_at": t, "last_message_preview": "到哪了",
                                        "last_author_kind": "customer", "message_count": 1,
                                        "first_response_at": None}}]
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)
    s = gui.open_session(store, "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    s.window.show()
    qtbot.waitExposed(s.window)
    yield s.window
    s.window.close()
    store.close()


def test_slash_in_the_composer_then_enter_fills_the_reply(qtbot, window):
    window.open_conversation(1)
    assert window.conversation.conv_id == 1
    edit = window.conversation.composer.edit
    edit.setFocus()
    edit.insertPlainText("您好，")
    qtbot.keyClick(edit, "/")  # at a word start? no: after "，" it is not a space, so it is typed
    assert edit.toPlainText() == "您好，/"
    edit.clear()
    qtbot.keyClick(edit, "/")
    picker = window.picker
    qtbot.waitUntil(picker.isVisible)
    assert edit.toPlainText() == ""  # the slash opened the picker instead of being typed
    qtbot.keyClicks(picker.search, "wl")
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert edit.toPlainText() == "您好王芳，订单E20261101已发出，请耐心等待物流更新。"


def test_menu_shortcut_opens_the_picker_for_the_open_conversation(qtbot, window):
    assert window.act_snippet.shortcut().toString() == "Ctrl+Shift+K"
    window.act_snippet.trigger()
    assert not window.picker.isVisible()  # no conversation open: nothing to insert into
    window.open_conversation(1)
    window.act_snippet.trigger()
    qtbot.waitUntil(window.picker.isVisible)
    window.picker.search.setText("退款进度")
    with qtbot.waitSignal(window.picker.chosen):
        qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert window.conversation.composer.edit.toPlainText() == "我是李娜，您的退款正在处理中，请留意到账通知。"


def test_language_switch_with_the_picker_open(qapp, qtbot, tmp_path):
    store = make_store(tmp_path / "l.sqlite3")
    s = gui.open_session(store, "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    s.window.show()
    old = s.window
    old.picker.open_for(CTX, old.conversation.composer.edit)
    qtbot.waitUntil(old.picker.isVisible)
    gui.switch_language(qapp, None, "en", s)  # the old window, picker and composer go away together
    qtbot.waitUntil(lambda: not old.isVisible())
    assert s.window.picker is not old.picker and not s.window.picker.isVisible()
    s.window.close()
    store.close()
