"""The queue as a Qt table model: it holds conversation ids in display order and a row cache
filled a page at a time as rows are painted, so 50,000 conversations cost 50,000 ints."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cs_desk.domain.changes import Changes
from cs_desk.domain.queue import QueueFilter
from cs_desk.store import queue_repo
from cs_desk.store.queue_repo import QueueRow
from cs_desk.store.store import Store
from cs_desk.views import timefmt

PAGE = 200
WAIT_WARNING_S = 5 * 60  # a customer waiting this long is shown amber…
WAIT_BREACH_S = 30 * 60  # …and this long red, until SLA policies from the server replace the rule
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    CUSTOMER, PREVIEW, CHANNEL, WAITING, UNREAD = range(5)

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = QueueFilter()
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, QueueRow] = {}
        self.now = lambda: datetime.now(UTC)

    # --- loading --------------------------------------------------------------------------------
    def set_filter(self, f: QueueFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self._load_ids()
        self._cache.clear()
        self.endResetModel()

    def _query_ids(self) -> list[int]:
        me = self.store.me()
        return [] if me is None else queue_repo.queue_ids(self.store.conn, me, self.filter)

    def _load_ids(self, ids: list[int] | None = None) -> None:
        self._ids = self._query_ids() if ids is None else ids
        self._row_of = {cid: i for i, cid in enumerate(self._ids)}

    def _row(self, row: int) -> QueueRow | None:
        cid = self._ids[row]
        hit = self._cache.get(cid)
        if hit is None:
            # Fetch the page around the row: painting asks for neighbours next.
            start = max(0, row - PAGE // 4)
            page = [i for i in self._ids[start:start + PAGE] if i not in self._cache]
            self._cache.update(queue_repo.queue_rows(self.store.conn, page))
            if len(self._cache) > 20 * PAGE:
                keep = set(self._ids[max(0, row - 5 * PAGE):row + 5 * PAGE])
                self._cache = {k: v for k, v in self._cache.items() if k in keep}
            hit = self._cache.get(cid)
        return hit

    # --- updates without reset ------------------------------------------------------------------
    def apply_changes(self, ch: Changes) -> None:
        if ch.reset:
            self.set_filter(self.filter)
            return
        touched = ch.conversations | ch.removed_conversations
        if not touched and not ch.customers:
            return
        for cid in touched:
            self._cache.pop(cid, None)
        if ch.customers:
            self._cache.clear()  # customer names show in rows; cheap to refetch the visible page
        new_ids = self._query_ids()
        if new_ids == self._ids:
            rows = sorted(self._row_of[c] for c in touched if c in self._row_of) if not ch.customers else \
                [0, len(self._ids) - 1] if self._ids else []
            if rows:
                self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], self.columnCount() - 1))
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._load_ids(new_ids)
        new = [self.index(self._row_of[c], i.column()) if c in self._row_of else QModelIndex()
               for c, i in zip(old_ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Waiting times move on: repaint that column (called by a view timer)."""
        if self._ids:
            self.dataChanged.emit(self.index(0, self.WAITING), self.index(len(self._ids) - 1, self.WAITING),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    # --- lookup ---------------------------------------------------------------------------------
    def conversation_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, conversation_id: int) -> int | None:
        return self._row_of.get(conversation_id)

    def ids(self) -> list[int]:
        return list(self._ids)

    def unread_total(self) -> int:
        return self.store.unread_total()

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Customer"), self.tr("Last message"), self.tr("Channel"), self.tr("Waiting"),
                self.tr("Unread"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        r = self._row(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.CUSTOMER:
                return r.customer
            if col == self.PREVIEW:
                return r.preview.replace("\n", " ")
            if col == self.CHANNEL:
                return r.channel
            if col == self.WAITING:
                waited = timefmt.since(r.waiting_since, self.now())
                return "" if waited is None else timefmt.duration(waited)
            if col == self.UNREAD:
                return str(r.unread) if r.unread else ""
        elif role == Qt.ItemDataRole.ToolTipRole and col in (self.PREVIEW, self.CUSTOMER):
            return f"{r.subject}\n{r.preview}" if r.subject else r.preview
        elif role == Qt.ItemDataRole.FontRole and r.unread:
            f = QFont()
            f.setBold(True)
            return f
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.WAITING:
            waited = timefmt.since(r.waiting_since, self.now())
            if waited is not None and waited >= WAIT_BREACH_S:
                return QBrush(QColor("#c62828"))
            if waited is not None and waited >= WAIT_WARNING_S:
                return QBrush(QColor("#ef6c00"))
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (self.WAITING, self.UNREAD):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
