"""ack_p99_ms: 50 authenticated connections (50 agents of one team, each writing to its own
conversation) send message.send mutations in a loop, one in flight each; latency = send of the
`mutate` frame → receipt of its `ack`. Every mutation also fans its events out to the 49 others, as
it would in a busy team. Server in its own process (see b_fanout.py for why), clients on bench/rawws.py.
Floor: the same number of round trips, same frame, 50 sockets, one in flight each, echoed by a bare
websockets server; also reported: the same echo after one INSERT+COMMIT (WAL, synchronous=FULL) on a
single writer thread, which is the plainest durable ack."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from bench import world
from bench.common import bare_server, cs_server, log, pct, r
from bench.rawws import Conn, Pool, frame

SUBPROTOCOL = "csync.v1.json"
WARMUP = 3


class Loop:
    def __init__(self, pool: Pool, make_frame, is_reply, per_client: int) -> None:  # noqa: ANN001
        self.pool = pool
        self.make_frame = make_frame
        self.is_reply = is_reply
        self.per_client = per_client
        self.lat: list[float] = []
        self.done = 0
        self.refused: list[bytes] = []
        self.conv: dict[int, int] = {}
        self.running = False

    def start(self, conns: list[Conn]) -> None:
        self.running = True
        for c in conns:
            c.left = self.per_client + WARMUP
            self._send(c)

    def _send(self, c: Conn) -> None:
        c.n += 1
        f = self.make_frame(c)
        c.t_sent = time.monotonic_ns()
        c.sock.sendall(f)

    def handle(self, c: Conn, payload: bytes, t: int) -> None:
        if not self.running or not self.is_reply(payload):
            return
        if b'"ok":false' in payload:
            self.refused.append(payload)
        c.left -= 1
        if c.left < self.per_client:
            self.lat.append((t - c.t_sent) / 1e6)
        if c.left > 0:
            self._send(c)
        else:
            self.done += 1


def _open(pool: Pool, hellos: list[bytes], timeout: float = 60) -> tuple[list[Conn], dict]:
    st = {"ready": 0, "errors": [], "closed": 0, "loop": None}
    pending: dict[int, bytes] = {}

    def on_open(c: Conn) -> None:
        c.send(pending.pop(c.i))

    def on_msg(c: Conn, op: int, payload: bytes, t: int) -> None:
        if not c.ready:
            if b'"t":"caught_up"' in payload[:40]:
                c.ready = True
                st["ready"] += 1
            elif b'"t":"error"' in payload[:40]:
                st["errors"].append(payload)
            return
        if st["loop"] is not None:
            st["loop"].handle(c, payload, t)

    def on_close(c: Conn) -> None:
        st["closed"] += 1

    pool.on_open, pool.handler, pool.on_close = on_open, on_msg, on_close
    conns = []
    for h in hellos:
        c = pool.connect()
        pending[c.i] = h
        conns.append(c)
    pool.run(lambda: st["ready"] == len(hellos) or bool(st["errors"]) or st["closed"] > 0, timeout, "connections")
    if st["errors"] or st["closed"]:
        raise RuntimeError(f"connections refused: {st}")
    return conns, st


def _body(i: int) -> str:
    return f"您好，已为您登记退款申请，预计 1-3 个工作日到账。Refund request #{i} registered, thanks for waiting."


def _ours(tmp: Path, n_clients: int, total: int) -> dict[str, Any]:
    data = tmp / "ack-server"
    w = world.seed(data, n_users=n_clients, n_convs=n_clients)
    per = total // n_clients
    with cs_server(data) as srv:
        pool = Pool("127.0.0.1", srv.port, "/sync", SUBPROTOCOL)
        try:
            hellos = [orjson.dumps({"v": 1, "t": "hello", "client_id": str(uuid.uuid4()),
                                    "cursor": {"epoch": w.epoch, "seq": w.head}, "auth": {"token": w.tokens[i]},
                                    "app": "bench"}) for i in range(n_clients)]
            conns, st = _open(pool, hellos)
            conv = {c.i: w.convs[k] for k, c in enumerate(conns)}

            def make(c: Conn) -> bytes:
                return frame(orjson.dumps({"v": 1, "t": "mutate", "muts": [{
                    "n": c.n, "op": "message.send",
                    "args": {"conversation_id": conv[c.i], "message_id": str(uuid.uuid4()), "body": _body(c.n)}}]}))

            loop = Loop(pool, make, lambda p: p[:30].find(b'"t":"ack"') >= 0, per)
            st["loop"] = loop
            t = time.perf_counter()
            loop.start(conns)
            pool.run(lambda: loop.done == len(conns) or st["closed"] > 0, 600, "acks")
            wall = time.perf_counter() - t
            if st["closed"] or loop.refused:
                raise RuntimeError(f"ack run failed: closed {st['closed']}, refused {loop.refused[:2]}")
        finally:
            pool.close_all()
    n = len(loop.lat)
    log(f"ack: {n} acks, p50 {pct(loop.lat, 50):.1f} ms, p99 {pct(loop.lat, 99):.1f} ms, "
        f"{(n + WARMUP * n_clients) / wall:.0f} mutations/s")
    return {"ack_p99_ms": r(pct(loop.lat, 99)), "ack_p50_ms": r(pct(loop.lat, 50)),
            "ack_mutations_per_s": r((n + WARMUP * n_clients) / wall, 1), "ack_clients": n_clients,
            "ack_mutations": n}


def _floor(tmp: Path, n_clients: int, total: int) -> dict[str, Any]:
    per = total // n_clients
    out: dict[str, Any] = {}
    with bare_server(tmp, tmp / "bare-ack.sqlite3") as srv:
        pool = Pool("127.0.0.1", srv.port, "/", SUBPROTOCOL)
        try:
            conns, st = _open(pool, [b'{"v":1,"t":"hello"}'] * (n_clients + 1))
            control, conns = conns[0], conns[1:]

            def make(c: Conn) -> bytes:
                return frame(orjson.dumps({"v": 1, "t": "mutate", "muts": [{
                    "n": c.n, "op": "message.send",
                    "args": {"conversation_id": 1 + c.i, "message_id": str(uuid.uuid4()), "body": _body(c.n)}}]}))

            for mode, key in (("echo", "ack_p99_ms_floor"), ("commit", "ack_p99_ms_floor_commit")):
                done = {"v": False}
                st["loop"] = None
                control.send(f"MODE {mode}")
                orig = pool.handler

                def h(c: Conn, op: int, p: bytes, t: int, orig=orig, done=done) -> None:
                    if c is control:
                        done["v"] = True
                    else:
                        orig(c, op, p, t)
                pool.handler = h
                pool.run(lambda done=done: done["v"], 10, "mode switch")
                for c in conns:
                    c.n = 0
                loop = Loop(pool, make, lambda p: p[:20].find(b'"t":"mutate"') >= 0, per)
                st["loop"] = loop
                loop.start(conns)
                pool.run(lambda loop=loop: loop.done == len(conns), 300, "echoes")
                pool.handler = orig
                out[key] = r(pct(loop.lat, 99))
                log(f"ack floor ({mode}): p50 {pct(loop.lat, 50):.2f} ms, p99 {out[key]} ms")
        finally:
            pool.close_all()
    return out


def run(tmp: Path, n_clients: int, total: int) -> dict[str, Any]:
    out = _ours(tmp, n_clients, total)
    out.update(_floor(tmp, n_clients, total))
    return out
