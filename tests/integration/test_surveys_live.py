"""Satisfaction after resolution and follow-ups (回访), against a real server: resolving asks for a
survey, the channel posts the answer once, a low score opens a follow-up that only a lead closes, and
every bad survey is refused clearly without changing anything."""

import asyncio
import json

from cs_desk.ops import actions
from cs_desk.store import queries
from tests.integration.test_intake import call
from tests.integration.test_routing_live import conv, post


async def survey(srv, team, cid, body, key=None):
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key or srv.world.keys[team]}"}
    return await asyncio.to_thread(call, f"{srv.running.http}/api/v1/conversations/{cid}/survey", "POST", body,
                                   headers)


async def status(srv, team, cid):
    headers = {"Authorization": f"Bearer {srv.world.keys[team]}"}
    return await asyncio.to_thread(call, f"{srv.running.http}/api/v1/conversations/{cid}", "GET", None, headers)


def lines(store, cid):
    return [json.loads(m["meta"]) if isinstance(m["meta"], str) else m["meta"]
            for m in queries.messages(store.conn, cid) if m["kind"] == "system" and m.get("meta")]


async def test_resolve_survey_low_score_followup_closed_by_the_lead(srv, agents):
    res = await post(srv, "a", "东西坏了", "s1")
    cid = res["conversation_id"]
    alice, lena = await agents("alice"), await agents("lena")
    await alice.live()
    await lena.live()
    await alice.wait(lambda: conv(alice.store, cid) is not None)
    assert (await survey(srv, "a", cid, {"score": 5}))[0] == 409  # nothing asked yet
    actions.claim(alice.store, cid)
    actions.resolve(alice.store, cid)
    alice.client.outbox_changed()
    await alice.wait(lambda: conv(alice.store, cid)["survey_sent_at"] is not None)
    assert {"event": "survey_sent"} in lines(alice.store, cid)
    code, st = await status(srv, "a", cid)
    assert code == 200 and st["survey"]["sent_at"] and st["survey"]["answered_at"] is None

    # refused, and nothing stored: bad scores, bad shapes, another channel's key
    for bad in ({"score": 0}, {"score": 6}, {"score": "5"}, {"score": True}, {"score": 3, "comment": "x" * 501},
                {"score": 3, "extra": 1}, [5]):
        code, body = await survey(srv, "a", cid, bad)
        assert code == 400, (bad, body)
    assert (await survey(srv, "a", cid, {"score": 1}, key=srv.world.keys["b"]))[0] == 404
    assert (await survey(srv, "a", cid, {"score": 1}, key="nope"))[0] == 401

    code, body = await survey(srv, "a", cid, {"score": 1, "comment": "<script>alert(1)</script>太慢了"})
    assert code == 201 and body["followup_id"]
    assert (await survey(srv, "a", cid, {"score": 5}))[0] == 409  # answered once
    fid = body["followup_id"]
    await lena.wait(lambda: queries.open_followup(lena.store.conn, cid) is not None)
    f = queries.open_followup(lena.store.conn, cid)
    assert (f["score"], f["comment"]) == (1, "<script>alert(1)</script>太慢了")  # stored as typed, shown as text
    c = conv(lena.store, cid)
    assert (c["csat_score"], c["csat_at"] is not None) == (1, True)

    await alice.wait(lambda: queries.open_followup(alice.store.conn, cid) is not None)
    actions.close_followup(alice.store, fid, "打过电话了")  # an agent may not close it
    assert queries.open_followup(alice.store.conn, cid) is None  # closed at once, offline-first
    alice.client.outbox_changed()
    await alice.wait(lambda: alice.store.outbox_count() == 0)
    refused = [n for n in queries.notices(alice.store.conn) if n["op"] == "followup.done"]
    assert refused and refused[0]["code"] == "forbidden" and "only a team lead" in refused[0]["reason"]
    await alice.wait(lambda: queries.open_followup(alice.store.conn, cid) is not None)  # put back

    actions.close_followup(lena.store, fid, "已致电客户，补发新品")
    lena.client.outbox_changed()
    await lena.synced()
    await alice.wait(lambda: queries.open_followup(alice.store.conn, cid) is None)
    done = [m for m in lines(alice.store, cid) if m.get("event") == "followup_done"]
    assert done and done[0]["outcome"] == "已致电客户，补发新品"


async def test_a_good_score_opens_no_followup_and_resolving_again_asks_again(srv, agents):
    res = await post(srv, "a", "好的", "s2")
    cid = res["conversation_id"]
    alice = await agents("alice")
    await alice.live()
    await alice.wait(lambda: conv(alice.store, cid) is not None)
    actions.claim(alice.store, cid)
    actions.resolve(alice.store, cid)
    alice.client.outbox_changed()
    await alice.wait(lambda: conv(alice.store, cid)["survey_sent_at"] is not None)
    code, body = await survey(srv, "a", cid, {"score": 4, "comment": "不错"})
    assert code == 201 and body["followup_id"] is None
    await post(srv, "a", "还有一个问题", "s3", customer={"name": "客户s2", "email": "s2@example.com"})  # reopens
    await alice.wait(lambda: conv(alice.store, cid)["status"] == "open")
    actions.resolve(alice.store, cid)
    alice.client.outbox_changed()
    await alice.wait(lambda: conv(alice.store, cid)["status"] == "resolved" and conv(alice.store, cid)["csat_at"] is None)
    assert (await survey(srv, "a", cid, {"score": 5}))[0] == 201  # a new resolution, a new survey
