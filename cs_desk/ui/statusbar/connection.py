"""Status-bar segment: online / offline / connecting / catching up, with a progress bar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

COLOURS = {"live": "#188038", "offline": "#c62828", "auth_failed": "#c62828"}


class ConnectionSegment(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●", self)
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        for w in (self.dot, self.label, self.progress):
            lay.addWidget(w)
        self.set_state("offline")

    def text_for(self, state: str) -> str:
        return {
            "offline": self.tr("Offline — changes are kept and sent later"),
            "connecting": self.tr("Connecting…"),
            "snapshot": self.tr("Loading…"),
            "catching_up": self.tr("Catching up…"),
            "live": self.tr("Online"),
            "auth_failed": self.tr("Logged out — log in again"),
        }.get(state, state)

    def set_state(self, state: str) -> None:
        self.state = state
        self.label.setText(self.text_for(state))
        self.dot.setStyleSheet(f"color: {COLOURS.get(state, '#f9ab00')};")
        self.progress.setVisible(state in ("snapshot", "catching_up"))

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, total))
