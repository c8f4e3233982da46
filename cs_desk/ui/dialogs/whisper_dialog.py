"""A lead's whisper (悄悄话): an internal note in a conversation of the team, which its agent reads in
the conversation and the customer never sees. Opened with open(), like every dialog of the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cs_desk.ops.actions import InvalidAction
from cs_desk.views.desk import Desk


class WhisperDialog(QDialog):
    def __init__(self, desk: Desk, conv_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.conv_id = desk, conv_id
        conv = desk.conversation(conv_id) or {}
        self.setWindowTitle(self.tr("Whisper to the agent of #%1").replace("%1", str(conv_id)))
        self.setModal(True)
        about = QLabel(self)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        about.setText(" · ".join(x for x in (f"#{conv_id}", conv.get("subject", "")) if x))
        hint = QLabel(self.tr("An internal note: the agent sees it in the conversation, the customer never does."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("e.g. offer the 20 yuan coupon, the parcel was lost by the courier"))
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add note"))
        lay = QVBoxLayout(self)
        for w in (about, hint, self.text, self.error, buttons):
            lay.addWidget(w)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self.error.hide)
        self.resize(480, 260)
        self.text.setFocus()

    def submit(self) -> None:
        body = self.text.toPlainText().strip()
        if not body:
            self._error(self.tr("Write the note first"))
            return
        try:
            self.desk.send(self.conv_id, body, note=True)
        except InvalidAction as exc:
            self._error(str(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
