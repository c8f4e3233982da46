"""`cs-desk --self-test`: proves an installed (or frozen) client can start. Offscreen, on a throwaway
cache and keyring-free token store, it opens the cache, loads the translations and the icon, builds the
main window, prints the versions it found and returns 0, or 1 and the step that failed. Nothing is sent
anywhere: the window's sync engine is never started."""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from cs_desk import APP_NAME, __version__, resources


def _fts5() -> str:
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
        db.execute("INSERT INTO t VALUES ('退货退款申请')")
        hits = db.execute("SELECT count(*) FROM t WHERE t MATCH '退款申'").fetchone()[0]
    finally:
        db.close()
    if hits != 1:
        raise RuntimeError("FTS5 trigram search found nothing")
    return "FTS5 trigram"


def console() -> TextIO:
    """Where the report goes. A frozen windowed app has no stdout: on Windows it borrows the console
    it was started from; failing that the report is written next to the logs."""
    if sys.stdout is not None:
        # A pipe on Windows writes the ANSI code page, which has no 退出登录: the report must not
        # fail on its own Chinese line.
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        return sys.stdout
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            return open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
    from cs_desk.paths import log_dir

    log_dir().mkdir(parents=True, exist_ok=True)
    return open(log_dir() / "self-test.txt", "w", encoding="utf-8")  # noqa: SIM115


def run(out: TextIO | None = None) -> int:
    out = out or console()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    facts: dict[str, Any] = {APP_NAME: __version__, "python": platform.python_version(),
                             "platform": platform.platform(), "frozen": bool(getattr(sys, "frozen", False))}
    keep: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any]) -> None:
        try:
            value = fn()
        except Exception as exc:
            raise _StepFailed(name, exc) from exc
        if value is not None:
            facts[name] = value

    with tempfile.TemporaryDirectory(prefix="cs_desk-self-test-") as tmp:
        try:
            step("sqlite", lambda: f"{sqlite3.sqlite_version} with {_fts5()}")
            step("qt", lambda: _qt(keep))
            step("cache", lambda: _cache(keep, Path(tmp)))
            step("translations", lambda: _translations(keep))
            step("icon", _icon)
            step("keyring", _keyring)
            step("window", lambda: _window(keep))
            step("charts", _charts)
        except _StepFailed as failed:
            for k, v in facts.items():
                print(f"{k}: {v}", file=out)
            print(f"self-test FAILED at {failed.step}: {failed.exc!r}", file=out)
            traceback.print_exception(failed.exc, file=out)
            _close(keep)
            out.flush()
            return 1
        _close(keep)
    for k, v in facts.items():
        print(f"{k}: {v}", file=out)
    print("self-test passed", file=out)
    out.flush()
    return 0


class _StepFailed(Exception):
    def __init__(self, step: str, exc: Exception) -> None:
        super().__init__(step)
        self.step, self.exc = step, exc


def _qt(keep: dict[str, Any]) -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    from cs_desk.gui import make_app

    keep["app"] = make_app()
    return f"Qt {qVersion()}, PySide6 {PySide6.__version__}, platform {keep['app'].platformName()}"


def _cache(keep: dict[str, Any], tmp: Path) -> str:
    from cs_desk.store.cache import PLAIN_HEADER, open_cache
    from cs_desk.sync.tokens import MemoryTokenStore

    path = tmp / "cache.sqlite3"
    store = keep["store"] = open_cache(path, MemoryTokenStore())
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if not store.db.encrypted:
        return f"schema {version} at a temporary path, NOT encrypted (no sqlcipher3)"
    if path.read_bytes()[:16] == PLAIN_HEADER:
        raise RuntimeError("the cache was meant to be encrypted but is plain SQLite")
    cipher = store.conn.execute("PRAGMA cipher_version").fetchone()[0]
    return f"schema {version} at a temporary path, encrypted (SQLCipher {cipher})"


def _translations(keep: dict[str, Any]) -> str:
    from PySide6.QtCore import QCoreApplication

    from cs_desk import i18n

    path = resources.path("i18n", "cs_desk_zh_CN.qm")
    if not path.exists():
        raise FileNotFoundError(path)
    i18n.install(keep["app"], "zh_CN")
    try:
        said = QCoreApplication.translate("Session", "Log out")
        if said == "Log out":
            raise RuntimeError(f"{path.name} loaded but translates nothing")
    finally:
        i18n.install(keep["app"], "en")
    return f"zh_CN ('Log out' → '{said}')"


def _icon() -> str:
    from PySide6.QtGui import QImage

    sizes = []
    for name in ("cs_desk.png", "cs_desk.ico"):
        img = QImage(str(resources.path("icons", name)))
        if img.isNull():
            raise RuntimeError(f"icon {name} does not load")
        sizes.append(f"{name} {img.width()}px")
    return ", ".join(sizes)


def _keyring() -> str:
    """Reported, not required: a machine without a keyring still runs, with logins for one session."""
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "fail" in name or "null" in name.lower():
        return f"{name} (none usable here: logins last for the session)"
    return name


def _window(keep: dict[str, Any]) -> str:
    from cs_desk.gui import open_session
    from cs_desk.sync.tokens import MemoryTokenStore

    s = keep["session"] = open_session(keep["store"], "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    s.window.resize(1200, 800)
    s.window.show()
    keep["app"].processEvents()
    if s.window.windowIcon().isNull():
        raise RuntimeError("the main window has no icon")
    if not s.window.isVisible():
        raise RuntimeError("the main window did not show")
    return f"main window shown, {s.window.width()}x{s.window.height()}: {s.window.windowTitle()}"


def _charts() -> str:
    """The team board's charts (QtCharts comes from PySide6-Addons, a separate wheel and library)."""
    from cs_desk.ui.monitor.metrics_charts import MetricsCharts

    charts = MetricsCharts()
    charts.render({"hourly": [{"hour": 0, "created": 3, "staffed": 1.5}], "frt_histogram": [{"below_s": 60, "n": 2}],
                   "daily": [{"day": 0, "csat_avg": 4.5, "sla_rate": 0.9}]})
    n = len(charts.volume.chart().series())
    charts.deleteLater()
    return f"QtCharts draws ({n} series in the volume chart)"


def _close(keep: dict[str, Any]) -> None:
    session = keep.get("session")
    if session is not None:
        session.window.close()
        session.window.deleteLater()
    app = keep.get("app")
    if app is not None:
        app.processEvents()
    store = keep.get("store")
    if store is not None:
        store.close()
