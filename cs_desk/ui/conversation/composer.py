"""The reply box: Enter sends, Shift+Enter breaks the line, '/' at a word start opens snippets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class ComposerEdit(QPlainTextEdit):
    submitted = Signal()
    snippetRequested = Signal()  # noqa: N815

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        if e.text() == "/":
            before = self.textCursor().block().text()[: self.textCursor().positionInBlock()]
            if not before or before[-1].isspace():
                self.snippetRequested.emit()
                return
        super().keyPressEvent(e)

    def insertFromMimeData(self, source) -> None:  # noqa: N802, ANN001
        # Pasted rich text arrives as plain text: the customer sees exactly what the agent sees.
        self.insertPlainText(source.text())


class Composer(QWidget):
    send = Signal(str, bool)  # text, as internal note
    snippetRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = ComposerEdit(self)
        self.edit.setPlaceholderText(self.tr("Reply… (Enter to send, Shift+Enter for a new line, / for snippets)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.note = QCheckBox(self.tr("Internal note"), self)
        self.note.setToolTip(self.tr("Only your team sees internal notes"))
        self.snippets = QPushButton(self.tr("Snippets"), self)
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.note)
        row.addStretch(1)
        row.addWidget(self.snippets)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        lay.addLayout(row)
        self.edit.submitted.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.edit.snippetRequested.connect(self.snippetRequested)
        self.snippets.clicked.connect(self.snippetRequested)
        self.note.toggled.connect(self._note_mode)

    def _note_mode(self, on: bool) -> None:
        self.button.setText(self.tr("Add note") if on else self.tr("Send"))
        self.edit.setStyleSheet("QPlainTextEdit { background: #fff8d6; }" if on else "")

    def _submit(self) -> None:
        text = self.edit.toPlainText()
        if text.strip():
            self.send.emit(text, self.note.isChecked())

    def clear(self) -> None:
        self.edit.clear()

    def insert(self, text: str) -> None:
        self.edit.insertPlainText(text)
        self.edit.setFocus()
