"""Shared fixtures: a real server on a free port over a real SQLite file, and real sync clients."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cs_desk.server.app import Running, serve
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore
from tests.helpers.seed import PASSWORD, World, seed


@dataclass
class Agent:
    store: Store
    engine: SyncEngine
    client: SyncClient
    task: asyncio.Task | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.client.run())

    async def wait(self, predicate, timeout: float = 20.0) -> None:
        if self.task is not None and self.task.done():
            self.task.result()
        await self.client.wait_for(predicate, timeout)

    async def live(self, timeout: float = 20.0) -> None:
        await self.wait(lambda: self.engine.state is State.LIVE, timeout)

    async def synced(self) -> None:
        """Live with an empty outbox."""
        await self.wait(lambda: self.engine.state is State.LIVE and self.store.outbox_count() == 0)

    async def stop(self) -> None:
        self.client.stop()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self.task, 10)
        self.store.close()


def make_agent(url: str, path: Path, user: str | None = None, password: str = PASSWORD,
               tokens: MemoryTokenStore | None = None) -> Agent:
    store = Store(path)
    # A short backoff cap keeps reconnect tests quick; the jitter logic is the production one.
    engine = SyncEngine(store, tokens or MemoryTokenStore(), url, login=(user, password) if user else None,
                        backoff=Backoff(base=0.02, cap=0.25))
    client = SyncClient(engine, url)
    return Agent(store, engine, client)


@dataclass
class Srv:
    running: Running
    world: World
    data: Path

    @property
    def url(self) -> str:
        return self.running.url


@pytest.fixture
async def srv(tmp_path: Path) -> AsyncIterator[Srv]:
    data = tmp_path / "server"
    world = seed(data)
    async with serve(data) as running:
        yield Srv(running, world, data)


@pytest.fixture
async def agents(srv: Srv, tmp_path: Path) -> AsyncIterator:
    made: list[Agent] = []

    async def factory(user: str, name: str | None = None, start: bool = True) -> Agent:
        a = make_agent(srv.url, tmp_path / f"{name or user}.sqlite3", user)
        made.append(a)
        if start:
            await a.start()
        return a

    yield factory
    for a in made:
        with contextlib.suppress(Exception):
            await a.stop()


@dataclass
class ThreadServer:
    url: str
    world: World
    data: Path
    loop: asyncio.AbstractEventLoop
    running: Running


@pytest.fixture
def server_thread(tmp_path: Path):
    """A real server on its own thread and loop, for tests whose own loop is Qt's (qasync)."""
    import threading

    data = tmp_path / "server"
    world = seed(data)
    ready = threading.Event()
    box: dict = {}

    async def main() -> None:
        box["stop"] = asyncio.Event()
        async with serve(data) as running:
            box["running"] = running
            ready.set()
            await box["stop"].wait()

    loop = asyncio.new_event_loop()
    t = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    t.start()
    assert ready.wait(30)
    yield ThreadServer(box["running"].url, world, data, loop, box["running"])
    loop.call_soon_threadsafe(box["stop"].set)
    t.join(10)
