"""`python -m bench.server_proc serve ...`: the production `cs-desk-server` CLI, unchanged, plus (when
CS_BENCH_TRACE names a file) two timestamps per HTTP intake message, taken with CLOCK_MONOTONIC, which
every process on the machine shares:

  t_tx   entering intake.post_message on the writer thread, i.e. inside BEGIN IMMEDIATE, before the
         rows, the events and the COMMIT;
  t_pub  entering Hub.publish, right after the COMMIT, before any socket is woken.

One line "seq t_tx t_pub" per publish is appended to the trace file after Hub.publish returned (it only
sets flags, so the line is written before any event leaves). Nothing else in the server is changed."""

from __future__ import annotations

import os
import sys
import time


def _install(trace_path: str) -> None:
    from cs_desk.server import hub, intake

    out = open(trace_path, "a", buffering=1)  # noqa: SIM115 - lives as long as the process
    last_tx = [0]
    orig_post = intake.post_message
    orig_publish = hub.Hub.publish

    def post_message(*args, **kwargs):  # type: ignore[no-untyped-def]
        last_tx[0] = time.monotonic_ns()
        return orig_post(*args, **kwargs)

    def publish(self, events):  # type: ignore[no-untyped-def]
        t_pub = time.monotonic_ns()
        orig_publish(self, events)
        if events:
            out.write(f"{events[-1].seq} {last_tx[0]} {t_pub}\n")

    intake.post_message = post_message  # app.py calls intake.post_message through the module
    hub.Hub.publish = publish


if __name__ == "__main__":
    if os.environ.get("CS_BENCH_TRACE"):
        _install(os.environ["CS_BENCH_TRACE"])
    from cs_desk.server.cli import main

    raise SystemExit(main(sys.argv[1:]))
