"""A websocket proxy between a client and the real server that misbehaves on purpose: it drops,
delays, duplicates and reorders frames, and cuts connections, as a broken middlebox or a flaky
mobile link would. Seeded, so a failing run can be replayed."""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field

import websockets
from websockets.asyncio.server import ServerConnection, serve

from cs_desk.protocol import constants as C


@dataclass
class Faults:
    drop: float = 0.0  # share of frames lost (never the hello: a login must be possible)
    duplicate: float = 0.0
    reorder: float = 0.0  # share of frames held back and sent after the next one
    delay_ms: float = 0.0  # up to this much extra latency per frame
    cut_every: int = 0  # close the connection after about this many frames (0: never)
    seed: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"frames": 0, "dropped": 0, "doubled": 0,
                                                             "reordered": 0, "cuts": 0})
    enabled: bool = True


class FaultyProxy:
    def __init__(self, upstream: str, faults: Faults) -> None:
        self.upstream, self.faults = upstream, faults
        self.rng = random.Random(faults.seed)
        self.url = ""
        self._server = None

    async def __aenter__(self) -> FaultyProxy:
        self._server = await serve(self._handle, "127.0.0.1", 0, subprotocols=[C.SUBPROTOCOL], compression=None,
                                   max_size=C.MAX_FRAME_BYTES)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/sync"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, client: ServerConnection) -> None:
        try:
            async with websockets.connect(self.upstream, subprotocols=[C.SUBPROTOCOL], compression=None,
                                          max_size=C.MAX_FRAME_BYTES) as server:
                cut = asyncio.Event()
                a = asyncio.create_task(self._pump(client, server, cut, up=True))
                b = asyncio.create_task(self._pump(server, client, cut, up=False))
                await cut.wait()
                for t in (a, b):
                    t.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await t
        except (OSError, websockets.exceptions.WebSocketException):
            pass
        finally:
            with contextlib.suppress(Exception):
                await client.close(1011, "proxy gone")

    async def _pump(self, src, dst, cut: asyncio.Event, up: bool) -> None:  # noqa: ANN001
        f, rng = self.faults, self.rng
        held: str | bytes | None = None
        first = True
        loop = asyncio.get_running_loop()
        release: asyncio.TimerHandle | None = None

        def let_go() -> None:  # a held frame overtaken by nothing goes out a little late, as on a real link
            nonlocal held
            if held is not None:
                msg, held = held, None
                task = loop.create_task(dst.send(msg))
                task.add_done_callback(lambda t: t.cancelled() or t.exception())  # a closed socket: fine

        try:
            async for msg in src:
                f.counts["frames"] += 1
                if first and up:
                    first = False
                    await dst.send(msg)  # the hello goes through
                    continue
                if f.enabled and f.cut_every and rng.random() < 1 / f.cut_every:
                    f.counts["cuts"] += 1
                    break
                if f.enabled and rng.random() < f.drop:
                    f.counts["dropped"] += 1
                    continue
                if f.enabled and f.delay_ms:
                    await asyncio.sleep(rng.random() * f.delay_ms / 1000)
                if f.enabled and held is None and rng.random() < f.reorder:
                    held = msg
                    f.counts["reordered"] += 1
                    release = loop.call_later(0.05, let_go)
                    continue
                await dst.send(msg)
                if held is not None:  # the frame after it went first
                    if release is not None:
                        release.cancel()
                    late, held = held, None
                    await dst.send(late)
                if f.enabled and rng.random() < f.duplicate:
                    f.counts["doubled"] += 1
                    await dst.send(msg)
            if held is not None:
                await dst.send(held)
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            cut.set()
