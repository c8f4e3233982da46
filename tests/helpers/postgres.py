"""A throwaway PostgreSQL cluster for one test module: initdb in a temp dir, started on a free port.
On CI (CI=true) missing binaries fail the run instead of skipping: the real database is required."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator

import pytest


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    bindir = _bin_dir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing (apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries not installed")
    run_as: list[str] = []
    root = os.geteuid() == 0
    data = tempfile.mkdtemp(prefix="csdesk-pg-")
    if root:  # initdb refuses to run as root
        pw = pwd.getpwnam("postgres")
        os.chown(data, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run([*run_as, f"{bindir}/initdb", "-D", data, "-U", "csdesk", "--auth=trust", "-E", "UTF8",
                        "--no-locale"], check=True, capture_output=True, timeout=60)
        proc = subprocess.Popen([*run_as, f"{bindir}/postgres", "-D", data, "-p", str(port), "-k", data,
                                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                                 "-c", "max_connections=200"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stderr is not None
            for line in proc.stderr:  # block until the server says it is ready
                if "ready to accept connections" in line:
                    break
            else:
                raise RuntimeError("postgres exited during start-up")
            # keep reading its log, or a full pipe would one day stall the server mid-test
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            subprocess.run([*run_as, f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "csdesk",
                            "csdesk"], check=True, capture_output=True, timeout=30)
            yield f"postgresql+psycopg://csdesk@127.0.0.1:{port}/csdesk"
        finally:
            proc.terminate()
            proc.wait(30)
    finally:
        shutil.rmtree(data, ignore_errors=True)
