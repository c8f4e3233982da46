"""The router's reasons, worded for people; a waiting conversation shows its place in the queue."""

import orjson

from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.views.assign_reason import describe
from cs_desk.views.desk import Desk


def test_steps_are_worded_and_user_text_stays_literal(qapp):
    reason = {"steps": [{"kind": "rule", "field": "region", "op": "equals", "value": "广东%2", "to_team": "south"},
                        {"kind": "strategy", "strategy": "least_load", "agent": "张三<b>", "load": 1, "capacity": 5}],
              "text": "…"}
    text = describe(orjson.dumps(reason).decode(), lambda t: {"south": "华南"}.get(t, t))
    assert text == "rule region “广东%2” → 华南; least load: 张三<b> had 1 of 5"
    assert describe(None, str) == "" and describe("not json", str) == ""
    assert describe({"steps": [{"kind": "returning", "agent": "李四"}]}, str) == "returning customer: back to 李四"
    assert describe({"steps": [{"kind": "no_agent"}]}, str).startswith("nobody online")


def test_queue_position_of_a_waiting_conversation(qapp, tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.set_session({"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    t = "2026-12-01T08:00:0{}.000000Z"
    rows = [{"k": "conversation", "d": {
        "id": i, "customer_id": 1, "team_id": "a", "assignee_id": 7 if i == 4 else None, "status": "open",
        "channel": "web", "subject": "", "tags": [], "created_at": t.format(i), "updated_at": t.format(i),
        "last_message_at": None, "last_message_preview": "", "last_author_kind": None, "message_count": 1,
        "first_response_at": None, "waiting_since": None if i == 4 else t.format(i),
        "assign_reason": {"steps": [{"kind": "no_agent"}], "text": ""}}} for i in range(1, 5)]
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)
    desk = Desk(store)
    assert desk.queue_position(1) == (1, 3) and desk.queue_position(3) == (3, 3)
    assert desk.queue_position(4) is None  # assigned: not waiting
    assert desk.assign_reason(2).startswith("nobody online")
    store.close()
