"""The web chat widget in a real headless Chromium against a real server: the visitor writes, the
agent's client syncs it and replies, the page shows the reply with the agent's name; hostile text
stays text both ways; a reload keeps the history; the survey after resolving reaches the server."""

import asyncio
import json
import shutil
from urllib.parse import quote

import pytest

from cs_desk.ops import actions
from cs_desk.server import visitors
from cs_desk.store import queries
from tests.integration.test_routing_live import conv

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>&amp;'

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is installed by .ci/run")


@pytest.fixture
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        await b.close()


def customer_conversations(store):
    return [r[0] for r in store.conn.execute("SELECT id FROM conversations WHERE channel = 'web' ORDER BY id")]


async def test_chat_both_ways_reload_and_survey(srv, agents, browser):
    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    alice = await agents("alice")
    await alice.live()
    page = await browser.new_page(locale="zh-CN")
    await page.goto(f"{srv.running.http}/widget/?w={wid}&prechat=0&kw=羽绒服&region=广东")
    await page.wait_for_selector("#status:has-text('已连接')")
    await page.fill("#input", "你好，" + HOSTILE)
    await page.press("#input", "Enter")
    await page.wait_for_selector("#messages li.me:not(.pending)")
    await alice.wait(lambda: customer_conversations(alice.store))
    cid = customer_conversations(alice.store)[0]
    msgs = queries.messages(alice.store.conn, cid)
    assert msgs[-1]["body"] == "你好，" + HOSTILE and msgs[-1]["author_kind"] == "customer"
    assert json.loads(conv(alice.store, cid)["source"])["keyword"] == "羽绒服"  # for routing rules

    actions.claim(alice.store, cid)
    alice.client.send_activity(cid, "typing")
    await page.wait_for_selector("#typing:has-text('Alice 正在输入')")
    actions.send_reply(alice.store, cid, "您好，我是客服 " + HOSTILE)
    actions.add_note(alice.store, cid, "内部备注：客户看不到")
    alice.client.outbox_changed()
    await page.wait_for_selector("#messages li.agent")
    agent_li = page.locator("#messages li.agent").last
    assert await agent_li.locator(".bubble").text_content() == "您好，我是客服 " + HOSTILE  # literal text
    assert "Alice" in await agent_li.locator(".meta").text_content()
    assert await page.evaluate("window.pwned") is None  # nothing ran
    assert "内部备注" not in await page.locator("#messages").text_content()  # notes never reach the customer

    await page.reload()
    await page.wait_for_selector("#messages li.agent")
    texts = await page.locator("#messages .bubble").all_text_contents()
    assert texts == ["你好，" + HOSTILE, "您好，我是客服 " + HOSTILE]  # history kept, nothing doubled

    actions.resolve(alice.store, cid)
    alice.client.outbox_changed()
    await page.wait_for_selector("#survey:not([hidden])")
    await page.click("#stars button[data-score='2']")
    await page.fill("#survey-comment", "等太久")
    await page.click("#survey-send")
    await page.wait_for_selector("#thanks:not([hidden])")
    await alice.wait(lambda: conv(alice.store, cid)["csat_score"] == 2)
    assert conv(alice.store, cid)["csat_comment"] == "等太久"
    await page.close()


async def test_a_message_written_while_the_server_is_away_arrives_once(srv, agents, browser):
    """The socket drops (the visitor's own connection is cut); the unsent message waits in the page and
    goes out once when it reconnects."""
    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    alice = await agents("alice")
    await alice.live()
    ctx = await browser.new_context(locale="en-US")
    page = await ctx.new_page()
    await page.goto(f"{srv.running.http}/widget/?w={wid}&prechat=0")
    await page.wait_for_selector("#status:has-text('Connected')")
    await page.fill("#input", "first")
    await page.press("#input", "Enter")
    await page.wait_for_selector("#messages li.me:not(.pending)")
    await ctx.set_offline(True)
    await page.fill("#input", "written offline")
    await page.press("#input", "Enter")
    await page.wait_for_selector("#messages li.me.pending")
    await ctx.set_offline(False)
    await page.locator("#messages li.pending").wait_for(state="detached", timeout=20000)
    await alice.wait(lambda: customer_conversations(alice.store)
                     and len(queries.messages(alice.store.conn, customer_conversations(alice.store)[0])) >= 2)
    bodies = [m["body"] for m in queries.messages(alice.store.conn, customer_conversations(alice.store)[0])
              if m["author_kind"] == "customer"]
    assert bodies == ["first", "written offline"]
    await ctx.close()


async def test_forged_tokens_unknown_widgets_floods_and_oversized_messages_are_refused(srv):
    import websockets

    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    url = srv.running.url.replace("/sync", "/visitor")
    async with websockets.connect(url) as ws:
        await ws.send('{"t":"hello","widget":"w_nope"}')
        with pytest.raises(websockets.ConnectionClosed) as info:
            await ws.recv()
        assert info.value.rcvd.code == 1008 and "unknown widget" in info.value.rcvd.reason
    async with websockets.connect(url) as ws:
        await ws.send(f'{{"t":"hello","widget":"{wid}","token":"forged"}}')
        with pytest.raises(websockets.ConnectionClosed) as info:
            await ws.recv()
        assert "unknown visitor token" in info.value.rcvd.reason
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"t": "hello", "widget": wid}))
        welcome = json.loads(await ws.recv())
        assert welcome["t"] == "welcome" and welcome["token"] and welcome["messages"] == []
        await ws.send(json.dumps({"t": "say", "id": "x1", "body": "y" * 2001}))
        assert json.loads(await ws.recv())["code"] == "too_long"
        await ws.send("not json")
        assert json.loads(await ws.recv())["code"] == "bad_frame"  # refused, and the chat goes on
        async def answer():  # the ack or error of the last frame (state updates may come between)
            while True:
                f = json.loads(await ws.recv())
                if f["t"] in ("ack", "error"):
                    return f.get("code", "ok")

        codes = []
        for i in range(7):
            await ws.send(json.dumps({"t": "say", "id": f"m{i}", "body": f"消息{i}"}))
            codes.append(await answer())
        assert codes[:5] == ["ok"] * 5 and codes[5:] == ["rate_limited"] * 2
        async with websockets.connect(url, additional_headers={"X-Region": quote("浙江")}) as other:  # someone else
            await other.send(json.dumps({"t": "hello", "widget": wid}))
            assert json.loads(await other.recv())["t"] == "welcome"
            await other.send(json.dumps({"t": "say", "id": "o1", "body": "我也想问一下"}))
            while (f := json.loads(await other.recv()))["t"] not in ("ack", "error"):
                pass
            assert f["t"] == "ack"  # the flood next door does not limit them
    async with websockets.connect(url) as ws:  # the same visitor again, resending m0 after a "drop"
        await ws.send(json.dumps({"t": "hello", "widget": wid, "token": welcome["token"]}))
        again = json.loads(await ws.recv())
        assert [m["body"] for m in again["messages"]] == [f"消息{i}" for i in range(5)]  # their history
        await ws.send(json.dumps({"t": "say", "id": "m0", "body": "消息0"}))
        assert await answer() == "ok"  # acknowledged again…
    stored = await srv.running.app.db.read(lambda c: c.exec_driver_sql(
        "SELECT count(*) FROM messages WHERE body LIKE '消息%'").scalar())
    assert stored == 5  # …but not stored twice; the flood's extra two were never stored
    region = await srv.running.app.db.read(lambda c: c.exec_driver_sql(
        "SELECT cu.region FROM messages m JOIN conversations co ON co.id = m.conversation_id "
        "JOIN customers cu ON cu.id = co.customer_id WHERE m.body = '我也想问一下'").scalar())
    assert region == "浙江"  # from the proxy's header, for the region routing rules


async def test_a_server_restart_mid_chat_loses_nothing_and_doubles_nothing(tmp_path, browser):
    from cs_desk.server.app import serve
    from tests.helpers.seed import seed

    data = tmp_path / "server"
    seed(data, conversations_per_team=0)
    async with serve(data) as running:
        port = running.port
        wid = await running.app.db.write(lambda c: visitors.add_widget(c, "a"))
        page = await browser.new_page(locale="en-US")
        await page.goto(f"{running.http}/widget/?w={wid}&prechat=0")
        await page.wait_for_selector("#status:has-text('Connected')")
        await page.fill("#input", "before the restart")
        await page.press("#input", "Enter")
        await page.wait_for_selector("#messages li.me:not(.pending)")
    await page.wait_for_selector("#status:has-text('reconnecting')")  # the server is gone
    await page.fill("#input", "while it was down")
    await page.press("#input", "Enter")
    await page.wait_for_selector("#messages li.me.pending")
    async with serve(data, port=port) as running:
        await page.locator("#messages li.pending").wait_for(state="detached", timeout=30000)
        bodies = await running.app.db.read(lambda c: [r[0] for r in c.exec_driver_sql(
            "SELECT body FROM messages WHERE author_kind = 'customer' ORDER BY created_at")])
        assert bodies == ["before the restart", "while it was down"]
        await page.reload()
        await page.wait_for_selector("#messages li.me")
        assert await page.locator("#messages .bubble").all_text_contents() == bodies  # once each
    await page.close()


async def test_new_chats_from_one_address_are_limited(srv, monkeypatch):
    import websockets

    from cs_desk.server import visitor_socket

    monkeypatch.setattr(visitor_socket, "NEW_VISITORS", (3, 600.0))
    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    url = srv.running.url.replace("/sync", "/visitor")
    tokens = []
    for _ in range(3):
        async with websockets.connect(url) as ws:
            await ws.send(json.dumps({"t": "hello", "widget": wid}))
            tokens.append(json.loads(await ws.recv())["token"])
    async with websockets.connect(url) as ws:  # a fourth fresh identity: refused
        await ws.send(json.dumps({"t": "hello", "widget": wid}))
        with pytest.raises(websockets.ConnectionClosed) as info:
            await ws.recv()
        assert "too many new chats" in info.value.rcvd.reason
    async with websockets.connect(url) as ws:  # a returning visitor still gets in
        await ws.send(json.dumps({"t": "hello", "widget": wid, "token": tokens[0]}))
        assert json.loads(await ws.recv())["t"] == "welcome"


async def test_a_photo_sent_from_the_widget_reaches_the_agent_as_a_cleaned_file(srv, agents, browser, tmp_path):
    import io

    from PIL import Image

    from tests.integration.test_files import fetch, photo_with_gps

    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    alice = await agents("alice")
    await alice.live()
    photo = tmp_path / "破损的包裹.jpg"
    photo.write_bytes(photo_with_gps())
    exe = tmp_path / "size-chart.png"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 500)
    page = await browser.new_page(locale="zh-CN")
    await page.goto(f"{srv.running.http}/widget/?w={wid}&prechat=0")
    await page.wait_for_selector("#status:has-text('已连接')")
    await page.set_input_files("#file", str(exe))  # refused, with a message the customer understands
    await page.wait_for_selector("#error:not([hidden])")
    assert "只能发送图片" in await page.locator("#error").text_content()
    await page.fill("#input", "收到的时候就是坏的")
    await page.set_input_files("#file", str(photo))
    await page.wait_for_selector("#messages li.me:not(.pending)")
    assert "📎 破损的包裹.jpg" in await page.locator("#messages li.me .bubble").last.text_content()

    await alice.wait(lambda: customer_conversations(alice.store))
    cid = customer_conversations(alice.store)[0]
    await alice.wait(lambda: any(m.get("meta") for m in queries.messages(alice.store.conn, cid)))
    m = queries.messages(alice.store.conn, cid)[-1]
    meta = json.loads(m["meta"]) if isinstance(m["meta"], str) else m["meta"]
    assert m["body"] == "收到的时候就是坏的" and meta["attachments"][0]["name"] == "破损的包裹.jpg"
    sha = meta["attachments"][0]["sha256"]
    status, data, _h = await fetch(srv, alice, sha, thumb=True)
    assert status == 200 and Image.open(io.BytesIO(data)).format == "JPEG"
    status, data, _h = await fetch(srv, alice, sha)
    assert status == 200 and not Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # no GPS

    await page.reload()  # the history names the file
    await page.wait_for_selector("#messages li.me")
    assert "📎 破损的包裹.jpg" in await page.locator("#messages li.me .bubble").last.text_content()

    # the agent sends a size chart back: the customer's page shows it as a picture, and their own too
    from cs_desk.views.outgoing_files import prepare
    from tests.integration.test_files import request

    chart = prepare("尺码表.png", _png(300, 200))
    actions.claim(alice.store, cid)
    actions.send_reply(alice.store, cid, "这是尺码表", [chart])
    alice.client.outbox_changed()
    await page.wait_for_function("() => { const i = document.querySelector('#messages li.agent img.thumb');"
                                 " return i && i.src.startsWith('blob:') && i.naturalWidth > 0; }")
    assert await page.evaluate("document.querySelector('#messages li.agent img.thumb').alt") == "尺码表.png"
    assert await page.evaluate("document.querySelector('#messages li.me img.thumb').naturalWidth") > 0
    # the file exists for this visitor only: another token, or none, gets nothing
    stored = json.loads(queries.messages(alice.store.conn, cid)[-1]["meta"])["attachments"][0]["sha256"]
    for headers in ({"Authorization": "Bearer forged"}, {}):
        status, _b, _h = await asyncio.to_thread(request, f"{srv.running.http}/widget/file/{stored}?w={wid}",
                                                 "GET", None, headers)
        assert status == 404
    await page.close()


def _png(w: int, h: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (w, h), (240, 200, 30)).save(out, "PNG")
    return out.getvalue()
