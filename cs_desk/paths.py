"""Where the desktop client keeps its files on each OS: caches, settings aside (QSettings), and logs.

`CS_DESK_HOME` moves all of it (tests, portable installs, a second profile on one machine)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cs_desk import APP_NAME


def data_dir() -> Path:
    """Caches live here: %LOCALAPPDATA%\\cs_desk, ~/Library/Application Support/cs_desk, or
    $XDG_DATA_HOME/cs_desk (~/.local/share/cs_desk)."""
    home = os.environ.get("CS_DESK_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / APP_NAME


def log_dir() -> Path:
    """Logs: <data dir>\\logs on Windows, ~/Library/Logs/cs_desk on macOS, $XDG_STATE_HOME/cs_desk
    (~/.local/state/cs_desk) on Linux."""
    home = os.environ.get("CS_DESK_HOME")
    if home:
        return Path(home) / "logs"
    if sys.platform == "win32":
        return data_dir() / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / APP_NAME
