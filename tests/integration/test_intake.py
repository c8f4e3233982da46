"""HTTP intake: API key, idempotency, validation; the message reaches agents live."""

import asyncio
import json
import urllib.error
import urllib.request

from cs_desk.store import queries


def call(url, method="GET", body=None, headers=None):
    data = body if isinstance(body, bytes | None) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


async def post(srv, body, key=None, idem="k1", raw=None):
    headers = {"Content-Type": "application/json"}
    if key is not False:
        headers["Authorization"] = f"Bearer {key or srv.world.keys['a']}"
    if idem:
        headers["Idempotency-Key"] = idem
    return await asyncio.to_thread(call, f"{srv.running.http}/api/v1/messages", "POST",
                                   raw if raw is not None else body, headers)


MSG = {"customer": {"name": "周杰", "email": "zhou@example.com", "region": "上海"}, "body": "<script>alert(1)</script> 在吗"}


async def test_intake_creates_continues_and_is_idempotent(srv, agents):
    alice = await agents("alice")
    await alice.live()
    status, first = await post(srv, MSG, idem="order-1")
    assert status == 201 and set(first) == {"conversation_id", "message_id", "customer_id"}
    status, again = await post(srv, MSG, idem="order-1")
    assert status == 200 and again == first  # a retried request changes nothing
    status, second = await post(srv, {**MSG, "body": "还有一个问题"}, idem="order-2")
    assert status == 201 and second["conversation_id"] == first["conversation_id"]
    conv = first["conversation_id"]
    await alice.wait(lambda: len(queries.messages(alice.store.conn, conv)) == 2)
    bodies = [m["body"] for m in queries.messages(alice.store.conn, conv)]
    assert bodies[0] == MSG["body"]  # stored as the literal text the customer sent
    c = queries.conversation(alice.store.conn, conv)
    assert c["unread"] == 2 and c["status"] == "open" and c["team_id"] == "a"
    assert queries.customer(alice.store.conn, first["customer_id"])["region"] == "上海"

    status, info = await asyncio.to_thread(call, f"{srv.running.http}/api/v1/conversations/{conv}", "GET", None,
                                           {"Authorization": f"Bearer {srv.world.keys['a']}"})
    assert status == 200 and info["message_count"] == 2
    status, _ = await asyncio.to_thread(call, f"{srv.running.http}/api/v1/conversations/{conv}", "GET", None,
                                        {"Authorization": f"Bearer {srv.world.keys['b']}"})
    assert status == 404  # another channel's key sees nothing
    status, body = await post(srv, {**MSG, "conversation_id": conv}, key=srv.world.keys["b"], idem="x")
    assert status == 404 and body["error"] == "not_found"  # nor can it write into it


async def test_intake_rejects_bad_requests_clearly(srv):
    cases = [
        (await post(srv, MSG, key=False), 401, "bad_api_key"),
        (await post(srv, MSG, key="csk_wrong"), 401, "bad_api_key"),
        (await post(srv, MSG, idem=None), 400, "idempotency_key"),
        (await post(srv, None, raw=b"{not json"), 400, "invalid"),
        (await post(srv, {"customer": {"name": ""}, "body": "x"}), 400, "invalid"),
        (await post(srv, {**MSG, "body": ""}), 400, "invalid"),
        (await post(srv, {**MSG, "extra": 1}), 400, "invalid"),
        (await post(srv, None, raw=b"x" * (1024 * 1024 + 10)), 413, "too_large"),
        (await post(srv, {**MSG, "conversation_id": 999999}), 404, "not_found"),
    ]
    for (status, body), want_status, want_code in cases:
        assert (status, body["error"]) == (want_status, want_code), body
        assert body["message"]
    status, health = await asyncio.to_thread(call, f"{srv.running.http}/health")
    assert status == 200 and health["ok"]


async def test_a_channel_handle_recognises_the_customer_and_reaches_the_profile(srv, agents):
    alice = await agents("alice")
    await alice.live()
    first = {"customer": {"name": "小鱼", "handle": "tb_xiaoyu88"}, "body": "这件有货吗"}
    status, a = await post(srv, first, idem="h1")
    assert status == 201
    # no e-mail, no phone, another display name: the handle alone finds them again
    status, b = await post(srv, {"customer": {"name": "xiaoyu", "handle": "tb_xiaoyu88"}, "body": "还在吗"},
                           idem="h2")
    assert status == 201 and b["customer_id"] == a["customer_id"] and b["conversation_id"] == a["conversation_id"]
    await alice.wait(lambda: (c := queries.customer(alice.store.conn, a["customer_id"])) is not None
                     and '"web-a":"tb_xiaoyu88"' in c["identities"].replace(" ", ""))
    # the agent finds them by the handle
    from cs_desk.store import search
    assert [r["id"] for r in search.customers(alice.store.conn, "xiaoyu88")] == [a["customer_id"]]


async def test_a_channel_belongs_to_one_team_and_notes_stay_internal(srv, agents):
    from cs_desk.ops import actions
    from cs_desk.server import intake

    def second_key(conn):
        return intake.add_api_key(conn, "web-a", "b")
    try:
        await srv.running.app.db.write(second_key)
    except ValueError as exc:
        assert "belongs to team 'a'" in str(exc)
    else:
        raise AssertionError("a second team got a key for team a's channel")
    alice = await agents("alice")
    await alice.live()
    conv = srv.world.convs["a"][0]
    actions.add_note(alice.store, conv, "客户情绪激动，注意语气")
    alice.client.outbox_changed()
    await alice.synced()
    status, body = await asyncio.to_thread(call, f"{srv.running.http}/api/v1/conversations/{conv}", "GET", None,
                                           {"Authorization": f"Bearer {srv.world.keys['a']}"})
    assert status == 200 and body["message_count"] == 1  # the customer's message; the note is not counted
