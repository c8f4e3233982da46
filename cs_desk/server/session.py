"""One client connection speaking csync.v1, independent of the HTTP/websocket framework:
it needs only a Transport (recv/send/close). docs/protocol.md describes what happens here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any, Protocol

import orjson
from sqlalchemy import Connection, func, select

from cs_desk import __version__
from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.permissions import Denied
from cs_desk.protocol import constants as C
from cs_desk.protocol.codec import FrameError, decode, encode
from cs_desk.protocol.frames import Activity, Hello, Mutate, PasswordAuth, Query, TokenAuth, parse_frame
from cs_desk.server import auth, eventlog, schema
from cs_desk.server.hub import FRAME_BUDGET, Conn, Hub
from cs_desk.server.metrics import MetricsService
from cs_desk.server.mutations import Item, apply_batch
from cs_desk.server.presence import Presence
from cs_desk.server.snapshot import ORDER, read_snapshot

log = logging.getLogger(__name__)
QUERY_SPACING_S = 0.5


class Transport(Protocol):
    async def recv(self) -> str | bytes | None: ...  # None once the peer has gone
    async def send(self, text: str) -> None: ...
    async def close(self, code: int, reason: str) -> None: ...


class Closed(Exception):
    def __init__(self, code: int, error: str, message: str) -> None:
        super().__init__(message)
        self.code, self.error, self.message = code, error, message


class RateLimiter:
    """Token bucket on incoming frames. An over-eager client is slowed down, not cut off, so a
    replaying outbox is never dropped; others are unaffected since each socket has its own task."""

    def __init__(self, rate: float = 50.0, burst: float = 200.0) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.stamp = time.monotonic()
        self.throttled = 0

    def delay(self) -> float:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        self.tokens -= 1
        if self.tokens >= 0:
            return 0.0
        self.throttled += 1
        return -self.tokens / self.rate


def _snapshot_frame(rows: list[bytes]) -> str:
    return (b'{"v":1,"t":"snapshot","rows":[' + b",".join(rows) + b"]}").decode()


def _last_n(conn: Connection, client_id: str) -> int:
    m = schema.mutations
    return conn.execute(select(func.max(m.c.n)).where(m.c.client_id == client_id)).scalar() or 0


def _cursor_state(conn: Connection, client_id: str) -> tuple[int, int, int, int | None]:
    m = schema.mutations
    owner = conn.execute(select(m.c.user_id).where(m.c.client_id == client_id).limit(1)).scalar()
    return eventlog.head(conn), eventlog.floor(conn), _last_n(conn, client_id), owner


class Session:
    def __init__(self, hub: Hub, transport: Transport, peer: str = "", presence: Presence | None = None,
                 metrics: MetricsService | None = None) -> None:
        self.hub = hub
        self.presence = presence
        self.metrics = metrics
        self._last_query = 0.0
        self.db = hub.db
        self.t = transport
        self.peer = peer
        self.conn: Conn | None = None
        self.limiter = RateLimiter()

    async def error(self, code: str, message: str) -> None:
        await self.t.send(encode({"t": "error", "code": code, "message": message}))

    async def run(self) -> None:
        try:
            hello, user = await asyncio.wait_for(self._handshake(), C.AUTH_TIMEOUT_S)
        except TimeoutError:
            await self._close(Closed(C.CLOSE_AUTH_TIMEOUT, C.E_AUTH_TIMEOUT,
                                     f"no valid hello within {C.AUTH_TIMEOUT_S:g} s"))
            return
        except Closed as exc:
            await self._close(exc)
            return
        except ConnectionError:
            return
        if self.hub.count_for(user.id) >= C.MAX_CONNECTIONS_PER_USER:
            await self._close(Closed(C.CLOSE_TOO_MANY, C.E_TOO_MANY,
                                     f"at most {C.MAX_CONNECTIONS_PER_USER} connections per user"))
            return
        # Registered (not live) before the first await, so simultaneous logins count against the limit.
        conn = Conn(user=user, client_id=hello.client_id, send=self.t.send, cursor=0, kick=self._kick,
                    send_now=getattr(self.t, "send_now", None),
                    token_hash=auth.hash_token(hello.auth.token) if isinstance(hello.auth, TokenAuth) else "")
        self.conn = conn
        self.hub.add(conn)
        pump: asyncio.Task | None = None
        presence = self.presence
        present = False
        try:
            await self._welcome(conn, hello)
            if presence is not None:
                presence.connected(conn)
                present = True
            on_live = (lambda: presence.current_for(conn)) if presence is not None else None
            pump = asyncio.create_task(self.hub.run_pump(conn, on_live), name=f"pump-{user.name}")
            pump.add_done_callback(self._pump_done)
            await self._read_loop(conn)
        except Closed as exc:
            await self._close(exc)
        except ConnectionError:
            pass
        finally:
            self.hub.remove(conn)
            if pump is not None:
                pump.cancel()
            if presence is not None and present:
                presence.disconnected(conn)

    def _pump_done(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            if not isinstance(exc, ConnectionError):
                log.error("pump failed for %s: %r", self.peer, exc)
            asyncio.ensure_future(self.t.close(1011, "internal error"))

    async def _kick(self, code: int, reason: str) -> None:
        """Ends a live session from outside (its token was revoked, its user disabled)."""
        await self._close(Closed(code, C.E_AUTH, reason))

    async def _close(self, exc: Closed) -> None:
        with contextlib.suppress(Exception):  # the peer may be gone already; the close code still says it
            await self.error(exc.error, exc.message)
        await self.t.close(exc.code, exc.error)

    async def _handshake(self) -> tuple[Hello, auth.User]:
        raw = await self.t.recv()
        if raw is None:
            raise ConnectionError("closed before hello")
        try:
            obj = decode(raw)
        except FrameError as exc:
            raise Closed(C.CLOSE_PROTOCOL, exc.code, exc.message) from None
        if obj.get("t") != "hello":
            raise Closed(C.CLOSE_PROTOCOL, C.E_BAD_FRAME, "the first frame must be hello")
        if obj.get("v") != C.VERSION:
            raise Closed(C.CLOSE_UNSUPPORTED_VERSION, C.E_UNSUPPORTED_VERSION,
                         f"this server speaks protocol version {C.VERSION}")
        try:
            hello = parse_frame(obj)
        except FrameError as exc:
            raise Closed(C.CLOSE_PROTOCOL, exc.code, exc.message) from None
        assert isinstance(hello, Hello)
        if isinstance(hello.auth, PasswordAuth):
            throttle, address = self.hub.login_throttle, self.peer.rsplit(":", 1)[0]
            wait = throttle.wait_s(hello.auth.user, address)
            if wait > 0:
                raise Closed(C.CLOSE_AUTH_FAILED, C.E_AUTH_THROTTLED,
                             f"too many failed logins; try again in {int(wait) + 1} s")
            user = await self.db.read(auth.check_password, hello.auth.user, hello.auth.password)
            if user is None:
                throttle.failed(hello.auth.user, address)
                raise Closed(C.CLOSE_AUTH_FAILED, C.E_AUTH, "wrong user name or password")
            throttle.succeeded(hello.auth.user)
        else:
            user = await self.db.read(auth.check_token, hello.auth.token)
            if user is None:
                raise Closed(C.CLOSE_AUTH_FAILED, C.E_AUTH, "session expired or revoked; log in again")
        return hello, user

    async def _welcome(self, conn: Conn, hello: Hello) -> None:
        user = conn.user
        head, floor, last_n, owner = await self.db.read(_cursor_state, hello.client_id)
        if owner is not None and owner != user.id:
            # Idempotency records are per client id: sharing one with another user would hand them
            # that user's results and skip their own changes.
            raise Closed(C.CLOSE_PROTOCOL, C.E_CLIENT_ID_IN_USE, "this client id belongs to another user")
        self.hub.notify_head(head)  # rows written by another process (admin CLI) count too
        cur = hello.cursor
        snapshot = cur is None or cur.epoch != self.db.epoch or cur.seq > head or cur.seq < floor
        welcome: dict[str, Any] = {
            "t": "welcome", "user": user.wire(), "epoch": self.db.epoch, "head": head,
            "mode": "snapshot" if snapshot else "catchup", "last_n": last_n, "server": __version__,
            "server_time": utc_now_iso(),  # lets the client count SLA deadlines down on the server's clock
            "limits": {"max_frame": C.MAX_FRAME_BYTES, "max_mutations": C.MAX_MUTATIONS_PER_FRAME},
        }
        if isinstance(hello.auth, PasswordAuth):
            welcome["token"], welcome["token_expires_at"] = await self.db.write(auth.issue_token, user.id)
            conn.token_hash = auth.hash_token(welcome["token"])
        await self.t.send(encode(welcome))
        if not snapshot:
            assert cur is not None
            conn.cursor = conn.sent_upto = cur.seq
            return
        snap_head, rows = await self.db.read(read_snapshot, user)
        cursor = {"epoch": self.db.epoch, "seq": snap_head}
        await self.t.send(encode({"t": "snapshot_begin", "cursor": cursor,
                                  "totals": {k: len(rows[k]) for k in ORDER}}))
        page: list[bytes] = []
        size = 0
        for k in ORDER:
            for d in rows[k]:
                row = orjson.dumps({"k": k, "d": d})
                if page and (len(page) >= C.SNAPSHOT_PAGE_SIZE or size + len(row) > FRAME_BUDGET):
                    await self.t.send(_snapshot_frame(page))
                    page, size = [], 0
                page.append(row)
                size += len(row) + 1
        if page:
            await self.t.send(_snapshot_frame(page))
        await self.t.send(encode({"t": "snapshot_end", "cursor": cursor}))
        conn.cursor = conn.sent_upto = snap_head

    async def _read_loop(self, conn: Conn) -> None:
        while True:
            raw = await self.t.recv()
            if raw is None:
                return
            wait = self.limiter.delay()
            if wait:
                await asyncio.sleep(wait)
            try:
                obj = decode(raw)
                t = obj["t"]
                if t == "mutate":
                    try:
                        frame = parse_frame(obj)
                    except FrameError as exc:
                        await self._reject_malformed(obj, exc)
                        continue
                    assert isinstance(frame, Mutate)
                    await self._mutate(conn, frame)
                elif t == "activity":
                    await self._activity(conn, obj)
                elif t == "query":
                    await self._query(conn, obj)
                elif t == "hello":
                    await self.error(C.E_BAD_FRAME, "already authenticated on this connection")
                else:
                    await self.error(C.E_UNKNOWN_TYPE, f"unknown frame type {str(t)[:40]!r}")
            except FrameError as exc:
                await self.error(exc.code, exc.message)

    async def _activity(self, conn: Conn, obj: dict[str, Any]) -> None:
        frame = parse_frame(obj)  # FrameError → error frame, the connection goes on
        assert isinstance(frame, Activity)
        if self.presence is None:
            return
        problem = await self.presence.activity(conn, frame.conversation_id, frame.state)
        if problem is not None:
            async with conn.lock:
                await self.t.send(encode({"t": "error", "code": C.E_FORBIDDEN, "message": problem}))

    async def _query(self, conn: Conn, obj: dict[str, Any]) -> None:
        """Answers with a result frame of the same id: the data, or ok false with a code and reason
        (authorised here, for this user and team, like every frame)."""
        qid = obj.get("id") if type(obj.get("id")) is int else None
        # a question costs real work: one at a time per connection (the read loop waits for it) and at
        # most two a second, by slowing the asker down rather than refusing
        wait = self._last_query + QUERY_SPACING_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self._last_query = time.monotonic()
        try:
            frame = parse_frame(obj)
            assert isinstance(frame, Query)
            if self.metrics is None:
                raise Denied(C.E_INVALID, "this server does not answer metrics queries")
            data = await self.metrics.read(self.db, self.metrics.query, conn.user, frame.args)
            text = encode({"t": "result", "id": frame.id, "q": frame.q, "ok": True, "data": data})
            if len(text.encode()) > C.MAX_FRAME_BYTES - 1024:
                raise Denied(C.E_INVALID, "the answer is too large for one frame: ask for one team or a shorter range")
        except (FrameError, Denied) as exc:
            code, message = (exc.code, exc.message) if isinstance(exc, FrameError) else (exc.code, exc.reason)
            text = encode({"t": "result", "id": qid, "ok": False, "code": code, "message": message})
        except Exception:  # a bug must not end the lead's session (their client would ask again and again)
            log.exception("metrics query failed")
            text = encode({"t": "result", "id": qid, "ok": False, "code": "internal", "message": "the server could "
                           "not compute these figures; the error is in its log"})
        async with conn.lock:
            await self.t.send(text)

    async def _reject_malformed(self, obj: dict[str, Any], exc: FrameError) -> None:
        """A mutate frame that fails validation as a whole: the error frame says why, and each item
        whose n can be read is refused, so the client's outbox does not wait for it forever."""
        await self.error(exc.code, exc.message)
        muts = obj.get("muts")
        ns = [m["n"] for m in muts if isinstance(m, dict) and type(m.get("n")) is int and m["n"] >= 1] \
            if isinstance(muts, list) else []
        if ns:
            results = [{"n": n, "ok": False, "code": C.E_INVALID, "reason": exc.message} for n in ns[:1000]]
            async with self.conn.lock if self.conn else contextlib.nullcontext():
                await self.t.send(encode({"t": "ack", "results": results}))

    async def _mutate(self, conn: Conn, frame: Mutate) -> None:
        items = [Item(m.n, m.op, m.args) for m in frame.muts]
        results, events = await self.db.write(apply_batch, conn.client_id, conn.user.actor, items)
        self.hub.publish(events)
        await self.hub.pump(conn)  # the sender has its change from the log before the ack
        async with conn.lock:
            # upto: the cursor of the last events frame sent on this socket, so a client that has less
            # knows a frame went missing (docs/protocol.md §4)
            await self.t.send(encode({"t": "ack", "results": results, "upto": conn.sent_upto}))
