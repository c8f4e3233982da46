"""Team metrics as the monitor shows them: asked of the server over the sync socket (the server
computes them from its event log), kept in the local cache per question, and refreshed while live
when synced changes arrive (at most every few seconds) and once a minute for time passing. Offline,
or before the first answer, the last answer is shown with the time it was computed, never as live."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import to_iso
from cs_desk.store import monitor_repo
from cs_desk.views.desk import Desk

CHANGE_DELAY_MS = 3000
TICK_MS = 60_000
RANGES = ("today", "7d", "30d", "custom")


@dataclass(frozen=True, slots=True)
class Question:
    range: str = "today"
    by: str | None = None
    team: str | None = None
    start: str | None = None
    end: str | None = None

    def args(self) -> dict[str, Any]:
        return {k: v for k, v in (("range", self.range), ("by", self.by), ("team", self.team),
                                  ("start", self.start), ("end", self.end)) if v is not None}

    @property
    def key(self) -> str:
        return "|".join(str(v or "") for v in (self.range, self.by, self.team, self.start, self.end))


class TeamMetrics(QObject):
    updated = Signal()
    failed = Signal(str)  # the server refused the question: its reason

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.question = Question()
        self.data: dict[str, Any] | None = None
        self.as_of: str | None = None  # server time the figures were computed
        self.fresh = False  # answered on the current connection for the current question
        self.error: str | None = None
        self._waiting: int | None = None
        self.active = True  # asks only while shown (the panel says when)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(CHANGE_DELAY_MS)
        self._delay.timeout.connect(self.ask)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.ask)
        self._tick.start()
        desk.changed.connect(self._changed)
        desk.syncStateChanged.connect(self._state)
        if desk.bridge is not None:
            desk.bridge.queryResult.connect(self._result)
        self._load_cached()
        self.ask()

    def close(self) -> None:
        self._tick.stop()
        self._delay.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.desk.changed.disconnect(self._changed)
            self.desk.syncStateChanged.disconnect(self._state)
            if self.desk.bridge is not None:
                self.desk.bridge.queryResult.disconnect(self._result)

    @property
    def live(self) -> bool:
        return self.fresh and self.desk.sync_state == "live"

    def set_question(self, **changes: Any) -> None:
        q = replace(self.question, **changes)
        if q == self.question:
            return
        self.question = q
        self.fresh = False
        self.error = None
        self._load_cached()
        self.ask()

    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        if active:
            self.ask()

    def ask(self) -> bool:
        """Sends the current question if connected and shown; False when it was not asked now."""
        bridge = self.desk.bridge
        if bridge is None or self.desk.sync_state != "live" or not self.active:
            return False
        qid = bridge.send_query("metrics", self.question.args())
        if qid is None:
            return False
        self._waiting = qid
        return True

    def _load_cached(self) -> None:
        cached = monitor_repo.cached_metrics(self.desk.store.conn, self.question.key)
        self.data, self.as_of = cached if cached else (None, None)
        self.updated.emit()

    def _changed(self, ch: Changes) -> None:
        if (ch.reset or ch.conversations or ch.agents) and not self._delay.isActive():
            self._delay.start()

    def _state(self, state: str) -> None:
        if state == "live":
            self.ask()
        else:
            self.fresh = False
            self.updated.emit()

    def _result(self, r: dict[str, Any]) -> None:
        if r.get("id") != self._waiting or self._waiting is None:
            return  # another view's question, or one asked before the question changed
        self._waiting = None
        if not r["ok"]:
            self.error = r.get("message") or r.get("code") or ""
            self.failed.emit(self.error)
            self.updated.emit()
            return
        self.data, self.error, self.fresh = r["data"], None, True
        self.as_of = to_iso(datetime.fromtimestamp(float(self.data.get("now", 0)), UTC))
        monitor_repo.save_metrics(self.desk.store.conn, self.question.key, self.data, self.as_of)
        self.updated.emit()

    def agent_name(self, key: Any) -> str:
        names = (self.data or {}).get("agents", {})
        return names.get(str(key), str(key))
