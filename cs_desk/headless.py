"""A headless agent: logs in, keeps a local cache in sync and prints what it syncs. Used by
`cs-desk demo` until the workstation window lands, and by `cs-desk sync` on servers and in scripts."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable
from typing import Any, TextIO

from cs_desk.domain.changes import Changes
from cs_desk.store import queries
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import State


class Printer:
    """Turns engine notifications into one line each; progress at most every 10 %."""

    def __init__(self, store: Store, out: TextIO = sys.stdout) -> None:
        self.store = store
        self.out = out
        self._last_pct = -10
        self.seen_messages: set[str] = set()
        self.on_customer_message: Callable[[dict[str, Any]], None] | None = None

    def __call__(self, what: str, payload: Any) -> None:
        if what == "state":
            self._line(f"[sync] {payload}")
            if payload is State.LIVE:
                c = queries.counts(self.store.conn)
                self._line(f"[sync] cache: {c['conversations']:,} conversations, {c['messages']:,} messages, "
                           f"{c['customers']:,} customers, {c['snippets']:,} snippets, outbox {c['outbox']}")
        elif what == "welcome":
            self._line(f"[sync] logged in as {payload['display_name']} ({payload['role']}, team {payload['team_id']})")
        elif what == "progress":
            done, total = payload
            pct = int(100 * done / total) if total else 100
            if pct >= self._last_pct + 10 or done == total:
                self._last_pct = pct
                self._line(f"[sync] {done:,}/{total:,} ({pct}%)")
        elif what == "rejected":
            self._line(f"[sync] refused #{payload['n']}: {payload.get('reason')}")
        elif what == "error":
            self._line(f"[sync] server says: {payload.get('message')}")
        elif what == "changes":
            self._changes(payload)

    def _changes(self, ch: Changes) -> None:
        if ch.reset:
            self._last_pct = -10
            return
        if len(ch.messages) > 50:
            return  # a catch-up page, not news
        for mid in ch.messages:
            row = self.store.conn.execute(
                "SELECT m.*, cu.name AS customer, a.display_name AS agent FROM messages m "
                "JOIN conversations c ON c.id = m.conversation_id LEFT JOIN customers cu ON cu.id = c.customer_id "
                "LEFT JOIN agents a ON a.id = m.author_id WHERE m.id=?", (mid,)).fetchone()
            if row is None or (mid in self.seen_messages and row["state"] != "failed"):
                continue
            self.seen_messages.add(mid)
            who = row["customer"] if row["author_kind"] == "customer" else (row["agent"] or row["author_kind"])
            if row["kind"] == "note":
                who += " (note)"
            state = "" if row["state"] == "sent" else f" [{row['state']}{': ' + row['error'] if row['error'] else ''}]"
            self._line(f"[#{row['conversation_id']}] {who}: {row['body'][:100]}{state}")
            if row["author_kind"] == "customer" and self.on_customer_message:
                self.on_customer_message(dict(row))

    def _line(self, text: str) -> None:
        print(text, file=self.out, flush=True)


async def run_client(client: SyncClient, duration: float | None = None) -> None:
    """Runs the sync loop until `duration` seconds pass (None: until cancelled)."""
    task = asyncio.create_task(client.run())
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.shield(task), duration)
    client.stop()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(task, 5)
