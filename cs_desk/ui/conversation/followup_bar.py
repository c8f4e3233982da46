"""A follow-up (回访) is open on this conversation: why (the customer's score and comment), and for a
lead a line to note what came of the call and close it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from cs_desk.views.names import fill


class FollowupBar(QFrame):
    closeRequested = Signal(int, str)  # noqa: N815 - follow-up id, outcome

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("FollowupBar { background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; }")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the comment is the customer's text
        self.text.setWordWrap(True)
        self.outcome = QLineEdit(self)
        self.outcome.setPlaceholderText(self.tr("What came of the call?"))
        self.outcome.setMaxLength(500)
        self.done = QPushButton(self.tr("Close follow-up"), self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.outcome)
        lay.addWidget(self.done)
        self._id: int | None = None
        self.done.clicked.connect(self._close)
        self.outcome.returnPressed.connect(self._close)
        self.outcome.textChanged.connect(lambda t: self.done.setEnabled(bool(t.strip())))
        self.hide()

    def show_followup(self, followup: dict[str, Any] | None, may_close: bool) -> None:
        if followup is None:
            self._id = None
            self.hide()
            return
        if followup["id"] != self._id:
            self.outcome.clear()
        self._id = followup["id"]
        said = (followup.get("comment") or "").strip()
        text = fill(self.tr("Follow-up (回访): the customer rated the service %1/5"), followup.get("score") or "?")
        if said:
            text += fill(self.tr(": “%1”"), said)
        self.text.setText(text)
        self.outcome.setVisible(may_close)
        self.done.setVisible(may_close)
        self.done.setEnabled(bool(self.outcome.text().strip()))
        self.show()

    def _close(self) -> None:
        if self._id is not None and self.outcome.text().strip():
            self.closeRequested.emit(self._id, self.outcome.text().strip())
