"""The server process is SIGKILLed and restarted while events stream to a client: afterwards the
client's cache equals the server's state, nothing missing, nothing doubled."""

import asyncio
import json
import os
import re
import signal
import sqlite3
import sys
import urllib.error
import urllib.request
from pathlib import Path

from cs_desk.ops import actions
from cs_desk.store import queries
from tests.helpers.fixtures import make_agent
from tests.helpers.seed import seed

ROOT = Path(__file__).resolve().parents[2]


async def start_server(data: Path, port: int = 0) -> tuple[asyncio.subprocess.Process, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cs_desk.server", "serve", "--data", str(data), "--port", str(port),
        "--log-level", "warning", stdout=asyncio.subprocess.PIPE, cwd=ROOT, env=env)
    line = await asyncio.wait_for(proc.stdout.readline(), 30)
    m = re.search(rb":(\d+)/sync", line)
    assert m, line
    return proc, int(m.group(1))


def post(http: str, key: str, idem: str, body: str, email: str) -> bool:
    req = urllib.request.Request(
        f"{http}/api/v1/messages", method="POST",
        data=json.dumps({"customer": {"name": "流量客户", "email": email}, "body": body}).encode(),
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": idem, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status in (200, 201)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def server_state(db: Path) -> dict[str, set[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: {tuple(r) for r in conn.execute(f"SELECT {cols} FROM {t}")}
                for t, cols in queries.STATE_COLUMNS.items()}
    finally:
        conn.close()


async def test_server_killed_mid_stream(tmp_path):
    data = tmp_path / "server"
    world = seed(data)
    proc, port = await start_server(data)
    http = f"http://127.0.0.1:{port}"
    root = make_agent(f"ws://127.0.0.1:{port}/sync", tmp_path / "root.sqlite3", "root")
    await root.start()
    await root.live()

    halfway = asyncio.Event()
    state = {"http": http}

    async def feed(count: int) -> None:
        for i in range(count):
            if i == count // 2:
                halfway.set()
            # the same idempotency key is retried until the server answers: exactly once
            while not await asyncio.to_thread(post, state["http"], world.keys["a" if i % 2 else "b"], f"feed-{i}",
                                              f"流式消息 {i}", f"stream{i % 7}@example.com"):
                await asyncio.sleep(0.05)

    try:
        feeder = asyncio.create_task(feed(80))
        await halfway.wait()
        conv = world.convs["a"][0]
        for i in range(10):
            actions.add_note(root.store, conv, f"note during stream {i}")
        root.client.outbox_changed()
        proc.send_signal(signal.SIGKILL)  # while the feeder posts and the client receives
        await proc.wait()
        proc, _ = await start_server(data, port)
        await feeder
        await root.synced()
        head = sqlite3.connect(data / "server.sqlite3").execute("SELECT max(seq) FROM events").fetchone()[0]
        await root.wait(lambda: root.store.cursor()["seq"] >= head)
        assert queries.state(root.store.conn) == server_state(data / "server.sqlite3")
        srv = sqlite3.connect(data / "server.sqlite3")
        assert srv.execute("SELECT count(*) FROM messages WHERE body LIKE '流式消息 %'").fetchone()[0] == 80
        assert srv.execute("SELECT count(*) FROM messages WHERE body LIKE 'note during stream %'").fetchone()[0] == 10
    finally:
        await root.stop()
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 10)
