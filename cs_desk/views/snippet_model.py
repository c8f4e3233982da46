"""Snippet search results as a Qt list model: ids in rank order and a row cache filled a page at a
time, so a cache of many thousand snippets costs a list of ints until rows are painted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cs_desk.domain.changes import Changes
from cs_desk.store import snippet_repo
from cs_desk.store.snippet_repo import SnippetRow
from cs_desk.store.store import Store
from cs_desk.views.customer_presenter import plain_tip
from cs_desk.views.id_rows import IdRows

PAGE = 100
LIMIT = 5000  # more hits than anyone scrolls through; the count shows "5000+" then
R = Qt.ItemDataRole.UserRole
ID_ROLE, TITLE_ROLE, SHORTCUT_ROLE, CATEGORY_ROLE, BODY_ROLE = range(R + 1, R + 6)

Index = QModelIndex | QPersistentModelIndex


class SnippetModel(IdRows[int], QAbstractListModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.query = ""
        self.category: str | None = None
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, SnippetRow] = {}

    # --- loading --------------------------------------------------------------------------------
    def search(self, query: str, category: str | None = None) -> None:
        """category None = all; '' = uncategorised."""
        self.beginResetModel()
        self.query, self.category = query, category
        me = self.store.me()
        self._ids = [] if me is None else snippet_repo.search_ids(self.store.conn, me, query, category, LIMIT)
        self._row_of = {sid: i for i, sid in enumerate(self._ids)}
        self._cache.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.search(self.query, self.category)

    def apply_changes(self, ch: Changes) -> bool:
        """True when the results were reloaded (synced snippets, a new snapshot)."""
        if not (ch.snippets or ch.reset):
            return False
        self.refresh()
        return True

    def _row(self, row: int) -> SnippetRow | None:
        sid = self._ids[row]
        hit = self._cache.get(sid)
        if hit is None:
            page = [i for i in self._ids[max(0, row - PAGE // 4):row + PAGE] if i not in self._cache]
            if len(self._cache) > 10 * PAGE:
                self._cache.clear()
            self._cache.update(snippet_repo.rows(self.store.conn, page))
            hit = self._cache.get(sid)
        return hit

    # --- lookup ---------------------------------------------------------------------------------
    def snippet(self, row: int) -> SnippetRow | None:
        return self._row(row) if 0 <= row < len(self._ids) else None

    def snippet_id(self, row: int) -> int | None:
        return self.id_at(row)

    def truncated(self) -> bool:
        return len(self._ids) >= LIMIT

    def categories(self) -> list[tuple[str, int]]:
        me = self.store.me()
        return [] if me is None else snippet_repo.categories(self.store.conn, me)

    def total(self) -> int:
        """Snippets the user may use at all, whatever the query: tells "none match" from "none exist"."""
        me = self.store.me()
        return 0 if me is None else snippet_repo.count(self.store.conn, me)

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        r = self._row(index.row())
        if r is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, TITLE_ROLE):
            return r.title
        if role == SHORTCUT_ROLE:
            return r.shortcut
        if role == CATEGORY_ROLE:
            return r.category
        if role == BODY_ROLE:
            return r.body
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(r.body[:300])
        return None
