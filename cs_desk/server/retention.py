"""Retention of the event log: events older than a number of days are deleted, so the log does not
grow for ever. What that costs nobody anything:

- Clients: a client whose cursor is older than the oldest event left gets a snapshot on its next
  hello (csync `welcome` mode "snapshot", docs/protocol.md §6) and ends in the same state; its queued
  mutations are replayed after it as usual.
- Team metrics: the fold is written to metrics_snapshots first, covering everything up to the log's
  head, so a server starting later reads the snapshot instead of the deleted events.
- The newest event always stays: the next seq is max(seq) + 1, and must never go back."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

import orjson

from cs_desk.domain import metrics_state
from cs_desk.domain.clock import to_iso
from cs_desk.server.db import Database
from cs_desk.server.fastsql import raw
from cs_desk.server.metrics import MetricsService, save_snapshot


def prune_events(db: Database, older_than_days: float, now: datetime | None = None) -> dict[str, int]:
    """Deletes events created more than `older_than_days` ago; returns counts."""
    if older_than_days < 0:
        raise ValueError("older_than_days cannot be negative")
    svc = MetricsService()
    try:
        with db.read_tx() as conn:
            svc.start(conn)
        snap_seq = svc.cursor
        body = zlib.compress(orjson.dumps(metrics_state.dump(svc.fold, snap_seq)), 1)
    finally:
        svc.close()
    with db.write_tx() as conn:
        save_snapshot(conn, snap_seq, body)
    cutoff = to_iso((now or datetime.now(UTC)) - timedelta(days=older_than_days))
    with db.write_tx() as conn:
        r = raw(conn)
        head = r.scalar("SELECT coalesce(max(seq), 0) FROM events")
        deleted = r.run("DELETE FROM events WHERE created_at < ? AND seq <= ? AND seq < ?", (cutoff, snap_seq, head))
        left = r.scalar("SELECT count(*) FROM events")
        floor = r.scalar("SELECT coalesce(min(seq), 1) - 1 FROM events")
    return {"deleted": int(deleted), "left": int(left), "floor": int(floor), "metrics_snapshot_seq": int(snap_seq)}
