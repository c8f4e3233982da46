"""Small editors for profile fields: a one-line value edited in place, and the customer note.
Customer text is always plain: labels use Qt.TextFormat.PlainText and paint with drawText."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cs_desk.views.customer_presenter import plain_tip


class ElidedLabel(QLabel):
    """One line, cut with … when the pane is narrow (an e-mail address has no space to wrap at);
    the whole text is in the tooltip. text() stays the customer's exact text."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.placeholder = placeholder

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.setToolTip(plain_tip(text))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance(self.text() or self.placeholder) + 4,
                     self.fontMetrics().height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.fontMetrics().height() + 4)

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        rect = self.contentsRect()
        text = self.text()
        if not text:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = self.placeholder
        align = self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter),
                   self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(e)


class _LineEditor(QLineEdit):
    cancelled = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(e)


class EditableLine(QWidget):
    """A value shown as text; a click (or the pencil) turns it into a line edit. Enter or leaving the
    field saves, Esc puts the old value back."""

    committed = Signal(str)

    def __init__(self, caption: str, placeholder: str, parent: QWidget | None = None, bold: bool = False) -> None:
        super().__init__(parent)
        self._value = ""
        self.editing = False
        self.label = ElidedLabel(self, placeholder)
        self.label.setCursor(Qt.CursorShape.IBeamCursor)
        self.label.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.edit = _LineEditor(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.hide()
        self.pen = QToolButton(self)
        self.pen.setText("✎")
        self.pen.setAutoRaise(True)
        self.pen.setToolTip(self.tr("Edit %1").replace("%1", caption))
        self.pen.setAccessibleName(self.pen.toolTip())
        self.edit.setAccessibleName(caption)
        if bold:
            f = self.label.font()
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 1.25)
            self.label.setFont(f)
            self.edit.setFont(f)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.pen)
        self.label.clicked.connect(lambda: self.start_edit())
        self.label.customContextMenuRequested.connect(self._menu)
        self.pen.clicked.connect(lambda: self.start_edit())  # not the bare slot: clicked passes a bool
        self.edit.editingFinished.connect(lambda: self._finish(True))
        self.edit.cancelled.connect(lambda: self._finish(False))

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        """From the cache; an edit in progress is left alone (a synced change must not eat typing)."""
        self._value = value
        self.label.setText(value)

    def start_edit(self, text: str | None = None, focus: bool = True) -> None:
        self.editing = True
        self.edit.setText(self._value if text is None else text)
        self.label.hide()
        self.pen.hide()
        self.edit.show()
        if focus:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if text is None:
            self.edit.selectAll()

    def finish(self) -> None:
        """Saves an edit in progress (the sidebar is about to show another customer)."""
        self._finish(True)

    def _finish(self, commit: bool) -> None:
        if not self.editing:
            return  # editingFinished comes again when the hidden editor loses focus
        self.editing = False
        text = self.edit.text()
        self.edit.hide()
        self.label.show()
        self.pen.show()
        if commit and text != self._value:
            self.committed.emit(text)

    def _menu(self, pos: object) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Copy"), lambda: QGuiApplication.clipboard().setText(self._value))
        menu.addAction(self.tr("Edit"), lambda: self.start_edit())
        menu.exec(self.label.mapToGlobal(pos))


class _NoteEdit(QPlainTextEdit):
    focusLost = Signal()  # noqa: N815
    saveRequested = Signal()  # noqa: N815
    revertRequested = Signal()  # noqa: N815

    def focusOutEvent(self, e: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(e)
        if e.reason() != Qt.FocusReason.PopupFocusReason:  # its own context menu is not leaving
            self.focusLost.emit()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.saveRequested.emit()
            return
        if e.key() == Qt.Key.Key_Escape:
            self.revertRequested.emit()
            return
        super().keyPressEvent(e)


class NoteBox(QWidget):
    """The internal note about the customer (备注). Saved when the agent leaves the field, presses
    Save or Ctrl+Enter — never per keystroke, which would queue a mutation for every letter."""

    saveRequested = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.edit = _NoteEdit(self)
        self.edit.setPlaceholderText(self.tr("Internal note about this customer (only agents see it)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.save = QPushButton(self.tr("Save"), self)
        self.save.setToolTip(self.tr("Save the note (Ctrl+Enter)"))
        self.save.setEnabled(False)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: #5f6368;")
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.save)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.edit)
        lay.addLayout(row)
        self.edit.textChanged.connect(self._dirty_changed)
        self.edit.focusLost.connect(self.commit)
        self.edit.saveRequested.connect(self.commit)
        self.edit.revertRequested.connect(lambda: self.edit.setPlainText(self._saved))
        self.save.clicked.connect(self.commit)

    def text(self) -> str:
        return self.edit.toPlainText()

    def is_dirty(self) -> bool:
        return self.edit.toPlainText() != self._saved

    def set_note(self, note: str, force: bool = False) -> None:
        """From the cache. Unsaved typing stays unless force (another customer is shown)."""
        keep = self.is_dirty() and not force
        self._saved = note
        if not keep:
            self.edit.setPlainText(note)
        self._dirty_changed()

    def commit(self) -> None:
        if self.is_dirty():
            self.saveRequested.emit(self.edit.toPlainText())

    def _dirty_changed(self) -> None:
        dirty = self.is_dirty()
        self.save.setEnabled(dirty)
        self.hint.setText(self.tr("Unsaved changes") if dirty else "")
