"""Shared bench plumbing: progress on stderr, percentiles, fd limits, server subprocesses, RSS."""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import re
import resource
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[bench {time.monotonic() - _T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def r(x: float, nd: int = 3) -> float:
    return round(float(x), nd)


def raise_nofile(want: int) -> int:
    """Raises the soft RLIMIT_NOFILE towards `want` (never above the hard limit); returns the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


_LIVE: set[ServerProc] = set()


@atexit.register
def _kill_leftovers() -> None:
    for p in list(_LIVE):
        p.stop()


def _on_signal(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _on_signal)


class ServerProc:
    """A server in its own process. It prints one line naming its port on stdout once it listens;
    everything else it says goes to a log file kept beside its data."""

    def __init__(self, argv: list[str], log_path: Path, env: dict[str, str] | None = None,
                 port_re: str = r"127\.0\.0\.1:(\d+)") -> None:
        self.argv = argv
        self.log_path = log_path
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.port_re = re.compile(port_re)
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout: float = 30.0) -> ServerProc:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=self._log, cwd=str(ROOT),
                                     env=self.env, start_new_session=True)
        _LIVE.add(self)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        line = b""
        try:
            while b"\n" not in line:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise RuntimeError(f"server did not start: {' '.join(self.argv)}\n{self.tail()}")
                if sel.select(left):
                    chunk = os.read(self.proc.stdout.fileno(), 4096)
                    if not chunk:
                        raise RuntimeError(f"server exited at start: {' '.join(self.argv)}\n{self.tail()}")
                    line += chunk
        finally:
            sel.close()
        m = self.port_re.search(line.decode(errors="replace"))
        if not m:
            raise RuntimeError(f"no port in server output {line!r}")
        self.port = int(m.group(1))
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def rss_kib(self) -> int:
        return rss_kib(self.pid)

    def tail(self, n: int = 2000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_bytes()[-n:].decode(errors="replace")
        return ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        p = self.proc
        if p is None:
            return
        if p.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    p.kill()
                p.wait(5)
        if p.stdout:
            p.stdout.close()
        self._log.close()
        self.proc = None
        _LIVE.discard(self)

    def __enter__(self) -> ServerProc:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def cs_server(data: Path, *, trace: Path | None = None, database_url: str | None = None,
              name: str = "bench-server") -> ServerProc:
    """The production server (`cs-desk-server serve`). With `trace`, through bench/server_proc.py, which
    runs the same CLI after wrapping two functions to timestamp commits and publishes."""
    args = ["serve", "--data", str(data), "--port", "0", "--log-level", "warning"]
    if database_url:
        args += ["--database-url", database_url]
    if trace is None:
        argv = [sys.executable, "-m", "cs_desk.server", *args]
        env = None
    else:
        argv = [sys.executable, "-m", "bench.server_proc", *args]
        env = {"CS_BENCH_TRACE": str(trace)}
    return ServerProc(argv, data / f"{name}.log", env)


def bare_server(log_dir: Path, db_path: Path) -> ServerProc:
    return ServerProc([sys.executable, "-m", "bench.bare_server", str(db_path)], log_dir / "bare-server.log",
                      port_re=r"PORT (\d+)")
