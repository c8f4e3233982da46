"""catchup_100k_s: a fresh client whose cursor is (epoch, 0) catches up N events from a real server
(in its own process), from connect until the engine is LIVE. Floor: the same rows inserted into the
client tables (same schema, same PRAGMAs, FTS triggers included) with one executemany per table in
one transaction."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import orjson

from bench import world
from bench.common import cs_server, log, r
from cs_desk.store import db as store_db
from cs_desk.store.apply import COLUMNS
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import State, SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore


async def _catch_up(url: str, path: Path, w: world.World, timeout: float) -> tuple[float, dict[str, Any]]:
    store = Store(path)
    store.set_session(w.users[0], url)
    store.set_cursor({"epoch": w.epoch, "seq": 0})  # an existing client far behind: catch-up, not snapshot
    tokens = MemoryTokenStore()
    engine = SyncEngine(store, tokens, url)
    tokens.set(engine.token_key, w.tokens[0])
    client = SyncClient(engine, url)
    modes: list[str] = []
    engine.listeners.append(lambda what, p: modes.append(str(p)) if what == "state" else None)
    t0 = time.perf_counter()
    task = asyncio.create_task(client.run())
    try:
        await client.wait_for(lambda: engine.state is State.LIVE or task.done(), timeout)
        if task.done():
            task.result()
        elapsed = time.perf_counter() - t0
        c = store.conn
        info = {"states": modes,
                "messages": c.execute("SELECT count(*) FROM messages").fetchone()[0],
                "conversations": c.execute("SELECT count(*) FROM conversations").fetchone()[0],
                "customers": c.execute("SELECT count(*) FROM customers").fetchone()[0],
                "cursor": store.cursor()}
    finally:
        client.stop()
        await asyncio.wait_for(task, 15)
        store.close()
    return elapsed, info


def _floor(data: Path, path: Path) -> tuple[float, int]:
    """Reads the event bodies (untimed), then times only the inserts."""
    src = sqlite3.connect(str(data / "server.sqlite3"))
    rows: dict[str, list[tuple]] = {"customer": [], "conversation": [], "message": [], "other": []}
    for (body,) in src.execute("SELECT body FROM events WHERE team_id IS NULL OR team_id=? ORDER BY seq",
                               (world.TEAM,)):
        e = orjson.loads(body)
        k = e["k"]
        if k not in ("customer", "conversation", "message"):
            rows["other"].append(())
            continue
        _, cols, jcols = COLUMNS[k]
        d = e["d"]
        rows[k].append(tuple((None if d.get(c) is None else orjson.dumps(d[c]).decode()) if c in jcols
                             else d.get(c) for c in cols))
    src.close()
    conn = store_db.connect(path)
    store_db.migrate(conn)
    sql = {k: f"INSERT OR REPLACE INTO {COLUMNS[k][0]}({', '.join(COLUMNS[k][1])}) "
              f"VALUES({', '.join('?' * len(COLUMNS[k][1]))})" for k in ("customer", "conversation", "message")}
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for k in ("customer", "conversation", "message"):
        conn.executemany(sql[k], rows[k])
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed, sum(len(v) for v in rows.values())


def run(tmp: Path, n_events: int) -> dict[str, Any]:
    data = tmp / "catchup-server"
    t = time.perf_counter()
    w = world.seed(data, n_users=1, n_convs=0)
    hist = world.add_history(data, n_events, agent_id=w.users[0]["id"])
    log(f"catchup: built {hist['events']} events ({hist['messages']} messages, {hist['conversations']} "
        f"conversations) in {time.perf_counter() - t:.1f} s")
    with cs_server(data) as srv:
        url = f"ws://127.0.0.1:{srv.port}/sync"
        elapsed, info = asyncio.run(_catch_up(url, tmp / "catchup-client.sqlite3", w, timeout=300))
    if "catching_up" not in info["states"] or "snapshot" in info["states"]:
        raise RuntimeError(f"expected a log catch-up, the engine went through {info['states']}")
    if info["messages"] != hist["messages"] or info["conversations"] != hist["conversations"]:
        raise RuntimeError(f"catch-up incomplete: {info} vs {hist}")
    log(f"catchup: {elapsed:.2f} s to LIVE ({info['messages']} messages in the cache)")
    floor, n_rows = _floor(data, tmp / "catchup-floor.sqlite3")
    log(f"catchup floor: {floor:.2f} s for {n_rows} rows")
    return {"catchup_100k_s": r(elapsed), "catchup_100k_s_floor": r(floor), "catchup_events": hist["events"],
            "catchup_log_head": info["cursor"]["seq"]}
