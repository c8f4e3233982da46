"""The follow-up (回访) bar: shown on a conversation with an open follow-up, the customer's comment as
plain text; a lead closes it with an outcome (queued at once), an agent only sees it; the Follow-ups
tab lists the conversations that have one."""

from cs_desk.domain.queue import QueueFilter
from cs_desk.store import queue_repo
from cs_desk.store.apply import apply_rows
from cs_desk.ui.conversation.conversation_pane import ConversationPane
from cs_desk.views.desk import Desk
from cs_desk.views.message_model import TEXT_ROLE, MessageModel
from tests.helpers.bulk import ME, big_store

HOSTILE = "<b>差</b><img src=file:///etc/passwd>"


def followup(fid=1, conv=3, done=None):
    return {"k": "followup", "d": {"id": fid, "conversation_id": conv, "team_id": "a", "reason": "low_score",
                                   "score": 1, "comment": HOSTILE, "created_at": "2026-12-03T08:00:00.000000Z",
                                   "done_at": done, "done_by": None, "outcome": None}}


def setup(tmp_path, role):
    store = big_store(tmp_path / "c.sqlite3", conversations=10)
    store.set_session({**ME, "role": role})
    with store.db.tx():
        apply_rows(store.conn, [followup()], store.me(), live=True)
    return store


def test_a_lead_closes_a_follow_up_from_the_bar(qapp, qtbot, tmp_path):
    store = setup(tmp_path, "lead")
    pane = ConversationPane(Desk(store))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_conversation(3)
    bar = pane.followup
    assert bar.isVisible() and bar.done.isVisible() and not bar.done.isEnabled()  # an outcome first
    assert bar.text.textFormat().name == "PlainText" and HOSTILE in bar.text.text()
    bar.outcome.setText("已回电，客户接受补偿")
    bar.done.click()
    op, args = store.outbox_after(0, 100)[-1][1:]
    assert (op, args) == ("followup.done", {"followup_id": 1, "outcome": "已回电，客户接受补偿"})
    qtbot.waitUntil(lambda: not bar.isVisible())  # closed at once, offline-first
    assert queue_repo.queue_ids(store.conn, store.me(), QueueFilter(view="followups")) == []
    store.close()


def test_an_agent_sees_the_follow_up_but_cannot_close_it(qapp, qtbot, tmp_path):
    store = setup(tmp_path, "agent")
    pane = ConversationPane(Desk(store))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_conversation(3)
    assert pane.followup.isVisible() and not pane.followup.done.isVisible()
    assert queue_repo.queue_ids(store.conn, store.me(), QueueFilter(view="followups")) == [3]
    store.close()


def test_survey_and_follow_up_lines_read_as_sentences(qapp, tmp_path):
    store = setup(tmp_path, "lead")
    lines = [("survey_sent", {}), ("survey_answered", {"score": 2}), ("followup_opened", {"score": 2}),
             ("followup_done", {"by": ME["id"], "outcome": "已处理"})]
    with store.db.tx():
        apply_rows(store.conn, [{"k": "message", "d": {
            "id": f"s{i}", "conversation_id": 3, "author_kind": "system", "author_id": None, "kind": "system",
            "body": "fallback", "created_at": f"2026-12-03T09:0{i}:00.000000Z", "meta": {"event": e, **extra}}}
            for i, (e, extra) in enumerate(lines)] + [{"k": "agent", "d": {
                "id": ME["id"], "name": "alice", "display_name": "Alice", "team_id": "a", "role": "lead",
                "capacity": 5, "disabled": False, "presence": "online"}}], store.me(), live=True)
    model = MessageModel(store)
    model.set_conversation(3)
    texts = [model.index(r).data(TEXT_ROLE) for r in range(model.rowCount())][-4:]
    assert texts == ["Satisfaction survey sent to the customer", "The customer rated the service 2/5",
                     "Low score (2/5): a follow-up call is due from the team lead",
                     "Alice closed the follow-up: 已处理"]
    store.close()
