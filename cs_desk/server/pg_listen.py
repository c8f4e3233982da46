"""Several server processes on one PostgreSQL database learn of each other's events.

A write transaction that logged events sends `NOTIFY cs_desk_events, '<head>'` before it commits
(PostgreSQL delivers it at COMMIT, never for a rolled-back transaction). Every process LISTENs on a
connection of its own, on a thread, and moves its hub's head on; the hub's pumps then read the new
events from the log. The notification is only a hint: the log is the truth. A missed one (the
listening connection dropped) is made good by reading the head when the connection is back, and by a
slow poll of the head as a last resort.

The same connection elects the one process that runs the background duties (routing ticks, SLA
escalations, webhook deliveries, metrics snapshots), which must not run twice: whoever holds a
session advisory lock leads. PostgreSQL releases it when the leader's connection goes (a crash, a
network cut), and another process takes it over within a poll.

No client skips an event committed late: writers take one transaction-level advisory lock before
they allocate seqs (cs_desk.server.db), so seqs are committed in order and a page read at head H
can never be followed by a commit below H."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)
CHANNEL = "cs_desk_events"
POLL_S = 2.0  # the head is read (and leadership tried) this often even without notifications
LEADER_LOCK = 7302


def libpq_url(sqlalchemy_url: str) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class HeadListener:
    """Calls on_head(head) (from its own thread) for each notification and each poll."""

    def __init__(self, url: str, on_head: Callable[[int], None], poll_s: float = POLL_S) -> None:
        self.url = libpq_url(url)
        self.on_head = on_head
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)
        self.notifications = 0
        self.connected = threading.Event()
        self.leader = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    self._poll(conn)  # what was committed while we were not listening
                    next_poll = time.monotonic() + self.poll_s
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=self.poll_s, stop_after=100):
                            self.notifications += 1
                            try:
                                self.on_head(int(n.payload))
                            except ValueError:
                                log.warning("ignoring a malformed %s notification %r", CHANNEL, n.payload)
                        if time.monotonic() >= next_poll:
                            self._poll(conn)
                            next_poll = time.monotonic() + self.poll_s
            except Exception as exc:  # noqa: BLE001 - any failure: reconnect, the log keeps the truth
                self.connected.clear()
                self.leader.clear()  # the lock went with the connection
                if not self._stop.is_set():
                    log.warning("listening for other server processes failed (%s); retrying", exc)
                    self._stop.wait(1.0)
        self.leader.clear()

    def _poll(self, conn: object) -> None:
        row = conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()  # type: ignore[attr-defined]
        if row is not None:
            self.on_head(int(row[0]))
        if not self.leader.is_set():
            got = conn.execute("SELECT pg_try_advisory_lock(%s)", (LEADER_LOCK,)).fetchone()  # type: ignore[attr-defined]
            if got and got[0]:
                log.info("this server process now runs the background duties")
                self.leader.set()


def others_running(conn: Any) -> bool:
    """Whether another server process serves this database now (it holds the leader lock)."""
    return bool(conn.exec_driver_sql(
        f"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {LEADER_LOCK} AND granted").scalar())
