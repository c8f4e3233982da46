"""The queue as a Qt table model: it holds conversation ids in display order and a row cache
filled a page at a time as rows are painted, so 50,000 conversations cost 50,000 ints.

Sorting is done in SQL (queue_repo.order_by), not by a proxy model: a header click re-queries the
ids and moves rows with layoutChanged, so the selection follows and apply_changes keeps updating
single rows in whatever order is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cs_desk.domain import sla
from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import parse_iso
from cs_desk.domain.queue import DEFAULT_SORT, QueueFilter
from cs_desk.store import queue_repo
from cs_desk.store.queue_repo import QueueRow
from cs_desk.store.store import Store
from cs_desk.views import timefmt
from cs_desk.views.customer_presenter import channel_label, plain_tip
from cs_desk.views.id_rows import IdRows
from cs_desk.views.names import category_label, fill, priority_label, sla_kind_label

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SLA_STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # 'none' | 'ok' | 'warning' | 'breached', for tests and delegates
SLA_COLOURS = {"ok": "#188038", "warning": "#ef6c00", "breached": "#c62828"}
PRIORITY_ROLE = Qt.ItemDataRole.UserRole + 3
PRIORITY_COLOURS = {"urgent": "#c62828", "high": "#ef6c00", "low": "#5f6368"}
# The roles a clock tick changes: countdown and waiting text, their colour, bold when breached.
TICK_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
              Qt.ItemDataRole.ToolTipRole, SLA_STATE_ROLE]

Index = QModelIndex | QPersistentModelIndex


def _coarse(seconds: float) -> float:
    """Whole hours past the first one: how late a breach is matters to the minute only at first,
    and "overdue 9 h 56 min" would not fit a narrow queue."""
    return seconds if seconds < 3600 else seconds // 3600 * 3600


class QueueModel(IdRows[int], QAbstractTableModel):
    CUSTOMER, PREVIEW, CHANNEL, WAITING, SLA, UNREAD, CATEGORY = range(7)
    SORT_OF_COLUMN = {CUSTOMER: "customer", PREVIEW: "last_message", CHANNEL: "channel", WAITING: "waiting",
                      SLA: "sla", UNREAD: "unread", CATEGORY: "priority"}
    COLUMN_OF_SORT = {v: k for k, v in SORT_OF_COLUMN.items()}

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = QueueFilter()
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, QueueRow] = {}
        # The server's clock, not this machine's: SLA deadlines are server times, so a laptop clock
        # that is an hour off must not move them. The offset is read on each refresh (filter, change,
        # tick) rather than per painted cell, where a query each time would add up. Tests replace `now`.
        self._offset_s = store.clock_offset()
        self.now: Callable[[], datetime] = self._server_now

    def _server_now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self._offset_s)

    def _refresh_clock(self) -> None:
        self._offset_s = self.store.clock_offset()

    # --- loading --------------------------------------------------------------------------------
    def set_filter(self, f: QueueFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self._refresh_clock()
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

    # --- sorting (in SQL) -----------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: re-order in SQL. Column -1 (no sort indicator) is the default urgency."""
        key = self.SORT_OF_COLUMN.get(column, DEFAULT_SORT)
        descending = column >= 0 and order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.filter = replace(self.filter, sort=key, descending=descending)
        self._relayout(self._query_ids())

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The header's sort indicator for the current order."""
        order = Qt.SortOrder.DescendingOrder if self.filter.descending else Qt.SortOrder.AscendingOrder
        return self.COLUMN_OF_SORT.get(self.filter.sort, self.CATEGORY), order

    # --- updates without reset ------------------------------------------------------------------
    def apply_changes(self, ch: Changes) -> None:
        if ch.reset:
            self.set_filter(self.filter)
            return
        touched = ch.conversations | ch.removed_conversations
        if not touched and not ch.customers:
            return
        self._refresh_clock()
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
        self._relayout(new_ids)

    def _relayout(self, new_ids: list[int]) -> None:
        """Rows moved, came or went: move persistent indexes (the selection) with their ids."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._load_ids(new_ids)
        new = [self.index(self._row_of[c], i.column()) if c in self._row_of else QModelIndex()
               for c, i in zip(old_ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Waiting times and SLA countdowns move on: repaint those two (adjacent) columns only; the
        view repaints just what is visible, so this costs the same for 50 or 50,000 rows."""
        self._refresh_clock()
        if self._ids:
            self.dataChanged.emit(self.index(0, self.WAITING), self.index(len(self._ids) - 1, self.SLA),
                                  TICK_ROLES)

    # --- lookup ---------------------------------------------------------------------------------
    def conversation_id(self, row: int) -> int | None:
        return self.id_at(row)

    def unread_total(self) -> int:
        return self.store.unread_total()

    # --- SLA ------------------------------------------------------------------------------------
    def sla_state(self, r: QueueRow) -> str:
        if r.status == "resolved":
            return "none"  # a stale deadline on a resolved row is no promise any more
        return sla.state_at(r.sla_due_at, r.sla_warn_at, self.now())

    def kind_label(self, kind: str | None) -> str:
        return sla_kind_label(kind)

    def _sla_text(self, r: QueueRow) -> str:
        if not r.sla_due_at or r.status == "resolved":
            return ""
        left = (parse_iso(r.sla_due_at) - self.now()).total_seconds()
        if left > 0:
            return timefmt.duration(left)
        return self.tr("overdue %1").replace("%1", timefmt.duration(_coarse(-left)))

    def _sla_tip(self, r: QueueRow, state: str) -> str:
        due = timefmt.local_time(r.sla_due_at)
        text = (self.tr("%1 was due %2") if state == "breached" else self.tr("%1 due %2"))
        tip = text.replace("%1", self.kind_label(r.sla_kind)).replace("%2", due)
        if state == "warning":
            tip += "\n" + self.tr("Due soon")
        return tip

    def sample_texts(self, column: int) -> list[tuple[str, bool]]:
        """Wide typical values of a time column (text, bold), for the view to size it in the current
        language."""
        longest = timefmt.duration(9 * 3600 + 59 * 60)
        if column == self.SLA:
            return [(longest, False), (self.tr("overdue %1").replace("%1", timefmt.duration(59 * 60)), True)]
        return [(longest, False)]

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Customer"), self.tr("Last message"), self.tr("Channel"), self.tr("Waiting"),
                    self.tr("SLA"), self.tr("Unread"), self.tr("Category"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.SLA:
            return self.tr("Time left until the promised reply or resolution")
        if role == Qt.ItemDataRole.ToolTipRole and section == self.CATEGORY:
            return self.tr("Category and priority: higher priority is served first")
        if role == Qt.ItemDataRole.InitialSortOrderRole and section in (self.WAITING, self.UNREAD):
            # The first click on these should put the longest wait / most unread on top.
            return Qt.SortOrder.DescendingOrder
        return None

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
                return channel_label(r.channel)
            if col == self.WAITING:
                waited = timefmt.since(r.waiting_since, self.now())
                return "" if waited is None else timefmt.duration(waited)
            if col == self.SLA:
                return self._sla_text(r)
            if col == self.UNREAD:
                return str(r.unread) if r.unread else ""
            if col == self.CATEGORY:
                return category_label(r.category)
        elif role == SLA_STATE_ROLE:
            return self.sla_state(r)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col in (self.PREVIEW, self.CUSTOMER):
                # Customer text: escaped, or "<img src=file:…>" in a preview would render as HTML.
                return plain_tip(f"{r.subject}\n{r.preview}" if r.subject else r.preview) or None
            if col == self.SLA:
                state = self.sla_state(r)
                return None if state == "none" else self._sla_tip(r, state)
            if col == self.CATEGORY:
                return fill(self.tr("%1 · priority %2"), category_label(r.category), priority_label(r.priority))
        elif role == PRIORITY_ROLE:
            return r.priority
        elif role == Qt.ItemDataRole.FontRole:
            if r.unread or (col == self.SLA and self.sla_state(r) == "breached") or \
                    (col == self.CATEGORY and r.priority == "urgent"):
                f = QFont()
                f.setBold(True)
                return f
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.SLA:
            colour = SLA_COLOURS.get(self.sla_state(r))
            return QBrush(QColor(colour)) if colour else None
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.CATEGORY:
            colour = PRIORITY_COLOURS.get(r.priority)
            return QBrush(QColor(colour)) if colour else None
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (self.WAITING, self.SLA, self.UNREAD):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
