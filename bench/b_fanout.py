"""fanout_1000_p99_ms and conn_kib, on one server run (and one floor server run).

Process layout, on a 2-core machine: the server runs alone in its own process (the production CLI,
`python -m cs_desk.server serve`, through bench/server_proc.py for two timestamps), and every client
socket lives in this process, driven by bench/rawws.py. Server and clients sharing one asyncio loop
would make each receipt wait for the server's sends to 1,000 sockets *and* for the clients' reads of
them on the same core, i.e. measure both sums; in separate processes the server gets a core of its
own, as in production, and the clients (a few microseconds per frame) read on the other core while the
server still writes. Both processes stamp with CLOCK_MONOTONIC, which the kernel shares between them.

Connections: 1,000 authenticated idle sockets of 200 agents (5 each, the per-user limit
MAX_CONNECTIONS_PER_USER is left as it is), all of team "a", each with its own session token (issued
in the seed by auth.issue_token) and a cursor at the head, so each `hello` is a token check and an
empty catch-up, like a client reconnecting.

fanout: one customer message through the HTTP intake (POST /api/v1/messages, which commits a
`message` and a `conversation` event) is one event. Latency per connection = receipt of the `events`
frame − t_tx, the moment the writer thread entered intake.post_message (inside BEGIN IMMEDIATE, before
the rows, the event log rows and the COMMIT). Also reported: from t_pub (Hub.publish, after the COMMIT)
and from the client's POST. Floor: a bare websockets server (bench/bare_server.py) with 1,000 plain
connections: t0, one INSERT+COMMIT (WAL, synchronous=FULL, writer thread), websockets.broadcast of a
frame of the same size; and without the commit, for the from-publish figure.

conn_kib: VmRSS of the server process with no connection (after 5 warm-up connections came and went)
and with the 1,000 idle authenticated connections, (difference) / 1000. Floor: the same with the bare
server (its connections have said hello and been answered)."""

from __future__ import annotations

import socket
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from bench import world
from bench.common import bare_server, cs_server, log, pct, r
from bench.rawws import Conn, Pool

SUBPROTOCOL = "csync.v1.json"
USERS = 200
PER_USER = 5


class Poster:
    """HTTP/1.1 keep-alive client for the intake endpoint."""

    def __init__(self, port: int, api_key: str) -> None:
        self.port = port
        self.key = api_key
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.settimeout(30)
        self.buf = b""

    def send(self, i: int) -> None:
        body = orjson.dumps({"customer": {"name": "压测顾客", "email": "bench-fanout@example.com", "region": "上海"},
                             "body": f"你好，我想问一下订单 {900000 + i} 的发票什么时候能开出来？"
                                     f" Also, can the invoice be addressed to my company? (#{i})"})
        head = (f"POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Authorization: Bearer {self.key}\r\nIdempotency-Key: fanout-{i}-{uuid.uuid4()}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        self.sock.sendall(head + body)

    def response(self) -> int:
        while b"\r\n\r\n" not in self.buf:
            self._more()
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v)
        while len(rest) < length:
            self.buf = head + b"\r\n\r\n" + rest
            self._more()
            head, _, rest = self.buf.partition(b"\r\n\r\n")
        self.buf = rest[length:]
        status = int(head.split(b" ", 2)[1])
        if status not in (200, 201):
            raise RuntimeError(f"intake POST failed: {head.decode(errors='replace')} {rest[:length]!r}")
        return status

    def _more(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("intake connection closed")
        self.buf += chunk

    def close(self) -> None:
        self.sock.close()


class Fleet:
    """Many raw sockets on one Pool, with handlers for hello/caught_up and events receipts."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.ready = 0
        self.got = 0
        self.errors: list[bytes] = []
        self.closed = 0
        self.hello: dict[int, bytes] = {}
        self.members: list[Conn] = []
        self.control: Conn | None = None
        self.control_done = False
        self.t0_in_frame = False
        pool.on_open = self._open
        pool.handler = self._msg
        pool.on_close = self._closed

    def _open(self, c: Conn) -> None:
        c.send(self.hello.pop(c.i))

    def _closed(self, c: Conn) -> None:
        self.closed += 1

    def _msg(self, c: Conn, op: int, payload: bytes, t: int) -> None:
        head = payload[:40]
        if c is self.control:
            if b'"done"' in head:
                self.control_done = True
            if not c.ready and b'"caught_up"' in head:
                c.ready = True
            return
        if not c.ready:
            if b'"t":"caught_up"' in head:
                c.ready = True
                self.ready += 1
            elif b'"t":"error"' in head:
                self.errors.append(payload)
            return
        if not c.got and b'"t":"events"' in head:
            c.got = True
            c.t = t
            c.size = len(payload)
            if self.t0_in_frame:
                i = payload.index(b'"t0":') + 5
                c.t_sent = int(payload[i:payload.index(b",", i)])
            self.got += 1

    def open(self, hellos: list[bytes], batch: int = 100, timeout: float = 60.0) -> list[Conn]:
        conns = []
        for start in range(0, len(hellos), batch):
            want = self.ready + len(hellos[start:start + batch])
            for h in hellos[start:start + batch]:
                c = self.pool.connect()
                self.hello[c.i] = h
                conns.append(c)
            self.pool.run(lambda want=want: self.ready >= want or bool(self.errors) or self.closed > 0, timeout,
                          "connections to be welcomed and caught up")
            if self.errors or self.closed:
                raise RuntimeError(f"connections refused: {self.closed} closed, errors {self.errors[:3]}")
        return conns

    def open_control(self) -> Conn:
        c = self.pool.connect()
        self.hello[c.i] = b'{"v":1,"t":"hello","control":true}'
        self.control = c
        self.pool.run(lambda: c.ready, 20, "control connection")
        return c

    def expect(self) -> None:
        self.got = 0
        for c in self.members:
            c.got = False

    def wait_all(self, timeout: float = 20.0) -> None:
        self.pool.run(lambda: self.got >= len(self.members) or self.closed > 0, timeout,
                      f"{len(self.members)} receipts")
        if self.closed:
            raise RuntimeError(f"{self.closed} connections closed during fan-out")


def _rss(proc: Any, pool: Pool) -> int:
    vals = []
    for _ in range(3):
        pool.run_for(0.2)
        vals.append(proc.rss_kib())
    return int(statistics.median(vals))


def _hello(token: str, epoch: str, head: int) -> bytes:
    return orjson.dumps({"v": 1, "t": "hello", "client_id": str(uuid.uuid4()), "cursor": {"epoch": epoch, "seq": head},
                         "auth": {"token": token}, "app": "bench"})


def _ours(tmp: Path, n_conns: int, n_events: int) -> dict[str, Any]:
    data = tmp / "fanout-server"
    users = max(1, (n_conns + PER_USER - 1) // PER_USER)
    w = world.seed(data, n_users=users, n_convs=1)
    trace = tmp / "fanout-trace.txt"
    trace.write_text("")
    out: dict[str, Any] = {}
    with cs_server(data, trace=trace) as srv:
        pool = Pool("127.0.0.1", srv.port, "/sync", SUBPROTOCOL)
        fleet = Fleet(pool)
        poster = None
        try:
            warm = fleet.open([_hello(w.tokens[i], w.epoch, w.head) for i in range(5)])
            for c in warm:
                pool.close(c)
            fleet.closed = 0
            fleet.ready = 0
            pool.run_for(1.0)
            rss0 = _rss(srv, pool)
            t = time.perf_counter()
            fleet.members = fleet.open([_hello(w.tokens[i // PER_USER], w.epoch, w.head) for i in range(n_conns)])
            log(f"fanout: {n_conns} authenticated connections open in {time.perf_counter() - t:.1f} s")
            pool.run_for(1.0)
            rss1 = _rss(srv, pool)
            out["conn_kib"] = r((rss1 - rss0) / n_conns, 2)
            out["conn_server_rss_kib"] = {"idle": rss0, "with_connections": rss1}
            log(f"conn_kib: {out['conn_kib']} KiB/connection (RSS {rss0} → {rss1} KiB)")

            poster = Poster(srv.port, w.api_key)
            from_tx: list[float] = []
            from_pub: list[float] = []
            from_post: list[float] = []
            sizes = set()
            for i in range(n_events + 2):  # the first two warm up (new customer, new conversation)
                fleet.expect()
                t_post = time.monotonic_ns()
                poster.send(i)
                fleet.wait_all()
                poster.response()
                lines = trace.read_text().split()
                _seq, t_tx, t_pub = (int(x) for x in lines[-3:])
                if i < 2:
                    continue
                for c in fleet.members:
                    from_tx.append((c.t - t_tx) / 1e6)
                    from_pub.append((c.t - t_pub) / 1e6)
                    from_post.append((c.t - t_post) / 1e6)
                    sizes.add(c.size)
            out["fanout_1000_p99_ms"] = r(pct(from_tx, 99))
            out["fanout_1000_p50_ms"] = r(pct(from_tx, 50))
            out["fanout_1000_from_publish_p99_ms"] = r(pct(from_pub, 99))
            out["fanout_1000_from_post_p99_ms"] = r(pct(from_post, 99))
            out["fanout_frame_bytes"] = max(sizes)
            log(f"fanout: p50 {out['fanout_1000_p50_ms']} ms, p99 {out['fanout_1000_p99_ms']} ms from the write "
                f"transaction; p99 {out['fanout_1000_from_publish_p99_ms']} ms from publish "
                f"({len(from_tx)} receipts, frame {max(sizes)} B)")
        finally:
            if poster:
                poster.close()
            pool.close_all()
    return out


def _floor(tmp: Path, n_conns: int, n_events: int, frame_bytes: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with bare_server(tmp, tmp / "bare-fanout.sqlite3") as srv:
        pool = Pool("127.0.0.1", srv.port, "/", SUBPROTOCOL)
        fleet = Fleet(pool)
        fleet.t0_in_frame = True
        try:
            hello = b'{"v":1,"t":"hello"}'
            warm = fleet.open([hello] * 5)
            for c in warm:
                pool.close(c)
            fleet.closed = 0
            fleet.ready = 0
            pool.run_for(1.0)
            rss0 = _rss(srv, pool)
            fleet.members = fleet.open([hello] * n_conns)
            pool.run_for(1.0)
            rss1 = _rss(srv, pool)
            out["conn_kib_floor"] = r((rss1 - rss0) / n_conns, 2)
            out["conn_floor_rss_kib"] = {"idle": rss0, "with_connections": rss1}
            log(f"conn_kib floor: {out['conn_kib_floor']} KiB/connection (RSS {rss0} → {rss1} KiB)")
            control = fleet.open_control()
            for commit, key in ((1, "fanout_1000_p99_ms_floor"), (0, "fanout_1000_from_publish_p99_ms_floor")):
                lat: list[float] = []
                for i in range(n_events + 2):
                    fleet.expect()
                    fleet.control_done = False
                    control.send(f"BCAST {frame_bytes} {commit}")
                    fleet.wait_all()
                    pool.run(lambda: fleet.control_done, 10, "broadcast done")
                    if i >= 2:
                        lat += [(c.t - c.t_sent) / 1e6 for c in fleet.members]
                out[key] = r(pct(lat, 99))
                log(f"fanout floor ({'commit + ' if commit else ''}broadcast): p50 {pct(lat, 50):.2f} ms, "
                    f"p99 {out[key]} ms")
        finally:
            pool.close_all()
    return out


def run(tmp: Path, n_conns: int, n_events: int) -> dict[str, Any]:
    out = _ours(tmp, n_conns, n_events)
    out.update(_floor(tmp, n_conns, n_events, out["fanout_frame_bytes"]))
    out["fanout_connections"] = n_conns
    out["fanout_events"] = n_events
    return out
