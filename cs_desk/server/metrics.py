"""Team metrics on the server: a MetricsFold kept up to date from the event log, and the `metrics`
query a lead or admin sends over the sync socket (docs/metrics.md, docs/protocol.md §9).

The fold lives in memory: each server process reads the log from the start once, then only what
was committed since its last query, so several processes agree without sharing any state but the
log. Figures reach back as far as the event log does (keep the log at least as long as the longest
report you want)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection

from cs_desk.domain import metrics_state
from cs_desk.domain import sla as sla_rules
from cs_desk.domain.clock import parse_iso, range_start, utc_now_iso
from cs_desk.domain.metrics_fold import MetricsFold, ts
from cs_desk.domain.metrics_report import report
from cs_desk.domain.model import Role
from cs_desk.domain.permissions import Denied
from cs_desk.protocol.constants import E_FORBIDDEN, E_INVALID
from cs_desk.server.auth import User
from cs_desk.server.db import Database
from cs_desk.server.fastsql import raw

T = TypeVar("T")
PAGE = 50_000
SNAPSHOT_EVERY = 20_000  # events folded since the last snapshot before another is written
MAX_RANGE_DAYS = 400


class MetricsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)
    range: Literal["today", "7d", "30d", "custom"] = "today"
    start: str | None = None  # custom range, ISO times (the end is exclusive)
    end: str | None = None
    team: str | None = None  # None: the lead's own team; every team for an admin
    by: Literal["team", "agent", "category", "channel"] | None = None


def time_range(args: MetricsArgs, now: datetime) -> tuple[datetime, datetime]:
    if args.range == "custom":
        if not args.start or not args.end:
            raise Denied(E_INVALID, "a custom range needs start and end")
        try:
            lo, hi = parse_iso(args.start), parse_iso(args.end)
        except ValueError:
            raise Denied(E_INVALID, "start and end are ISO-8601 times") from None
        if lo.tzinfo is None or hi.tzinfo is None:
            raise Denied(E_INVALID, "start and end need a time zone (end them with Z)")
        if not lo < hi or hi - lo > timedelta(days=MAX_RANGE_DAYS):
            raise Denied(E_INVALID, f"the range must end after it starts and span at most {MAX_RANGE_DAYS} days")
        return lo, hi
    return range_start(args.range, now), now


def teams_for(user: User, team: str | None) -> set[str] | None:
    """Whose figures this user may read: a lead their own team's, an admin any team's or all."""
    if user.role is Role.ADMIN:
        return None if team is None else {team}
    if user.role is not Role.LEAD:
        raise Denied(E_FORBIDDEN, "team metrics are for team leads and admins")
    if team is not None and team != user.team_id:
        raise Denied(E_FORBIDDEN, "a lead reads the metrics of their own team only")
    return {user.team_id}


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The fold makes hundreds of thousands of small long-lived objects; the cyclic collector would
    scan them again and again while they are made (it took most of the time, measured here).
    Reference counting still frees everything the fold drops."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _freeze() -> None:
    """What the fold and its cells hold now lives on: later collections need not scan it again.
    Called with the collector paused, right after a big fold (start, a long catch-up, filing many
    conversations): freezing before the collector runs again spares it one full pass over all of it.
    Cyclic garbage other threads made in those seconds would be frozen too; the server makes
    little (its objects are freed by reference counting)."""
    gc.freeze()


class MetricsService:
    """The fold and its queries. Queries run on a thread of their own (read): a cold fold takes
    seconds, and must not hold the database's reader threads, which every login and snapshot needs."""

    def __init__(self) -> None:
        self.fold = MetricsFold()
        self.cursor = 0
        self._lock = threading.RLock()  # the metrics thread, and tests or benches calling in directly
        self.last_fold_s = 0.0
        self.last_report_s = 0.0
        self.saved_seq = 0  # log position of the snapshot in the database
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="metrics")

    async def read(self, db: Database, fn: Callable[..., T], *args: Any) -> T:
        """fn(conn, *args) in a read transaction, on the metrics thread."""
        def run() -> T:
            with db.read_tx() as conn:
                return fn(conn, *args)
        return await asyncio.get_running_loop().run_in_executor(self._thread, run)

    def close(self) -> None:
        self._thread.shutdown(wait=True)

    # --- snapshots ------------------------------------------------------------------------------
    def start(self, conn: Connection) -> int:
        """At server start: the snapshot if there is a usable one, then the log after it."""
        gc.collect()  # now, while the heap is small: what the fold then makes is frozen as it is
        with self._lock, gc_paused():
            row = raw(conn).one("SELECT seq, body FROM metrics_snapshots WHERE key = 'fold'")
            if row is not None and self.cursor == 0 and row[0] <= (raw(conn).scalar("SELECT max(seq) FROM events") or 0):
                loaded = metrics_state.load(orjson.loads(zlib.decompress(bytes(row[1]))))
                if loaded is not None:
                    self.fold, self.cursor = loaded
                    self.saved_seq = self.cursor
            n = self._catch_up(conn)
            # file the cells every report needs now, not when the first lead asks
            self.fold.refresh_cells(("team",))
            _freeze()
        return n

    def snapshot_due(self, conn: Connection) -> tuple[int, bytes] | None:
        """(seq, body) when enough was folded since the last snapshot, else None."""
        with self._lock, gc_paused():
            self._catch_up(conn)
            if self.cursor - self.saved_seq < SNAPSHOT_EVERY:
                return None
            body = zlib.compress(orjson.dumps(metrics_state.dump(self.fold, self.cursor)), 1)
            return self.cursor, body

    def saved(self, seq: int) -> None:
        self.saved_seq = max(self.saved_seq, seq)

    def catch_up(self, conn: Connection) -> int:
        """Folds what was committed since the last call; returns how many events that was."""
        with self._lock, gc_paused():
            n = self._catch_up(conn)
            if n > 20_000:
                _freeze()
        return n

    def _catch_up(self, conn: Connection) -> int:
        r = raw(conn)
        n = 0
        top = r.scalar("SELECT max(seq) FROM events") or 0
        apply, loads = self.fold.apply, orjson.loads
        while self.cursor < top:
            r.run("SELECT seq, kind, body, created_at FROM events WHERE seq > ? AND seq <= ? "
                  "AND kind IN ('conversation', 'agent') ORDER BY seq LIMIT ?", (self.cursor, top, PAGE))
            rows = r.cur.fetchall()
            if not rows:
                break
            for _seq, kind, body, created_at in rows:
                apply(kind, loads(body)["d"], ts(created_at))
            n += len(rows)
            self.cursor = rows[-1][0]
            if len(rows) < PAGE:
                break
        self.cursor = max(self.cursor, top)
        return n

    def query(self, conn: Connection, user: User, args: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
        try:
            a = MetricsArgs.model_validate(args)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise Denied(E_INVALID, f"bad metrics query: {'.'.join(map(str, err['loc'])) or 'args'}: {err['msg']}") from None
        teams = teams_for(user, a.team)
        now = now or datetime.now(UTC)
        lo, hi = time_range(a, now)
        label = _policy_labels(conn)
        names = _agent_names(conn, teams)
        with self._lock:
            t0 = time.perf_counter()
            self.catch_up(conn)
            t1 = time.perf_counter()
            filed = self.fold.cells.filed
            with gc_paused():
                out = report(self.fold, lo.timestamp(), hi.timestamp(), now.timestamp(), teams=teams, by=a.by,
                             policy_label=label)
                if self.fold.cells.filed - filed > 20_000:
                    _freeze()
            self.last_fold_s, self.last_report_s = t1 - t0, time.perf_counter() - t1
        out.update(range=a.range, team=a.team, agents={str(k): v for k, v in names.items()})
        return out


def save_snapshot(conn: Connection, seq: int, body: bytes) -> None:
    r = raw(conn)
    if r.run("UPDATE metrics_snapshots SET seq = ?, body = ?, created_at = ? WHERE key = 'fold' AND seq < ?",
             (seq, body, utc_now_iso(), seq)) == 0 and r.one("SELECT 1 FROM metrics_snapshots WHERE key = 'fold'") is None:
        r.run("INSERT INTO metrics_snapshots(key, seq, body, created_at) VALUES ('fold', ?, ?, ?)",
              (seq, body, utc_now_iso()))


def _agent_names(conn: Connection, teams: set[str] | None) -> dict[int, str]:
    r = raw(conn)
    r.run("SELECT id, display_name, team_id FROM users")
    return {i: name for i, name, team in r.cur.fetchall() if teams is None or team in teams}


def _policy_labels(conn: Connection):  # noqa: ANN202 - (team, category, priority) → label
    """Names the SLA policy a conversation falls under now: the matching rule, or its team's own
    settings."""
    r = raw(conn)
    r.run("SELECT id, team_id, category, priority FROM sla_policies ORDER BY id")
    rows = r.cur.fetchall()
    rules = [sla_rules.PolicyRule(tid, cat, prio, sla_rules.Policy()) for _i, tid, cat, prio in rows]
    ids = {id(rule): row[0] for rule, row in zip(rules, rows, strict=True)}

    def label(key: tuple[str, str, str]) -> str:  # (team, category, priority); the report memoises
        rule = sla_rules.choose_rule(rules, *key)
        return (f"{key[0]} · default" if rule is None else
                f"#{ids[id(rule)]} {rule.team_id or '*'} · {rule.category or '*'} · {rule.priority or '*'}")
    return label
