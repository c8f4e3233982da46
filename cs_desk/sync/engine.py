"""The client side of csync.v1 as a sans-I/O state machine: frames in, frames out, writes into the
local store. It never touches a socket or a clock of its own, so it is tested with plain calls.

States: offline → connecting → (snapshot →) catching_up → live; auth_failed stops until a login."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cs_desk import __version__
from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import parse_iso
from cs_desk.errors import ProtocolError
from cs_desk.protocol import constants as C
from cs_desk.protocol.codec import FrameError, decode, encode
from cs_desk.store.store import Store
from cs_desk.sync.tokens import TokenStore

log = logging.getLogger(__name__)

INFLIGHT_WINDOW = 2000


class State(StrEnum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    SNAPSHOT = "snapshot"
    CATCHING_UP = "catching_up"
    LIVE = "live"
    AUTH_FAILED = "auth_failed"


class Backoff:
    """Exponential backoff with full jitter: delay = uniform(0, min(cap, base * 2**attempt))."""

    def __init__(self, base: float = 0.5, cap: float = 30.0, rng: random.Random | None = None) -> None:
        self.base, self.cap = base, cap
        self.rng = rng or random.Random()
        self.attempt = 0

    def next(self) -> float:
        delay = self.rng.uniform(0, min(self.cap, self.base * (2 ** self.attempt)))
        self.attempt = min(self.attempt + 1, 30)
        return delay

    def reset(self) -> None:
        self.attempt = 0


Listener = Callable[[str, Any], None]


class SyncEngine:
    def __init__(self, store: Store, tokens: TokenStore, server_url: str, *,
                 login: tuple[str, str] | None = None, backoff: Backoff | None = None) -> None:
        self.store = store
        self.tokens = tokens
        self.server_url = server_url
        self._login = login  # (user, password), kept in memory only until a token is issued
        self.backoff = backoff or Backoff()
        self.state = State.OFFLINE
        self.listeners: list[Listener] = []
        self.progress = (0, 0)
        self.last_error: dict[str, Any] | None = None
        self._used_password = False
        self._inflight: set[int] = set()
        self._forget_connection()
        self._head = 0
        self._start_seq = 0
        self.fatal: str | None = None  # a reason that retrying cannot fix; cleared by a new login
        self._next_query = 0
        self.awaiting_upload: list[str] = []  # files the next queued message names, not uploaded yet

    def _forget_connection(self) -> None:
        """What one connection knew: a new one (or none) starts from nothing."""
        self._welcomed = False
        self._sent_upto = 0  # the last outbox row sent on this connection
        self._inflight.clear()
        self._server_sent = 0  # the cursor of the last events frame the server says it sent (acks)
        self._snap_started = False
        self._snap_done = self._snap_total = 0

    # --- observation -------------------------------------------------------------------------
    def _emit(self, what: str, payload: Any) -> None:
        for fn in list(self.listeners):
            fn(what, payload)

    def _set_state(self, state: State) -> None:
        if state != self.state:
            self.state = state
            self._emit("state", state)

    def _changed(self, ch: Changes) -> None:
        if ch:
            self._emit("changes", ch)

    @property
    def token_key(self) -> str:
        return f"{self.server_url}#{self.store.client_id}"

    def set_login(self, user: str, password: str) -> None:
        self._login = (user, password)
        self.fatal = None
        if self.state is State.AUTH_FAILED:
            self._set_state(State.OFFLINE)

    def can_connect(self) -> bool:
        return self._login is not None or self.tokens.get(self.token_key) is not None

    # --- connection life ---------------------------------------------------------------------
    def start_connection(self) -> list[str]:
        """The socket is open: say hello. Raises PermissionError when there is nothing to log in with."""
        token = self.tokens.get(self.token_key)
        if token is not None:
            auth: dict[str, str] = {"token": token}
            self._used_password = False
        elif self._login is not None:
            auth = {"user": self._login[0], "password": self._login[1]}
            self._used_password = True
        else:
            self._set_state(State.AUTH_FAILED)
            raise PermissionError("log in with user name and password")
        self._forget_connection()
        self._set_state(State.CONNECTING)
        return [encode({"t": "hello", "client_id": self.store.client_id, "cursor": self.store.cursor(),
                        "auth": auth, "app": f"cs_desk/{__version__}"})]

    def connection_lost(self, code: int | None = None, reason: str = "") -> float | None:
        """Returns seconds to wait before reconnecting, or None to stop (a login is needed)."""
        self._forget_connection()
        if code == C.CLOSE_UNSUPPORTED_VERSION:
            self._fail("this server needs a newer version of cs_desk")
        if self.fatal is not None:
            self._set_state(State.AUTH_FAILED)
            return None
        if code == C.CLOSE_AUTH_FAILED:
            if self._used_password:
                self._login = None  # wrong password: ask the person again
            else:
                self.tokens.delete(self.token_key)
            if not self.can_connect():
                self._set_state(State.AUTH_FAILED)
                return None
        self._set_state(State.OFFLINE)
        return self.backoff.next()

    def stopped(self) -> None:
        """The adapter stopped on purpose (app closing)."""
        self._forget_connection()
        self._set_state(State.OFFLINE)

    # --- frames in ----------------------------------------------------------------------------
    def receive(self, data: str | bytes) -> list[str]:
        try:
            f = decode(data)
        except FrameError as exc:
            raise ProtocolError(f"server sent a bad frame: {exc.message}") from None
        t = f["t"]
        self._check_order(t)
        try:
            handler = self._HANDLERS.get(t)
            if handler is None:
                log.info("ignoring unknown frame type %r from the server", t)
                return []
            return handler(self, f)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"server sent a malformed {t!r} frame: {exc!r}") from exc

    _SNAPSHOT_FRAMES = frozenset({"snapshot_begin", "snapshot", "snapshot_end"})

    def _check_order(self, t: str) -> None:
        """Frames come in the protocol's order (welcome first; a snapshot whole, then the rest). One
        out of place means one was lost or doubled on the way: reconnecting starts over cleanly
        instead of building on a half-received session (a cache at a snapshot's start, a session
        never welcomed)."""
        if t == "error" or t not in self._HANDLERS:
            return  # errors come any time; types of a newer server are ignored, wherever they come
        if not self._welcomed:
            if t != "welcome":
                raise ProtocolError(f"the server sent {t!r} before welcome")
        elif t == "welcome":
            raise ProtocolError("the server sent a second welcome")
        elif t in self._SNAPSHOT_FRAMES:
            if self.state is not State.SNAPSHOT or (t != "snapshot_begin" and not self._snap_started):
                raise ProtocolError(f"the server sent {t!r} outside a snapshot")
        elif t in ("events", "caught_up") and self.state is State.SNAPSHOT:
            raise ProtocolError(f"the server sent {t!r} before the snapshot ended")

    def _fail(self, reason: str) -> None:
        self.fatal = reason
        self.last_error = {"code": "fatal", "message": reason}
        self._emit("error", self.last_error)

    def _on_welcome(self, f: dict[str, Any]) -> list[str]:
        owner = self.store.user()
        if owner is not None and owner["id"] != f["user"]["id"]:
            # Checked before the token is kept: this cache holds another person's view.
            self._fail(f"this cache belongs to {owner['name']}; log in with a separate cache")
            return []
        if "token" in f:
            self.tokens.set(self.token_key, f["token"])
            self._login = None  # the token replaces the password from now on
        self.store.set_session(f["user"], self.server_url)
        self._welcomed = True
        self.backoff.reset()
        self._head = f["head"]
        cur = self.store.cursor()
        self._start_seq = cur["seq"] if cur and f["mode"] == "catchup" else 0
        self.progress = (0, max(0, self._head - self._start_seq))
        if isinstance(f.get("server_time"), str):
            # Deadlines are server times: remember how far our clock is off so countdowns are right
            # even on a laptop whose clock is wrong (kept in the cache for offline starts).
            try:
                offset = (parse_iso(f["server_time"]) - datetime.now(UTC)).total_seconds()
                self.store.set_clock_offset(offset)
            except ValueError:
                log.info("ignoring an unreadable server_time %r", f["server_time"])
        self._emit("welcome", f["user"])
        self._set_state(State.SNAPSHOT if f["mode"] == "snapshot" else State.CATCHING_UP)
        return self.pending_frames()

    def _on_snapshot_begin(self, f: dict[str, Any]) -> list[str]:
        if self._snap_started:
            raise ProtocolError("the server began a second snapshot")
        self._snap_started = True
        self._snap_total = sum(f["totals"].values())
        self._snap_done = 0
        self.progress = (0, self._snap_total)
        self._changed(self.store.snapshot_begin(f["cursor"], f["totals"]))
        self._emit("progress", self.progress)
        return []

    def _on_snapshot(self, f: dict[str, Any]) -> list[str]:
        self._changed(self.store.snapshot_rows(f["rows"]))
        self._snap_done += len(f["rows"])
        self.progress = (self._snap_done, self._snap_total)
        self._emit("progress", self.progress)
        return []

    def _on_snapshot_end(self, f: dict[str, Any]) -> list[str]:
        if self._snap_done != self._snap_total:
            raise ProtocolError(f"the snapshot ended after {self._snap_done} of {self._snap_total} rows")
        self._changed(self.store.snapshot_end(f["cursor"]))
        self._start_seq = f["cursor"]["seq"]
        self._set_state(State.CATCHING_UP)
        return []

    def _on_events(self, f: dict[str, Any]) -> list[str]:
        cursor = f["cursor"]
        after = f.get("after")
        if after is not None:
            cur = self.store.cursor()
            have = cur["seq"] if cur else 0
            if cursor["seq"] <= have:
                return []  # a frame we applied already (a doubled frame): nothing new in it
            if after > have:
                # A frame between went missing (or came out of order): reconnecting catches up from
                # our own cursor, so nothing is skipped.
                raise ProtocolError(f"events after seq {after} arrived, but this cache is at {have}")
        self._head = max(self._head, f.get("head", 0))
        ch = self.store.apply_events(f["events"], cursor)
        if self.state is not State.LIVE:
            self.progress = (cursor["seq"] - self._start_seq, max(1, self._head - self._start_seq))
            self._emit("progress", self.progress)
        self._changed(ch)
        return []

    def _on_caught_up(self, f: dict[str, Any]) -> list[str]:
        cur = self.store.cursor()
        if isinstance(f.get("after"), int) and f["after"] > (cur["seq"] if cur else 0):
            # an events frame before this one was lost: moving the cursor on would skip its events
            raise ProtocolError(f"caught up after seq {f['after']}, but this cache is at {cur['seq'] if cur else 0}")
        if cur is None or cur["seq"] < f["cursor"]["seq"]:
            self.store.set_cursor(f["cursor"])  # the tail held nothing this user may see
        self._set_state(State.LIVE)
        return self.pending_frames()

    def _on_ack(self, f: dict[str, Any]) -> list[str]:
        results = f["results"]
        if isinstance(f.get("upto"), int):
            self._server_sent = max(self._server_sent, f["upto"])
        for r in results:
            self._inflight.discard(r["n"])
            if not r["ok"]:
                self._emit("rejected", r)
        self._changed(self.store.complete(results))
        return self.pending_frames()

    def _on_activity(self, f: dict[str, Any]) -> list[str]:
        """A colleague viewing or typing in a conversation: not stored, only shown."""
        user = f["user"]
        self._emit("activity", {"conversation_id": int(f["conversation_id"]), "state": str(f["state"]),
                                "user_id": int(user["id"]), "name": str(user.get("display_name", "")),
                                "at": str(f.get("at", ""))})
        return []

    def activity_frame(self, conversation_id: int, state: str) -> str | None:
        """The frame telling colleagues what we do in a conversation, or None while not connected
        (activity is never queued: stale news is worse than none)."""
        if not self._welcomed:
            return None
        return encode({"t": "activity", "conversation_id": conversation_id, "state": state})

    def query_frame(self, q: str, args: dict[str, Any]) -> tuple[int, str] | None:
        """(id, frame) for a question to the server, or None while not connected: queries are not
        queued (an answer computed later than asked would be shown as if current)."""
        if not self._welcomed:
            return None
        self._next_query += 1
        return self._next_query, encode({"t": "query", "id": self._next_query, "q": q, "args": args})

    def _on_result(self, f: dict[str, Any]) -> list[str]:
        out = {"id": f.get("id"), "q": f.get("q"), "ok": bool(f["ok"])}
        out.update({"data": f["data"]} if out["ok"] else {"code": f.get("code"), "message": f.get("message")})
        self._emit("result", out)
        return []

    def _on_error(self, f: dict[str, Any]) -> list[str]:
        self.last_error = {"code": f.get("code"), "message": f.get("message")}
        self._emit("error", self.last_error)
        return []

    _HANDLERS: dict[str, Callable[[SyncEngine, dict[str, Any]], list[str]]] = {
        "welcome": _on_welcome, "snapshot_begin": _on_snapshot_begin, "snapshot": _on_snapshot,
        "snapshot_end": _on_snapshot_end, "events": _on_events, "caught_up": _on_caught_up, "ack": _on_ack,
        "error": _on_error, "activity": _on_activity, "result": _on_result,
    }

    # --- frames out ---------------------------------------------------------------------------
    def pending_frames(self) -> list[str]:
        """Mutate frames for outbox rows not yet sent on this connection, within the window."""
        if not self._welcomed:
            return []
        room = INFLIGHT_WINDOW - len(self._inflight)
        if room <= 0:
            return []
        rows = self.store.outbox_after(self._sent_upto, room)
        self.awaiting_upload = []
        for i, (_, _, a) in enumerate(rows):
            if a.get("attachments") and (missing := self.store.files_to_upload(a)):
                # The message names files the server has not got yet: it waits (and so does what was
                # queued after it, to keep the agent's order) until the adapter has uploaded them.
                self.awaiting_upload = missing
                rows = rows[:i]
                self._emit("upload", missing)
                break
        frames = []
        for i in range(0, len(rows), C.MAX_MUTATIONS_PER_FRAME):
            chunk = rows[i:i + C.MAX_MUTATIONS_PER_FRAME]
            frames.append(encode({"t": "mutate", "muts": [{"n": n, "op": op, "args": a} for n, op, a in chunk]}))
            self._inflight.update(n for n, _, _ in chunk)
        if rows:
            self._sent_upto = rows[-1][0]
        return frames

    def upload_done(self, sha256: str, answer: dict[str, Any]) -> None:
        """The adapter uploaded a queued message's file; pending_frames() may send the message now."""
        self.store.file_uploaded(sha256, answer)
        self.awaiting_upload = [s for s in self.awaiting_upload if s != sha256]

    def upload_refused(self, sha256: str, reason: str) -> None:
        """The server will never take this file: the messages naming it fail, the queue goes on."""
        self.awaiting_upload = [s for s in self.awaiting_upload if s != sha256]
        results, ch = self.store.file_refused(sha256, reason)
        for r in results:
            self._emit("rejected", r)
        self._changed(ch)

    @property
    def missing_events(self) -> bool:
        """The server said (in an ack) it sent events up to a seq this cache has not got: a frame
        was lost on the way."""
        cur = self.store.cursor()
        return self._server_sent > (cur["seq"] if cur else 0)

    @property
    def waiting_acks(self) -> int:
        """Mutations sent on this connection and not answered yet."""
        return len(self._inflight)

    @property
    def outbox_count(self) -> int:
        return self.store.outbox_count()
