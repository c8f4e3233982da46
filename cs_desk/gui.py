"""Composition of the desktop app: Qt application, translations, the qasync loop, the cache, the sync
engine and the main window. The only module that knows all the layers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from cs_desk import APP_NAME, __version__, config, i18n, resources
from cs_desk.errors import CacheUnreadable, StoreError
from cs_desk.store.cache import open_cache, wipe
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import State, SyncEngine
from cs_desk.sync.qt_bridge import SyncBridge
from cs_desk.sync.tokens import KeyringTokenStore, TokenStore
from cs_desk.ui.dialogs.login_dialog import LoginDialog
from cs_desk.ui.main_window import MainWindow
from cs_desk.views.desk import Desk

log = logging.getLogger(__name__)


def _sidebar(desk: Desk, parent: QWidget) -> QWidget | None:
    try:
        from cs_desk.ui.customer.customer_sidebar import CustomerSidebar
    except ImportError:  # pragma: no cover - only while the sidebar is not built
        return None
    return CustomerSidebar(desk, parent)


def _picker(desk: Desk, parent: QWidget) -> Any:
    try:
        from cs_desk.ui.snippets.snippet_picker import SnippetPicker
    except ImportError:  # pragma: no cover
        return None
    return SnippetPicker(desk, parent)


@dataclass
class Session:
    store: Store
    engine: SyncEngine
    bridge: SyncBridge
    desk: Desk
    window: MainWindow


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = QIcon()
    for name in ("cs_desk.png", "cs_desk.ico"):
        icon.addFile(str(resources.path("icons", name)))
    app.setWindowIcon(icon)  # the window, the taskbar and the tray take it from here
    return app  # type: ignore[return-value]


def open_session(store: Store, url: str, tokens: TokenStore, settings: config.Settings | None,
                 login: tuple[str, str] | None = None) -> Session:
    engine = SyncEngine(store, tokens, url, login=login)
    bridge = SyncBridge(engine, SyncClient(engine, url))
    desk = Desk(store, bridge)
    window = MainWindow(desk, settings, sidebar_factory=lambda d, p: _sidebar(d, p),
                        picker_factory=lambda d, p: _picker(d, p))
    return Session(store, engine, bridge, desk, window)


def apply_font(app: QApplication, size: int) -> None:
    if size > 0:
        f = app.font()
        f.setPointSize(size)
        app.setFont(f)


async def _ask_login(settings: config.Settings, message: str = "") -> tuple[str, str, str] | None:
    dialog = LoginDialog(settings.get(config.SERVER_URL), settings.get(config.USER), message)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda r: done.done() or done.set_result(r))
    dialog.open()  # not exec(): a nested loop would freeze the sync task
    result = await done
    return dialog.values() if result == QDialog.DialogCode.Accepted else None


def cache_for(url: str, user: str) -> Path:
    from cs_desk.app import default_cache

    return default_cache(url, user)


def run_loop(app: QApplication, main: Callable[[], Awaitable[int]]) -> int:
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(main())
    finally:
        asyncio.set_event_loop(None)


async def _wait_closed_or_logout(s: Session) -> str:
    """'closed' when the last window closed, 'logout' when the agent logged out (and confirmed)."""
    done: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)  # the loop ends here, after sync has stopped cleanly

    def closed() -> None:
        if not done.done():
            done.set_result("closed")

    def logout() -> None:
        if not done.done():
            confirm_logout(s, lambda: done.done() or done.set_result("logout"))

    app.lastWindowClosed.connect(closed)
    s.window.logoutRequested.connect(logout)
    try:
        return await done
    finally:
        app.lastWindowClosed.disconnect(closed)


def confirm_logout(s: Session, go: Callable[[], None]) -> None:
    """Logging out wipes the cache (cs_desk.store.cache): unsent changes would be lost, so say so."""
    n = s.store.outbox_count()
    if n == 0:
        go()
        return
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Session", "Log out"),
                      QCoreApplication.translate(
                          "Session", "%n change(s) are not sent yet. Logging out deletes this computer's copy "
                          "of your work, and they will be lost. Stay logged in until they are sent (the "
                          "status bar shows when), or log out anyway?", None, n),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, s.window)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.finished.connect(lambda r: r == QMessageBox.StandardButton.Yes and go())
    box.open()  # not exec(): a nested loop would freeze the sync task
    s.window.logout_box = box  # keep it alive while open


def resume(settings: config.Settings, tokens: TokenStore, cache: Path | None = None) -> Store | None:
    """The last session's cache, when it exists and its token is still kept: the window then opens
    from it at once, with or without a network, and syncs in the background. None: ask to log in."""
    url, user = settings.get(config.SERVER_URL), settings.get(config.USER)
    path = cache or (Path(settings.get(config.CACHE)) if settings.get(config.CACHE) else None)
    if not (path and path.exists() and user):
        return None
    store = open_cache(path, tokens)
    if store.user() is None or tokens.get(f"{url}#{store.client_id}") is None:
        store.close()
        return None
    return store


def run(cache: Path | None = None, settings: config.Settings | None = None,
        tokens: TokenStore | None = None) -> int:
    """`cs-desk`: opens straight from the cache when a session exists, else asks to log in."""
    app = make_app()
    # The login dialog is the only window at first: closing it must not end the app (Qt's default),
    # the loop below ends it, after sync has stopped cleanly.
    app.setQuitOnLastWindowClosed(False)
    settings = settings or config.Settings()
    i18n.install(app, settings.get(config.LANGUAGE))
    apply_font(app, settings.get(config.FONT_SIZE))
    tokens = tokens or KeyringTokenStore()

    async def main() -> int:
        while True:
            url = settings.get(config.SERVER_URL)
            login = None
            try:
                store = resume(settings, tokens, cache)
            except StoreError as exc:
                if not await cache_problem(exc):
                    return 1
                continue
            if store is None:
                values = await _ask_login(settings)
                if values is None:
                    return 0
                url, user, password = values
                path = cache or cache_for(url, user)
                try:
                    store = open_cache(path, tokens)
                except StoreError as exc:
                    if not await cache_problem(exc):
                        return 1
                    store = open_cache(path, tokens)  # a new file where the unreadable one was
                login = (user, password)
                settings.set(config.SERVER_URL, url)
                settings.set(config.USER, user)
                settings.set(config.CACHE, str(path))
            s = open_session(store, url, tokens, settings, login)
            wire_language(app, settings, s)
            s.desk.syncStateChanged.connect(lambda st, s=s: st == State.AUTH_FAILED and
                                            asyncio.ensure_future(_relogin(s, settings)))
            if not tokens.persistent:
                s.desk.notice.emit(QCoreApplication.translate(
                    "Session", "No system keyring: you will log in again next time"))
            s.window.show()
            s.bridge.start()
            outcome = await _wait_closed_or_logout(s)
            await s.bridge.stop()
            if outcome == "logout":
                # Nothing of this agent's stays on the computer: the session, the cache, its key.
                tokens.delete(s.engine.token_key)
                s.window.close()
                s.window.deleteLater()
                wipe(store, tokens)
                settings.set(config.CACHE, "")
            else:
                store.close()
            if outcome == "closed":
                return 0

    return run_loop(app, main)


async def cache_problem(exc: StoreError) -> bool:
    """Shows why the cache cannot be opened. True when the agent chose to put an unreadable file aside
    (it is renamed, never deleted) and go on with a new cache; False: quit."""
    from cs_desk.store.db import move_aside
    from cs_desk.ui.dialogs.cache_problem import cache_problem_box

    unreadable = isinstance(exc, CacheUnreadable)
    log.error("%s", exc)
    box = cache_problem_box(str(getattr(exc, "path", "")), getattr(exc, "reason", str(exc)), unreadable)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda r: done.done() or done.set_result(r))
    box.open()  # not exec(): a nested loop would freeze the sync task
    result = await done
    if not (unreadable and result == QMessageBox.StandardButton.Yes):
        return False
    kept = move_aside(Path(exc.path))
    log.warning("moved the unreadable cache aside to %s", kept)
    return True


async def _relogin(s: Session, settings: config.Settings) -> None:
    values = await _ask_login(settings, s.engine.last_error["message"] if s.engine.last_error else
                              QCoreApplication.translate(
                                  "Session", "Your session ended. Log in again."))
    if values is None:
        return
    _url, user, password = values
    s.engine.set_login(user, password)
    s.bridge.start()


def wire_language(app: QApplication, settings: config.Settings | None, s: Session) -> None:
    s.window.languageRequested.connect(lambda lang: switch_language(app, settings, lang, s))
    if settings is not None:
        s.window.settingsRequested.connect(lambda: open_settings(app, settings, s))


def open_settings(app: QApplication, settings: config.Settings, s: Session) -> None:
    from cs_desk.ui.dialogs.settings_dialog import SettingsDialog

    before = settings.get(config.LANGUAGE)
    dialog = SettingsDialog(settings, s.window)

    def done(result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        apply_font(app, settings.get(config.FONT_SIZE))
        s.window.notifier.enabled = settings.get(config.NOTIFICATIONS)
        if settings.get(config.LANGUAGE) != before:
            switch_language(app, settings, settings.get(config.LANGUAGE), s)

    dialog.finished.connect(done)
    dialog.open()


def switch_language(app: QApplication, settings: config.Settings | None, lang: str, s: Session) -> None:
    """Installs the translators and rebuilds the window, so every string is drawn anew."""
    if settings is not None:
        settings.set(config.LANGUAGE, lang)
    i18n.install(app, lang)
    old = s.window
    conv = old.conversation.conv_id
    s.window = MainWindow(s.desk, settings, sidebar_factory=lambda d, p: _sidebar(d, p),
                          picker_factory=lambda d, p: _picker(d, p))
    s.window.setGeometry(old.geometry())
    wire_language(app, settings, s)
    s.window.show()
    if conv is not None:
        s.window.open_conversation(conv)
    old.hide()
    old.deleteLater()


async def grab_when_ready(s: Session, path: Path, timeout: float = 60.0) -> None:
    """Waits until the queue is live and drawn, then saves the window as PNG."""
    with contextlib.suppress(TimeoutError):
        await s.bridge.client.wait_for(lambda: s.engine.state is State.LIVE, timeout)
    s.window.queue.apply_filter()
    s.window.queue.focus_table()
    done = asyncio.Event()
    QTimer.singleShot(300, done.set)  # let the conversation pane lay out its first page
    await done.wait()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not s.window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
