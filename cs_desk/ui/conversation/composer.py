"""The reply box: Enter or Ctrl+Enter sends, Shift+Enter breaks the line, '/' at a word start opens
snippets, Esc leaves the box for the queue.

A '/' that opened the snippet picker is held back while the picker is up. Choosing a snippet drops
it (the snippet replaces it); leaving the picker without choosing (Esc, or clicking elsewhere) puts
the '/' back, so "/" then Esc types a plain slash; typing "//" does the same in one go (the second
slash closes the picker). When no picker opens at all, the key is an ordinary character."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cs_desk.ui.snippets.snippet_picker import SnippetPicker

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
COMMAND_MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class ComposerEdit(QPlainTextEdit):
    submitted = Signal()
    snippetRequested = Signal()  # noqa: N815
    escaped = Signal()  # Esc with no picker up: the agent wants out of the reply box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picker: SnippetPicker | None = None  # the picker a typed '/' opened, while it is up

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in ENTER_KEYS:
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()  # Enter, Ctrl+Enter (the habit from mail and IM apps), keypad Enter
            return
        if e.key() == Qt.Key.Key_Escape and not e.modifiers():
            self.escaped.emit()
            return
        if e.text() == "/" and not (e.modifiers() & COMMAND_MODS):
            before = self.textCursor().block().text()[: self.textCursor().positionInBlock()]
            if (not before or before[-1].isspace()) and self._open_picker():
                return
        super().keyPressEvent(e)

    # --- the '/' held back while the picker is up -----------------------------------------------
    def _open_picker(self) -> bool:
        """Asks for the picker; True when one came up (the '/' is then held back)."""
        self.snippetRequested.emit()
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, SnippetPicker) and w.isVisible()]
        # The one opened for this box (it forwards our keys), should another window have one up too.
        picker = next((w for w in shown if getattr(w, "_target", None) is self), shown[0] if shown else None)
        if picker is None:
            return False  # no picker in this window: '/' is just a character
        self._forget_picker()
        self._picker = picker
        picker.finished.connect(self._picker_finished)
        picker.search.textChanged.connect(self._picker_search)
        return True

    def _picker_search(self, text: str) -> None:
        if text == "/" and self._picker is not None:
            self._picker.reject()  # "//": the agent meant a slash, not a snippet

    def _picker_finished(self, result: int) -> None:
        self._forget_picker()
        if result != QDialog.DialogCode.Accepted:
            self.insertPlainText("/")

    def _forget_picker(self) -> None:
        if self._picker is None:
            return
        picker, self._picker = self._picker, None
        try:
            picker.finished.disconnect(self._picker_finished)
            picker.search.textChanged.disconnect(self._picker_search)
        except (RuntimeError, TypeError):  # already gone with its window
            pass

    def insertFromMimeData(self, source) -> None:  # noqa: N802, ANN001
        # Pasted rich text arrives as plain text: the customer sees exactly what the agent sees.
        self.insertPlainText(source.text())


class Composer(QWidget):
    send = Signal(str, bool)  # text, as internal note
    snippetRequested = Signal()  # noqa: N815
    typed = Signal()  # the agent changed the text (not clear() after a send)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = ComposerEdit(self)
        self.edit.setPlaceholderText(self.tr("Reply… (Enter to send, Shift+Enter for a new line, / for snippets)"))
        self.edit.setToolTip(self.tr("Enter or Ctrl+Enter: send · Shift+Enter: new line\n"
                                     "/ at the start of a word: insert a snippet\n"
                                     "For a plain /: type // or press Esc in the snippet list\n"
                                     "Esc: back to the queue"))
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
        self._clearing = False
        self.edit.submitted.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.edit.snippetRequested.connect(self.snippetRequested)
        self.edit.escaped.connect(self.escaped)
        self.edit.textChanged.connect(lambda: self._clearing or self.typed.emit())
        self.snippets.clicked.connect(self.snippetRequested)
        self.note.toggled.connect(self._note_mode)

    def _note_mode(self, on: bool) -> None:
        self.button.setText(self.tr("Add note") if on else self.tr("Send"))
        self.edit.setStyleSheet("QPlainTextEdit { background: #fff8d6; }" if on else "")

    def is_note(self) -> bool:
        return self.note.isChecked()

    def text(self) -> str:
        return self.edit.toPlainText()

    def _submit(self) -> None:
        text = self.edit.toPlainText()
        if text.strip():
            self.send.emit(text, self.note.isChecked())

    def clear(self) -> None:
        self._clearing = True
        try:
            self.edit.clear()
            self.edit.setExtraSelections([])
        finally:
            self._clearing = False

    def insert(self, text: str) -> None:
        self.edit.insertPlainText(text)
        self.edit.setFocus()
