"""The web widget's websocket (`/visitor`): one JSON frame at a time, text only.

Browser → server: `{"t": "hello", "widget", "token"?, "name"?, "order"?, "source"?, "region"?}` first,
then `{"t": "say", "id", "body"}` (the id is the browser's: a resend after a drop is acknowledged, not
stored twice), `{"t": "survey", "score", "comment"?}`, `{"t": "typing"}`.
Server → browser: `{"t": "welcome", "token", "conversation", "messages"}`, `{"t": "ack", "id"}`,
`{"t": "message", "id", "from", "body", "name", "at"}`, `{"t": "state", "conversation"}` (resolved: the
survey is due), `{"t": "typing", "name"}`, `{"t": "error", "code", "message"}`.

The region comes from the hello, else from an `X-Region` header set by a proxy in front of the desk.
Limits per visitor: frames up to 8 KiB, messages up to 2,000 characters, 5 messages per 10 s; and 20
new visitors per address per 10 minutes, or fresh tokens would get round the rest. A bad
frame gets an error and the socket stays open; a forged token or an unknown widget closes it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any
from urllib.parse import unquote

import orjson
from starlette.websockets import WebSocket, WebSocketDisconnect

from cs_desk.domain.file_types import MAX_ATTACHMENTS
from cs_desk.server import intake, surveys, visitors
from cs_desk.server.db import Database
from cs_desk.server.eventlog import Event
from cs_desk.server.fastsql import raw

log = logging.getLogger(__name__)

MAX_FRAME = 8 * 1024
MAX_BODY = 2000
RATE = (5, 10.0)  # messages per seconds
NEW_VISITORS = (20, 600.0)  # new visitor identities per address per seconds: no flood of fresh tokens
CLOSE_POLICY = 1008


class Visitor:
    def __init__(self, ws: WebSocket, widget: str, key_hash: str, channel: str, handle: str) -> None:
        self.ws, self.widget, self.key_hash, self.channel, self.handle = ws, widget, key_hash, channel, handle
        self.conversation_id: int | None = None
        self.sent: list[float] = []

    async def send(self, frame: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):  # a closed socket: its reader ends the session
            await self.ws.send_text(orjson.dumps(frame).decode())

    def allow(self) -> bool:
        now = time.monotonic()
        self.sent = [t for t in self.sent if now - t < RATE[1]]
        if len(self.sent) >= RATE[0]:
            return False
        self.sent.append(now)
        return True


class VisitorHub:
    """Which browser watches which conversation, and relays what agents send there."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_conv: dict[int, set[Visitor]] = {}
        self._names: dict[int, str] = {}
        self._tasks: set[asyncio.Task] = set()  # sends in flight (the loop keeps only weak references)
        self._new_by_address: dict[str, list[float]] = {}

    def may_create(self, address: str) -> bool:
        """A new visitor identity from this address, within NEW_VISITORS (the rate limit per visitor
        would mean nothing if each message came with a fresh token)."""
        now = time.monotonic()
        recent = [t for t in self._new_by_address.get(address, []) if now - t < NEW_VISITORS[1]]
        if len(recent) >= NEW_VISITORS[0]:
            self._new_by_address[address] = recent
            return False
        recent.append(now)
        self._new_by_address[address] = recent
        if len(self._new_by_address) > 10_000:  # forget quiet addresses
            self._new_by_address = {a: ts for a, ts in self._new_by_address.items() if now - ts[-1] < NEW_VISITORS[1]}
        return True

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def watch(self, v: Visitor, conversation_id: int | None) -> None:
        if v.conversation_id is not None:
            self.by_conv.get(v.conversation_id, set()).discard(v)
        v.conversation_id = conversation_id
        if conversation_id is not None:
            self.by_conv.setdefault(conversation_id, set()).add(v)

    def forget(self, v: Visitor) -> None:
        self.watch(v, None)

    def on_events(self, events: list[Event]) -> None:
        """Hub listener: agent replies and state changes of watched conversations go to their browsers."""
        if not self.by_conv:
            return
        for e in events:
            if b'"k":"message"' not in e.body and b'"k":"conversation"' not in e.body:
                continue
            d = orjson.loads(e.body)
            data = d["d"]
            if d["k"] == "message":
                watchers = self.by_conv.get(data["conversation_id"])
                if watchers and data["kind"] == "reply" and data["author_kind"] == "agent":
                    self._spawn(self._relay(watchers, data))
            else:
                watchers = self.by_conv.get(data["id"])
                if watchers:
                    state = {"id": data["id"], "status": data["status"],
                             "survey": bool(data.get("survey_sent_at")) and data["status"] == "resolved"
                             and not data.get("csat_at")}
                    for v in list(watchers):
                        self._spawn(v.send({"t": "state", "conversation": state}))

    async def _relay(self, watchers: set[Visitor], m: dict[str, Any]) -> None:
        name = await self._name(m.get("author_id"))
        frame = {"t": "message", **visitors.wire_message(m["id"], "agent", m["body"], m["created_at"], name,
                                                             visitors.wire_files(m.get("meta")))}
        for v in list(watchers):
            await v.send(frame)

    async def _name(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        if user_id not in self._names:
            self._names[user_id] = await self.db.read(
                lambda c: raw(c).scalar("SELECT display_name FROM users WHERE id = ?", (user_id,))) or ""
        return self._names[user_id]

    async def typing(self, conversation_id: int, name: str) -> None:
        for v in list(self.by_conv.get(conversation_id, ())):
            await v.send({"t": "typing", "name": name})


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


async def serve_visitor(ws: WebSocket, db: Database, vhub: VisitorHub, publish: Any) -> None:
    await ws.accept()
    v: Visitor | None = None
    try:
        hello = await _read(ws)
        if hello.get("t") != "hello" or not isinstance(hello.get("widget"), str):
            await ws.close(CLOSE_POLICY, "the first frame is hello with a widget id")
            return
        found = await db.read(visitors.widget_key, hello["widget"])
        if found is None:
            await ws.close(CLOSE_POLICY, "unknown widget")
            return
        key_hash, channel = found
        token = hello.get("token") if isinstance(hello.get("token"), str) else None
        if not token and not vhub.may_create(ws.client.host if ws.client else ""):
            await ws.close(CLOSE_POLICY, "too many new chats from this address: try again later")
            return
        try:
            token, handle, _new = await db.write(visitors.open_visitor, hello["widget"], token)
        except PermissionError:
            await ws.close(CLOSE_POLICY, "unknown visitor token: start a new chat")
            return
        v = Visitor(ws, hello["widget"], key_hash, channel, handle)
        profile = _profile(hello)
        if not profile["region"]:
            # a proxy or CDN in front of the desk may tell the visitor's region (GeoIP) in a header
            # (percent-encoded when not ASCII: headers carry Latin-1 only)
            profile["region"] = _text(unquote(ws.headers.get("x-region") or ""), 200)
        state, msgs = await db.read(visitors.history, channel, handle)
        vhub.watch(v, state["id"] if state else None)
        await v.send({"t": "welcome", "token": token, "conversation": state, "messages": msgs})
        while True:
            try:
                await _handle(v, await _read(ws), profile, db, vhub, publish)
            except _Bad as exc:  # this frame is refused; the chat goes on
                await v.send({"t": "error", "code": exc.code, "message": exc.message})
    except WebSocketDisconnect:
        pass
    except _Bad as exc:  # unreadable or oversized frame before hello: say why, then close
        with contextlib.suppress(Exception):
            await ws.close(CLOSE_POLICY, exc.message[:120])
    finally:
        if v is not None:
            vhub.forget(v)


async def _read(ws: WebSocket) -> dict[str, Any]:
    text = await ws.receive_text()
    if len(text.encode()) > MAX_FRAME:
        raise _Bad("too_large", f"frames are at most {MAX_FRAME} bytes")
    try:
        frame = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise _Bad("bad_frame", "frames are JSON objects") from None
    if not isinstance(frame, dict):
        raise _Bad("bad_frame", "frames are JSON objects")
    return frame


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _profile(hello: dict[str, Any]) -> dict[str, Any]:
    src = hello.get("source") if isinstance(hello.get("source"), dict) else {}
    source = {k: _text(src.get(k), 200 if k == "keyword" else 1000) for k in ("keyword", "landing_page", "origin_page")}
    name = _text(hello.get("name"), 200)
    order = _text(hello.get("order"), 60)
    return {"name": name, "order": order, "region": _text(hello.get("region"), 200),
            "source": source if any(source.values()) else None}


async def _handle(v: Visitor, frame: dict[str, Any], profile: dict[str, Any], db: Database, vhub: VisitorHub,
                  publish: Any) -> None:
    t = frame.get("t")
    if t == "say":
        cid, body, files = frame.get("id"), frame.get("body"), frame.get("files") or []
        if not isinstance(cid, str) or not 1 <= len(cid) <= 64:
            raise _Bad("bad_frame", "say needs an id (1 to 64 characters)")
        if not isinstance(files, list) or len(files) > MAX_ATTACHMENTS or not all(
                isinstance(f, dict) and isinstance(f.get("sha256"), str) and isinstance(f.get("name", ""), str)
                for f in files):
            raise _Bad("bad_frame", f"files is a list of at most {MAX_ATTACHMENTS} {{sha256, name}}")
        if not isinstance(body, str) or (not body.strip() and not files):
            raise _Bad("empty", "an empty message is not sent")
        if len(body) > MAX_BODY:
            raise _Bad("too_long", f"messages are at most {MAX_BODY} characters")
        if not v.allow():
            raise _Bad("rate_limited", "too many messages: wait a few seconds")
        subject = f"订单 {profile['order']}" if profile["order"] else ""
        try:
            result, events, _replayed = await db.write(
                visitors.say, v.key_hash, v.handle, profile["name"], cid, body, profile["source"], profile["region"],
                subject, [{"sha256": f["sha256"], "name": f.get("name", "")[:200]} for f in files])
        except intake.IntakeError as exc:
            raise _Bad(exc.code, exc.message) from None
        publish(events)
        if v.conversation_id != result["conversation_id"]:
            vhub.watch(v, result["conversation_id"])
        await v.send({"t": "ack", "id": cid, "message_id": result["message_id"]})
    elif t == "survey":
        try:
            _result, events = await db.write(visitors.answer_survey, v.key_hash, v.channel, v.handle,
                                             frame.get("score"), frame.get("comment"))
        except surveys.SurveyError as exc:
            raise _Bad(exc.code, exc.message) from None
        publish(events)
        await v.send({"t": "ack", "id": "survey"})
    elif t == "ping":
        await v.send({"t": "pong"})
    else:
        raise _Bad("bad_frame", f"unknown frame type {t!r}")
