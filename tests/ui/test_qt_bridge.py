"""The asyncio↔Qt seam: a real server in its own thread, the sync client on the Qt loop (qasync)."""

import asyncio

import qasync

from cs_desk.ops import actions
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, SyncEngine
from cs_desk.sync.qt_bridge import SyncBridge
from cs_desk.sync.tokens import MemoryTokenStore
from tests.helpers.seed import PASSWORD


def test_bridge_signals_under_qasync(qapp, qtbot, server_thread, tmp_path):
    url, world = server_thread.url, server_thread.world
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
