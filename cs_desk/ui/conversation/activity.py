"""Our own activity for colleagues' collision banners: 'viewing' while a conversation is shown,
'typing' while the agent types in it, 'idle' when it is left.

Colleagues forget an entry 60 s after its last frame (ACTIVITY_TTL_S), so a shown conversation is
re-announced every 30 s; typing is announced at most every 3 s (each keystroke would be a frame) and
falls back to 'viewing' 5 s after the last keystroke. Frames are best effort: dropped while offline,
so the current state is announced again when sync comes back live."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from cs_desk.views.desk import Desk

HEARTBEAT_MS = 30_000
TYPING_EVERY_S = 3.0
CALM_MS = 5_000

# The reporter that last spoke for a desk (one connection). When the window is rebuilt (language
# switch) the new pane speaks before the old one is hidden: the old one must not then say 'idle'.
_speaker: weakref.WeakKeyDictionary[Desk, ActivityReporter] = weakref.WeakKeyDictionary()


class ActivityReporter(QObject):
    def __init__(self, desk: Desk, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.desk = desk
        self.clock = clock
        self.conv_id: int | None = None
        self.state = "idle"
        self._typing_sent_at: float | None = None
        self._paused = False
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._beat)
        self.calm = QTimer(self)
        self.calm.setSingleShot(True)
        self.calm.setInterval(CALM_MS)
        self.calm.timeout.connect(self.stopped_typing)
        desk.syncStateChanged.connect(self._sync_state)

    def _report(self, conv_id: int, state: str) -> None:
        _speaker[self.desk] = self
        self.desk.report_activity(conv_id, state)

    def show(self, conv_id: int | None) -> None:
        """The pane now shows `conv_id` (None: nothing)."""
        if conv_id == self.conv_id and not self._paused:
            return
        if self.conv_id is not None and self.conv_id != conv_id and not self._paused:
            self._report(self.conv_id, "idle")
        self.conv_id = conv_id
        self.calm.stop()
        self._typing_sent_at = None
        if conv_id is None or self._paused:
            self.state = "idle"
            self.heartbeat.stop()
            return
        self.state = "viewing"
        self._report(conv_id, "viewing")
        self.heartbeat.start()

    def typed(self) -> None:
        """A keystroke (or a pasted/inserted text) in the composer."""
        if self.conv_id is None or self._paused:
            return
        now = self.clock()
        if self.state != "typing" or self._typing_sent_at is None or now - self._typing_sent_at >= TYPING_EVERY_S:
            self.state = "typing"
            self._typing_sent_at = now
            self._report(self.conv_id, "typing")
        self.calm.start()  # restarts: 5 s after the *last* keystroke

    def stopped_typing(self) -> None:
        """The reply went out, or the agent paused: back to merely viewing."""
        self.calm.stop()
        if self.conv_id is None or self._paused or self.state != "typing":
            return
        self.state = "viewing"
        self._typing_sent_at = None
        self._report(self.conv_id, "viewing")

    def pause(self) -> None:
        """The pane is hidden (window closed): colleagues should not see us here any more."""
        if self._paused:
            return
        if self.conv_id is not None and _speaker.get(self.desk) is self:
            self._report(self.conv_id, "idle")
        self._paused = True
        self.state = "idle"
        self.heartbeat.stop()
        self.calm.stop()

    def resume(self) -> None:
        if not self._paused:
            return
        self._paused = False
        conv, self.conv_id = self.conv_id, None
        self.show(conv)

    def _beat(self) -> None:
        if self.conv_id is not None and not self._paused:
            self._report(self.conv_id, self.state)

    def _sync_state(self, state: str) -> None:
        if state == "live":
            self._beat()  # what we said while offline was dropped
