"""Categories and priority against a real server: intake messages are classified by the customer's
words (business words and knowledge-base synonyms), a later complaint moves the category forward,
an agent's choice sticks, and the team queue serves complaints and refunds first."""

import pytest

from cs_desk.ops import actions
from cs_desk.server import eventlog, knowledge, teams
from cs_desk.store import queries
from tests.integration.test_routing_live import configure, conv, post


async def test_intake_messages_are_classified_and_the_agent_sees_why(srv, agents):
    db = srv.running.app.db
    await db.write(lambda c: knowledge.add_business_word(c, "质量问题", "complaint"))
    await db.write(lambda c: knowledge.add_synonym(c, "质量太烂", "质量问题", "a"))
    alice = await agents("alice")
    await alice.live()
    refund = await post(srv, "a", "衣服破了，想退钱", "c1")
    question = await post(srv, "a", "这款有现货吗", "c2")
    synonym = await post(srv, "a", "你们质量太烂了", "c3")
    await alice.wait(lambda: conv(alice.store, synonym["conversation_id"]) is not None)
    r = conv(alice.store, refund["conversation_id"])
    assert (r["category"], r["priority"], r["classified"]) == ("refund", "high", {"by": "auto", "words": ["退钱"]})
    q = conv(alice.store, question["conversation_id"])
    assert (q["category"], q["priority"]) == ("consultation", "normal")
    s = conv(alice.store, synonym["conversation_id"])
    assert (s["category"], s["classified"]["words"]) == ("complaint", ["质量问题"])

    # the question turns into a complaint: the category moves forward, the priority comes with it
    await post(srv, "a", "等了三天还没回复，我要投诉", "c2b", customer={"name": "客户c2", "email": "c2@example.com"})
    await alice.wait(lambda: conv(alice.store, question["conversation_id"])["category"] == "complaint")
    assert conv(alice.store, question["conversation_id"])["priority"] == "high"
    # …but a friendly word later does not move it back
    await post(srv, "a", "好的谢谢，有个建议", "c2c", customer={"name": "客户c2", "email": "c2@example.com"})
    await alice.wait(lambda: conv(alice.store, question["conversation_id"])["message_count"] == 3)
    assert conv(alice.store, question["conversation_id"])["category"] == "complaint"


async def test_the_agents_choice_sticks(srv, agents):
    alice = await agents("alice")
    await alice.live()
    res = await post(srv, "a", "尺码小了，想换货", "k1")
    cid = res["conversation_id"]
    await alice.wait(lambda: (c := conv(alice.store, cid)) is not None and c["category"] == "exchange")
    await srv.running.app.db.write(lambda c: c.exec_driver_sql(
        f"UPDATE conversations SET assignee_id = {srv.world.users['alice']} WHERE id = {int(cid)}"))
    actions.categorize(alice.store, cid, category="return", priority="urgent")
    assert conv(alice.store, cid)["category"] == "return"  # at once, offline-first
    alice.client.outbox_changed()
    await alice.synced()
    c = conv(alice.store, cid)
    assert (c["category"], c["priority"], c["classified"]["by"]) == ("return", "urgent", "agent")
    await post(srv, "a", "我要投诉你们", "k2", customer={"name": "客户k1", "email": "k1@example.com"})
    await alice.wait(lambda: conv(alice.store, cid)["message_count"] == 2)
    assert conv(alice.store, cid)["category"] == "return"  # nobody re-classifies over an agent


async def test_bad_categorize_arguments_are_refused_before_the_outbox(srv, agents):
    import pytest

    alice = await agents("alice")
    with pytest.raises(actions.InvalidAction, match="category"):
        actions.categorize(alice.store, 1, category="billing")
    with pytest.raises(actions.InvalidAction, match="give a category, a priority or both"):
        actions.categorize(alice.store, 1)
    assert alice.store.outbox_count() == 0


async def test_the_team_queue_serves_complaints_and_refunds_first(srv, agents):
    db = srv.running.app.db
    await configure(srv, "a", strategy="least_load")
    for name in ("alice", "bob", "lena"):
        await db.write(lambda c, n=name: teams.set_agent(c, n, capacity=0))
    older = await post(srv, "a", "什么时候发货", "q1")
    complaint = await post(srv, "a", "太差了，我要投诉", "q2")
    refund = await post(srv, "a", "申请退款", "q3")
    alice = await agents("alice")
    await alice.live()
    await alice.wait(lambda: conv(alice.store, refund["conversation_id"]) is not None)
    # served order: complaint (high, earlier), refund (high), then the older question (normal)
    place = {k: queries.queue_position(alice.store.conn, x["conversation_id"]) for k, x in
             (("older", older), ("complaint", complaint), ("refund", refund))}
    assert place == {"complaint": (1, 3), "refund": (2, 3), "older": (3, 3)}
    await db.write(lambda c: teams.set_agent(c, "alice", capacity=1))
    srv.running.app.hub.notify_head(await db.read(eventlog.head))  # as the router tick would
    await alice.wait(lambda: conv(alice.store, complaint["conversation_id"])["assignee_id"] == srv.world.users["alice"])
    assert conv(alice.store, older["conversation_id"])["assignee_id"] is None


async def test_writing_back_reopens_within_the_teams_days_and_starts_anew_after(srv, agents):
    from datetime import UTC, datetime, timedelta

    import pytest

    from cs_desk.domain.clock import to_iso

    db = srv.running.app.db
    await db.write(lambda c: teams.set_team(c, "a", reopen_days=3))
    who = {"name": "回头客", "email": "back@example.com"}
    first = await post(srv, "a", "发票怎么开", "o1", customer=who)
    cid = first["conversation_id"]

    async def resolve(days_ago):
        at = to_iso(datetime.now(UTC) - timedelta(days=days_ago))
        await db.write(lambda c: c.exec_driver_sql(
            f"UPDATE conversations SET status = 'resolved', resolved_at = '{at}' WHERE id = {int(cid)}"))

    await resolve(2)
    again = await post(srv, "a", "还有个问题", "o2", customer=who)
    assert again["conversation_id"] == cid  # within 3 days: the same conversation, reopened
    alice = await agents("alice")
    await alice.live()
    assert conv(alice.store, cid)["status"] == "open"
    await resolve(4)
    later = await post(srv, "a", "又来了", "o3", customer=who)
    assert later["conversation_id"] != cid  # 4 days later: a new conversation
    await alice.wait(lambda: conv(alice.store, later["conversation_id"]) is not None)
    status = await db.read(lambda c: c.exec_driver_sql(f"SELECT status FROM conversations WHERE id = {int(cid)}").scalar())
    assert status == "resolved"  # the old one stays closed
    with pytest.raises(ValueError, match="0 or more"):
        await db.write(lambda c: teams.set_team(c, "a", reopen_days=-1))


async def test_knowledge_base_answers_and_synonyms_reach_the_agents_search(srv, agents):
    from cs_desk.store.snippet_repo import search_ids

    db = srv.running.app.db
    alice = await agents("alice")
    await alice.live()
    await db.write(lambda c: knowledge.set_snippet(c, "/tk", "退款到账时间", "{customer_name}您好，退款1-3个工作日到账",
                                                   "售后", "a"))
    await db.write(lambda c: knowledge.add_synonym(c, "退钱", "退款"))
    srv.running.app.hub.notify_head(await db.read(eventlog.head))  # as the router tick would
    found = lambda q: [alice.store.conn.execute("SELECT shortcut FROM snippets WHERE id = ?", (i,)).fetchone()[0]  # noqa: E731
                       for i in search_ids(alice.store.conn, alice.store.me(), q)]
    await alice.wait(lambda: "tk" in found("退钱"))  # the customer's word finds the standard answer
    await db.write(lambda c: knowledge.set_snippet(c, "tk", "退款到账时间", "1-3个工作日", "售后", "b"))  # to team b
    await db.write(lambda c: knowledge.remove_synonym(c, "退钱"))
    srv.running.app.hub.notify_head(await db.read(eventlog.head))
    await alice.wait(lambda: found("退款") == [] and found("退钱") == [])  # moved away: gone from team a
    with pytest.raises(ValueError, match="title"):
        await db.write(lambda c: knowledge.set_snippet(c, "x", " ", "body"))


async def test_a_lead_sets_capacity_and_presence_an_agent_may_not(srv, agents):
    from cs_desk.store import queries as q

    await configure(srv, "a", strategy="least_load")
    db = srv.running.app.db
    for name in ("alice", "bob", "lena"):
        await db.write(lambda c, n=name: teams.set_agent(c, n, capacity=0))
    waiting = await post(srv, "a", "有人吗", "lead1")
    alice, lena = await agents("alice"), await agents("lena")
    await alice.live()
    await lena.live()
    uid = srv.world.users["alice"]
    actions.update_agent(alice.store, srv.world.users["bob"], capacity=5)  # an agent: refused
    alice.client.outbox_changed()
    await alice.wait(lambda: alice.store.outbox_count() == 0)
    refused = [n for n in q.notices(alice.store.conn) if n["op"] == "agent.update"]
    assert refused and refused[0]["code"] == "forbidden"
    actions.update_agent(lena.store, uid, capacity=2)  # the lead gives alice room: the queue is served
    lena.client.outbox_changed()
    await alice.wait(lambda: conv(alice.store, waiting["conversation_id"])["assignee_id"] == uid)
    actions.update_agent(lena.store, uid, presence="away")
    lena.client.outbox_changed()
    await alice.wait(lambda: alice.store.conn.execute("SELECT presence FROM agents WHERE id = ?", (uid,)).fetchone()[0]
                     == "away")
