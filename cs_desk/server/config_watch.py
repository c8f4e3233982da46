"""Live configuration: the TOML file is applied at start (a bad file stops the start, with every
problem listed) and again whenever it changes on disk or the process gets SIGHUP. A bad edit is
logged with its lines and keys and changes nothing: the server keeps running on the last good one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from cs_desk.server import config_apply, config_file, eventlog
from cs_desk.server.db import Database
from cs_desk.server.hub import Hub
from cs_desk.server.periodic import Periodic

log = logging.getLogger(__name__)

POLL_S = 2.0


class ConfigWatcher(Periodic):
    name = "config-watch"

    def __init__(self, db: Database, hub: Hub, path: Path, every: float = POLL_S) -> None:
        self.db, self.hub, self.path, self.every = db, hub, Path(path), every
        self._seen: tuple[float, int] | None = None
        self.last_error: config_file.ConfigError | None = None
        self.applied = 0

    def _stamp(self) -> tuple[float, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime, st.st_size

    async def reload(self) -> dict[str, int]:
        """Reads, checks and applies the file; ConfigError (nothing applied) when it is bad."""
        self._seen = self._stamp()
        try:
            cfg = await asyncio.to_thread(config_file.load, self.path)
            summary = await self.db.write(config_apply.apply, cfg, str(self.path))
        except config_file.ConfigError as exc:
            self.last_error = exc
            raise
        self.last_error = None
        self.applied += 1
        # the admin functions wrote events in that transaction: let the live sockets know
        self.hub.notify_head(await self.db.read(eventlog.head))
        log.info("configuration %s applied: %s", self.path, summary)
        return summary

    def start(self) -> None:
        super().start()
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not on Windows / not main thread
            import signal

            loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(self._reload_logged()))

    async def _reload_logged(self) -> None:
        try:
            await self.reload()
        except config_file.ConfigError as exc:
            log.error("configuration not applied, the previous one stays:\n%s", exc)
        except RuntimeError:  # the database closed: shutting down
            pass

    async def run_once(self) -> bool:
        return await self.check_once()

    async def check_once(self) -> bool:
        """Reloads when the file changed since it was last read; True if it tried."""
        if self._stamp() == self._seen:
            return False
        await self._reload_logged()
        return True
