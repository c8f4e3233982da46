"""Connections, the recent-event ring and fan-out.

The database log is the truth; the ring is a cache of the newest committed events so that one
commit reaching 1,000 sockets costs no query. Each connection has one pump that sends what lies
between its cursor and the head, from the ring when it covers the gap, else from the database."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cs_desk.protocol.codec import encode, raw_events_frame
from cs_desk.protocol.constants import PAGE_SIZE
from cs_desk.server import eventlog
from cs_desk.server.auth import User
from cs_desk.server.db import Database
from cs_desk.server.eventlog import Event
from cs_desk.server.login_throttle import LoginThrottle

log = logging.getLogger(__name__)

RING_SIZE = 20_000
FRAME_BUDGET = 900 * 1024  # bytes of event bodies per frame, under the 1 MiB frame limit


class Ring:
    def __init__(self, size: int = RING_SIZE) -> None:
        self._events: deque[Event] = deque(maxlen=size)

    @property
    def first(self) -> int:
        return self._events[0].seq if self._events else 0

    @property
    def last(self) -> int:
        return self._events[-1].seq if self._events else 0

    def extend(self, events: Iterable[Event]) -> None:
        for e in events:
            if self._events and e.seq != self.last + 1:
                # Someone else (a CLI, another process) wrote in between: drop what we can't vouch for.
                self._events.clear()
            self._events.append(e)

    def since(self, cursor: int, limit: int) -> list[Event] | None:
        """Events after cursor, or None when the ring cannot prove it holds all of them."""
        if not self._events or cursor < self.first - 1:
            return None
        start = cursor - self.first + 1
        if start >= len(self._events):
            return []
        out = []
        for i in range(start, min(len(self._events), start + limit)):
            out.append(self._events[i])
        return out


@dataclass(eq=False)
class Conn:
    """One authenticated socket as the hub sees it."""

    user: User
    client_id: str
    send: Any  # async callable(str)
    cursor: int
    live: bool = False
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    sent_frames: int = 0
    token_hash: str = ""  # the session token this socket runs on, checked again while it lives
    # send_now(text) sends at once when the socket can take it and returns None, else returns the
    # future of a send that finishes later; `pending` is that future (the next frames wait for it).
    send_now: Any = None
    pending: Any = None
    kick: Any = None  # async callable(code, reason) closing the socket
    # The cursor of the last frame this socket was sent (events, caught_up, snapshot_end): the next
    # events frame says it follows that one. (`cursor` also moves past events the user may not see,
    # without a frame.)
    sent_upto: int = 0

    @property
    def admin(self) -> bool:
        return self.user.role.value == "admin"

    def sees(self, team_id: str | None) -> bool:
        return team_id is None or self.admin or team_id == self.user.team_id


class Hub:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ring = Ring()
        self.head = 0
        self.conns: set[Conn] = set()
        self.login_throttle = LoginThrottle()
        self._flush_scheduled = False
        self.by_user: dict[int, set[Conn]] = {}
        self.listeners: list[Callable[[list[Event]], None]] = []  # told of every published batch
        self._told_upto = 0  # listeners have heard of every event up to here
        self._telling: asyncio.Task | None = None
        self._seen = 0  # the highest seq published here (committed here, or read from the log)
        self._wanted = 0  # the highest seq other processes said they committed
        self._pulling: asyncio.Task | None = None
        # Frames shared by every connection with the same (cursor, upto, scope): built once per fan-out.
        self._frame_cache: OrderedDict[tuple, list[str]] = OrderedDict()

    async def start(self) -> None:
        self.head = await self.db.read(eventlog.head)
        self._told_upto = self._seen = self._wanted = self.head

    def count_for(self, user_id: int) -> int:
        return len(self.by_user.get(user_id, ()))

    def add(self, conn: Conn) -> None:
        self.conns.add(conn)
        self.by_user.setdefault(conn.user.id, set()).add(conn)

    def remove(self, conn: Conn) -> None:
        self.conns.discard(conn)
        peers = self.by_user.get(conn.user.id)
        if peers is not None:
            peers.discard(conn)
            if not peers:
                del self.by_user[conn.user.id]

    def publish(self, events: list[Event]) -> None:
        """Called after COMMIT with the events of that transaction, in seq order.

        Sending happens once per loop turn (_flush), so the events of every transaction committed in
        that turn (group commit) reach each socket as one frame. There, a live socket that is idle
        gets its frame directly, without waking its pump task: with 1,000 sockets, a thousand task
        switches per event were most of the fan-out time above the bare `websockets.broadcast` floor.
        Any other socket (busy, or whose last send still waits on the network) is woken and catches
        up through its pump, in order."""
        if not events:
            return
        self._tell(events)
        self.ring.extend(events)
        self.head = max(self.head, events[-1].seq)
        self._seen = max(self._seen, events[-1].seq)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        self._flush_scheduled = False
        for c in self.conns:
            if not c.live or c.cursor >= self.head:
                continue
            if c.send_now is not None and not c.lock.locked() and (c.pending is None or c.pending.done()):
                batch = self.ring.since(c.cursor, PAGE_SIZE)
                if batch and batch[-1].seq == self.head and self._send_direct(c, batch):
                    continue
            c.wake.set()

    def _send_direct(self, c: Conn, events: list[Event]) -> bool:
        frames = self._frames_from_ring(c, events)
        if not frames:  # nothing this socket may see: its cursor moves on, as the pump's would
            c.cursor = events[-1].seq
            return True
        if len(frames) != 1:
            return False  # a page split in parts goes through the pump, which keeps them in order
        try:
            c.pending = c.send_now(frames[0])
        except ConnectionError:
            return False  # the pump meets the same error and the session ends there
        c.sent_frames += 1
        c.cursor = c.sent_upto = events[-1].seq
        return True

    def _tell(self, events: list[Event]) -> None:
        if events[0].seq > self._told_upto + 1 and self.listeners:
            # Events before these (another process's, or a batch still on its way) were not told yet:
            # tell them all from the log, in order, rather than skip them.
            self._tell_later()
            return
        fresh = [e for e in events if e.seq > self._told_upto]
        if fresh:
            self._told_upto = fresh[-1].seq
            for listener in self.listeners:  # e.g. the web-chat visitors of these conversations
                listener(fresh)

    def notify_head(self, head: int) -> None:
        """A hint that another process committed up to `head` (PostgreSQL LISTEN/NOTIFY). The new events
        are read from the log once, here, and published as if committed here: every idle socket gets
        them straight from the ring. (Waking 1,000 pumps to read the log each on their own put a
        cross-process fan-out at 700 ms p99, against 60 ms within one process.)"""
        if head > self._wanted:
            self._wanted = head
            if self._pulling is None or self._pulling.done():
                self._pulling = asyncio.get_running_loop().create_task(self._pull())

    async def _pull(self) -> None:
        try:
            while self._seen < self._wanted:
                events = await self.db.read(eventlog.read_range, self._seen, self._wanted)
                if not events:
                    break
                self.publish(events)
        except Exception:  # the log stays the truth: the pumps read it themselves
            log.exception("reading other processes' events failed; the sockets catch up on their own")
            self.head = max(self.head, self._wanted)
            for c in self.conns:
                if c.live:
                    c.wake.set()
        if self.listeners and self._told_upto < self.head:
            self._tell_later()

    def _tell_later(self) -> None:
        if self._telling is None or self._telling.done():
            self._telling = asyncio.get_running_loop().create_task(self._tell_from_log())

    async def _tell_from_log(self) -> None:
        """Listeners (the visitors' relay) hear of other processes' events too, from the log, in order."""
        while self._told_upto < self.head:
            try:
                events = await self.db.read(eventlog.read_range, self._told_upto, max(self.head, self.ring.last))
            except RuntimeError:  # the database closed: shutting down
                return
            if not events:
                return
            self._tell(events)

    def _scope(self, conn: Conn) -> str:
        return "*" if conn.admin else conn.user.team_id

    def _frames(self, conn: Conn, items: list[tuple[int, bytes]], upto: int) -> list[str]:
        """events frames for visible (seq, body) items covering up to `upto`, each under the frame
        limit: a page of long messages is split, every part carrying the cursor of its last event
        and the cursor of the frame before it (`after`)."""
        frames: list[str] = []
        chunk: list[bytes] = []
        size = last = 0
        after = conn.sent_upto
        for seq, body in items:
            if chunk and size + len(body) > FRAME_BUDGET:
                frames.append(raw_events_frame(chunk, self.db.epoch, last, self.head, after))
                after = last
                chunk, size = [], 0
            chunk.append(body)
            size += len(body) + 1
            last = seq
        if chunk:
            frames.append(raw_events_frame(chunk, self.db.epoch, upto, self.head, after))
        return frames

    def _frames_from_ring(self, conn: Conn, batch: list[Event]) -> list[str]:
        upto = batch[-1].seq
        key = (conn.cursor, conn.sent_upto, upto, self._scope(conn))
        frames = self._frame_cache.get(key)
        if frames is None:
            frames = self._frames(conn, [(e.seq, e.body) for e in batch if conn.sees(e.team_id)], upto)
            self._frame_cache[key] = frames
            if len(self._frame_cache) > 256:
                self._frame_cache.popitem(last=False)
        return frames

    async def pump(self, conn: Conn) -> None:
        """Sends everything between conn.cursor and the head. Holding conn.lock keeps frames of one
        socket in order when a mutation handler flushes before its ack."""
        async with conn.lock:
            if conn.pending is not None and not conn.pending.done():
                await conn.pending  # a frame sent from publish() is still on its way: keep the order
            while conn.cursor < self.head:
                batch = self.ring.since(conn.cursor, PAGE_SIZE)
                if batch:
                    frames = self._frames_from_ring(conn, batch)
                    upto = batch[-1].seq
                else:
                    items, upto, top = await self.db.read(eventlog.read_page, conn.cursor, conn.user.team_id,
                                                          conn.admin, PAGE_SIZE)
                    self.head = max(self.head, top)
                    if upto <= conn.cursor:
                        break
                    frames = self._frames(conn, items, upto)
                for frame in frames:
                    await conn.send(frame)
                    conn.sent_frames += 1
                if frames:
                    conn.sent_upto = upto
                conn.cursor = upto

    async def run_pump(self, conn: Conn, on_live: Callable[[], list[str]] | None = None) -> None:
        """Initial catch-up, then `caught_up` (and what on_live returns: colleagues' current activity),
        then live until the socket goes."""
        await self.pump(conn)
        async with conn.lock:
            await conn.send(encode({"t": "caught_up", "cursor": {"epoch": self.db.epoch, "seq": conn.cursor},
                                    "after": conn.sent_upto}))
            conn.sent_upto = conn.cursor  # the client takes caught_up's cursor as its own
            conn.live = True
            for frame in on_live() if on_live is not None else ():
                await conn.send(frame)
        conn.wake.set()  # events committed between the last page and `live` still need sending
        while True:
            await conn.wake.wait()
            conn.wake.clear()
            await self.pump(conn)

    async def close_all(self, code: int, reason: str, closers: dict[Conn, Any]) -> None:
        await asyncio.gather(*(closers[c](code, reason) for c in list(self.conns) if c in closers),
                             return_exceptions=True)
