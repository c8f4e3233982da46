"""SLA alerts in the client: warning and breach lines read as sentences in the agent's language, a
breach on my conversation (or, for a lead, on the team's when the policy notifies the lead) is
announced once, and a breach elsewhere is not."""

from cs_desk.store.apply import apply_rows
from cs_desk.ui.main_window import MainWindow
from cs_desk.views.desk import Desk
from cs_desk.views.message_model import TEXT_ROLE, MessageModel
from tests.helpers.bulk import ME, big_store, conversation

DUE = "2026-12-03T06:30:00.000000Z"


def breach_line(mid, conv_id, actions):
    return {"k": "message", "d": {"id": mid, "conversation_id": conv_id, "author_kind": "system", "author_id": None,
                                  "kind": "system", "body": "SLA breached", "created_at": "2026-12-03T06:31:00.000000Z",
                                  "meta": {"event": "sla_breach", "kind": "first_response", "due_at": DUE,
                                           "actions": actions}}}


def test_alert_lines_are_worded_from_their_data(qapp, tmp_path):
    store = big_store(tmp_path / "c.sqlite3", conversations=5)
    with store.db.tx():
        apply_rows(store.conn, [
            {"k": "message", "d": {"id": "w1", "conversation_id": 1, "author_kind": "system", "author_id": None,
                                   "kind": "system", "body": "fallback", "created_at": "2026-12-03T06:20:00.000000Z",
                                   "meta": {"event": "sla_warning", "kind": "next_response", "due_at": DUE}}},
            breach_line("b1", 1, [{"action": "notify_lead", "team_id": "a"},
                                  {"action": "raise_priority", "from": "normal", "to": "high"},
                                  {"action": "reassign", "from": ME["id"], "to": None}]),
        ], store.me(), live=True)
    model = MessageModel(store)
    model.set_conversation(1)
    texts = [model.index(r).data(TEXT_ROLE) for r in range(model.rowCount())]
    warning = next(t for t in texts if t.startswith("SLA warning"))
    assert warning.startswith("SLA warning: Next response is due at ")
    breach = next(t for t in texts if t.startswith("SLA breached"))
    assert "First response was due at" in breach
    assert breach.endswith("team lead notified; priority raised to High; nobody else was free to take it")
    store.close()


def test_a_breach_on_my_conversation_is_announced_once_and_others_are_not(qapp, qtbot, tmp_path):
    store = big_store(tmp_path / "c.sqlite3", conversations=5)
    desk = Desk(store)
    win = MainWindow(desk)
    seen = []
    win.notifier.notified.connect(seen.append)
    with store.db.tx():
        mine = apply_rows(store.conn, [{"k": "conversation", "d": {**conversation(2), "assignee_id": ME["id"]}}],
                          store.me(), live=True)
    desk.changed.emit(mine)
    seen.clear()  # that was the assignment's announcement
    with store.db.tx():
        other = apply_rows(store.conn, [breach_line("b-other", 4, [])], store.me(), live=True)
    desk.changed.emit(other)
    assert seen == []  # not mine, and the policy notifies nobody
    with store.db.tx():
        ch = apply_rows(store.conn, [breach_line("b-mine", 2, [])], store.me(), live=True)
    desk.changed.emit(ch)
    assert len(seen) == 1 and seen[0].startswith("SLA breached: ") and "First response" in seen[0]
    win.close()
    store.close()
