"""The left pane: queue views as tabs, filters, search, and the conversation table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.changes import Changes
from cs_desk.domain.queue import VIEWS, QueueFilter
from cs_desk.views.desk import Desk
from cs_desk.views.queue_model import QueueModel


class QueuePanel(QWidget):
    conversationSelected = Signal(object)  # noqa: N815 - int or None

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = QueueModel(desk.store, self)
        self.tabs = QTabBar(self)
        for label in (self.tr("Mine"), self.tr("Unassigned"), self.tr("Team"), self.tr("Resolved")):
            self.tabs.addTab(label)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search customers and messages (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), None)
        self.status.addItem(self.tr("Open"), "open")
        self.status.addItem(self.tr("Pending"), "pending")
        self.channel = QComboBox(self)
        self.tag = QComboBox(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed row heights: no per-row measuring, so 50,000 rows scroll like 50.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(QueueModel.PREVIEW, QHeaderView.ResizeMode.Stretch)
        h.resizeSection(QueueModel.CUSTOMER, 110)
        h.resizeSection(QueueModel.CHANNEL, 70)
        h.resizeSection(QueueModel.WAITING, 80)
        h.resizeSection(QueueModel.UNREAD, 50)
        filters = QHBoxLayout()
        for w in (self.status, self.channel, self.tag):
            filters.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        lay.addWidget(self.search)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.status, self.channel, self.tag):
            combo.activated.connect(lambda _i: self.apply_filter())
        self.tabs.currentChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(self._selection)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self._leave_search)
        self._ticker = QTimer(self)
        self._ticker.setInterval(30_000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        desk.changed.connect(self._changed)
        self.refill_filters()
        self.apply_filter()

    def refill_filters(self) -> None:
        for combo, label, values in ((self.channel, self.tr("Any channel"), self.desk.channels()),
                                     (self.tag, self.tr("Any tag"), self.desk.tags())):
            current = combo.currentData()
            combo.clear()
            combo.addItem(label, None)
            for v in values:
                combo.addItem(v, v)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def current_filter(self) -> QueueFilter:
        return QueueFilter(view=VIEWS[max(0, self.tabs.currentIndex())], status=self.status.currentData(),
                           channel=self.channel.currentData(), tag=self.tag.currentData(), text=self.search.text())

    def apply_filter(self) -> None:
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        if selected is not None:
            self.select(selected)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conversation_id(rows[0].row()) if rows else None

    def select(self, conv_id: int) -> bool:
        row = self.model.row_of(conv_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        self.conversationSelected.emit(self.selected_id())

    def _leave_search(self) -> None:
        self.search.clear()
        self.table.setFocus()

    def _changed(self, ch: Changes) -> None:
        self.model.apply_changes(ch)
        if ch.reset:
            self.refill_filters()

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(0)

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
