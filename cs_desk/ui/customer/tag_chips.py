"""Customer tags (标签) as removable chips that wrap in a narrow pane, with an "add tag" line edit
completing from the tags already used on customers. Chip text is plain (a QLabel in PlainText)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from cs_desk.ui.customer.flow_layout import FlowLayout
from cs_desk.views.customer_presenter import plain_tip

CHIP_STYLE = """
QFrame#tagChip { background: #e8f0fe; border: 1px solid #c6dafc; border-radius: 10px; }
QFrame#tagChip QLabel { color: #174ea6; }
QFrame#tagChip QToolButton { border: none; color: #5f6368; padding: 0 2px; }
QFrame#tagChip QToolButton:hover { color: #c62828; }
"""


class TagChip(QFrame):
    removeClicked = Signal(str)  # noqa: N815

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = tag
        self.setObjectName("tagChip")
        self.label = QLabel(tag, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a tag is customer-facing data, never markup
        self.label.setToolTip(plain_tip(tag))
        self.remove = QToolButton(self)
        self.remove.setText("×")
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove.setAccessibleName(self.tr("Remove tag %1").replace("%1", tag))
        self.remove.setToolTip(plain_tip(self.remove.accessibleName()))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 1, 2, 1)
        lay.setSpacing(0)
        lay.addWidget(self.label)
        lay.addWidget(self.remove)
        self.remove.clicked.connect(lambda: self.removeClicked.emit(self.tag))


class TagEditor(QWidget):
    addRequested = Signal(str)  # noqa: N815
    removeRequested = Signal(str)  # noqa: N815
    aboutToType = Signal()  # noqa: N815 - the agent is about to type a tag: time to load completions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        self._tags: tuple[str, ...] = ()
        self.chips: list[TagChip] = []
        self.flow = FlowLayout(self, spacing=4)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("Add tag…"))
        self.input.setAccessibleName(self.tr("Add tag"))
        self.input.setMinimumWidth(90)
        self.input.setMaximumWidth(160)
        self.completer = QCompleter(self.input)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.input.setCompleter(self.completer)
        self.flow.addWidget(self.input)
        self.input.installEventFilter(self)
        self.input.returnPressed.connect(self._submit)
        # Picking with the mouse gives no returnPressed; with Enter both come, and the second
        # finds the tag already there (or the field empty) and does nothing.
        self.completer.activated.connect(lambda _text: self._submit())

    def set_completion_model(self, model: QAbstractItemModel) -> None:
        self.completer.setModel(model)

    def tags(self) -> tuple[str, ...]:
        return self._tags

    def set_tags(self, tags: tuple[str, ...]) -> None:
        if tags == self._tags:
            return
        self._tags = tags
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()  # gone from the screen now, not when the event loop deletes it
            chip.deleteLater()
        self.chips = []
        self.flow.removeWidget(self.input)
        for tag in tags:
            chip = TagChip(tag, self)
            chip.removeClicked.connect(self.removeRequested)
            self.flow.addWidget(chip)
            chip.show()  # a layout shows new children of a visible widget only later (queued)
            self.chips.append(chip)
        self.flow.addWidget(self.input)  # the input stays last, after the chips
        self.updateGeometry()

    def _submit(self) -> None:
        tag = self.input.text().strip()
        if tag:
            self.addRequested.emit(tag)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if obj is self.input and e.type() == QEvent.Type.FocusIn:
            self.aboutToType.emit()
        return super().eventFilter(obj, e)
