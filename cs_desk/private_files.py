"""Files holding personal data or secrets are readable by their owner only (client cache, server
database). Shared by the client store and the server, which may not import each other."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def private_file(path: Path) -> None:
    """Creates `path` (and its folder) for the owner alone, or narrows an existing one. SQLite gives
    the -wal and -shm files the database file's permissions, so this covers all three."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    with contextlib.suppress(OSError):  # a filesystem without POSIX modes (FAT, some shares)
        os.chmod(path, 0o600)
