"""Status-bar segment: time to the next SLA breach among my open conversations, e.g.
"Next breach: 12 min · #1234", coloured ok / warning / breached. A click opens that conversation."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QToolButton, QWidget

from cs_desk.domain import sla
from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import parse_iso
from cs_desk.views import timefmt
from cs_desk.views.desk import Desk

TICK_MS = 15_000
COLOURS = {"ok": "#188038", "warning": "#ef6c00", "breached": "#c62828"}
# Synced pages come in bursts: one deadline query per burst, not one per page, and off the path
# that puts the changed row on screen.
DEBOUNCE_MS = 250


class SlaSegment(QToolButton):
    openRequested = Signal(int)  # noqa: N815 - conversation id

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setAutoRaise(True)
        self.deadline: tuple[int, str, str | None, str] | None = None
        self.state = "none"
        self._stale = False  # a change came while hidden: read again when shown
        self.clicked.connect(self._clicked)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)  # the countdown moves; the deadline itself does not
        self._ticker.start()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._refresh_if_shown)
        desk.changed.connect(self._changed)
        desk.userChanged.connect(self._user)
        self.refresh()

    def _changed(self, ch: Changes) -> None:
        if ch.conversations or ch.removed_conversations or ch.reset:
            self._debounce.start()

    def _user(self, _user: dict) -> None:
        self.refresh()

    # Timers do no work for a hidden segment: a closed window (whose cache may be closed too) must
    # not query it, and nobody reads a countdown nobody sees.
    def _tick(self) -> None:
        if self.isVisible():
            self.redraw()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802
        super().showEvent(e)
        if self._stale:
            self.refresh()

    def now(self) -> datetime:
        return self.desk.server_now()  # deadlines are server times

    def refresh(self) -> None:
        """Reads the earliest running deadline again (after a change) and redraws."""
        self._stale = False
        self.deadline = self.desk.next_deadline()
        self.redraw()

    def redraw(self) -> None:
        if self.deadline is None:
            self.state = "none"
            self.setText(self.tr("No deadlines"))
            self.setToolTip(self.tr("None of your open conversations has a running SLA clock"))
            self.setStyleSheet("")
            self.setEnabled(False)
            return
        conv_id, due, warn, kind = self.deadline
        now = self.now()
        self.state = sla.state_at(due, warn, now)
        left = (parse_iso(due) - now).total_seconds()
        if left > 0:
            text = self.tr("Next breach: %1 · #%2").replace("%1", timefmt.duration(left))
        else:
            text = self.tr("Overdue: %1 · #%2").replace("%1", timefmt.duration(-left))
        self.setText(text.replace("%2", str(conv_id)))
        self.setToolTip(self.tr("%1 for conversation #%2, due %3. Click to open it.")
                        .replace("%1", self.kind_label(kind)).replace("%2", str(conv_id))
                        .replace("%3", timefmt.local_time(due)))
        weight = "bold" if self.state == "breached" else "normal"
        self.setStyleSheet(f"QToolButton {{ color: {COLOURS.get(self.state, '')}; font-weight: {weight}; }}")
        self.setEnabled(True)

    def kind_label(self, kind: str | None) -> str:
        return {sla.FIRST_RESPONSE: self.tr("First response"), sla.NEXT_RESPONSE: self.tr("Next response"),
                sla.RESOLUTION: self.tr("Resolution")}.get(kind or "", self.tr("SLA"))

    def _clicked(self) -> None:
        if self.deadline is not None:
            self.openRequested.emit(self.deadline[0])
