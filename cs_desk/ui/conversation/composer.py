"""The reply box: Enter or Ctrl+Enter sends, Shift+Enter breaks the line, '/' at a word start opens
snippets, Esc leaves the box for the queue.

A '/' that opened the snippet picker is held back while the picker is up. Choosing a snippet drops
it (the snippet replaces it); leaving the picker without choosing (Esc, or clicking elsewhere) puts
the '/' back, so "/" then Esc types a plain slash; typing "//" does the same in one go (the second
slash closes the picker). When no picker opens at all, the key is an ordinary character.

Images pasted (a screenshot) or dropped, and files dropped or picked with the 📎 button, wait under the
box as chips and go with the next reply or note; pasted text stays plain text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.file_types import MAX_ATTACHMENTS, LocalFile
from cs_desk.ui.conversation.pending_files import PendingFiles
from cs_desk.ui.snippets.snippet_picker import SnippetPicker
from cs_desk.views import outgoing_files
from cs_desk.views.names import fill
from cs_desk.views.outgoing_files import FileProblem

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
COMMAND_MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class ComposerEdit(QPlainTextEdit):
    submitted = Signal()
    snippetRequested = Signal()  # noqa: N815
    escaped = Signal()  # Esc with no picker up: the agent wants out of the reply box
    imagePasted = Signal(QImage)  # noqa: N815
    pathsDropped = Signal(list)  # noqa: N815 - local file paths

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

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802, ANN001
        return source.hasImage() or bool(_local_paths(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802, ANN001
        paths = _local_paths(source)
        if paths:
            self.pathsDropped.emit(paths)
        elif source.hasImage():
            self.imagePasted.emit(source.imageData())
        else:
            # Pasted rich text arrives as plain text: the customer sees exactly what the agent sees.
            self.insertPlainText(source.text())


def _local_paths(source) -> list[str]:  # noqa: ANN001
    return [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []


class Composer(QWidget):
    send = Signal(str, bool)  # text, as internal note
    snippetRequested = Signal()  # noqa: N815
    typed = Signal()  # the agent changed the text (not clear() after a send)
    escaped = Signal()
    problem = Signal(str)  # a file that cannot go, and why

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
        self.attach = QPushButton(self.tr("Attach…"), self)
        self.attach.setToolTip(self.tr("Attach images or PDF files (or paste / drop them into the reply box)"))
        self.attach.setAccessibleName(self.tr("Attach files"))
        self.pending = PendingFiles(self)
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.note)
        row.addStretch(1)
        row.addWidget(self.attach)
        row.addWidget(self.snippets)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        lay.addWidget(self.pending)
        lay.addLayout(row)
        self._clearing = False
        self.edit.submitted.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.edit.snippetRequested.connect(self.snippetRequested)
        self.edit.escaped.connect(self.escaped)
        self.edit.textChanged.connect(lambda: self._clearing or self.typed.emit())
        self.snippets.clicked.connect(self.snippetRequested)
        self.note.toggled.connect(self._note_mode)
        self.attach.clicked.connect(self.pick_files)
        self.edit.imagePasted.connect(self.add_image)
        self.edit.pathsDropped.connect(self.add_paths)
        self._dialog: QFileDialog | None = None

    # --- files ----------------------------------------------------------------------------------
    def files(self) -> list[LocalFile]:
        return self.pending.files()

    def add_file(self, make: Callable[[], LocalFile]) -> bool:
        if self.pending.room() <= 0:
            self.problem.emit(fill(self.tr("At most %1 files go with one message"), str(MAX_ATTACHMENTS)))
            return False
        try:
            f = make()
        except FileProblem as exc:
            self.problem.emit(str(exc))
            return False
        return self.pending.add(f)

    def add_paths(self, paths: list[str]) -> None:
        for p in paths:
            if not self.add_file(lambda p=p: outgoing_files.from_path(p)):
                break

    def add_image(self, img: QImage) -> None:
        self.add_file(lambda: outgoing_files.from_image(img))

    def pick_files(self) -> QFileDialog:
        """The file picker, opened without blocking (sync keeps running under it)."""
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Images and PDF (*.jpg *.jpeg *.png *.gif *.webp *.pdf);;All files (*)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self.add_paths)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _note_mode(self, on: bool) -> None:
        self.button.setText(self.tr("Add note") if on else self.tr("Send"))
        self.edit.setStyleSheet("QPlainTextEdit { background: #fff8d6; }" if on else "")

    def is_note(self) -> bool:
        return self.note.isChecked()

    def text(self) -> str:
        return self.edit.toPlainText()

    def _submit(self) -> None:
        text = self.edit.toPlainText()
        if text.strip() or self.pending.files():
            self.send.emit(text, self.note.isChecked())

    def clear(self) -> None:
        self._clearing = True
        try:
            self.edit.clear()
            self.edit.setExtraSelections([])
            self.pending.clear()
        finally:
            self._clearing = False

    def insert(self, text: str) -> None:
        self.edit.insertPlainText(text)
        self.edit.setFocus()
