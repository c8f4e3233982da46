"""`cs-desk --self-test` and the files the desktop bundle is built from."""

from __future__ import annotations

import io
import os
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from cs_desk import __version__, paths, resources, self_test

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    # cp1252: what a pipe on a Windows runner encodes with; the Chinese line must not break the report
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CS_DESK_HOME": str(tmp_path),
           "PYTHONIOENCODING": "cp1252"}
    r = subprocess.run([sys.executable, "-m", "cs_desk", "--self-test"], env=env, capture_output=True,
                       encoding="utf-8", errors="replace", timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"cs_desk: {__version__}" in r.stdout
    assert "with FTS5 trigram" in r.stdout
    assert "'Log out' → '退出登录'" in r.stdout
    assert r.stdout.rstrip().endswith("self-test passed")
    assert not list(tmp_path.iterdir()), "the self-test leaves nothing behind in the data folder"


def test_self_test_names_the_failing_step(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "root", lambda: tmp_path / "nothing-here")
    out = io.StringIO()
    assert self_test.run(out) == 1
    report = out.getvalue()
    assert "cache: schema" in report  # the steps before it ran and passed
    assert "self-test FAILED at translations: FileNotFoundError" in report
    assert "self-test passed" not in report


def test_icons_are_well_formed() -> None:
    from PySide6.QtGui import QImage

    icons = resources.path("icons")
    png = QImage(str(icons / "cs_desk.png"))
    assert (png.width(), png.height()) == (256, 256)

    ico = (icons / "cs_desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for i in range(count):
        w, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        sizes.add(w or 256)
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(ico)
    assert {16, 32, 48, 256} <= sizes

    icns = (icons / "cs_desk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    kinds, at = set(), 8
    while at < len(icns):
        kinds.add(icns[at:at + 4])
        at += struct.unpack_from(">I", icns, at + 4)[0]
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def test_spec_reads_the_version_and_leaves_the_server_out() -> None:
    spec = (ROOT / "cs_desk.spec").read_text()
    assert 'ROOT / "cs_desk" / "__init__.py"' in spec and "__version__" in spec
    for excluded in ('"cs_desk.server"', '"sqlalchemy"', '"uvicorn"', '"PySide6.QtWebEngineCore"', '"PySide6.QtQml"'):
        assert excluded in spec


LOCAL = r"C:\Users\li\AppData\Local"


@pytest.mark.parametrize(("platform", "env", "expect_data", "expect_logs"), [
    ("win32", {"LOCALAPPDATA": LOCAL}, Path(LOCAL, "cs_desk"), Path(LOCAL, "cs_desk", "logs")),
    ("darwin", {}, Path.home() / "Library/Application Support/cs_desk", Path.home() / "Library/Logs/cs_desk"),
    ("linux", {"XDG_DATA_HOME": "/x/data", "XDG_STATE_HOME": "/x/state"}, Path("/x/data/cs_desk"),
     Path("/x/state/cs_desk")),
    ("linux", {}, Path.home() / ".local/share/cs_desk", Path.home() / ".local/state/cs_desk"),
])
def test_paths_per_os(monkeypatch: pytest.MonkeyPatch, platform: str, env: dict, expect_data: Path,
                      expect_logs: Path) -> None:
    for k in ("CS_DESK_HOME", "LOCALAPPDATA", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(sys, "platform", platform)
    assert (paths.data_dir(), paths.log_dir()) == (expect_data, expect_logs)


def test_cs_desk_home_moves_everything(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from cs_desk.app import default_cache

    monkeypatch.setenv("CS_DESK_HOME", str(tmp_path))
    assert default_cache("ws://h/sync", "li").parent == tmp_path
    assert paths.log_dir() == tmp_path / "logs"


def test_window_app_logs_to_a_private_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import logging

    from cs_desk.app import log_to_file

    monkeypatch.setenv("CS_DESK_HOME", str(tmp_path))
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        path = log_to_file()
        logging.getLogger("cs_desk.test").info("hello 你好")
        for h in root.handlers:
            h.flush()
        assert path == tmp_path / "logs" / "cs_desk.log"
        assert "hello 你好" in path.read_text(encoding="utf-8")
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        for h in root.handlers[:]:
            if h not in before[0]:
                root.removeHandler(h)
                h.close()
        root.setLevel(before[1])


def test_demo_without_the_server_part_says_what_to_install(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from cs_desk import app

    monkeypatch.setitem(sys.modules, "cs_desk.demo", None)  # as in the bundle: import fails
    assert app.main(["demo", "--headless", "--duration", "0"]) == 2
    assert "pip install 'cs-desk[server]'" in capsys.readouterr().err
