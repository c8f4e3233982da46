"""Writes the metrics fold's snapshot now and then (cs_desk.server.metrics), so the next server start
reads only the log after it."""

from __future__ import annotations

from cs_desk.server.db import Database
from cs_desk.server.metrics import MetricsService, save_snapshot
from cs_desk.server.periodic import Periodic


class MetricsSnapshots(Periodic):
    every = 60.0
    name = "metrics-snapshots"

    def __init__(self, db: Database, metrics: MetricsService) -> None:
        self.db, self.metrics = db, metrics

    async def run_once(self) -> int | None:
        due = await self.metrics.read(self.db, self.metrics.snapshot_due)
        if due is None:
            return None
        seq, body = due
        await self.db.write(save_snapshot, seq, body)
        self.metrics.saved(seq)
        return seq
