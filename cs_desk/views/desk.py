"""The Qt face of the cache for widgets: one object that runs use cases (ops), tells every model
what changed, and relays sync state. Widgets call this; they never touch the store or the network."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal

from cs_desk.domain import sensitive
from cs_desk.domain.changes import Changes
from cs_desk.domain.file_types import LocalFile
from cs_desk.ops import actions
from cs_desk.protocol.constants import ACTIVITY_TTL_S
from cs_desk.store import queries, queue_repo
from cs_desk.store.store import Store
from cs_desk.views import assign_reason
from cs_desk.views.names import team_name


class Desk(QObject):
    changed = Signal(object)  # Changes, from an op or a synced page
    syncStateChanged = Signal(str)  # noqa: N815
    syncProgress = Signal(int, int)  # noqa: N815
    outboxCountChanged = Signal(int)  # noqa: N815
    notice = Signal(str)  # a refusal or error a person should read
    userChanged = Signal(dict)  # noqa: N815
    activityChanged = Signal(int)  # noqa: N815 - a colleague started/stopped viewing or typing in this conversation

    def __init__(self, store: Store, bridge: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.bridge = bridge
        self.sync_state = "offline"
        if bridge is not None:
            bridge.changesApplied.connect(self._synced)
            bridge.stateChanged.connect(self._state)
            bridge.progressChanged.connect(self.syncProgress)
            bridge.outboxCountChanged.connect(self.outboxCountChanged)
            bridge.rejected.connect(lambda r: self.notice.emit(self.tr("Not sent: %1").replace("%1", r.get("reason", ""))))
            bridge.serverError.connect(lambda e: self.notice.emit(e.get("message") or ""))
            bridge.loggedIn.connect(self.userChanged)
            bridge.activity.connect(self._activity)
        # conversation id -> {user id: (name, state, monotonic time seen)}; colleagues' live activity
        self._activity_seen: dict[int, dict[int, tuple[str, str, float]]] = {}

    # --- from sync ------------------------------------------------------------------------------
    def _synced(self, ch: Changes) -> None:
        self.changed.emit(ch)

    def _state(self, state: str) -> None:
        self.sync_state = state
        self.syncStateChanged.emit(state)

    def _activity(self, a: dict[str, Any]) -> None:
        me = self.store.user()
        if me is not None and a["user_id"] == me["id"]:
            return  # our own other window
        people = self._activity_seen.setdefault(a["conversation_id"], {})
        if a["state"] == "idle":
            people.pop(a["user_id"], None)
        else:
            people[a["user_id"]] = (a["name"], a["state"], time.monotonic())
        self.activityChanged.emit(a["conversation_id"])

    def colleagues(self, conv_id: int) -> list[tuple[str, str]]:
        """(name, 'viewing' | 'typing') of colleagues in this conversation now, typing first."""
        people = self._activity_seen.get(conv_id, {})
        fresh = time.monotonic() - ACTIVITY_TTL_S
        for uid in [u for u, (_n, _s, t) in people.items() if t < fresh]:
            del people[uid]  # a colleague whose app vanished without saying idle
        return sorted(((n, s) for n, s, _t in people.values()), key=lambda p: (p[1] != "typing", p[0]))

    def report_activity(self, conv_id: int, state: str) -> None:
        """Tells colleagues what we do here ('viewing', 'typing', 'idle'); dropped while offline."""
        if self.bridge is not None:
            self.bridge.send_activity(conv_id, state)

    # --- reads used by several widgets ----------------------------------------------------------
    def server_now(self) -> datetime:
        """Now on the server's clock: SLA deadlines are server times."""
        return datetime.now(UTC) + timedelta(seconds=self.store.clock_offset())

    def teams(self) -> list[dict[str, Any]]:
        return queries.teams(self.store.conn)

    def my_presence(self) -> str:
        me = self.store.user()
        a = queries.agent(self.store.conn, me["id"]) if me else None
        return a["presence"] if a else "offline"

    def queue_position(self, conv_id: int) -> tuple[int, int] | None:
        return queries.queue_position(self.store.conn, conv_id)

    def assign_reason(self, conv_id: int) -> str:
        """Why the conversation is where it is, worded for this UI (routing's explanation)."""
        conv = self.conversation(conv_id)
        if conv is None:
            return ""
        teams = {t["id"]: t for t in self.teams()}
        return assign_reason.describe(conv.get("assign_reason"), lambda tid: team_name(teams.get(tid), tid))

    def next_deadline(self) -> tuple[int, str, str | None, str] | None:
        me = self.store.user()
        return queries.next_deadline(self.store.conn, me["id"]) if me else None

    def sensitive_check(self, conv_id: int, text: str) -> tuple[str, list[sensitive.Hit]]:
        """(team mode 'off' | 'confirm' | 'block', hits) for a reply about to be sent."""
        conv = self.conversation(conv_id)
        team = conv["team_id"] if conv else (self.store.user() or {}).get("team_id")
        mode = queries.team_sensitive_mode(self.store.conn, team) if team else "confirm"
        if mode == "off":
            return mode, []
        return mode, sensitive.find(text, queries.sensitive_words(self.store.conn, team))

    def me(self) -> dict[str, Any] | None:
        return self.store.user()

    def outbox_count(self) -> int:
        return self.store.outbox_count()

    def conversation(self, conv_id: int) -> dict[str, Any] | None:
        return queries.conversation(self.store.conn, conv_id)

    def customer(self, customer_id: int) -> dict[str, Any] | None:
        return queries.customer(self.store.conn, customer_id)

    def channels(self) -> list[str]:
        return queue_repo.channels(self.store.conn)

    def tags(self) -> list[str]:
        return queue_repo.tags(self.store.conn)

    def agents(self) -> list[dict[str, Any]]:
        return queries.agents(self.store.conn)

    def assigned_to_me(self, among: set[int] | None = None) -> list[int]:
        """Open conversations assigned to the logged-in agent (optionally only among some ids)."""
        me = self.store.me()
        return [] if me is None else queries.assigned_open(self.store.conn, me.user_id, among)

    def latest_order(self, customer_id: int) -> dict[str, Any] | None:
        orders = queries.customer_orders(self.store.conn, customer_id, 1)
        return orders[0] if orders else None

    def pending_items(self) -> list[str]:
        """Outbox rows as a person would name them."""
        out = []
        for item in queries.outbox(self.store.conn):
            a = item["args"]
            op = item["op"]
            if op in ("message.send", "note.add"):
                text = (self.tr("reply: %1") if op == "message.send" else self.tr("note: %1")).replace(
                    "%1", a["body"][:40])
            elif op in ("tag.add", "tag.remove"):
                text = (self.tr("add tag %1") if op == "tag.add" else self.tr("remove tag %1")).replace("%1", a["tag"])
            elif op == "status.set":
                text = self.tr("set status %1").replace("%1", a["status"])
            elif op == "customer.update":
                text = self.tr("edit customer %1").replace("%1", a["field"])
            elif op == "presence.set":
                text = self.tr("set presence %1").replace("%1", a["presence"])
            elif op == "conversation.transfer":
                text = self.tr("transfer: %1").replace("%1", a["reason"][:40])
            else:
                text = self.tr("assignment")
            out.append(text)
        return out

    def failed_messages(self) -> list[dict[str, Any]]:
        return queries.failed_messages(self.store.conn)

    # --- use cases ------------------------------------------------------------------------------
    def _done(self, ch: Changes) -> Changes:
        self.changed.emit(ch)
        if ch.outbox:
            self.outboxCountChanged.emit(self.store.outbox_count())
            if self.bridge is not None:
                self.bridge.outbox_changed()
        return ch

    def send(self, conv_id: int, body: str, note: bool = False, files: Sequence[LocalFile] = ()) -> str:
        """Raises actions.InvalidAction with a message for the agent when the message cannot be sent."""
        mid, ch = (actions.add_note if note else actions.send_reply)(self.store, conv_id, body, files)
        self._done(ch)
        return mid

    def retry(self, message_id: str) -> None:
        self._done(self.store.retry_failed(message_id))

    def claim(self, conv_id: int) -> None:
        self._done(actions.claim(self.store, conv_id))

    def assign(self, conv_id: int, agent_id: int | None) -> None:
        conv = self.conversation(conv_id)
        self._done(actions.assign(self.store, conv_id, agent_id, conv["assignee_id"] if conv else None))

    def set_status(self, conv_id: int, status: str) -> None:
        self._done(actions.set_status(self.store, conv_id, status))

    def add_tag(self, target: str, target_id: int, tag: str) -> None:
        self._done(actions.add_tag(self.store, target, target_id, tag))

    def remove_tag(self, target: str, target_id: int, tag: str) -> None:
        self._done(actions.remove_tag(self.store, target, target_id, tag))

    def my_sla_breaches(self, message_ids: set[str]) -> list[dict[str, Any]]:
        """Breach lines among new messages that concern me: my conversation, or my team's when I lead
        it and the policy notifies the lead."""
        me = self.me()
        if me is None:
            return []
        lead = me.get("role") in ("lead", "admin")
        return [b for b in queries.sla_breaches(self.store.conn, message_ids)
                if b["assignee_id"] == me["id"]
                or (lead and b["notify_lead"] and (me.get("role") == "admin" or b["team_id"] == me.get("team_id")))]

    def update_agent(self, agent_id: int, *, capacity: int | None = None, presence: str | None = None) -> None:
        self._done(actions.update_agent(self.store, agent_id, capacity=capacity, presence=presence))

    def open_followup(self, conv_id: int) -> dict[str, Any] | None:
        return queries.open_followup(self.store.conn, conv_id)

    def close_followup(self, followup_id: int, outcome: str) -> None:
        self._done(actions.close_followup(self.store, followup_id, outcome))

    def categorize(self, conv_id: int, *, category: str | None = None, priority: str | None = None) -> None:
        self._done(actions.categorize(self.store, conv_id, category=category, priority=priority))

    def transfer(self, conv_id: int, reason: str, *, to_agent_id: int | None = None,
                 to_team_id: str | None = None) -> None:
        conv = self.conversation(conv_id)
        self._done(actions.transfer(self.store, conv_id, conv["assignee_id"] if conv else None, reason,
                                    to_agent_id=to_agent_id, to_team_id=to_team_id))

    def set_presence(self, presence: str) -> None:
        self._done(actions.set_presence(self.store, presence))

    def update_customer(self, customer_id: int, field: str, value: str) -> None:
        self._done(actions.update_customer(self.store, customer_id, field, value))

    def mark_read(self, conv_id: int) -> None:
        ch = self.store.mark_read(conv_id)
        if ch:
            self.changed.emit(ch)
