"""The floor server: a bare `websockets` server configured like ours (no compression, 1 MiB frames,
ping 20 s / 20 s, the csync subprotocol), with no protocol, no auth and no database beyond what a
floor asks for. `python -m bench.bare_server DB_PATH` prints "PORT n" once it listens.

Frames from a client:
- the first one is its hello: answered with a tiny welcome and caught_up; the socket then joins the
  broadcast set, unless the hello contains "control";
- "BCAST size commit" (control socket): t0 = CLOCK_MONOTONIC; with commit=1 one row is inserted and
  committed (WAL, synchronous=FULL, on one writer thread, like the real server); then one frame of
  `size` bytes carrying t0 goes to every member with websockets.broadcast;
- "MODE echo" / "MODE commit": how later frames are answered (commit = insert+COMMIT, then echo);
- anything else is echoed back."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from websockets.asyncio.server import ServerConnection, broadcast, serve

MEMBERS: set[ServerConnection] = set()
STATE = {"commit_echo": False}


class Writer:
    def __init__(self, path: str) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.path = path
        self.conn: sqlite3.Connection | None = None
        self.pool.submit(self._open).result()

    def _open(self) -> None:
        c = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=FULL")
        c.execute("CREATE TABLE IF NOT EXISTS log(seq INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        self.conn = c

    def _commit(self, body: bytes) -> None:
        assert self.conn is not None
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO log(body) VALUES(?)", (body,))
        self.conn.execute("COMMIT")

    async def commit(self, body: bytes) -> None:
        await asyncio.get_running_loop().run_in_executor(self.pool, self._commit, body)


WRITER: Writer | None = None


def _frame(t0: int, size: int) -> str:
    head = f'{{"v":1,"t":"events","t0":{t0},"pad":"'
    return head + "x" * max(0, size - len(head) - 2) + '"}'


async def handler(ws: ServerConnection) -> None:
    assert WRITER is not None
    hello = await ws.recv()
    control = "control" in hello
    await ws.send('{"v":1,"t":"welcome"}')
    await ws.send('{"v":1,"t":"caught_up"}')
    if not control:
        MEMBERS.add(ws)
    try:
        async for msg in ws:
            if isinstance(msg, str) and msg.startswith("BCAST "):
                _, size, commit = msg.split()
                t0 = time.monotonic_ns()
                if commit == "1":
                    await WRITER.commit(msg.encode())
                broadcast(MEMBERS, _frame(t0, int(size)))
                await ws.send('{"t":"done"}')
            elif isinstance(msg, str) and msg.startswith("MODE "):
                STATE["commit_echo"] = msg.split()[1] == "commit"
                await ws.send('{"t":"done"}')
            else:
                if STATE["commit_echo"]:
                    await WRITER.commit(msg.encode() if isinstance(msg, str) else msg)
                await ws.send(msg)
    finally:
        MEMBERS.discard(ws)


async def main(db_path: str) -> None:
    global WRITER
    WRITER = Writer(db_path)
    async with serve(handler, "127.0.0.1", 0, subprotocols=["csync.v1.json"], compression=None,
                     max_size=1024 * 1024, ping_interval=20.0, ping_timeout=20.0, backlog=4096) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    import contextlib
    import signal

    loop = asyncio.new_event_loop()
    task = loop.create_task(main(sys.argv[1]))
    loop.add_signal_handler(signal.SIGTERM, task.cancel)
    with contextlib.suppress(asyncio.CancelledError, KeyboardInterrupt):
        loop.run_until_complete(task)
