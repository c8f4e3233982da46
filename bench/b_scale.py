"""Scale figures for issue #9.

conns_per_process: idle authenticated websocket connections one server process holds. Connections
are opened in batches of 200 (each a token `hello` with the cursor at the head, then `caught_up`)
up to 10,000, reading the server's VmRSS after each batch; the run stops early if the RSS passes
2 GiB or a connection is refused. Reported: the connections held, the RSS with them, KiB per
connection, and how many 2 GiB would hold at that rate. Floor: conn_kib_floor of the fanout bench
(a bare websockets server) is the per-connection floor.

pg_fanout_3proc_p99_ms: three server processes on one PostgreSQL (a throwaway cluster started here),
1,000 connections spread over them (334/333/333), one customer message posted to process 0's intake
API; latency = receipt of the `events` frame on each connection − the POST, p99 over all receipts.
For two thirds of the sockets the event crosses processes (COMMIT → NOTIFY → the other process reads
the log). Floor (pg_fanout_3proc_p99_ms_floor): the same 1,000 connections on one process on the same
database, so the figure over the floor is what the cross-process hop costs."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from bench import world
from bench.b_fanout import PER_USER, SUBPROTOCOL, Fleet, Poster, _hello, _rss
from bench.common import cs_server, log, pct, r
from bench.rawws import Pool

LIMIT_KIB = 2 * 1024 * 1024


def conns_per_process(tmp: Path, target: int) -> dict[str, Any]:
    data = tmp / "conns-server"
    w = world.seed(data, n_users=(target + PER_USER - 1) // PER_USER, n_convs=1)
    out: dict[str, Any] = {}
    with cs_server(data) as srv:
        pool = Pool("127.0.0.1", srv.port, "/sync", SUBPROTOCOL)
        fleet = Fleet(pool)
        try:
            pool.run_for(1.0)
            rss0 = _rss(srv, pool)
            held, rss = 0, rss0
            t = time.perf_counter()
            while held < target:
                n = min(200, target - held)
                try:
                    fleet.members += fleet.open([_hello(w.tokens[(held + i) // PER_USER], w.epoch, w.head)
                                                 for i in range(n)], batch=n, timeout=120)
                except RuntimeError as exc:
                    log(f"conns: refused after {held}: {exc}")
                    out["conns_refused"] = str(exc)[:300]
                    break
                held += n
                rss = srv.rss_kib()
                if held % 2000 == 0:
                    log(f"conns: {held} open, RSS {rss // 1024} MiB ({time.perf_counter() - t:.1f} s)")
                if rss > LIMIT_KIB:
                    break
            pool.run_for(2.0)
            rss = _rss(srv, pool)
            per = (rss - rss0) / max(1, held)
            out.update({"conns_per_process": held, "conns_per_process_rss_mib": round(rss / 1024, 1),
                        "conns_per_process_kib_each": r(per, 2),
                        "conns_per_process_2gib_estimate": int((LIMIT_KIB - rss0) / per) if per > 0 else None,
                        "conns_open_s": r(time.perf_counter() - t, 1)})
            log(f"conns_per_process: {held} held in {rss // 1024} MiB ({per:.1f} KiB each; 2 GiB would hold "
                f"~{out['conns_per_process_2gib_estimate']})")
        finally:
            pool.close_all()
    return out


def _fanout(w: world.World, ports: list[int], n_conns: int, n_events: int, post_port: int) -> list[float]:
    pools = [Pool("127.0.0.1", p, "/sync", SUBPROTOCOL) for p in ports]
    fleets = [Fleet(p) for p in pools]
    poster = None
    try:
        k = 0
        for i, fleet in enumerate(fleets):
            share = n_conns // len(fleets) + (1 if i < n_conns % len(fleets) else 0)
            fleet.members = fleet.open([_hello(w.tokens[(k + j) // PER_USER], w.epoch, w.head)
                                        for j in range(share)])
            k += share
        for pool in pools:
            pool.run_for(0.5)
        poster = Poster(post_port, w.api_key)
        lat: list[float] = []
        for e in range(n_events + 2):
            for fleet in fleets:
                fleet.expect()
            t_post = time.monotonic_ns()
            poster.send(e)
            deadline = time.monotonic() + 20
            while any(f.got < len(f.members) for f in fleets):
                if time.monotonic() > deadline:
                    raise RuntimeError("fan-out receipts missing")
                for pool in pools:
                    pool.run_for(0.0005)
            poster.response()
            if e >= 2:
                lat += [(c.t - t_post) / 1e6 for f in fleets for c in f.members]
        return lat
    finally:
        if poster:
            poster.close()
        for pool in pools:
            pool.close_all()


def pg_fanout(tmp: Path, n_conns: int, n_events: int) -> dict[str, Any]:
    from tests.helpers.postgres import postgres_cluster

    out: dict[str, Any] = {}
    with postgres_cluster() as url:
        w = world.seed(tmp / "pg-seed", n_users=(n_conns + PER_USER - 1) // PER_USER, n_convs=1, database_url=url)
        with contextlib.ExitStack() as stack:
            for i in range(3):
                (tmp / f"pg-proc{i}").mkdir(parents=True, exist_ok=True)
            procs = [stack.enter_context(cs_server(tmp / f"pg-proc{i}", database_url=url, name=f"proc{i}"))
                     for i in range(3)]
            lat = _fanout(w, [p.port for p in procs], n_conns, n_events, procs[0].port)
            out["pg_fanout_3proc_p99_ms"] = r(pct(lat, 99))
            out["pg_fanout_3proc_p50_ms"] = r(pct(lat, 50))
            log(f"pg fan-out over 3 processes: p50 {out['pg_fanout_3proc_p50_ms']} ms, "
                f"p99 {out['pg_fanout_3proc_p99_ms']} ms ({len(lat)} receipts)")
        w2 = world.World(epoch=w.epoch, tokens=w.tokens, api_key=w.api_key)
        (tmp / "pg-single").mkdir(parents=True, exist_ok=True)
        with cs_server(tmp / "pg-single", database_url=url, name="single") as one:
            import urllib.request

            import orjson

            with urllib.request.urlopen(f"http://127.0.0.1:{one.port}/health", timeout=10) as resp:
                w2.head = orjson.loads(resp.read())["head"]
            lat = _fanout(w2, [one.port], n_conns, n_events, one.port)
            out["pg_fanout_3proc_p99_ms_floor"] = r(pct(lat, 99))
            log(f"pg fan-out, one process (floor): p50 {pct(lat, 50):.2f} ms, p99 {out['pg_fanout_3proc_p99_ms_floor']} ms")
    out["pg_fanout_connections"] = n_conns
    return out


def run(tmp: Path, quick: bool) -> dict[str, Any]:
    out = conns_per_process(tmp, 2_000 if quick else 10_000)
    out.update(pg_fanout(tmp, 1_000, 5 if quick else 20))
    return out
