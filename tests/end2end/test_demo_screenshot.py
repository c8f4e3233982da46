"""`cs-desk demo --screenshot` as a user runs it: a subprocess draws the populated window to a PNG."""

import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_screenshot(tmp_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "cs_desk", "demo", "--screenshot", str(out), "--language", "zh_CN",
                        "--data", str(tmp_path / "demo")], capture_output=True, text=True, timeout=180, env=env,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 500
    assert len(data) > 50_000  # a populated window, not a blank one
