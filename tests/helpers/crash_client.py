"""A sync client in its own process, for tests that kill it at chosen moments.

usage: crash_client.py URL CACHE USER PASSWORD MODE COUNT TAG
  MODE after_commit: write COUNT replies locally, then SIGKILL itself before any network
  MODE after_send:   connect, write COUNT replies, SIGKILL itself right after the mutate frame is sent
  MODE finish:       connect and wait until the outbox is empty, then exit 0
  MODE replay_kill:  connect and replay the outbox; SIGKILL itself after the COUNT-th mutate frame
                     went out (some acks in, some not)
Prints one line per reply written: "MID <message id>" (flushed before any kill)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from cs_desk.ops import actions
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def write(store: Store, count: int, tag: str) -> None:
    conv = store.conn.execute("SELECT id FROM conversations ORDER BY id LIMIT 1").fetchone()[0]
    for i in range(count):
        mid, _ = actions.send_reply(store, conv, f"{tag}-{i}")
        print("MID", mid, flush=True)


async def main() -> int:
    url, cache, user, password, mode, count, tag = sys.argv[1:8]
    store = Store(cache)
    if mode == "after_commit":
        write(store, int(count), tag)
        die()
    engine = SyncEngine(store, MemoryTokenStore(), url, login=(user, password), backoff=Backoff(0.02, 0.25))

    sent = [0]

    def on_sent(frame: str) -> None:
        if mode == "after_send" and '"t":"mutate"' in frame and f"{tag}-" in frame:
            die()
        if mode == "replay_kill" and '"t":"mutate"' in frame:
            sent[0] += 1
            if sent[0] >= int(count):
                die()

    client = SyncClient(engine, url, on_frame_sent=on_sent)
    task = asyncio.create_task(client.run())
    await client.wait_for(lambda: engine.state is State.LIVE, 30)
    if mode == "replay_kill":
        await asyncio.wait_for(task, 60)  # the hook kills us (or the outbox ran dry first)
        return 0
    if mode == "after_send":
        write(store, int(count), tag)
        client.outbox_changed()
        await asyncio.wait_for(task, 30)  # never returns: the hook kills us
        return 3
    await client.wait_for(lambda: engine.state is State.LIVE and store.outbox_count() == 0, 30)
    client.stop()
    await task
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
