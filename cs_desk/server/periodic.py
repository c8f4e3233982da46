"""A background job the server runs every few seconds (the router tick, webhook deliveries, the
configuration watch): one task, stopped cleanly at shutdown, a failing round logged and retried on
the next one rather than ending the job."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Periodic:
    every: float
    name = "periodic"

    _task: asyncio.Task | None = None
    # Duties that must run in one server process only (PostgreSQL with several): the app sets this
    # to "am I the leader?", and a round is skipped while it says no.
    gate: Callable[[], bool] | None = None

    async def run_once(self) -> Any:  # pragma: no cover - each job says what a round does
        raise NotImplementedError

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name=self.name)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            if self.gate is not None and not self.gate():
                continue
            try:
                await self.run_once()
            except RuntimeError:  # the database closed: shutting down
                return
            except Exception:
                log.exception("%s failed; trying again in %s s", self.name, self.every)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
