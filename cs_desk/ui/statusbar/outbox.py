"""Status-bar segment: how many changes wait to be sent; a click lists them and the failed ones."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from cs_desk.views.desk import Desk


class OutboxSegment(QToolButton):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)
        desk.outboxCountChanged.connect(self.set_count)
        self.set_count(desk.outbox_count())

    def set_count(self, n: int) -> None:
        self.count = n
        self.setText(self.tr("Outbox: %n", "", n) if n else self.tr("All sent"))

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        pending = self.desk.pending_items()
        failed = self.desk.failed_messages()
        if not pending and not failed:
            menu.addAction(self.tr("Nothing waiting")).setEnabled(False)
        for item in pending[:30]:
            menu.addAction(self.tr("Waiting: %1").replace("%1", item)).setEnabled(False)
        for m in failed[:30]:
            menu.addAction(self.tr("Not sent: %1 (%2) — retry").replace("%1", m["body"][:40])
                           .replace("%2", m["error"] or ""), lambda mid=m["id"]: self.desk.retry(mid))
