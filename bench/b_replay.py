"""replay_10k_s: N mutations (90% message.send, 5% tag.add, 5% status.set) made offline through
cs_desk.ops.actions into a client cache that had synced before; then the client reconnects to the
running server (own process) and the time until its outbox is empty (every mutation acked) is taken.
Exactly once is checked in the server database. Floor: the same message rows plus one idempotency
record per mutation inserted into a copy of the server database in one transaction."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from bench import world
from bench.common import cs_server, log, r
from cs_desk.domain.clock import utc_now_iso
from cs_desk.ops import actions
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore

TAGS = ["vip", "urgent", "refund", "物流", "换货"]


def _client(store: Store, tokens: MemoryTokenStore, url: str) -> tuple[SyncEngine, SyncClient]:
    engine = SyncEngine(store, tokens, url, backoff=Backoff(base=0.05, cap=0.5))
    return engine, SyncClient(engine, url)


async def _run(url: str, path: Path, w: world.World, n: int) -> dict[str, Any]:
    store = Store(path)
    tokens = MemoryTokenStore()
    tokens.set(f"{url}#{store.client_id}", w.tokens[0])
    # First sync (snapshot), so the cache knows the conversations it will write to offline.
    engine, client = _client(store, tokens, url)
    task = asyncio.create_task(client.run())
    await client.wait_for(lambda: engine.state is State.LIVE, 60)
    client.stop()
    await asyncio.wait_for(task, 15)

    t = time.perf_counter()
    sent: list[str] = []
    kinds = {"message.send": 0, "tag.add": 0, "status.set": 0}
    for i in range(n):
        conv = w.convs[i % len(w.convs)]
        if i % 20 == 7:
            actions.add_tag(store, "conversation", conv, TAGS[i % len(TAGS)])
            kinds["tag.add"] += 1
        elif i % 20 == 13:
            actions.set_status(store, conv, "pending" if (i // 20) % 2 == 0 else "open")
            kinds["status.set"] += 1
        else:
            mid, _ = actions.send_reply(store, conv, f"您好，第 {i} 条回复：已为您加急处理 order {100000 + i}, thanks!")
            sent.append(mid)
            kinds["message.send"] += 1
    enqueue_s = time.perf_counter() - t
    assert store.outbox_count() == n
    log(f"replay: {n} mutations enqueued offline in {enqueue_s:.1f} s ({kinds})")

    engine, client = _client(store, tokens, url)
    t0 = time.perf_counter()
    task = asyncio.create_task(client.run())
    try:
        await client.wait_for(lambda: store.outbox_count() == 0 or task.done(), 300)
        if task.done():
            task.result()
        elapsed = time.perf_counter() - t0
        client_sent = store.conn.execute("SELECT count(*) FROM messages WHERE state='sent' AND author_kind='agent'"
                                         ).fetchone()[0]
        client_failed = store.conn.execute("SELECT count(*) FROM messages WHERE state='failed'").fetchone()[0]
        notices = store.conn.execute("SELECT count(*) FROM notices").fetchone()[0]
        client_id = store.client_id
    finally:
        client.stop()
        await asyncio.wait_for(task, 15)
        store.close()
    return {"elapsed": elapsed, "enqueue_s": enqueue_s, "sent": sent, "kinds": kinds, "client_id": client_id,
            "client_sent": client_sent, "client_failed": client_failed, "notices": notices}


def _verify(db_path: Path, res: dict[str, Any], n: int, user_id: int) -> dict[str, Any]:
    c = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        total, distinct = c.execute("SELECT count(*), count(DISTINCT n) FROM mutations WHERE client_id=?",
                                    (res["client_id"],)).fetchone()
        rejected = c.execute("SELECT count(*) FROM mutations WHERE client_id=? AND result LIKE '%\"ok\":false%'",
                             (res["client_id"],)).fetchone()[0]
        ids = [row[0] for row in c.execute("SELECT id FROM messages WHERE author_kind='agent' AND author_id=?",
                                           (user_id,))]
    finally:
        c.close()
    ok = (total == n and distinct == n and rejected == 0 and len(ids) == len(set(ids)) == len(res["sent"])
          and set(ids) == set(res["sent"]) and res["client_sent"] == len(res["sent"])
          and res["client_failed"] == 0 and res["notices"] == 0)
    return {"replay_exactly_once": ok, "replay_server_mutation_rows": total, "replay_server_messages": len(ids),
            "replay_rejected": rejected}


def _floor(src: Path, dst: Path, n: int, n_msgs: int, convs: list[int], user_id: int) -> float:
    s = sqlite3.connect(str(src))
    d = sqlite3.connect(str(dst), isolation_level=None)
    s.backup(d)
    s.close()
    d.execute("PRAGMA journal_mode=WAL")
    d.execute("PRAGMA synchronous=FULL")
    d.execute("PRAGMA foreign_keys=ON")
    now = utc_now_iso()
    client_id = str(uuid.uuid4())
    msgs = [(str(uuid.uuid4()), convs[i % len(convs)], "agent", user_id, "reply",
             f"您好，第 {i} 条回复：已为您加急处理 order {100000 + i}, thanks!", now) for i in range(n_msgs)]
    muts = [(client_id, i + 1, user_id, '{"ok":true}', now) for i in range(n)]
    t0 = time.perf_counter()
    d.execute("BEGIN IMMEDIATE")
    d.executemany("INSERT INTO messages(id, conversation_id, author_kind, author_id, kind, body, created_at) "
                  "VALUES(?,?,?,?,?,?,?)", msgs)
    d.executemany("INSERT INTO mutations(client_id, n, user_id, result, created_at) VALUES(?,?,?,?,?)", muts)
    d.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    d.close()
    return elapsed


def run(tmp: Path, n: int) -> dict[str, Any]:
    data = tmp / "replay-server"
    w = world.seed(data, n_users=1, n_convs=20)
    floor_src = tmp / "replay-floor-src.sqlite3"
    s = sqlite3.connect(str(data / "server.sqlite3"))
    f = sqlite3.connect(str(floor_src))
    s.backup(f)  # the database as the replay finds it
    s.close()
    f.close()
    with cs_server(data) as srv:
        url = f"ws://127.0.0.1:{srv.port}/sync"
        res = asyncio.run(_run(url, tmp / "replay-client.sqlite3", w, n))
        check = _verify(data / "server.sqlite3", res, n, w.users[0]["id"])
    log(f"replay: {res['elapsed']:.2f} s until the outbox was empty; {check}")
    if not check["replay_exactly_once"]:
        raise RuntimeError(f"replay was not exactly once: {check}")
    floor = _floor(floor_src, tmp / "replay-floor.sqlite3", n, len(res["sent"]), w.convs, w.users[0]["id"])
    log(f"replay floor: {floor:.3f} s")
    return {"replay_10k_s": r(res["elapsed"]), "replay_10k_s_floor": r(floor), "replay_mutations": n,
            "replay_mix": res["kinds"], "replay_enqueue_offline_s": r(res["enqueue_s"]), **check}
