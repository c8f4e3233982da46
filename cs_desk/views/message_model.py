"""Messages of one conversation, oldest first: the newest page on open, older pages on demand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cs_desk.domain.changes import Changes
from cs_desk.store import queries
from cs_desk.store.store import Store
from cs_desk.views import timefmt

PAGE = 200
R = Qt.ItemDataRole.UserRole
ID_ROLE, AUTHOR_KIND_ROLE, KIND_ROLE, STATE_ROLE, ERROR_ROLE, TIME_ROLE, NAME_ROLE, MINE_ROLE = range(R + 1, R + 9)

Index = QModelIndex | QPersistentModelIndex


class MessageModel(QAbstractListModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.conversation_id: int | None = None
        self._rows: list[dict[str, Any]] = []
        self._has_older = False
        self._names: dict[int, str] = {}
        self._customer = ""

    def set_conversation(self, conv_id: int | None) -> None:
        self.beginResetModel()
        self.conversation_id = conv_id
        self._names = queries.agent_names(self.store.conn)
        self._rows = [] if conv_id is None else queries.messages(self.store.conn, conv_id, PAGE)
        self._has_older = len(self._rows) == PAGE
        conv = queries.conversation(self.store.conn, conv_id) if conv_id else None
        cust = queries.customer(self.store.conn, conv["customer_id"]) if conv else None
        self._customer = cust["name"] if cust else ""
        self.endResetModel()

    def has_older(self) -> bool:
        return self._has_older

    def load_older(self) -> int:
        """Prepends the previous page; returns how many rows came in."""
        if not self._has_older or self.conversation_id is None or not self._rows:
            return 0
        older = queries.messages(self.store.conn, self.conversation_id, PAGE, before=self._rows[0]["created_at"])
        self._has_older = len(older) == PAGE
        if older:
            self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
            self._rows[:0] = older
            self.endInsertRows()
        return len(older)

    def apply_changes(self, ch: Changes) -> None:
        cid = self.conversation_id
        if cid is None:
            return
        if ch.reset or cid in ch.removed_conversations:
            self.set_conversation(cid if not ch.removed_conversations else None)
            return
        if cid not in ch.conversations and not ch.messages:
            return
        if ch.agents:
            self._names = queries.agent_names(self.store.conn)
        oldest = self._rows[0]["created_at"] if self._rows and self._has_older else None
        fresh = queries.messages_from(self.store.conn, cid, oldest)
        old_ids = [r["id"] for r in self._rows]
        new_ids = [r["id"] for r in fresh]
        if new_ids[:len(old_ids)] == old_ids:
            changed = [i for i, r in enumerate(fresh[:len(old_ids)]) if r != self._rows[i]]
            self._rows[:len(old_ids)] = fresh[:len(old_ids)]
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            if len(new_ids) > len(old_ids):
                self.beginInsertRows(QModelIndex(), len(old_ids), len(new_ids) - 1)
                self._rows.extend(fresh[len(old_ids):])
                self.endInsertRows()
        else:
            # A message landed between others (clock skew between devices): re-lay, keep selections.
            self.layoutAboutToBeChanged.emit()
            self._rows = fresh
            self.layoutChanged.emit()

    def message(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, message_id: str) -> int | None:
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i]["id"] == message_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        m = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return m["body"]
        if role == ID_ROLE:
            return m["id"]
        if role == AUTHOR_KIND_ROLE:
            return m["author_kind"]
        if role == KIND_ROLE:
            return m["kind"]
        if role == STATE_ROLE:
            return m["state"]
        if role == ERROR_ROLE:
            return m["error"] or ""
        if role == TIME_ROLE:
            return timefmt.local_time(m["created_at"])
        if role == NAME_ROLE:
            if m["author_kind"] == "customer":
                return self._customer
            if m["author_kind"] == "system":
                return self.tr("System")
            return self._names.get(m["author_id"], self.tr("Agent"))
        if role == MINE_ROLE:
            me = self.store.user()
            return bool(me and m["author_kind"] == "agent" and m["author_id"] == me["id"])
        return None
