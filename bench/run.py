"""`python bench/run.py [--quick] --json FILE`: measures the design.md §7 server/sync targets against
the real server (its own process, production CLI) and real clients, each next to its floor
(`<key>_floor`: the same work done the plainest way, in the same run). Progress goes to stderr, the
JSON object to stdout and to FILE. Every server and temporary directory is removed at the end.

  catchup_100k_s      bench/b_catchup.py
  replay_10k_s        bench/b_replay.py
  fanout_1000_p99_ms  bench/b_fanout.py (with conn_kib, on the same connections)
  ack_p99_ms          bench/b_ack.py
  route_10k_p99_ms    bench/b_route.py (routing decisions, load spread per strategy)
  metrics_1m_events_s bench/b_metrics.py (team metrics over the event log, cold and incremental)
  conns_per_process, pg_fanout_3proc_p99_ms   bench/b_scale.py (one process's idle connections; 3 on PostgreSQL)
  cold_start_s, open_conv_10k_ms, search_500k_ms, event_to_screen_ms   bench/b_ui.py (desktop client)

Layout: the server always runs alone in a subprocess (`python -m cs_desk.server serve`, or the same CLI
through bench/server_proc.py when commit/publish timestamps are wanted); the clients run here. On a
2-core machine that gives the server a core of its own, as in production, instead of making one loop
pay for both ends of every frame. Many-socket benches use bench/rawws.py (a few µs per frame) so the
client side costs little next to the server; the floors use the same clients.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE) in sys.path:
    sys.path.remove(str(_HERE))
sys.path.insert(0, str(_HERE.parent))

import orjson  # noqa: E402

from bench.common import install_signal_handlers, log, raise_nofile  # noqa: E402

COUNTS = {
    "quick": {"catchup_events": 20_000, "replay_mutations": 2_000, "fanout_connections": 1_000,
              "fanout_events": 10, "ack_clients": 50, "ack_mutations": 1_000},
    "full": {"catchup_events": 100_000, "replay_mutations": 10_000, "fanout_connections": 1_000,
             "fanout_events": 20, "ack_clients": 50, "ack_mutations": 4_000},
}
BENCHES = ("catchup", "replay", "fanout", "ack", "ui", "route", "metrics", "scale")
FLOORS = {
    "catchup_100k_s": "client: fresh cache, cursor (epoch, 0), token session; connect → LIVE. floor: the same "
                      "customer/conversation/message rows, one executemany per table, one transaction, same schema",
    "replay_10k_s": "offline ops via cs_desk.ops.actions, reconnect → outbox empty, exactly-once checked in the server "
                    "DB. floor: the message rows + one idempotency row per mutation, one transaction (copy of the DB)",
    "fanout_1000_p99_ms": "intake POST; writer thread enters the transaction → `events` frame read on each of 1,000 "
                          "sockets. floor: bare websockets server, t0 → INSERT+COMMIT → websockets.broadcast, same size",
    "fanout_1000_from_publish_p99_ms": "Hub.publish (after COMMIT) → receipt. floor: t0 → websockets.broadcast",
    "ack_p99_ms": "50 raw sockets, one message.send in flight each; mutate sent → ack read. floor: same frames echoed "
                  "by a bare websockets server (ack_p99_ms_floor_commit: echo after INSERT+COMMIT)",
    "conn_kib": "server VmRSS with 1,000 idle authenticated sockets minus with none, / 1,000. floor: bare websockets "
                "server with 1,000 sockets that said hello",
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller counts, under ~2 minutes")
    p.add_argument("--json", type=Path, help="also write the JSON object to this file")
    p.add_argument("--only", default=",".join(BENCHES), help=f"comma-separated subset of {','.join(BENCHES)}")
    args = p.parse_args(argv)
    only = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = set(only) - set(BENCHES)
    if unknown:
        p.error(f"unknown bench(es): {', '.join(sorted(unknown))}")

    install_signal_handlers()
    n = COUNTS["quick" if args.quick else "full"]
    nofile = raise_nofile(max(4096, n["fanout_connections"] * 2 + 512, 24_000 if "scale" in only else 0))
    result: dict = {"mode": "quick" if args.quick else "full", "counts": n,
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform(), "nofile_soft": nofile},
                    "layout": "server in its own process (production CLI), clients in the bench process",
                    "method": FLOORS}
    failed = []
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cs-desk-bench-") as tmp_s:
        tmp = Path(tmp_s)
        for name in only:
            sub = tmp / name
            sub.mkdir()
            log(f"--- {name} ---")
            t = time.perf_counter()
            try:
                if name == "catchup":
                    from bench import b_catchup
                    result.update(b_catchup.run(sub, n["catchup_events"]))
                elif name == "replay":
                    from bench import b_replay
                    result.update(b_replay.run(sub, n["replay_mutations"]))
                elif name == "fanout":
                    from bench import b_fanout
                    result.update(b_fanout.run(sub, n["fanout_connections"], n["fanout_events"]))
                elif name == "ack":
                    from bench import b_ack
                    result.update(b_ack.run(sub, n["ack_clients"], n["ack_mutations"]))
                elif name == "route":
                    from bench import b_route
                    result.update(b_route.run(args.quick))
                elif name == "metrics":
                    from bench import b_metrics
                    result.update(b_metrics.run(args.quick, sub))
                elif name == "scale":
                    from bench import b_scale
                    result.update(b_scale.run(sub, args.quick))
                elif name == "ui":
                    from bench import b_ui
                    result.update(b_ui.run_isolated(args.quick))
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # one broken bench should not hide the others' figures
                traceback.print_exc()
                result[f"{name}_error"] = f"{type(exc).__name__}: {exc}"[:500]
                failed.append(name)
            log(f"{name} took {time.perf_counter() - t:.1f} s")
    result["bench_wall_s"] = round(time.perf_counter() - t_all, 1)
    text = orjson.dumps(result, option=orjson.OPT_INDENT_2).decode()
    print(text, flush=True)
    if args.json:
        args.json.write_text(text + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
