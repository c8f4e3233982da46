"""Status-bar segment: my presence (online / away / offline) with a coloured dot, and a menu to
change it. The change is optimistic (the cache shows it at once, the outbox sends `presence.set`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from cs_desk.domain.changes import Changes
from cs_desk.views.desk import Desk

PRESENCES = ("online", "away", "offline")
COLOURS = {"online": "#188038", "away": "#ef6c00", "offline": "#80868b"}


def dot(colour: str, size: int = 10) -> QIcon:
    """A filled circle: the colour carries the state, the text next to it says it for everyone."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(0, 0, size - 1, size - 1)
    p.end()
    return QIcon(pix)


class PresenceSegment(QToolButton):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_presence: dict[str, QAction] = {}
        for value in PRESENCES:
            act = self.menu().addAction(dot(COLOURS[value]), self.label(value))
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, v=value: self.choose(v))
            self._group.addAction(act)
            self.actions_by_presence[value] = act
        self.presence = ""
        # Bound methods, not lambdas: Qt drops them when this widget goes (the window is rebuilt on a
        # language switch while the Desk lives on).
        desk.changed.connect(self._changed)
        desk.userChanged.connect(self._user)
        desk.syncStateChanged.connect(self._sync_state)
        self.refresh()

    def label(self, presence: str) -> str:
        return {"online": self.tr("Online"), "away": self.tr("Away"), "offline": self.tr("Offline")}.get(
            presence, presence)

    def choose(self, presence: str) -> None:
        if presence != self.presence:
            self.desk.set_presence(presence)  # emits changed(agents) → refresh
        self.refresh()

    def _changed(self, ch: Changes) -> None:
        if ch.agents or ch.reset:
            self.refresh()

    def _user(self, _user: dict) -> None:
        self.refresh()

    def _sync_state(self, _state: str) -> None:
        self._update_tip()

    def refresh(self) -> None:
        # No session, no agent to set the presence of.
        self.setEnabled(self.desk.me() is not None)
        self.presence = self.desk.my_presence()
        self.setIcon(dot(COLOURS.get(self.presence, COLOURS["offline"])))
        self.setText(self.label(self.presence))
        act = self.actions_by_presence.get(self.presence)
        if act is not None:
            act.setChecked(True)
        self._update_tip()

    def _update_tip(self) -> None:
        tip = self.tr("Your presence, as colleagues see it: %1").replace("%1", self.label(self.presence))
        if self.desk.sync_state != "live":
            # Chosen here, but the server only hears of it (and colleagues see it) once connected.
            tip += " " + self.tr("(not connected)")
        self.setToolTip(tip)
