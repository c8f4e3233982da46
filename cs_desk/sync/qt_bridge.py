"""The only seam between asyncio and Qt: runs the SyncClient on the Qt event loop (qasync) and turns
engine notifications into Qt signals. Widgets and models connect to these signals; nothing else in
the UI knows that asyncio exists."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import SyncEngine

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    stateChanged = Signal(str)  # noqa: N815 - Qt naming
    progressChanged = Signal(int, int)  # noqa: N815
    changesApplied = Signal(object)  # noqa: N815 - a cs_desk.domain.changes.Changes
    outboxCountChanged = Signal(int)  # noqa: N815
    rejected = Signal(dict)
    serverError = Signal(dict)  # noqa: N815
    loggedIn = Signal(dict)  # noqa: N815
    activity = Signal(dict)  # a colleague viewing/typing: {conversation_id, state, user_id, name, at}
    queryResult = Signal(dict)  # noqa: N815 - {id, q, ok, data | code, message}

    def __init__(self, engine: SyncEngine, client: SyncClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.client = client
        self._task: asyncio.Task | None = None
        engine.listeners.append(self._on_engine)

    def _on_engine(self, what: str, payload: Any) -> None:
        if what == "state":
            self.stateChanged.emit(str(payload))
        elif what == "progress":
            self.progressChanged.emit(*payload)
        elif what == "changes":
            self.changesApplied.emit(payload)
            if payload.outbox:
                self.outboxCountChanged.emit(self.engine.outbox_count)
        elif what == "rejected":
            self.rejected.emit(payload)
        elif what == "error":
            self.serverError.emit(payload)
        elif what == "welcome":
            self.loggedIn.emit(payload)
        elif what == "activity":
            self.activity.emit(payload)
        elif what == "result":
            self.queryResult.emit(payload)

    def start(self) -> None:
        """Call with a running qasync loop."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_event_loop().create_task(self.client.run())

    def send_activity(self, conversation_id: int, state: str) -> None:
        self.client.send_activity(conversation_id, state)

    def send_query(self, q: str, args: dict) -> int | None:
        return self.client.send_query(q, args)

    def outbox_changed(self) -> None:
        """Call after an op wrote to the outbox."""
        self.outboxCountChanged.emit(self.engine.outbox_count)
        self.client.outbox_changed()

    async def stop(self) -> None:
        self.client.stop()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 5)
            except (TimeoutError, asyncio.CancelledError):
                log.warning("sync task did not stop in time")
