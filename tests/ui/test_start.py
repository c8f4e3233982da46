"""Starting `cs-desk`: straight from the last session's cache (no network needed), else the login
dialog; logging out asks first when changes wait, since it wipes the cache (cs_desk.store.cache)."""

import asyncio

import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from cs_desk import config, gui
from cs_desk.ops import actions
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.ui.dialogs.login_dialog import LoginDialog

URL = "ws://127.0.0.1:9/sync"  # nothing listens here: the app must work without the server


def _settings(tmp_path) -> config.Settings:
    return config.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _cache(path) -> Store:
    store = Store(path)
    store.set_session({"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    t = "2026-12-01T08:00:00.000000Z"
    with store.db.tx():
        apply_rows(store.conn, [
            {"k": "customer", "d": {"id": 1, "name": "王芳", "email": "", "phone": "", "region": "", "note": "",
                                    "tags": [], "created_at": t, "updated_at": t}},
            {"k": "conversation", "d": {"id": 5, "customer_id": 1, "team_id": "a", "assignee_id": 7,
                                        "status": "open", "channel": "web", "subject": "发货", "tags": [],
                                        "created_at": t, "updated_at": t, "last_message_at": t,
                                        "last_message_preview": "什么时候发货", "last_author_kind": "customer",
                                        "message_count": 1, "first_response_at": None}}], None, live=False)
    return store


class KeptTokens(MemoryTokenStore):
    persistent = True  # as the OS keyring: what is set survives the session


def test_resume_needs_the_cache_its_user_and_a_kept_token(qapp, tmp_path):
    settings, tokens = _settings(tmp_path), KeptTokens()
    path = tmp_path / "cache.sqlite3"
    assert gui.resume(settings, tokens) is None  # first start: log in
    _cache(path).close()
    settings.set(config.SERVER_URL, URL)
    settings.set(config.USER, "alice")
    settings.set(config.CACHE, str(path))
    assert gui.resume(settings, tokens) is None  # no token kept (logged out, or no keyring)
    from cs_desk.store.cache import open_cache

    probe = open_cache(path, tokens)  # the plain cache of before is encrypted now, its key kept
    assert probe.db.encrypted
    tokens.set(f"{URL}#{probe.client_id}", "tok")
    probe.close()
    store = gui.resume(settings, tokens)
    assert store is not None and store.user()["name"] == "alice" and store.db.encrypted
    store.close()


def test_the_window_opens_from_the_cache_with_no_server(qapp, qtbot, tmp_path):
    store = _cache(tmp_path / "cache.sqlite3")
    s = gui.open_session(store, URL, MemoryTokenStore(), None)
    qtbot.addWidget(s.window)
    s.window.show()
    assert s.window.queue.model.rowCount() == 1
    s.window.open_conversation(5)
    assert s.window.conversation.title.text() == "王芳"
    actions.send_reply(store, 5, "马上为您查询")  # offline: into the outbox, shown at once
    assert store.outbox_count() == 1
    s.window.close()
    store.close()


def test_login_dialog_checks_its_fields(qapp, qtbot):
    d = LoginDialog("http://x", "", "")
    qtbot.addWidget(d)
    d._accept()
    assert d.result() == 0 and "ws://" in d.message.text()
    d.server.setText("ws://127.0.0.1:8765/sync")
    d._accept()
    assert "password" in d.message.text()
    d.user.setText("alice")
    d.password.setText("pw")
    d._accept()
    assert d.result() == LoginDialog.DialogCode.Accepted
    assert d.values() == ("ws://127.0.0.1:8765/sync", "alice", "pw")
    bad = LoginDialog("", "", "<b>server says</b><img src=file:///etc/passwd>")
    qtbot.addWidget(bad)
    assert bad.message.textFormat() == bad.message.textFormat().PlainText


def test_logout_asks_when_changes_wait_since_they_would_be_lost(qapp, qtbot, tmp_path):
    store = _cache(tmp_path / "cache.sqlite3")
    s = gui.open_session(store, URL, MemoryTokenStore(), None)
    qtbot.addWidget(s.window)
    gone: list[bool] = []
    gui.confirm_logout(s, lambda: gone.append(True))
    assert gone == [True]  # nothing waiting: no question
    actions.send_reply(store, 5, "稍等")
    gui.confirm_logout(s, lambda: gone.append(True))
    box = s.window.logout_box
    assert box.isVisible() and "1" in box.text() and "lost" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert gone == [True] and store.outbox_count() == 1
    gui.confirm_logout(s, lambda: gone.append(True))
    s.window.logout_box.button(QMessageBox.StandardButton.Yes).click()
    assert gone == [True, True]
    assert store.outbox_count() == 1  # asking changes nothing: the wipe is the logout's (gui.run)
    s.window.close()
    store.close()


def test_logout_from_the_window_ends_the_wait(qapp, qtbot, tmp_path):
    store = _cache(tmp_path / "cache.sqlite3")
    s = gui.open_session(store, URL, MemoryTokenStore(), None)
    qtbot.addWidget(s.window)
    s.window.show()

    async def main() -> str:
        waiting = asyncio.ensure_future(gui._wait_closed_or_logout(s))
        await asyncio.sleep(0)  # one turn: the waiter has connected its signals
        s.window.act_logout.trigger()
        return await asyncio.wait_for(waiting, 5)

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            assert loop.run_until_complete(main()) == "logout"
    finally:
        asyncio.set_event_loop(None)
    s.window.close()
    store.close()


def test_first_login_through_the_dialog_opens_the_window_and_keeps_the_token(qapp, qtbot, tmp_path, server_thread):
    """The whole `cs-desk` start: login dialog → window → live; closing the window ends run()."""
    from PySide6.QtCore import QTimer

    from cs_desk.sync.engine import State
    from cs_desk.ui.main_window import MainWindow
    from tests.helpers.seed import PASSWORD

    settings, tokens = _settings(tmp_path), KeptTokens()
    settings.set(config.SERVER_URL, server_thread.url)
    cache = tmp_path / "first.sqlite3"
    seen = {"dialog": False, "window": None}

    def drive() -> None:
        for w in qapp.topLevelWidgets():
            if isinstance(w, LoginDialog) and w.isVisible() and not seen["dialog"]:
                seen["dialog"] = True
                w.user.setText("alice")
                w.password.setText(PASSWORD)
                w._accept()
            elif isinstance(w, MainWindow) and w.isVisible():
                seen["window"] = w
                if w.desk.sync_state == State.LIVE.value:
                    w.close()
                    return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    assert gui.run(cache=cache, settings=settings, tokens=tokens) == 0
    assert seen["dialog"] and seen["window"] is not None
    assert settings.get(config.USER) == "alice" and cache.exists()
    from cs_desk.store.cache import PLAIN_HEADER, open_cache

    assert cache.read_bytes()[:16] != PLAIN_HEADER  # encrypted at rest
    store = open_cache(cache, tokens)
    assert tokens.get(f"{server_thread.url}#{store.client_id}") is not None  # the next start skips the dialog
    assert store.user()["name"] == "alice"
    store.close()


def _damaged_start(qapp, tmp_path, choose):
    """A cache file that is not a database; `choose` answers the box. Returns run()'s result and what
    the drive saw."""
    from PySide6.QtCore import QTimer

    from cs_desk.store.cache import key_name

    settings, tokens = _settings(tmp_path), KeptTokens()
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"half a copied file \x00\x01" * 200)
    tokens.set(key_name(path), "00" * 32)  # its key is kept: the file itself is damaged
    settings.set(config.SERVER_URL, URL)
    settings.set(config.USER, "alice")
    settings.set(config.CACHE, str(path))
    seen: dict = {"box": None, "login": False}

    def drive() -> None:
        for w in qapp.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible() and seen["box"] is None:
                seen["box"] = w.text()
                w.button(choose).click()
            elif isinstance(w, LoginDialog) and w.isVisible():
                seen["login"] = True
                w.reject()
                return
        QTimer.singleShot(10, drive)

    QTimer.singleShot(0, drive)
    return gui.run(settings=settings, tokens=tokens), seen, path


def test_an_unreadable_cache_is_put_aside_after_asking_never_deleted(qapp, tmp_path):
    before = b"half a copied file \x00\x01" * 200
    result, seen, path = _damaged_start(qapp, tmp_path, QMessageBox.StandardButton.Yes)
    assert result == 0  # the login dialog came next and was closed
    assert str(path) in seen["box"] and "file is not a database" in seen["box"]
    assert seen["login"]
    kept = list(tmp_path.glob("cache.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_an_unreadable_cache_left_alone_when_the_agent_quits(qapp, tmp_path):
    result, seen, path = _damaged_start(qapp, tmp_path, QMessageBox.StandardButton.Close)
    assert result == 1 and seen["box"] and not seen["login"]
    assert path.exists() and not list(tmp_path.glob("*.damaged-*"))
