"""The server event log: every change gets a global seq in the same transaction as the change.

An event body is the full state of one entity after the change (`{"seq","k","d"}`), so applying
an event twice or applying a snapshot row is the same upsert on the client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from cs_desk.domain.clock import utc_now_iso
from cs_desk.server import schema
from cs_desk.server.fastsql import raw


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    team_id: str | None
    body: bytes  # exact JSON sent to clients


class EventWriter:
    """Collects the events of one transaction. seq = max(seq)+1 is safe because writers are
    serialised (one writer thread on SQLite, an advisory lock on PostgreSQL)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._next: int | None = None
        self.events: list[Event] = []
        self._rows: list[tuple] = []
        self.memo: dict[Any, Any] = {}  # per-transaction lookups (a team's sensitive words…)

    def _alloc(self) -> int:
        if self._next is None:
            self._next = (raw(self.conn).scalar("SELECT max(seq) FROM events") or 0) + 1
        seq = self._next
        self._next += 1
        return seq

    def emit(self, kind: str, entity_id: Any, data: dict[str, Any], team_ids: list[str | None]) -> None:
        """One event row per team that may see it (a customer shared by two teams gets two)."""
        now = utc_now_iso()
        for team_id in team_ids:
            seq = self._alloc()
            body = orjson.dumps({"seq": seq, "k": kind, "d": data})
            self._rows.append((seq, team_id, kind, str(entity_id), body, now))
            self.events.append(Event(seq, team_id, body))

    def mark(self) -> tuple[int, int, int | None]:
        return len(self.events), len(self._rows), self._next

    def rewind(self, mark: tuple[int, int, int | None]) -> None:
        """Forgets events emitted since mark (their savepoint was rolled back)."""
        del self.events[mark[0]:]
        del self._rows[mark[1]:]
        self._next = mark[2]

    def flush(self) -> list[Event]:
        if self._rows:
            raw(self.conn).many("INSERT INTO events(seq, team_id, kind, entity_id, body, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)", self._rows)
            self._rows = []
            self.conn.info["events_logged"] = True  # other server processes are told at commit
        return self.events


def head(conn: Connection) -> int:
    return conn.execute(select(func.max(schema.events.c.seq))).scalar() or 0


def floor(conn: Connection) -> int:
    """Lowest seq still in the log minus one: a cursor below it needs a snapshot."""
    low = conn.execute(select(func.min(schema.events.c.seq))).scalar()
    return 0 if low is None else low - 1


def read_page(conn: Connection, after: int, team_id: str | None, admin: bool,
              limit: int) -> tuple[list[tuple[int, bytes]], int, int]:
    """Events visible to a team after `after`. Returns (bodies, covered_up_to, head): covered_up_to
    is the highest seq this page accounts for, visible or not, so a cursor can move past events
    the user may not see."""
    top = head(conn)
    ev = schema.events
    q = select(ev.c.seq, ev.c.body).where(ev.c.seq > after, ev.c.seq <= top)
    if not admin:
        q = q.where((ev.c.team_id.is_(None)) | (ev.c.team_id == team_id))
    rows = conn.execute(q.order_by(ev.c.seq).limit(limit)).all()
    covered = rows[-1][0] if len(rows) == limit else top
    return [(r[0], bytes(r[1])) for r in rows], covered, top


def read_range(conn: Connection, after: int, upto: int, limit: int = 1000) -> list[Event]:
    """Every event after `after` up to `upto` (all teams), oldest first, at most `limit`."""
    r = raw(conn)
    r.run("SELECT seq, team_id, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", (after, upto, limit))
    return [Event(int(seq), team, bytes(body)) for seq, team, body in r.cur.fetchall()]
