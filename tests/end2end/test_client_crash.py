"""A client process SIGKILLed between local commit and send, and between send and ack, again and
again: after a final clean run the server holds every reply exactly once."""

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from cs_desk.server.app import serve
from tests.helpers.seed import PASSWORD, seed

ROOT = Path(__file__).resolve().parents[2]


async def run_client(url: str, cache: Path, mode: str, count: int, tag: str) -> tuple[int, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.helpers.crash_client", url, str(cache), "alice", PASSWORD, mode, str(count),
        tag, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT, env=env)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    mids = [line.split()[1] for line in out.decode().splitlines() if line.startswith("MID ")]
    if mode == "finish":
        assert proc.returncode == 0, err.decode()[-2000:]
    else:
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, err.decode()[-2000:])
    return proc.returncode, mids


async def test_killed_client_replays_each_change_exactly_once(tmp_path):
    data = tmp_path / "server"
    seed(data)
    cache = tmp_path / "alice.sqlite3"
    written: list[str] = []
    async with serve(data) as running:
        await run_client(running.url, cache, "finish", 0, "first")  # first login fills the cache
        for round_ in range(8):
            mode = "after_commit" if round_ % 2 == 0 else "after_send"
            _, mids = await run_client(running.url, cache, mode, 1 + round_ % 3, f"crash{round_}")
            assert mids
            written += mids
        await run_client(running.url, cache, "finish", 0, "last")
    srv = sqlite3.connect(data / "server.sqlite3")
    rows = srv.execute("SELECT id FROM messages WHERE body LIKE 'crash%'").fetchall()
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(written)
    local = sqlite3.connect(cache)
    assert local.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert local.execute("SELECT count(*) FROM messages WHERE state != 'sent'").fetchone()[0] == 0


async def test_killed_50_times_during_a_10000_change_replay_each_arrives_once(tmp_path):
    import random

    from cs_desk.ops import actions
    from cs_desk.store.store import Store

    data = tmp_path / "server"
    seed(data)
    cache = tmp_path / "alice.sqlite3"
    rng = random.Random(9)
    async with serve(data) as running:
        await run_client(running.url, cache, "finish", 0, "first")
        store = Store(cache)  # 10,000 changes made offline
        conv = store.conn.execute("SELECT id FROM conversations ORDER BY id LIMIT 1").fetchone()[0]
        written = [actions.send_reply(store, conv, f"replay-{i}")[0] for i in range(10_000)]
        store.close()
        kills = 0
        for _ in range(50):
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.helpers.crash_client", running.url, str(cache), "alice", PASSWORD,
                "replay_kill", str(rng.randint(1, 3)), "x", stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE, cwd=ROOT, env=env)
            _out, err = await asyncio.wait_for(proc.communicate(), 90)
            if proc.returncode == -signal.SIGKILL:
                kills += 1
            else:
                assert proc.returncode == 0, err.decode()[-2000:]
                break  # the outbox ran dry before the kill
        await run_client(running.url, cache, "finish", 0, "last")
    srv = sqlite3.connect(data / "server.sqlite3")
    ids = [r[0] for r in srv.execute("SELECT id FROM messages WHERE body LIKE 'replay-%'")]
    assert len(ids) == len(set(ids)) == 10_000 and set(ids) == set(written)
    local = sqlite3.connect(cache)
    assert local.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    print(f"{kills} kills during the replay")
    assert kills >= 40
