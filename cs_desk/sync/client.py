"""The websockets adapter around SyncEngine: it only moves frames and sleeps the backoff.
Qt-free; sync/qt_bridge.py runs it under qasync for the desktop app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from cs_desk.errors import ProtocolError, StoreError
from cs_desk.protocol import constants as C
from cs_desk.sync import file_fetch
from cs_desk.sync.engine import State, SyncEngine

log = logging.getLogger(__name__)
MAX_UPLOAD_TRIES = 8  # in a row while connected: with the backoff, about 3 minutes


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class SyncClient:
    def __init__(self, engine: SyncEngine, url: str, *, open_timeout: float = 10.0,
                 on_frame_sent: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.url = url
        self.open_timeout = open_timeout
        self.on_frame_sent = on_frame_sent  # a hook for tests and traffic counters
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._ws: ClientConnection | None = None
        self._state_changed = asyncio.Condition()
        engine.listeners.append(self._on_engine)
        self.connections = 0
        self._bg: set[asyncio.Task] = set()
        self._upload_wake = asyncio.Event()
        self.upload_retry_s = 2.0  # after an upload that may work later (network, rate limit), at most 30 s
        self._tries: dict[str, int] = {}
        self.ack_timeout_s = 30.0  # see _watch_acks
        self.last_store_error: str | None = None
        self._heard = 0.0
        self.uploads = 0

    def _on_engine(self, what: str, payload: object) -> None:
        if what in ("state", "changes", "activity", "error", "result"):
            asyncio.get_running_loop().create_task(self._notify())
        elif what == "upload":
            self._upload_wake.set()

    async def _notify(self) -> None:
        async with self._state_changed:
            self._state_changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Waits until predicate() holds, re-checking on every engine state change or applied page."""
        async def wait() -> None:
            async with self._state_changed:
                await self._state_changed.wait_for(predicate)
        await asyncio.wait_for(wait(), timeout)

    def outbox_changed(self) -> None:
        """Call after an op wrote to the outbox: the sender picks the new rows up at once."""
        self._wake.set()

    def send_activity(self, conversation_id: int, state: str) -> None:
        """Best effort: sent now if connected, dropped otherwise."""
        ws = self._ws
        frame = self.engine.activity_frame(conversation_id, state)
        loop = _running_loop()
        if ws is None or frame is None or loop is None:  # no loop: the app is closing
            return
        task = loop.create_task(self._send_quietly(ws, frame))
        self._bg.add(task)
        task.add_done_callback(self._bg.discard)

    def send_query(self, q: str, args: dict) -> int | None:
        """Sends a query now and returns its id (the answer comes as a "result" notification), or
        None when not connected."""
        ws = self._ws
        loop = _running_loop()
        made = self.engine.query_frame(q, args) if ws is not None and loop is not None else None
        if ws is None or made is None or loop is None:
            return None
        task = loop.create_task(self._send_quietly(ws, made[1]))
        self._bg.add(task)
        task.add_done_callback(self._bg.discard)
        return made[0]

    async def _send_quietly(self, ws: ClientConnection, frame: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self._send(ws, frame)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._ws is not None:
            asyncio.get_running_loop().create_task(self._ws.close(1000, "client stopping"))

    async def run(self) -> None:
        self._stop.clear()  # a stopped client may be started again (log in again, back online)
        while not self._stop.is_set():
            code, reason = await self._connect_once()
            if self._stop.is_set():
                break
            delay = self.engine.connection_lost(code, reason)
            await self._notify()
            if delay is None:
                log.warning("sync stopped: %s", reason or "login needed")
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), delay)
        if self.engine.state is not State.AUTH_FAILED:
            self.engine.stopped()
        await self._notify()

    async def _connect_once(self) -> tuple[int | None, str]:
        try:
            async with connect(self.url, subprotocols=[C.SUBPROTOCOL], compression=None,
                               max_size=C.MAX_FRAME_BYTES, ping_interval=C.PING_INTERVAL_S,
                               ping_timeout=C.PING_TIMEOUT_S, open_timeout=self.open_timeout,
                               close_timeout=2) as ws:
                self._ws = ws
                self.connections += 1
                try:
                    for frame in self.engine.start_connection():
                        await self._send(ws, frame)
                except PermissionError as exc:
                    await ws.close(1000, "no credentials")
                    return C.CLOSE_AUTH_FAILED, str(exc)
                sender = asyncio.create_task(self._sender(ws))
                uploader = asyncio.create_task(self._uploader())
                watchdog = asyncio.create_task(self._watch_acks(ws))
                self._heard = time.monotonic()
                try:
                    async for msg in ws:
                        self._heard = time.monotonic()
                        for frame in self.engine.receive(msg):
                            await self._send(ws, frame)
                        if self.engine.fatal is not None:
                            await ws.close(1000, "client cannot continue")
                            break
                except ProtocolError as exc:
                    log.warning("%s", exc)
                    await ws.close(C.CLOSE_PROTOCOL, "bad frame from server")
                except StoreError as exc:
                    # The cache cannot take the page (a full disk): nothing of it was applied and the
                    # cursor did not move, so a later connection fetches it again.
                    log.warning("%s", exc)
                    self.last_store_error = str(exc)
                    await ws.close(1011, "client cache cannot be written")
                finally:
                    sender.cancel()
                    uploader.cancel()
                    watchdog.cancel()
                    with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                        await sender
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await uploader
                rcvd = ws.close_code
                return rcvd, ws.close_reason or ""
        except ConnectionClosed as exc:
            return (exc.rcvd.code if exc.rcvd else None), (exc.rcvd.reason if exc.rcvd else str(exc))
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            return None, f"cannot reach {self.url}: {exc}"
        except InvalidURI as exc:
            return None, str(exc)
        finally:
            self._ws = None

    async def _send(self, ws: ClientConnection, frame: str) -> None:
        await ws.send(frame)
        if self.on_frame_sent is not None:
            self.on_frame_sent(frame)

    async def _uploader(self) -> None:
        """Uploads the files a queued message names, one at a time, while connected; the sender then
        sends the message. An upload is harmless to repeat (the server keeps one file per content).
        A file that fails MAX_UPLOAD_TRIES times in a row while connected fails its message with the
        last reason, so one file never holds the agent's queue for good."""
        while True:
            await self._upload_wake.wait()
            self._upload_wake.clear()
            while self.engine.awaiting_upload and not self._stop.is_set():
                sha = self.engine.awaiting_upload[0]
                try:
                    outcome = await self._upload_one(sha)
                except Exception:  # noqa: BLE001 - never let the uploader die: the queue would stall
                    log.exception("uploading a queued file failed")
                    outcome = "unexpected error"
                if outcome is None:
                    self._tries.pop(sha, None)
                    self._wake.set()  # the message (or what was queued after a refused one) can go now
                    continue
                tries = self._tries[sha] = self._tries.get(sha, 0) + 1
                if tries >= MAX_UPLOAD_TRIES:
                    self._tries.pop(sha, None)
                    self.engine.upload_refused(sha, f"the file could not be uploaded: {outcome}")
                    self._wake.set()
                    continue
                delay = min(30.0, self.upload_retry_s * 2 ** (tries - 1))
                log.info("upload of a queued file failed, trying again in %.0f s: %s", delay, outcome)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), delay)

    async def _upload_one(self, sha: str) -> str | None:
        """None when the file is up (or was refused for good and its message failed); else why not."""
        data = self.engine.store.pending_file(sha)
        if data is None:
            self.engine.upload_refused(sha, "the file to send is no longer on this computer")
            return None
        token = self.engine.tokens.get(self.engine.token_key)
        if token is None:
            return "no session token at hand"  # a keyring hiccup: worth another try
        try:
            answer = await asyncio.to_thread(file_fetch.upload, self.url, token, data)
        except file_fetch.UploadRefused as exc:
            self.engine.upload_refused(sha, str(exc))
            return None
        except file_fetch.FetchError as exc:
            return str(exc)
        if answer.get("sent_sha256", sha) != sha:
            return "the server received other bytes than were sent"
        self.uploads += 1
        self.engine.upload_done(sha, answer)
        return None

    async def _watch_acks(self, ws: ClientConnection) -> None:
        """Waiting for the server (a welcome, the rest of a catch-up, the ack of sent mutations) while
        it says nothing at all for ack_timeout_s: the connection is broken in a way TCP and the pings
        did not notice (a proxy that lost a frame). Closing it makes the next connection catch up
        from our cursor and send the outbox again, which the server answers once."""
        while True:
            await asyncio.sleep(self.ack_timeout_s / 4)
            waiting = self.engine.waiting_acks or self.engine.state is not State.LIVE or self.engine.missing_events
            if waiting and time.monotonic() - self._heard > self.ack_timeout_s:
                log.warning("no answer from the server for %.0f s (%s, %d change(s) unanswered): reconnecting",
                            self.ack_timeout_s, self.engine.state, self.engine.waiting_acks)
                await ws.close(C.CLOSE_PROTOCOL, "no answer from the server")
                return

    async def _sender(self, ws: ClientConnection) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            for frame in self.engine.pending_frames():
                await self._send(ws, frame)


__all__ = ["SyncClient", "websockets"]
