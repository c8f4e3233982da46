"""The message list: bubbles, older pages when scrolled to the top, click a failed message to retry."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from cs_desk.ui.delegates.message_delegate import MessageDelegate
from cs_desk.views.message_model import ID_ROLE, MINE_ROLE, STATE_ROLE, MessageModel


class MessageList(QListView):
    retryRequested = Signal(str)  # noqa: N815

    def __init__(self, model: MessageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(MessageDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(0)
        self._model = model
        self._stick_to_bottom = True
        model.modelReset.connect(lambda: QTimer.singleShot(0, self.scrollToBottom))
        model.rowsInserted.connect(self._rows_inserted)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.clicked.connect(self._clicked)

    def _scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._stick_to_bottom = value >= bar.maximum() - 4
        if value == bar.minimum() and self._model.has_older():
            before = bar.maximum()
            if self._model.load_older():
                # Keep the message the agent was reading in place while older ones appear above it.
                QTimer.singleShot(0, lambda: bar.setValue(bar.maximum() - before))

    def _rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first > 0 and self._stick_to_bottom:
            QTimer.singleShot(0, self.scrollToBottom)

    def _clicked(self, index: QModelIndex) -> None:
        if index.data(MINE_ROLE) and index.data(STATE_ROLE) == "failed":
            self.retryRequested.emit(index.data(ID_ROLE))

    def keyPressEvent(self, e) -> None:  # noqa: N802, ANN001
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._clicked(self.currentIndex())
            return
        super().keyPressEvent(e)
