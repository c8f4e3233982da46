"""The conversation pane's extras over a real SQLite cache: who else is here (collision banner and our
own activity reports), transfer with a reason, the sensitive-word check before a reply goes, and the
composer's keys. The same against a real server: test_conversation_live.py."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLabel

from cs_desk import gui
from cs_desk.ops.actions import InvalidAction
from cs_desk.store import queries
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.ui.conversation.composer import Composer
from cs_desk.ui.conversation.conversation_pane import ConversationPane
from cs_desk.ui.dialogs.transfer_dialog import TransferDialog
from cs_desk.views import desk as desk_module
from cs_desk.views.desk import Desk
from cs_desk.views.message_model import TEXT_ROLE, MessageModel
from cs_desk.views.transfer_targets import AGENT_ID_ROLE, agent_choices

T = "2026-11-01T08:0%d:00.000000Z"
ME = {"id": 1, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"}
AGENTS = [(1, "Alice", "a", "agent", "online"), (2, "Bob", "a", "agent", "away"), (3, "Lena", "a", "lead", "online"),
          (4, "Carol <b>x</b>", "b", "agent", "offline"), (5, "王强", "a", "agent", "online"),
          (6, "李娜", "a", "agent", "online")]
HTML = '<b>x</b><img src=file:///etc/passwd> <script>alert(1)</script>'
TRANSFER_META = {"event": "transfer", "by": 3, "by_name": "Lena", "from_team": "a", "from_team_name": "售前 A",
                 "from_agent": 2, "from_agent_name": "Bob", "to_team": "b", "to_team_name": "售后 B",
                 "to_agent": 4, "to_agent_name": "Carol", "reason": "退款 " + HTML}


def conversation(cid: int, assignee: int | None, team: str = "a") -> dict:
    return {"k": "conversation", "d": {
        "id": cid, "customer_id": 1, "team_id": team, "assignee_id": assignee, "status": "open", "channel": "web",
        "subject": "订单还没有发货", "tags": [], "created_at": T % 0, "updated_at": T % 1, "last_message_at": T % 1,
        "last_message_preview": "x", "last_author_kind": "customer", "message_count": 1, "first_response_at": None}}


def message(mid: str, conv: int, body: str, minute: int, kind: str = "reply", author: str = "customer",
            meta: dict | None = None) -> dict:
    return {"k": "message", "d": {"id": mid, "conversation_id": conv, "author_kind": author, "author_id": None,
                                  "kind": kind, "body": body, "created_at": T % minute, "meta": meta}}


def put(store: Store, rows: list[dict]) -> None:
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)


def fill(store: Store, mode: str = "confirm", me: dict = ME) -> None:
    store.set_session(me)
    rows = [{"k": "team", "d": {"id": "a", "name": "售前 A", "name_en": "Presales A", "sensitive_mode": mode}},
            {"k": "team", "d": {"id": "b", "name": "售后 B", "name_en": "After-sales B", "sensitive_mode": "off"}},
            {"k": "sensitive_word", "d": {"id": 1, "word": "最低价", "team_id": None}},
            {"k": "sensitive_word", "d": {"id": 2, "word": "微信", "team_id": "a"}}]
    rows += [{"k": "agent", "d": {"id": i, "name": f"u{i}", "display_name": n, "team_id": t, "role": r, "capacity": 5,
                                  "disabled": False, "presence": p}} for i, n, t, r, p in AGENTS]
    rows.append({"k": "customer", "d": {"id": 1, "name": "王芳", "email": "w@example.com", "phone": "", "region": "",
                                        "note": "", "tags": [], "created_at": T % 0, "updated_at": T % 0}})
    rows += [conversation(1, 1), conversation(2, 2), conversation(3, None), conversation(4, 2)]
    rows += [message("m1", 1, "你好", 2), message("s1", 1, "转接 fallback", 3, "system", "system", TRANSFER_META)]
    put(store, rows)


@pytest.fixture
def owned():
    """Widgets and stores a test made: widgets are deleted before their cache closes, so no paint or
    timer of theirs runs over a closed database."""
    made = SimpleNamespace(widgets=[], stores=[])
    yield made
    for w in made.widgets:
        if shiboken6.isValid(w):
            w.close()
            shiboken6.delete(w)
    for st in made.stores:
        st.close()


@pytest.fixture
def new_store(tmp_path, owned):
    def make(mode: str = "confirm", name: str = "c") -> Store:
        st = Store(tmp_path / f"{name}.sqlite3")
        fill(st, mode)
        owned.stores.append(st)
        return st

    return make


@pytest.fixture
def store(new_store):
    return new_store()


def new_pane(owned, desk: Desk) -> ConversationPane:
    p = ConversationPane(desk)
    owned.widgets.append(p)
    p.resize(700, 600)
    p.show()
    return p


@pytest.fixture
def desk(store):
    return Desk(store)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    # Only the desk's notion of time: pytest-qt and Qt keep the real clock.
    monkeypatch.setattr(desk_module, "time", SimpleNamespace(monotonic=c))
    return c


@pytest.fixture
def reports(desk):
    seen: list[tuple[int, str]] = []
    desk.report_activity = lambda conv, state: seen.append((conv, state))  # type: ignore[method-assign]
    return seen


@pytest.fixture
def pane(qtbot, owned, desk, clock, reports):
    p = new_pane(owned, desk)
    p.activity.clock = clock
    qtbot.waitExposed(p)
    return p


def colleague(desk: Desk, uid: int, name: str, state: str, conv: int = 1) -> None:
    desk._activity({"conversation_id": conv, "state": state, "user_id": uid, "name": name, "at": ""})


def outbox_ops(store: Store) -> list[tuple[str, dict]]:
    return [(o["op"], o["args"]) for o in queries.outbox(store.conn)]


# --- collision banner -------------------------------------------------------------------------

def test_banner_names_typing_first_then_viewing(qtbot, pane, desk):
    pane.show_conversation(1)
    assert pane.collision.isHidden()
    colleague(desk, 5, "王强", "viewing")
    assert pane.collision.isVisible() and pane.collision.text() == "王强 is viewing"
    colleague(desk, 6, "李娜", "typing")
    colleague(desk, 2, "Bob", "viewing")
    assert pane.collision.text() == "李娜 is typing… · Bob and 王强 are viewing"
    colleague(desk, 3, "Lena", "viewing")
    colleague(desk, 4, "Carol", "viewing")
    assert pane.collision.text() == "李娜 is typing… · Bob, Carol and 2 others are viewing"
    for uid, name in ((2, "Bob"), (3, "Lena"), (4, "Carol"), (5, "王强")):
        colleague(desk, uid, name, "idle")
    assert pane.collision.text() == "李娜 is typing…"
    colleague(desk, 6, "李娜", "idle")
    assert pane.collision.isHidden()


def test_banner_is_per_conversation(qtbot, pane, desk):
    pane.show_conversation(1)
    colleague(desk, 2, "Bob", "typing", conv=2)
    assert pane.collision.isHidden()
    pane.show_conversation(2)
    assert pane.collision.text() == "Bob is typing…"
    pane.show_conversation(None)
    assert pane.collision.isHidden()


def test_stale_entries_vanish_on_the_periodic_reread(qtbot, pane, desk, clock):
    pane.show_conversation(1)
    colleague(desk, 2, "Bob", "viewing")
    assert pane.collision.text() == "Bob is viewing"
    assert pane.colleagues_timer.isActive() and pane.colleagues_timer.interval() <= 10_000
    clock.now += 59
    pane.colleagues_timer.timeout.emit()
    assert pane.collision.text() == "Bob is viewing"
    clock.now += 2  # 61 s after Bob's last frame: his app vanished without saying idle
    pane.colleagues_timer.timeout.emit()
    assert pane.collision.isHidden()


def test_colleague_names_are_plain_text(qtbot, pane, desk):
    pane.show_conversation(1)
    colleague(desk, 4, HTML, "typing")
    assert pane.collision.people.text() == f"{HTML} is typing…"
    colleague(desk, 9, "%1 %2", "viewing")  # placeholders in a name are not substituted into
    assert pane.collision.people.text() == f"{HTML} is typing… · %1 %2 is viewing"
    for label in (pane.collision.people, pane.collision.warning, pane.title, pane.subtitle, pane.sensitive.label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    for label in pane.findChildren(QLabel):
        assert label.textFormat() != Qt.TextFormat.RichText
    pane.grab()


def test_sending_while_a_colleague_types_warns_but_sends(qtbot, pane, desk, store):
    pane.show_conversation(1)
    colleague(desk, 6, "李娜", "typing")
    pane.composer.edit.setPlainText("马上为您处理")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert [op for op, _ in outbox_ops(store)] == ["message.send"]  # not blocked
    assert pane.collision.warning.isVisible()
    assert pane.collision.text() == "李娜 is typing a reply too\n李娜 is typing…"
    colleague(desk, 6, "李娜", "viewing")  # she stopped: the warning goes
    assert pane.collision.text() == "李娜 is viewing"


def test_no_reply_warning_for_a_note(qtbot, pane, desk, store):
    pane.show_conversation(1)
    colleague(desk, 6, "李娜", "typing")
    pane.composer.note.setChecked(True)
    pane.composer.edit.setPlainText("内部备注")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert [op for op, _ in outbox_ops(store)] == ["note.add"]
    assert not pane.collision.warning.isVisible()


# --- our own activity -------------------------------------------------------------------------

def test_our_activity_viewing_typing_idle(qtbot, pane, desk, clock, reports):
    reports.clear()
    pane.show_conversation(1)
    assert reports == [(1, "viewing")]
    qtbot.keyClicks(pane.composer.edit, "hel")
    assert reports[-1] == (1, "typing") and reports.count((1, "typing")) == 1  # not once per key
    clock.now += 3.1
    qtbot.keyClicks(pane.composer.edit, "lo")
    assert reports.count((1, "typing")) == 2  # still typing after 3 s: said again, so it does not expire
    assert pane.activity.calm.isActive() and pane.activity.calm.interval() == 5_000
    pane.activity.calm.timeout.emit()  # 5 s without a key
    assert reports[-1] == (1, "viewing")
    assert pane.activity.heartbeat.isActive() and pane.activity.heartbeat.interval() == 30_000
    pane.activity.heartbeat.timeout.emit()
    assert reports[-1] == (1, "viewing")
    reports.clear()
    pane.show_conversation(2)
    assert reports == [(1, "idle"), (2, "viewing")]
    pane.show_conversation(None)
    assert reports == [(1, "idle"), (2, "viewing"), (2, "idle")]
    assert not pane.activity.heartbeat.isActive()


def test_sending_ends_typing_and_clearing_is_not_typing(qtbot, pane, reports):
    pane.show_conversation(1)
    qtbot.keyClicks(pane.composer.edit, "ok")
    reports.clear()
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert reports == [(1, "viewing")]
    assert pane.composer.edit.toPlainText() == ""


def test_writing_a_note_is_not_reported_as_typing(qtbot, pane, reports):
    """The web-chat customer sees an agent's "typing…": never for an internal note."""
    pane.show_conversation(1)
    pane.composer.note.setChecked(True)
    reports.clear()
    qtbot.keyClicks(pane.composer.edit, "note")
    assert (1, "typing") not in reports
    pane.composer.note.setChecked(False)
    qtbot.keyClicks(pane.composer.edit, " reply")
    assert (1, "typing") in reports


def test_hidden_pane_says_idle_and_back_says_viewing(qtbot, pane, reports):
    pane.show_conversation(3)
    reports.clear()
    pane.hide()
    assert reports == [(3, "idle")]
    pane.activity.heartbeat.timeout.emit()
    assert reports == [(3, "idle")]
    pane.show()
    assert reports == [(3, "idle"), (3, "viewing")]


def test_back_online_says_again_what_we_do(qtbot, pane, desk, reports):
    pane.show_conversation(1)
    reports.clear()
    desk.syncStateChanged.emit("live")
    assert reports == [(1, "viewing")]


# --- sensitive words --------------------------------------------------------------------------

def marks(pane: ConversationPane) -> list[tuple[int, int, str]]:
    return [(m.cursor.selectionStart(), m.cursor.selectionEnd(), m.cursor.selectedText())
            for m in pane.composer.edit.extraSelections()]


def test_confirm_mode_warns_then_send_again_sends(qtbot, pane, store):
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("😀亲，这已经是最低价了")  # an emoji is two UTF-16 units in Qt
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert outbox_ops(store) == []
    assert pane.sensitive.isVisible() and pane.sensitive.anyway.isVisible()
    assert pane.sensitive.label.text() == ("Contains a sensitive word: 最低价 — edit it, or press Send again to "
                                           "send anyway")
    assert marks(pane) == [(8, 11, "最低价")]
    selections = pane.composer.edit.extraSelections()
    assert selections[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)  # again, unchanged
    assert outbox_ops(store)[0][1]["body"] == "😀亲，这已经是最低价了"
    assert pane.sensitive.isHidden() and marks(pane) == []


def test_send_anyway_button(qtbot, pane, store):
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("最低价")
    pane.composer.button.click()
    assert outbox_ops(store) == []
    qtbot.mouseClick(pane.sensitive.anyway, Qt.MouseButton.LeftButton)
    assert [a["body"] for _, a in outbox_ops(store)] == ["最低价"]


def test_highlights_follow_the_edits_and_go_with_the_words(qtbot, pane, store):
    pane.show_conversation(1)
    edit = pane.composer.edit
    edit.setPlainText("最低价")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert marks(pane) == [(0, 3, "最低价")]
    edit.moveCursor(edit.textCursor().MoveOperation.Start)
    qtbot.keyClicks(edit, "ab ")
    assert marks(pane) == [(3, 6, "最低价")] and pane.sensitive.isVisible()
    edit.insertPlainText("微信")  # a new word while warned: the bar names it, and Send asks again
    assert pane.sensitive.words == ["微信", "最低价"]
    assert "sensitive words: 微信, 最低价" in pane.sensitive.label.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert outbox_ops(store) == []
    edit.setPlainText("ab 这个价格已经很优惠了")
    assert pane.sensitive.isHidden() and marks(pane) == []
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert [a["body"] for _, a in outbox_ops(store)] == ["ab 这个价格已经很优惠了"]


def test_block_mode_never_sends(qtbot, owned, new_store, clock):
    store = new_store("block", "b")
    pane = new_pane(owned, Desk(store))
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("加我微信吧")
    for _ in range(3):
        qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert outbox_ops(store) == []
    assert pane.sensitive.label.text() == "Your team does not allow sending: 微信 — please rephrase"
    assert pane.sensitive.anyway.isHidden()
    pane.sensitive.sendAnyway.emit()  # even if the signal fired somehow
    assert outbox_ops(store) == []
    assert marks(pane) == [(2, 4, "微信")]


def test_a_clean_reply_goes_at_once_and_notes_are_not_checked(qtbot, pane, store):
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("您好，已为您查询")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert len(outbox_ops(store)) == 1 and pane.sensitive.isHidden()
    pane.composer.note.setChecked(True)
    pane.composer.edit.setPlainText("顾客一直在问最低价")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert [op for op, _ in outbox_ops(store)] == ["message.send", "note.add"]
    assert pane.sensitive.isHidden()


def test_off_mode_sends_with_the_word(qtbot, owned, new_store, clock):
    store = new_store("off", "o")
    pane = new_pane(owned, Desk(store))
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("最低价")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert len(outbox_ops(store)) == 1


def test_switching_conversation_drops_the_warning(qtbot, pane, store):
    pane.show_conversation(1)
    pane.composer.edit.setPlainText("最低价")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    pane.show_conversation(3)
    assert pane.sensitive.isHidden() and marks(pane) == []
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)  # asks again for the new conversation
    assert outbox_ops(store) == [] and pane.sensitive.isVisible()


# --- transfer ---------------------------------------------------------------------------------

def test_transfer_button_follows_ownership(qtbot, pane, store, desk):
    pane.show_conversation(1)  # mine
    assert pane.transfer.isEnabled()
    pane.show_conversation(3)  # unassigned
    assert pane.transfer.isEnabled()
    pane.show_conversation(2)  # Bob's, and I am an agent
    assert not pane.transfer.isEnabled()
    store.set_session({**ME, "role": "lead"})
    pane.show_conversation(4)
    assert pane.transfer.isEnabled()


def test_transfer_dialog_validates_then_transfers_to_an_agent(qtbot, pane, store):
    pane.show_conversation(1)
    qtbot.mouseClick(pane.transfer, Qt.MouseButton.LeftButton)  # returns: open(), not exec()
    d = pane._transfer_dialog
    assert isinstance(d, TransferDialog) and d.isVisible()
    ids = [d.proxy.index(r, 0).data(AGENT_ID_ROLE) for r in range(d.proxy.rowCount())]
    assert 1 not in ids and set(ids) == {2, 3, 4, 5, 6}  # not the current owner
    d.ok.click()
    assert d.error.text() == "Choose the agent to transfer to" and outbox_ops(store) == []
    assert d.select_agent(2)
    d.ok.click()
    assert d.error.text() == "Say why you transfer the conversation" and outbox_ops(store) == []
    d.reason.setPlainText("x" * 501)
    d.ok.click()
    assert d.error.text().startswith("The reason is too long") and outbox_ops(store) == []
    assert d.count.text() == "501/500"
    d.reason.setPlainText("  顾客要退款，转售后\n订单 E1  ")
    d.ok.click()
    assert outbox_ops(store) == [("conversation.transfer", {"conversation_id": 1, "expected_assignee_id": 1,
                                                            "reason": "顾客要退款，转售后\n订单 E1",
                                                            "to_team_id": None, "to_agent_id": 2})]
    qtbot.waitUntil(lambda: pane._transfer_dialog is None)
    assert queries.conversation(store.conn, 1)["assignee_id"] == 2  # optimistic
    assert not pane.transfer.isEnabled()  # Bob's now


def test_transfer_to_a_team_queue(qtbot, pane, store):
    pane.show_conversation(3)
    d = pane.open_transfer()
    assert [d.team.itemData(i) for i in range(d.team.count())] == [None, "a", "b"]
    assert d.team.itemText(2) == "After-sales B"
    d.to_team.setChecked(True)
    d.reason.setPlainText("售后问题")
    d.submit()
    assert d.error.text() == "Choose the team to transfer to"
    d.select_team("b")
    d.submit()
    op, args = outbox_ops(store)[0]
    assert op == "conversation.transfer" and args["to_team_id"] == "b" and args["to_agent_id"] is None


def test_a_refused_transfer_shows_why_in_the_dialog(qtbot, pane, desk, store, monkeypatch):
    def refuse(*_a, **_k):
        raise InvalidAction("<b>nope</b>: choose an agent or a team to transfer to")

    monkeypatch.setattr(desk, "transfer", refuse)
    pane.show_conversation(1)
    d = pane.open_transfer()
    d.select_agent(5)
    d.reason.setPlainText("r")
    d.submit()
    assert d.isVisible() and d.error.text() == "<b>nope</b>: choose an agent or a team to transfer to"
    assert d.error.textFormat() == Qt.TextFormat.PlainText


def test_transfer_dialog_shows_presence_load_and_markup_literally(qtbot, pane, store):
    pane.show_conversation(1)
    d = pane.open_transfer()
    d.reason.setPlainText(HTML)
    rows = {d.proxy.index(r, 0).data(): [d.proxy.index(r, c).data() for c in range(1, 4)]
            for r in range(d.proxy.rowCount())}
    assert rows["Bob"] == ["Presales A", "Away", "2/5"]  # conversations 2 and 4
    assert rows["Carol <b>x</b>"] == ["After-sales B", "Offline", "—"]  # another team: load unknown
    assert rows["李娜"] == ["Presales A", "Online", "0/5"]
    first = d.proxy.index(0, 0).data()
    assert first in ("Lena", "王强", "李娜")  # own team and online first
    for label in d.findChildren(QLabel):
        assert label.textFormat() != Qt.TextFormat.RichText or label.text() == ""
    assert "王芳" in d.summary.text() and "now with Alice" in d.summary.text()
    d.filter.setText("after")
    assert d.proxy.rowCount() == 1
    d.grab()


def test_load_helper_counts_open_assigned_conversations(store, desk):
    loads = {c.id: c.load for c in agent_choices(desk)}
    assert loads[1] == 1 and loads[2] == 2 and loads[4] is None


# --- system lines -----------------------------------------------------------------------------

def test_transfer_system_line_is_translated_from_meta(qtbot, store, desk):
    m = MessageModel(store)
    m.set_conversation(1)
    idx = m.index(1)
    assert idx.data() == "转接 fallback"  # DisplayRole stays the body
    # the team as this UI names it (English here), not the server's wording in the meta
    assert idx.data(TEXT_ROLE) == f"Lena transferred this conversation from Bob to Carol (After-sales B): 退款 {HTML}"
    assert m.index(0).data(TEXT_ROLE) == "你好"


@pytest.mark.parametrize("meta,expected", [
    ({"event": "transfer", "by_name": "Alice", "from_agent_name": "Alice", "to_agent_name": "Bob",
      "to_team_name": "售后 B", "reason": "退款"}, "Alice transferred this conversation to Bob (售后 B): 退款"),
    ({"event": "transfer", "by_name": "Alice", "from_agent_name": "", "to_agent_name": "",
      "to_team_name": "售后 B", "reason": "r"}, "Alice transferred this conversation to the 售后 B queue: r"),
    ({"event": "transfer", "by_name": "Lena", "from_agent_name": "Bob", "to_agent_name": None,
      "to_team_name": "售后 B", "reason": "r"}, "Lena transferred this conversation from Bob to the 售后 B queue: r"),
    ({"event": "transfer", "by_name": "%2", "to_agent_name": "%1", "to_team_name": "%3", "reason": "%4"},
     "%2 transferred this conversation to %1 (%3): %4"),
    ({"event": "escalation"}, "body"),
    ({"event": "transfer"}, "body"),
    ("not json{", "body"),
    (None, "body"),
])
def test_system_text_variants(qapp, store, meta, expected):
    m = MessageModel(store)
    assert m.system_text(json.dumps(meta) if isinstance(meta, dict) else meta, "body") == expected


# --- keys -------------------------------------------------------------------------------------

def test_ctrl_enter_sends_and_shift_enter_breaks(qtbot, pane, store):
    pane.show_conversation(3)
    edit = pane.composer.edit
    qtbot.keyClicks(edit, "line one")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, "two")
    assert outbox_ops(store) == []
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [a["body"] for _, a in outbox_ops(store)] == ["line one\ntwo"]


def test_esc_in_the_composer_asks_for_the_queue(qtbot, pane):
    pane.show_conversation(1)
    with qtbot.waitSignal(pane.queueRequested, timeout=1000):
        qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Escape)


def test_slash_without_a_picker_is_a_character(qtbot):
    c = Composer()
    qtbot.addWidget(c)
    asked = []
    c.snippetRequested.connect(lambda: asked.append(1))
    qtbot.keyClicks(c.edit, "/path a/b")
    assert c.edit.toPlainText() == "/path a/b" and asked == [1]
    assert "//" in c.edit.toolTip()


@pytest.fixture
def window(qapp, qtbot, new_store):
    store = new_store(name="w")
    put(store, [{"k": "snippet", "d": {"id": 1, "title": "物流查询", "body": "您好{customer.name}", "shortcut": "wl",
                                       "category": "", "team_id": None}}])
    s = gui.open_session(store, "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    s.window.show()
    qtbot.waitExposed(s.window)
    s.window.open_conversation(1)
    yield s.window
    close_window(s.window)


def close_window(w) -> None:
    w.close()
    for p in (getattr(w, "picker", None), w):
        if p is not None and shiboken6.isValid(p):
            shiboken6.delete(p)  # no timer of it may fire once its cache is closed


def test_esc_from_the_picker_leaves_the_slash(qtbot, window):
    edit = window.conversation.composer.edit
    edit.setFocus()
    qtbot.keyClick(edit, "/")
    qtbot.waitUntil(window.picker.isVisible)
    assert edit.toPlainText() == ""
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # fast, before the picker is active: forwarded to it
    qtbot.waitUntil(lambda: not window.picker.isVisible())
    assert edit.toPlainText() == "/"
    qtbot.keyClicks(edit, "home")
    assert edit.toPlainText() == "/home"
    qtbot.keyClick(edit, Qt.Key.Key_Space)
    qtbot.keyClick(edit, "/")
    qtbot.waitUntil(window.picker.isActiveWindow)
    qtbot.keyClicks(window.picker.search, "tk")  # searched, gave up: only the '/' comes back
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.picker.isVisible())
    assert edit.toPlainText() == "/home /"


def test_double_slash_types_one_slash(qtbot, window):
    edit = window.conversation.composer.edit
    edit.setFocus()
    qtbot.keyClick(edit, "/")
    qtbot.waitUntil(window.picker.isVisible)
    qtbot.keyClick(edit, "/")  # forwarded to the picker's search box, which closes it
    qtbot.waitUntil(lambda: not window.picker.isVisible())
    assert edit.toPlainText() == "/"


def test_choosing_a_snippet_drops_the_slash(qtbot, window):
    edit = window.conversation.composer.edit
    edit.setFocus()
    qtbot.keyClick(edit, "/")
    qtbot.waitUntil(window.picker.isVisible)
    window.picker.search.setText("wl")
    with qtbot.waitSignal(window.picker.chosen):
        qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert edit.toPlainText() == "您好王芳"
    window.picker.open_for({}, edit)  # opened from the menu, not by '/': nothing to put back
    qtbot.waitUntil(window.picker.isActiveWindow)
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.picker.isVisible())
    assert edit.toPlainText() == "您好王芳"
