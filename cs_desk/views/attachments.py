"""Customer files for the UI: the conversation's and the customer's files, thumbnails and full files
from the local cache or fetched from the server (on a worker thread, with the session token), and
images decoded with an allocation limit so a hostile image cannot exhaust memory. Nothing here opens
a file with another program; the viewer does that only when the agent clicks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage, QImageReader

from cs_desk.store import file_cache
from cs_desk.sync.file_fetch import FetchError, fetch
from cs_desk.views.desk import Desk

log = logging.getLogger(__name__)
PREFETCH_MAX = 50  # thumbnails fetched ahead per synced batch of messages
ALLOCATION_LIMIT_MB = 256  # a 40-megapixel photo is 160 MB as RGBA; the server refuses larger ones


def decode(data: bytes) -> QImage | None:
    """The image, or None when it cannot be read or would need more than the allocation limit."""
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    img = reader.read()
    return None if img.isNull() else img


class Attachments(QObject):
    ready = Signal(str, str)  # sha256, kind ("thumb" or "full"): now in the cache
    failed = Signal(str, str, str)  # sha256, kind, why

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._pending: set[tuple[str, str]] = set()
        self._tasks: set[asyncio.Task] = set()

    def conversation_files(self, conv_id: int) -> list[dict[str, Any]]:
        return file_cache.conversation_files(self.desk.store.conn, conv_id)

    def customer_files(self, customer_id: int) -> list[dict[str, Any]]:
        return file_cache.customer_files(self.desk.store.conn, customer_id)

    def prefetch(self, message_ids: set[str], most: int = PREFETCH_MAX) -> int:
        """Fetches ahead the thumbnails of files that just arrived with synced messages, so a
        conversation synced while online shows its photos offline too. Returns how many it asked for."""
        if not message_ids or self.desk.sync_state != "live":
            return 0
        asked = 0
        for f in file_cache.message_files(self.desk.store.conn, message_ids):
            if asked >= most:
                break
            if f.get("thumbnail") and not self.has(f["sha256"], "thumb") and (f["sha256"], "thumb") not in self._pending:
                self.request(f["sha256"], "thumb")
                asked += 1
        return asked

    def cached(self, sha256: str, kind: str, touch: bool = True) -> bytes | None:
        return file_cache.get(self.desk.store.conn, sha256, kind, touch)

    def has(self, sha256: str, kind: str) -> bool:
        return file_cache.has(self.desk.store.conn, sha256, kind)

    def touch(self, keys: list[tuple[str, str]]) -> None:
        """Marks files as used now, in one write (the cache drops the least recently used first)."""
        file_cache.touch_all(self.desk.store.conn, keys)

    def image(self, sha256: str, kind: str = "thumb", touch: bool = True) -> QImage | None:
        data = self.cached(sha256, kind, touch)
        return decode(data) if data is not None else None

    def request(self, sha256: str, kind: str = "thumb") -> bool:
        """Starts fetching a file not in the cache; True when it is cached already. Offline, or
        with nothing to log in with, it fails with a reason (`failed`), and the agent can try again."""
        if self.has(sha256, kind):
            return True
        if (sha256, kind) in self._pending:
            return False
        bridge = self.desk.bridge
        token = bridge.engine.tokens.get(bridge.engine.token_key) if bridge is not None else None
        if bridge is None or token is None or self.desk.sync_state != "live":
            self.failed.emit(sha256, kind, self.tr("Offline: this file was not opened before"))
            return False
        self._pending.add((sha256, kind))
        task = asyncio.get_event_loop().create_task(self._fetch(bridge.engine.server_url, token, sha256, kind))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return False

    async def _fetch(self, url: str, token: str, sha256: str, kind: str) -> None:
        try:
            data = await asyncio.to_thread(fetch, url, token, sha256, kind == "thumb")
        except FetchError as exc:
            with contextlib.suppress(RuntimeError):  # the pane went away meanwhile
                self.failed.emit(sha256, kind, str(exc))
            return
        finally:
            self._pending.discard((sha256, kind))
        with contextlib.suppress(Exception):  # the cache closed meanwhile (logging out): nothing to keep
            file_cache.put(self.desk.store.conn, sha256, kind, data)
            self.ready.emit(sha256, kind)
