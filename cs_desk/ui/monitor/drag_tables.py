"""The board's tables with drag and drop: a conversation row dragged onto an agent row asks to
reassign it there. The drag carries only the conversation id, in a type of our own, so nothing else
dropped on the agents (text, files) does anything."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

MIME = "application/x-cs-desk-conversation"


def _plain_table(t: QTableWidget, headers: list[str]) -> None:
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(False)


def conversation_mime(conv_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME, QByteArray(str(conv_id).encode()))
    return mime


def dropped_conversation(mime: QMimeData) -> int | None:
    if not mime.hasFormat(MIME):
        return None
    text = bytes(mime.data(MIME).data()).decode("ascii", "replace")
    return int(text) if text.isdigit() else None


class ConversationTable(QTableWidget):
    """Rows whose first cell holds a conversation id (UserRole); they can be dragged."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        _plain_table(self, headers)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def conversation_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_conversation(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.conversation_at(rows[0].row()) if rows else None

    def mimeData(self, items: list[QTableWidgetItem]) -> QMimeData:  # noqa: N802 - Qt API
        conv = self.conversation_at(items[0].row()) if items else None
        return conversation_mime(conv) if conv is not None else QMimeData()

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]


class AgentDropTable(QTableWidget):
    """Agents, one per row (id in the first cell); a conversation dropped on a row asks for it."""

    conversationDropped = Signal(int, int)  # noqa: N815 - conversation id, agent id

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        _plain_table(self, headers)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def agent_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_conversation(e.mimeData()) is not None:
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:  # noqa: N802
        row = self.rowAt(e.position().toPoint().y())
        if dropped_conversation(e.mimeData()) is not None and row >= 0:
            self.selectRow(row)
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:  # noqa: N802
        conv = dropped_conversation(e.mimeData())
        row = self.rowAt(e.position().toPoint().y())
        agent = self.agent_at(row) if row >= 0 else None
        if conv is None or agent is None:
            e.ignore()
            return
        e.acceptProposedAction()
        self.conversationDropped.emit(conv, agent)
