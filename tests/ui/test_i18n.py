"""zh_CN is complete, compiled from the committed .ts, and switching language translates the window."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from cs_desk import gui, i18n, resources
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore

ROOT = Path(__file__).resolve().parents[2]
TS = resources.path("i18n", "cs_desk_zh_CN.ts")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    assert found, f"pyside6-{name} not found"
    return found


def test_every_ui_string_is_in_the_ts_and_translated(tmp_path):
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for d in ("cs_desk/ui", "cs_desk/views") for p in (ROOT / d).rglob("*.py"))
    subprocess.run([tool("lupdate"), *sources, str(ROOT / "cs_desk/gui.py"), "-no-obsolete", "-ts", str(copy)],
                   check=True, capture_output=True, cwd=ROOT)
    untranslated = [m.find("source").text for m in ET.parse(copy).iter("message")
                    if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")]
    assert untranslated == [], "run scripts/update-translations and translate these"


def test_committed_qm_matches_the_ts(tmp_path):
    qm = tmp_path / "x.qm"
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == resources.path("i18n", "cs_desk_zh_CN.qm").read_bytes()


@pytest.fixture
def english(qapp):
    yield
    i18n.install(qapp, "en")


def test_switching_to_chinese_translates_the_main_window(qapp, english, tmp_path):
    i18n.install(qapp, "en")
    store = Store(tmp_path / "c.sqlite3")
    store.set_session({"id": 1, "name": "a", "display_name": "A", "team_id": "t", "role": "agent"})
    s = gui.open_session(store, "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
    assert s.window.queue.tabs.tabText(0) == "Mine"
    gui.switch_language(qapp, None, "zh_CN", s)
    w = s.window
    assert [w.queue.tabs.tabText(i) for i in range(4)] == ["我的", "未分配", "本组", "已解决"]
    assert w.conversation.composer.button.text() == "发送"
    assert w.connection.label.text().startswith("离线")
    assert QCoreApplication.translate("timefmt", "%n min", None, 5) == "5 分钟"
    w.close()
    store.close()
