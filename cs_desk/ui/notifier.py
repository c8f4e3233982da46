"""Tells the agent about conversations newly assigned to them, and about SLA breaches on theirs (and,
for a lead, on the team's when the policy notifies the lead): a tray message where the desktop has a
tray, the status bar otherwise. Only what arrives while the app runs counts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QSystemTrayIcon, QWidget

from cs_desk.domain.changes import Changes
from cs_desk.views.desk import Desk
from cs_desk.views.names import fill, sla_kind_label


class Notifier(QObject):
    notified = Signal(str)
    activated = Signal(int)  # conversation id the agent clicked through to

    def __init__(self, desk: Desk, window: QWidget, enabled: bool = True) -> None:
        super().__init__(window)
        self.desk = desk
        self.enabled = enabled
        self._mine = set(desk.assigned_to_me())
        self._last: int | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.messageClicked.connect(lambda: self._last is not None and self.activated.emit(self._last))
            self.tray.show()
        desk.changed.connect(self._changed)

    def _changed(self, ch: Changes) -> None:
        if ch.reset:
            self._mine = set(self.desk.assigned_to_me())
            return
        if not ch.conversations:
            return
        if ch.messages and self.enabled and self.desk.sync_state != "snapshot":
            self._breaches(ch.messages)
        now_mine = set(self.desk.assigned_to_me(ch.conversations))
        new = now_mine - self._mine
        self._mine = (self._mine - ch.conversations) | now_mine
        # A snapshot loads the conversations one already had (a fresh login is not 20 new ones), and
        # the agent's own claim is no news to them.
        if self.desk.sync_state == "snapshot" or ch.outbox:
            return
        if not new or not self.enabled:
            return
        conv_id = min(new)
        conv = self.desk.conversation(conv_id)
        cust = self.desk.customer(conv["customer_id"]) if conv else None
        name = cust["name"] if cust else ""
        text = self.tr("New conversation assigned to you: %1").replace("%1", name) if len(new) == 1 else \
            self.tr("%n conversations assigned to you", "", len(new))
        self._last = conv_id
        if self.tray is not None:
            self.tray.showMessage("cs_desk", text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.notified.emit(text)

    def tell(self, text: str, conv_id: int | None = None) -> None:
        """A warning from elsewhere in the app (the team board's alerts), the same way as ours."""
        if not self.enabled:
            return
        if conv_id is not None:
            self._last = conv_id
        if self.tray is not None:
            self.tray.showMessage("cs_desk", text, QSystemTrayIcon.MessageIcon.Warning, 10000)
        self.notified.emit(text)

    def _breaches(self, message_ids: set[str]) -> None:
        breaches = self.desk.my_sla_breaches(message_ids)
        if not breaches:
            return
        b = breaches[0]
        conv = self.desk.conversation(b["conversation_id"])
        cust = self.desk.customer(conv["customer_id"]) if conv else None
        text = fill(self.tr("SLA breached: %1 (%2)"), cust["name"] if cust else "#" + str(b["conversation_id"]),
                    sla_kind_label(b["kind"])) if len(breaches) == 1 else \
            self.tr("%n SLA breaches", "", len(breaches))
        self._last = b["conversation_id"]
        if self.tray is not None:
            self.tray.showMessage("cs_desk", text, QSystemTrayIcon.MessageIcon.Warning, 10000)
        self.notified.emit(text)
