"""Who is there: agents' presence (synced through the event log, since routing and the team board
depend on it) and what they are doing in a conversation right now (ephemeral, never logged).

Presence follows the sockets of this process: the first connection of a user restores what they last
chose (online / away / offline); when the last one goes, they turn offline after a grace period, so a
network blip or a restart of the app does not flap their status for the whole team.

Activity ("viewing", "typing") is relayed to the connections that may see the conversation's team
and forgotten when the socket goes or an `idle` arrives; clients also drop it after
ACTIVITY_TTL_S without a refresh."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from cs_desk.domain.clock import utc_now_iso
from cs_desk.protocol.codec import encode
from cs_desk.server import entities, routing
from cs_desk.server.db import Database
from cs_desk.server.eventlog import Event, EventWriter
from cs_desk.server.fastsql import raw
from cs_desk.server.hub import Conn, Hub

log = logging.getLogger(__name__)

OFFLINE_GRACE_S = 10.0


def _set_presence(conn: Connection, user_id: int, presence: str | None) -> list[Event]:
    """presence None: restore the user's own choice. Emits only when the visible value changes."""
    r = raw(conn)
    row = r.row("SELECT * FROM users WHERE id = ?", (user_id,))
    if row is None:
        return []
    value = row.presence_choice if presence is None else presence
    if value == row.presence:
        return []
    routing.set_presence(conn, user_id, value)
    ev = EventWriter(conn)
    ev.emit("agent", user_id, entities.agent_dict(r.row("SELECT * FROM users WHERE id = ?", (user_id,))),
            [row.team_id])
    if value == "online":
        routing.serve_queue(conn, ev, {row.team_id})  # conversations waiting for someone to come online
    return ev.flush()


def _everyone_offline(conn: Connection) -> list[Event]:
    """At start: nobody is connected to this process yet (a crash left them 'online')."""
    r = raw(conn)
    r.run("SELECT id FROM users WHERE presence != 'offline'")
    events: list[Event] = []
    for (uid,) in r.cur.fetchall():
        events += _set_presence(conn, uid, "offline")
    return events


def _conversation_team(conn: Connection, conversation_id: int) -> str | None:
    return raw(conn).scalar("SELECT team_id FROM conversations WHERE id = ?", (conversation_id,))


@dataclass(slots=True)
class _Doing:
    conversation_id: int
    team_id: str
    state: str
    at: str


class Presence:
    def __init__(self, hub: Hub, db: Database) -> None:
        self.hub = hub
        self.db = db
        self._leaving: dict[int, asyncio.TimerHandle] = {}
        self._doing: dict[Conn, _Doing] = {}
        self._tasks: set[asyncio.Task] = set()
        self.grace = OFFLINE_GRACE_S
        self.on_typing: Any = None  # async (conversation id, agent name): the web-chat visitor's "typing…"

    async def start(self, alone: bool = True) -> None:
        """`alone`: no other server process is running on this database, so nobody is connected yet
        and every agent starts offline (after a crash, nobody stays "online" for ever). With other
        processes serving, their agents' presence is theirs to keep."""
        if alone:
            self.hub.publish(await self.db.write(_everyone_offline))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _write(self, user_id: int, presence: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the database closed while shutting down
            self.hub.publish(await self.db.write(_set_presence, user_id, presence))

    # --- presence ---------------------------------------------------------------------------
    def connected(self, conn: Conn) -> None:
        """Call once the connection is registered with the hub."""
        uid = conn.user.id
        timer = self._leaving.pop(uid, None)
        if timer is not None:
            timer.cancel()  # back within the grace period: nothing changed for the team
        if self.hub.count_for(uid) == 1:
            self._spawn(self._write(uid, None))

    def disconnected(self, conn: Conn) -> None:
        """Call after the hub forgot the connection."""
        doing = self._doing.pop(conn, None)
        if doing is not None:
            self._spawn(self._relay(conn, _Doing(doing.conversation_id, doing.team_id, "idle", utc_now_iso())))
        uid = conn.user.id
        if self.hub.count_for(uid) == 0 and uid not in self._leaving:
            loop = asyncio.get_running_loop()
            self._leaving[uid] = loop.call_later(self.grace, self._gone, uid)

    def _gone(self, uid: int) -> None:
        self._leaving.pop(uid, None)
        if self.hub.count_for(uid) == 0:
            self._spawn(self._write(uid, "offline"))

    # --- activity -----------------------------------------------------------------------------
    async def activity(self, conn: Conn, conversation_id: int, state: str) -> str | None:
        """Records and relays; returns an error message when the user may not see the conversation."""
        team = await self.db.read(_conversation_team, conversation_id)
        if team is None:
            return f"conversation {conversation_id} does not exist"
        if not conn.sees(team):
            return "this conversation belongs to another team"
        doing = _Doing(conversation_id, team, state, utc_now_iso())
        before = self._doing.get(conn)
        if state == "idle":
            self._doing.pop(conn, None)
        else:
            self._doing[conn] = doing
        if before is not None and before.conversation_id != conversation_id:
            await self._relay(conn, _Doing(before.conversation_id, before.team_id, "idle", doing.at))
        await self._relay(conn, doing)
        if state == "typing" and self.on_typing is not None:  # the web-chat customer sees "typing…"
            await self.on_typing(conversation_id, conn.user.display_name)
        return None

    def _frame(self, conn: Conn, d: _Doing) -> str:
        return encode({"t": "activity", "conversation_id": d.conversation_id, "state": d.state, "at": d.at,
                       "user": {"id": conn.user.id, "display_name": conn.user.display_name}})

    async def _relay(self, source: Conn, d: _Doing) -> None:
        frame = self._frame(source, d)
        targets = [c for c in self.hub.conns if c.live and c is not source and c.sees(d.team_id)]
        await asyncio.gather(*(self._send(c, frame) for c in targets))

    @staticmethod
    async def _send(c: Conn, frame: str) -> None:
        with contextlib.suppress(ConnectionError):
            async with c.lock:
                await c.send(frame)

    def current_for(self, conn: Conn) -> list[str]:
        """What colleagues are doing now, for a connection that just went live."""
        return [self._frame(src, d) for src, d in self._doing.items()
                if src is not conn and conn.sees(d.team_id)]

    async def close(self) -> None:
        for timer in self._leaving.values():
            timer.cancel()
        self._leaving.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
