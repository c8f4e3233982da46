"""Several server processes (real subprocesses) on one real PostgreSQL: an event committed by one
reaches the clients of the others (LISTEN/NOTIFY as the hint, the log as the truth); agents writing at
once through different processes each end with every event, none skipped or doubled; a web-chat
visitor on one process gets the reply an agent sent through another; exactly one process runs the
background duties, and when it is killed another takes them over."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
import websockets

from cs_desk.ops import actions
from cs_desk.server import visitors
from cs_desk.server.db import Database
from cs_desk.store import queries
from tests.helpers.fixtures import make_agent
from tests.helpers.postgres import postgres_cluster
from tests.helpers.seed import seed
from tests.integration.test_intake import post


@pytest.fixture
def pg_url():
    with postgres_cluster() as url:
        yield url


class Proc:
    def __init__(self, url: str, tmp) -> None:  # noqa: ANN001
        self.p = subprocess.Popen([sys.executable, "-m", "cs_desk.server", "serve", "--database-url", url,
                                   "--data", str(tmp), "--port", "0", "--log-level", "warning"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert self.p.stdout is not None
        for line in self.p.stdout:
            m = re.search(r"listening on (ws://\S+) \(HTTP (http://\S+)\)", line)
            if m:
                self.ws, self.http = m.group(1), m.group(2)
                break
        else:
            raise RuntimeError("the server process did not start")
        self._drain = asyncio.get_event_loop().run_in_executor(None, lambda: [None for _ in self.p.stdout])

    def health(self) -> dict:
        with urllib.request.urlopen(self.http + "/health", timeout=10) as r:
            return json.loads(r.read())

    def kill(self) -> None:
        self.p.send_signal(signal.SIGKILL)
        self.p.wait(10)

    def stop(self) -> None:
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Srv:  # what tests.integration.test_intake.post needs
    def __init__(self, proc: Proc, world) -> None:  # noqa: ANN001
        self.world = world
        self.running = type("R", (), {"http": proc.http})()


@contextlib.asynccontextmanager
async def processes(pg_url, tmp_path, n):  # noqa: ANN001, ANN201
    procs = [Proc(pg_url, tmp_path / f"p{i}") for i in range(n)]
    try:
        yield procs
    finally:
        for p in procs:
            await asyncio.to_thread(p.stop)


async def wait_until(predicate, timeout: float = 20.0) -> None:  # noqa: ANN001
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.02)


async def test_events_cross_processes_and_none_is_skipped(pg_url, tmp_path):
    world = seed(None, database_url=pg_url)
    async with processes(pg_url, tmp_path, 2) as (a, b):
        alice = make_agent(a.ws, tmp_path / "alice.sqlite3", "alice")
        bob = make_agent(b.ws, tmp_path / "bob.sqlite3", "bob")
        for agent in (alice, bob):
            await agent.start()
            await agent.live()
        conv = world.convs["a"][0]
        mid, _ = actions.send_reply(alice.store, conv, "从进程 A 发出")
        alice.client.outbox_changed()
        t0 = time.monotonic()
        await bob.wait(lambda: any(m["id"] == mid for m in queries.messages(bob.store.conn, conv)))
        crossed_ms = (time.monotonic() - t0) * 1000

        # a customer writes in through B's intake API: the agent on A sees the new conversation
        code, res = await post(Srv(b, world), {"customer": {"name": "赵敏", "email": "zhao@example.com"},
                                               "body": "两个进程都能看到吗"}, idem="pg-1")
        assert code == 201, res
        await alice.wait(lambda: queries.conversation(alice.store.conn, res["conversation_id"]) is not None)

        # both write at once, each through their own process: each ends with all 100 messages, once
        sent = []
        for i in range(50):
            sent.append(actions.send_reply(alice.store, conv, f"A{i}")[0])
            sent.append(actions.send_reply(bob.store, conv, f"B{i}")[0])
        alice.client.outbox_changed()
        bob.client.outbox_changed()
        for agent in (alice, bob):
            await agent.synced()
        for agent in (alice, bob):
            await agent.wait(lambda agent=agent: set(sent) <= {m["id"] for m in queries.messages(agent.store.conn, conv)})
            ids = [m["id"] for m in queries.messages(agent.store.conn, conv)]
            assert len(ids) == len(set(ids))
        db = Database(pg_url)
        try:
            with db.read_tx() as c:
                n = c.exec_driver_sql("SELECT count(*) FROM messages WHERE conversation_id = %s", (conv,)).scalar()
                seqs = [r[0] for r in c.exec_driver_sql("SELECT seq FROM events ORDER BY seq")]
        finally:
            db.close()
        assert n == sum(1 for m in queries.messages(bob.store.conn, conv))
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no hole in the log
        for agent in (alice, bob):
            await agent.stop()
    print(f"event crossed processes in {crossed_ms:.0f} ms")


async def test_a_visitor_on_one_process_gets_the_reply_sent_through_another(pg_url, tmp_path):
    seed(None, database_url=pg_url)
    db = Database(pg_url)
    try:
        with db.write_tx() as c:
            wid = visitors.add_widget(c, "a")
    finally:
        db.close()
    async with processes(pg_url, tmp_path, 2) as (a, b), \
               websockets.connect(a.ws.replace("/sync", "/visitor")) as v:
        await v.send(json.dumps({"t": "hello", "widget": wid, "name": "访客"}))
        assert json.loads(await v.recv())["t"] == "welcome"
        await v.send(json.dumps({"t": "say", "id": "v1", "body": "有人吗"}))
        while json.loads(await v.recv())["t"] != "ack":
            pass
        lena = make_agent(b.ws, tmp_path / "lena.sqlite3", "lena")
        await lena.start()
        await lena.live()
        await lena.wait(lambda: lena.store.conn.execute(
            "SELECT 1 FROM conversations WHERE channel = 'web'").fetchone() is not None)
        cid = lena.store.conn.execute("SELECT id FROM conversations WHERE channel = 'web'").fetchone()[0]
        actions.send_reply(lena.store, cid, "您好，在的")
        lena.client.outbox_changed()
        while True:
            f = json.loads(await asyncio.wait_for(v.recv(), 20))
            if f["t"] == "message":
                break
        assert f["body"] == "您好，在的" and f["from"] == "agent"
        await lena.stop()


def presence(pg_url: str, name: str) -> str:
    db = Database(pg_url)
    try:
        with db.read_tx() as c:
            return c.exec_driver_sql("SELECT presence FROM users WHERE name = %s", (name,)).scalar()
    finally:
        db.close()


async def test_one_process_runs_the_duties_and_another_takes_over(pg_url, tmp_path):
    seed(None, database_url=pg_url)
    async with processes(pg_url, tmp_path, 3) as procs:
        await wait_until(lambda: sum(p.health()["duties"] for p in procs) == 1)
        leader = next(p for p in procs if p.health()["duties"])
        rest = [p for p in procs if p is not leader]
        alice = make_agent(rest[0].ws, tmp_path / "alice.sqlite3", "alice")
        await alice.start()
        await alice.live()
        await wait_until(lambda: presence(pg_url, "alice") == "online")
        await asyncio.to_thread(leader.kill)
        await wait_until(lambda: sum(p.health()["duties"] for p in rest) == 1)
        # a process joining later does not mark the others' agents offline
        late = Proc(pg_url, tmp_path / "late")
        try:
            assert late.health()["ok"]
            assert presence(pg_url, "alice") == "online"
        finally:
            await asyncio.to_thread(late.stop)
        await alice.stop()
