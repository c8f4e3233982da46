"""Ends live sessions whose token was revoked or expired, or whose user was disabled.

Tokens are checked at the handshake; this watcher checks the live ones again every few seconds (one
query for all sockets of the process), so `admin revoke-tokens` or `admin disable-user` takes effect
without waiting for the next reconnect, whichever process wrote it."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from cs_desk.protocol import constants as C
from cs_desk.server import auth
from cs_desk.server.db import Database
from cs_desk.server.hub import Hub

log = logging.getLogger(__name__)

CHECK_EVERY_S = 5.0


class RevocationWatch:
    def __init__(self, hub: Hub, db: Database, every: float = CHECK_EVERY_S) -> None:
        self.hub, self.db, self.every = hub, db, every
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="revocation-watch")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.check()
            except Exception:  # a failed check must not stop later ones
                log.exception("revocation check failed")

    async def check(self) -> int:
        """Closes the sockets whose session ended; returns how many."""
        conns = [c for c in self.hub.conns if c.token_hash and c.kick is not None]
        if not conns:
            return 0
        bad = await self.db.read(auth.invalid_tokens, sorted({c.token_hash for c in conns}))
        ended = [c for c in conns if c.token_hash in bad]
        for c in ended:
            log.info("closing a session of %s: token revoked, expired or user disabled", c.user.name)
        await asyncio.gather(*(c.kick(C.CLOSE_AUTH_FAILED, "session revoked; log in again") for c in ended),
                             return_exceptions=True)
        return len(ended)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
