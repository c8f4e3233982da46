"""Outgoing webhooks against a real HTTP receiver: agent replies (never notes) and survey requests of
a channel are POSTed signed; a failing receiver gets retries with backoff (time injected) and the
same delivery id; nothing is lost when the receiver is down."""

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cs_desk.ops import actions
from cs_desk.server import webhooks
from tests.integration.test_routing_live import conv, post


class Receiver:
    def __init__(self, fail_first: int = 0) -> None:
        self.got: list[dict] = []
        self.fail_left = fail_first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.got.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                status = 500 if outer.fail_left > 0 else 204
                outer.fail_left -= 1
                self.send_response(status)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def receiver():
    r = Receiver(fail_first=2)
    yield r
    r.close()


def verified(secret, item):
    h = item["headers"]
    expected = "sha256=" + hmac.new(secret.encode(), h["x-csdesk-timestamp"].encode() + b"." + item["body"],
                                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, h["x-csdesk-signature"])


async def test_replies_and_survey_requests_are_signed_and_retried(srv, agents, receiver):
    db, worker = srv.running.app.db, srv.running.app.webhooks
    await worker.close()  # this test drives the worker itself, with its own clock
    secret = await db.write(lambda c: webhooks.set_webhook(c, "web-a", receiver.url))
    res = await post(srv, "a", "我的退款到了吗", "h1")
    cid = res["conversation_id"]
    lena = await agents("lena")
    await lena.live()
    await lena.wait(lambda: conv(lena.store, cid) is not None)
    actions.send_reply(lena.store, cid, "您好，退款已处理")
    actions.add_note(lena.store, cid, "内部：不要外发")
    actions.resolve(lena.store, cid)
    lena.client.outbox_changed()
    await lena.synced()

    now = datetime.now(UTC) + timedelta(seconds=1)
    assert await worker.run_once(now) == (0, 2)  # the receiver fails twice…
    assert await worker.run_once(now) == (0, 0)  # …and nothing is due again before the backoff
    assert await worker.run_once(now + timedelta(seconds=3)) == (2, 0)  # then both arrive
    assert await worker.run_once(now + timedelta(hours=2)) == (0, 0)  # and only once

    bodies = [json.loads(g["body"]) for g in receiver.got]
    assert all(verified(secret, g) for g in receiver.got)
    assert sorted(b["type"] for b in bodies[-2:]) == ["message", "survey_requested"]
    msg = next(b for b in bodies if b["type"] == "message")
    assert msg["message"]["body"] == "您好，退款已处理" and msg["message"]["author_name"] == "Lena"
    assert not any("内部" in g["body"].decode() for g in receiver.got)  # notes never leave
    retried = [g["headers"]["x-csdesk-delivery"] for g in receiver.got]
    assert len(set(retried)) == 2 and len(retried) == 4  # same delivery id on each retry
    survey = next(b for b in bodies if b["type"] == "survey_requested")
    assert survey["answer_url"] == f"/api/v1/conversations/{cid}/survey"


async def test_a_bad_url_or_unknown_channel_is_refused(srv):
    db = srv.running.app.db
    with pytest.raises(ValueError, match="http"):
        await db.write(lambda c: webhooks.set_webhook(c, "web-a", "ftp://x"))
    with pytest.raises(ValueError, match="no channel"):
        await db.write(lambda c: webhooks.set_webhook(c, "fax", "https://example.cn/hook"))


def test_the_backoff_grows_to_an_hour():
    assert [webhooks.backoff(n).total_seconds() for n in (1, 2, 3, 12, 20)] == [2, 4, 8, 3600, 3600]


async def test_a_reply_with_a_file_names_it_and_the_channel_fetches_it_with_its_key(srv, agents, receiver):
    import asyncio
    import hashlib

    from cs_desk.domain.file_types import LocalFile
    from tests.integration.test_agent_files import local_photo
    from tests.integration.test_files import request

    db, worker = srv.running.app.db, srv.running.app.webhooks
    await worker.close()
    await db.write(lambda c: webhooks.set_webhook(c, "web-a", receiver.url))
    res = await post(srv, "a", "尺码表有吗", "h2")
    cid = res["conversation_id"]
    lena = await agents("lena")
    await lena.live()
    await lena.wait(lambda: conv(lena.store, cid) is not None)
    actions.send_reply(lena.store, cid, "", [local_photo("尺码表.jpg")])
    actions.add_note(lena.store, cid, "内部截图", [LocalFile("内部.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")])
    lena.client.outbox_changed()
    await lena.synced()
    now = datetime.now(UTC) + timedelta(seconds=1)
    await worker.run_once(now)
    await worker.run_once(now + timedelta(seconds=3))
    msg = next(json.loads(g["body"]) for g in receiver.got if json.loads(g["body"])["type"] == "message")
    (f,) = msg["message"]["attachments"]
    assert (f["name"], f["mime"]) == ("尺码表.jpg", "image/jpeg")
    url = f"{srv.running.http}/api/v1/files/"
    status, data, _h = await asyncio.to_thread(request, url + f["sha256"], "GET", None,
                                               {"Authorization": f"Bearer {srv.world.keys['a']}"})
    assert status == 200 and hashlib.sha256(data).hexdigest() == f["sha256"]
    note_file = await db.read(lambda c: c.exec_driver_sql(
        "SELECT sha256 FROM message_files WHERE name = '内部.pdf'").scalar())
    for sha, key in ((note_file, srv.world.keys["a"]), (f["sha256"], srv.world.keys["b"])):
        status, _d, _h = await asyncio.to_thread(request, url + sha, "GET", None, {"Authorization": f"Bearer {key}"})
        assert status == 404  # a note's file never leaves; another channel's key gets nothing
    status, _d, _h = await asyncio.to_thread(request, url + f["sha256"], "GET", None, {"Authorization": "Bearer x"})
    assert status == 401
