"""The router's clock: every few seconds, conversations that waited past their team's overflow time
move on, the waiting queues are served again (someone may have room whose change came from
another process, or an earlier pass found nobody), and events committed by other processes are
announced to the live sockets; SLA clocks past their warning or due time get their alerts and
escalations (cs_desk.server.sla_watch)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Connection

from cs_desk.server import eventlog, routing, sla_watch, transfer
from cs_desk.server.db import Database
from cs_desk.server.eventlog import Event, EventWriter
from cs_desk.server.hub import Hub
from cs_desk.server.periodic import Periodic

log = logging.getLogger(__name__)

TICK_S = 5.0


def tick(conn: Connection, now: datetime | None = None) -> list[Event]:
    now = now or datetime.now(UTC)
    ev = EventWriter(conn)
    for conv_id, _from, to, waited in routing.overflow_due_rows(conn, now):
        transfer.overflow_move(conn, ev, conv_id, to, waited)
    routing.serve_queue(conn, ev)
    sla_watch.check(conn, ev, now)
    return ev.flush()


class RouterTick(Periodic):
    name = "router-tick"

    def __init__(self, hub: Hub, db: Database, every: float = TICK_S) -> None:
        self.hub, self.db, self.every = hub, db, every

    async def run_once(self) -> int:
        events = await self.db.write(tick)
        self.hub.publish(events)
        # Rows another process committed (the admin CLI, a config reload elsewhere) reach live
        # clients within a tick, not only when someone next connects.
        self.hub.notify_head(await self.db.read(eventlog.head))
        return len(events)

