"""The left pane: queue views as tabs, filters, search, and the conversation table.

Keyboard: Up/Down/PgUp/PgDn/Home/End move the selection (which opens the conversation); Enter
emits `activated` so the window can put the cursor in the reply box."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent, QShortcut
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
from cs_desk.domain.classify import CATEGORIES
from cs_desk.domain.queue import VIEWS, QueueFilter
from cs_desk.views.desk import Desk
from cs_desk.views.names import category_label
from cs_desk.views.queue_model import QueueModel

TICK_MS = 15_000  # countdowns show minutes: a threshold shows at most 15 s late
MIN_PREVIEW_PX = 90  # below this, the last-message column shows only "…"
# Least urgent first; unread rows stay bold when their count column is hidden.
NARROW_HIDES = (QueueModel.CHANNEL, QueueModel.WAITING, QueueModel.UNREAD, QueueModel.CATEGORY)


class QueueTable(QTableView):
    """Home/End go to the first/last conversation: QTableView's own Home/End move between columns,
    which with whole-row selection does nothing visible."""

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers = modifiers | Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)


class QueuePanel(QWidget):
    conversationSelected = Signal(object)  # noqa: N815 - int or None
    activated = Signal(int)  # Enter (or double-click) on a conversation: go and answer it

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = QueueModel(desk.store, self)
        self.tabs = QTabBar(self)
        for label in (self.tr("Mine"), self.tr("Unassigned"), self.tr("Team"), self.tr("Resolved"),
                      self.tr("Follow-ups")):
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
        self.table = QueueTable(self)
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
        # Left-aligned: a clipped header then still shows how its name begins.
        h.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        h.setSectionResizeMode(QueueModel.PREVIEW, QHeaderView.ResizeMode.Stretch)
        for col, width in self._column_widths().items():
            h.resizeSection(col, width)
        h.moveSection(h.visualIndex(QueueModel.CATEGORY), QueueModel.CUSTOMER + 1)  # what it is, by who it is
        # Sorting runs in SQL (QueueModel.sort); the indicator starts on Category ascending, the default
        # urgency order (priority, then deadline), so clicking Category again is the way back to it.
        h.setSortIndicator(*self.model.sort_column())
        self.table.setSortingEnabled(True)
        h.sortIndicatorChanged.connect(lambda _c, _o: self._keep_selection_in_sight())
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
        self.table.activated.connect(self._activated)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        # Only while the search box has focus: Esc elsewhere (the composer) must not clear the search.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self._leave_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        desk.changed.connect(self._changed)
        self.refill_filters()
        self.apply_filter()

    def _column_widths(self) -> dict[int, int]:
        """Widths from the font and the (translated) texts, not pixels: Chinese labels and larger
        fonts get room too."""
        fm = self.table.fontMetrics()
        bold_font = self.table.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        hfm = self.table.horizontalHeader().fontMetrics()
        pad = 12  # cell margins
        samples: dict[int, list[tuple[str, bool]]] = {
            QueueModel.CUSTOMER: [("MMMMMMM", False)], QueueModel.CHANNEL: [("taobao", True), ("wechat", True)],
            QueueModel.WAITING: self.model.sample_texts(QueueModel.WAITING),
            QueueModel.SLA: self.model.sample_texts(QueueModel.SLA), QueueModel.UNREAD: [("999", True)],
            QueueModel.CATEGORY: [(category_label(c), True) for c in CATEGORIES]}
        out = {}
        for col, texts in samples.items():
            header = self.model.headerData(col, Qt.Orientation.Horizontal)
            widest = max((bold if b else fm).horizontalAdvance(t) for t, b in texts)
            out[col] = max(widest, hfm.horizontalAdvance(header)) + pad
        return out

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """In a narrow pane, hide Channel, then Waiting, then Unread, before the last-message text is
        squeezed to nothing or the SLA countdown scrolls out of sight; they come back with room."""
        h = self.table.horizontalHeader()
        room = self.table.width() - self.table.verticalScrollBar().sizeHint().width() - 4
        fixed = {c: h.sectionSize(c) or w for c, w in self._column_widths().items()}
        need = sum(fixed.values()) + MIN_PREVIEW_PX
        for col in NARROW_HIDES:
            hide = need > room
            h.setSectionHidden(col, hide)
            if hide:
                need -= fixed[col]

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
                           channel=self.channel.currentData(), tag=self.tag.currentData(), text=self.search.text(),
                           sort=self.model.filter.sort, descending=self.model.filter.descending)

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

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        cid = self.model.conversation_id(index.row())
        if cid is not None:
            self.activated.emit(cid)

    def _keep_selection_in_sight(self) -> None:
        # After a re-sort the selected row has moved (the selection followed it): show it again.
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.scrollTo(rows[0])

    def _tick(self) -> None:
        # Nothing to repaint in a hidden panel, and a closed window's cache may be closed already.
        if self.isVisible():
            self.model.tick()

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
