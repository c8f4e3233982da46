"""The asyncio↔Qt seam: a real server in its own thread, the sync client on the Qt loop (qasync)."""

import asyncio
import threading

import pytest
import qasync

from cs_desk.ops import actions
from cs_desk.server.app import serve
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, SyncEngine
from cs_desk.sync.qt_bridge import SyncBridge
from cs_desk.sync.tokens import MemoryTokenStore
from tests.helpers.seed import PASSWORD, seed


@pytest.fixture
def server_thread(tmp_path):
    data = tmp_path / "server"
    world = seed(data)
    ready, stop = threading.Event(), None
    box = {}

    async def main():
        nonlocal stop
        stop = asyncio.Event()
        async with serve(data) as running:
            box["url"] = running.url
            ready.set()
            await stop.wait()

    loop = asyncio.new_event_loop()
    t = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    t.start()
    assert ready.wait(30)
    yield box["url"], world
    loop.call_soon_threadsafe(stop.set)
    t.join(10)


def test_bridge_signals_under_qasync(qapp, qtbot, server_thread, tmp_path):
    url, world = server_thread
    store = Store(tmp_path / "alice.sqlite3")
    engine = SyncEngine(store, MemoryTokenStore(), url, login=("alice", PASSWORD), backoff=Backoff(0.02, 0.2))
    bridge = SyncBridge(engine, SyncClient(engine, url))
    states: list[str] = []
    bridge.stateChanged.connect(states.append)
    applied = []
    bridge.changesApplied.connect(applied.append)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        async def scenario():
            bridge.start()
            await bridge.client.wait_for(lambda: engine.state.value == "live", 20)
            mid, _ = actions.send_reply(store, world.convs["a"][0], "来自Qt线程的回复")
            bridge.outbox_changed()
            await bridge.client.wait_for(lambda: store.outbox_count() == 0, 20)
            await bridge.stop()
            return mid

        mid = loop.run_until_complete(scenario())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    assert states[:2] == ["connecting", "snapshot"] and "live" in states
    assert any(mid in ch.messages for ch in applied)
    assert store.conn.execute("SELECT state FROM messages WHERE id=?", (mid,)).fetchone()[0] == "sent"
    store.close()
