"""The team lead's live board as the UI draws it: refreshed when synced changes arrive (at most every
250 ms) and every few seconds for promises that come due as time passes; an alert when the queue is
long or a promise breaks. Offline it keeps the last figures and says as of when."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import parse_iso, shop_day_start, to_iso
from cs_desk.store import monitor_repo
from cs_desk.store.monitor_repo import BoardData
from cs_desk.views.desk import Desk

REFRESH_MS = 250  # many events in a burst: one redraw
TICK_MS = 5000
QUEUE_ALERT = 5  # waiting conversations
WAIT_ALERT_S = 300  # the longest wait


class Board(QObject):
    updated = Signal()
    alert = Signal(str)  # "queue" or "breach": something a lead should look at now

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.data: BoardData | None = None
        self.as_of: datetime | None = None
        self.now = desk.server_now
        self._breached: set[int] | None = None
        self._queue_alerted = False
        self.queue_alert, self.wait_alert_s = QUEUE_ALERT, WAIT_ALERT_S
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_MS)
        self._debounce.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        desk.changed.connect(self._changed)
        desk.syncStateChanged.connect(lambda _s: self.updated.emit())  # live / offline changes the "as of"
        self.refresh()

    def close(self) -> None:
        """Stops following the desk (the window closed, or the session ends)."""
        self._tick.stop()
        self._debounce.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.desk.changed.disconnect(self._changed)

    @property
    def live(self) -> bool:
        return self.desk.sync_state == "live"

    def _changed(self, ch: Changes) -> None:
        if ch.reset or ch.conversations or ch.agents or ch.removed_conversations:
            self._debounce.start()

    def refresh(self) -> None:
        me = self.desk.store.me()
        if me is None:
            return
        now = self.now()
        self.data = monitor_repo.board(self.desk.store.conn, me, to_iso(now), to_iso(shop_day_start(now)))
        if self.live or self.as_of is None:
            self.as_of = now
        self._alerts(now)
        self.updated.emit()

    def _alerts(self, now: datetime) -> None:
        assert self.data is not None
        breached = {r.id for r in self.data.breached}
        if self._breached is not None and breached - self._breached:
            self.alert.emit("breach")
        self._breached = breached
        long_wait = self.longest_wait_s(now)
        long = self.data.waiting >= self.queue_alert or (long_wait is not None and long_wait >= self.wait_alert_s)
        if long and not self._queue_alerted:
            self.alert.emit("queue")
        self._queue_alerted = long

    def longest_wait_s(self, now: datetime | None = None) -> float | None:
        if self.data is None or not self.data.longest_wait_since:
            return None
        return ((now or self.now()) - parse_iso(self.data.longest_wait_since)).total_seconds()

    def queue_alarming(self) -> bool:
        return self._queue_alerted

    def set_thresholds(self, waiting: int, wait_s: float) -> None:
        """When the queue alerts: this many waiting, or the longest wait this long (0 switches either off)."""
        self.queue_alert = waiting if waiting > 0 else 10**9
        self.wait_alert_s = wait_s if wait_s > 0 else float("inf")
        self.refresh()

    # --- a lead's actions (the server checks the role again) ---------------------------------------
    def set_capacity(self, agent_id: int, capacity: int) -> None:
        self.desk.update_agent(agent_id, capacity=capacity)

    def set_presence(self, agent_id: int, presence: str) -> None:
        self.desk.update_agent(agent_id, presence=presence)
