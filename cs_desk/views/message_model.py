"""Messages of one conversation, oldest first: the newest page on open, older pages on demand."""

from __future__ import annotations

import json
from typing import Any

import orjson
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cs_desk.domain.changes import Changes
from cs_desk.store import queries
from cs_desk.store.store import Store
from cs_desk.views import timefmt
from cs_desk.views.names import fill, priority_label, sla_kind_label, team_name

PAGE = 200
R = Qt.ItemDataRole.UserRole
ID_ROLE, AUTHOR_KIND_ROLE, KIND_ROLE, STATE_ROLE, ERROR_ROLE, TIME_ROLE, NAME_ROLE, MINE_ROLE = range(R + 1, R + 9)
# What a person reads in the bubble: for a system line with a known event in `meta`, a sentence in the
# agent's language built from the event's data; otherwise the body as it is. DisplayRole stays the
# raw body (search, copy and tests compare bodies).
TEXT_ROLE = R + 9

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
        self._system_text: dict[str, str] = {}  # message id -> translated system line (meta never changes)

    def set_conversation(self, conv_id: int | None) -> None:
        self.beginResetModel()
        self.conversation_id = conv_id
        self._system_text.clear()
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
        if role == TEXT_ROLE:
            if m["kind"] != "system" and m["author_kind"] != "system":
                meta = m.get("meta")
                if meta and "attachments" in meta:  # the files it carries, by name (shown above as thumbnails)
                    names = [fill(self.tr("Attachment: %1"), n) for n in file_names(meta)]
                    return "\n".join(filter(None, [m["body"], *names]))
                return m["body"]
            text = self._system_text.get(m["id"])
            if text is None:
                text = self._system_text[m["id"]] = self.system_text(m.get("meta"), m["body"])
            return text
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

    def system_text(self, meta: str | dict[str, Any] | None, body: str) -> str:
        """The sentence for a system event; the server's fallback body for events we do not know."""
        if isinstance(meta, str):
            try:
                meta = json.loads(meta)
            except ValueError:
                return body
        if not isinstance(meta, dict):
            return body
        event = meta.get("event")
        if event == "transfer":
            return self._transfer_text(meta) or body
        if event in ("sla_warning", "sla_breach") and isinstance(meta.get("due_at"), str):
            return self._sla_text(meta) or body
        return self._survey_text(meta) or body

    def _survey_text(self, meta: dict[str, Any]) -> str:
        event, score = meta.get("event"), meta.get("score")
        if event == "survey_sent":
            return self.tr("Satisfaction survey sent to the customer")
        if event == "survey_answered" and isinstance(score, int):
            return fill(self.tr("The customer rated the service %1/5"), score)
        if event == "followup_opened" and isinstance(score, int):
            return fill(self.tr("Low score (%1/5): a follow-up call is due from the team lead"), score)
        if event == "followup_done":
            by = self._names.get(meta.get("by")) or self.tr("A colleague")
            outcome = meta.get("outcome") if isinstance(meta.get("outcome"), str) else ""
            return fill(self.tr("%1 closed the follow-up: %2"), by, outcome)
        return ""

    def _sla_text(self, meta: dict[str, Any]) -> str:
        kind, due = sla_kind_label(meta.get("kind")), timefmt.local_time(meta["due_at"])
        if meta["event"] == "sla_warning":
            return fill(self.tr("SLA warning: %1 is due at %2"), kind, due)
        parts = [fill(self.tr("SLA breached: %1 was due at %2"), kind, due)]
        for a in meta.get("actions") or []:
            if not isinstance(a, dict):
                continue
            if a.get("action") == "notify_lead":
                parts.append(self.tr("team lead notified"))
            elif a.get("action") == "raise_priority":
                parts.append(fill(self.tr("priority raised to %1"), priority_label(str(a.get("to")))))
            elif a.get("action") == "reassign":
                to = self._names.get(a.get("to")) if a.get("to") else None
                parts.append(fill(self.tr("reassigned to %1"), to) if to else self.tr("nobody else was free to take it"))
        return "; ".join(parts)

    def _team_names(self) -> dict[str, str]:
        return {t["id"]: team_name(t, t["id"]) for t in queries.teams(self.store.conn)}

    def _transfer_text(self, meta: dict[str, Any]) -> str:
        def s(key: str) -> str:
            v = meta.get(key)
            return v.strip() if isinstance(v, str) else ""

        by = s("by_name") or self.tr("A colleague")
        to_agent, reason = s("to_agent_name"), s("reason")
        # The team as this app names it (Chinese or English), falling back to the server's wording.
        local = self._team_names().get(s("to_team"))
        to_team = local or s("to_team_name") or s("to_team")
        from_agent = s("from_agent_name")
        if not to_agent and not to_team:
            return ""
        # The previous owner is named only when someone else (a lead) moved the conversation.
        if from_agent and from_agent != by:
            if to_agent:
                return fill(self.tr("%1 transferred this conversation from %2 to %3 (%4): %5"),
                             by, from_agent, to_agent, to_team, reason)
            return fill(self.tr("%1 transferred this conversation from %2 to the %3 queue: %4"),
                         by, from_agent, to_team, reason)
        if to_agent:
            return fill(self.tr("%1 transferred this conversation to %2 (%3): %4"), by, to_agent, to_team, reason)
        return fill(self.tr("%1 transferred this conversation to the %2 queue: %3"), by, to_team, reason)


def file_names(meta: str | dict[str, Any]) -> list[str]:
    try:
        files = (orjson.loads(meta) if isinstance(meta, str) else meta).get("attachments") or []
    except (orjson.JSONDecodeError, AttributeError):
        return []
    return [str(f.get("name") or "") for f in files if isinstance(f, dict)]
