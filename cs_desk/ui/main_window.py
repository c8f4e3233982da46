"""The workstation window: queue | conversation | customer, a status bar, menus. All signal wiring
between the parts is in _connect_signals, so the flow of the window reads in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from cs_desk import APP_NAME, config
from cs_desk.domain.changes import Changes
from cs_desk.ui.conversation.conversation_pane import ConversationPane
from cs_desk.ui.notifier import Notifier
from cs_desk.ui.queue.queue_panel import QueuePanel
from cs_desk.ui.statusbar.connection import ConnectionSegment
from cs_desk.ui.statusbar.outbox import OutboxSegment
from cs_desk.ui.statusbar.presence import PresenceSegment
from cs_desk.ui.statusbar.sla import SlaSegment
from cs_desk.views.desk import Desk
from cs_desk.views.names import team_name


class MainWindow(QMainWindow):
    languageRequested = Signal(str)  # noqa: N815
    logoutRequested = Signal()  # noqa: N815
    settingsRequested = Signal()  # noqa: N815

    def __init__(self, desk: Desk, settings: config.Settings | None = None,
                 sidebar_factory: Callable[[Desk, QWidget], QWidget] | None = None,
                 picker_factory: Callable[[Desk, QWidget], Any] | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.settings = settings
        self.queue = QueuePanel(desk, self)
        self.conversation = ConversationPane(desk, self)
        self.sidebar = sidebar_factory(desk, self) if sidebar_factory else None
        self.picker = picker_factory(desk, self) if picker_factory else None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.conversation)
        if self.sidebar is not None:
            self.splitter.addWidget(self.sidebar)
        self.splitter.setSizes([430, 560, 290][: self.splitter.count()])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.connection = ConnectionSegment(self)
        self.outbox = OutboxSegment(desk, self)
        self.sla = SlaSegment(desk, self)
        self.presence = PresenceSegment(desk, self)
        self.user_label = QLabel(self)
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setStyleSheet("color: #c62828;")
        sb = self.statusBar()
        sb.addWidget(self.connection)
        sb.addWidget(self.notice, 1)
        sb.addPermanentWidget(self.outbox)
        sb.addPermanentWidget(self.sla)
        sb.addPermanentWidget(self.presence)
        sb.addPermanentWidget(self.user_label)
        enabled = settings.get(config.NOTIFICATIONS) if settings is not None else True
        self.notifier = Notifier(desk, self, enabled)
        self.board_window: QWidget | None = None
        self._build_menus()
        self._connect_signals()
        self.connection.set_state(desk.sync_state)
        self._user(desk.me() or {})
        self.resize(1280, 780)
        self._restore()
        self._update_title()

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu(self.tr("&Desk"))
        self.act_search = QAction(self.tr("Search"), self, shortcut=QKeySequence.StandardKey.Find)
        self.act_queue = QAction(self.tr("Go to queue"), self, shortcut=QKeySequence("Ctrl+1"))
        self.act_reply = QAction(self.tr("Go to reply"), self, shortcut=QKeySequence("Ctrl+2"))
        self.act_snippet = QAction(self.tr("Insert snippet…"), self, shortcut=QKeySequence("Ctrl+Shift+K"))
        self.act_board = QAction(self.tr("Team board"), self, shortcut=QKeySequence("Ctrl+B"))
        self.act_board.setToolTip(self.tr("Queue, promises at risk and agents of your team (team leads)"))
        self.act_settings = QAction(self.tr("Settings…"), self, shortcut=QKeySequence.StandardKey.Preferences)
        self.act_logout = QAction(self.tr("Log out"), self)
        self.act_quit = QAction(self.tr("Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        for a in (self.act_search, self.act_queue, self.act_reply, self.act_snippet):
            m.addAction(a)
        m.addAction(self.act_board)
        m.addSeparator()
        m.addAction(self.act_settings)
        m.addAction(self.act_logout)
        m.addAction(self.act_quit)
        lang = self.menuBar().addMenu(self.tr("&Language"))
        self.act_en = lang.addAction("English")
        self.act_zh = lang.addAction("简体中文")

    def _connect_signals(self) -> None:
        d = self.desk
        self.queue.conversationSelected.connect(self.conversation.show_conversation)
        self.conversation.queueRequested.connect(self.queue.focus_table)
        self.queue.activated.connect(lambda _cid: self.conversation.composer.edit.setFocus())
        self.sla.openRequested.connect(self.open_conversation)
        d.changed.connect(self._changed)
        d.syncStateChanged.connect(self.connection.set_state)
        d.syncProgress.connect(self.connection.set_progress)
        d.notice.connect(self.notice.setText)
        d.userChanged.connect(self._user)
        self.act_search.triggered.connect(self.queue.search.setFocus)
        self.act_queue.triggered.connect(self.queue.focus_table)
        self.act_reply.triggered.connect(self.conversation.composer.edit.setFocus)
        self.act_quit.triggered.connect(self.close)
        self.act_logout.triggered.connect(self.logoutRequested)
        self.act_settings.triggered.connect(self.settingsRequested)
        self.act_board.triggered.connect(self.open_board)
        self.notifier.notified.connect(self.notice.setText)
        self.notifier.activated.connect(self.open_conversation)
        self.act_en.triggered.connect(lambda: self.languageRequested.emit("en"))
        self.act_zh.triggered.connect(lambda: self.languageRequested.emit("zh_CN"))
        if self.sidebar is not None:
            self.conversation.customerShown.connect(self.sidebar.show_customer)
            self.sidebar.conversationActivated.connect(self.open_conversation)
        if self.picker is not None:
            self.conversation.snippetRequested.connect(self._open_picker)
            self.picker.chosen.connect(self.conversation.composer.insert)
            self.act_snippet.triggered.connect(lambda: self.conversation.conv_id is not None and self._open_picker())

    def _open_picker(self) -> None:
        self.picker.open_for(self._placeholder_context(), self.conversation.composer.edit)

    def _placeholder_context(self) -> dict[str, str]:
        ctx: dict[str, str] = {}
        me = self.desk.me() or {}
        ctx["agent.name"] = me.get("display_name", "")
        conv = self.desk.conversation(self.conversation.conv_id) if self.conversation.conv_id else None
        if conv is not None:
            cust = self.desk.customer(conv["customer_id"])
            if cust:
                ctx["customer.name"] = cust["name"]
            order = self.desk.latest_order(conv["customer_id"])
            if order:
                ctx["order.id"] = order["id"]
        return ctx

    def open_board(self) -> None:
        """The team board, for leads and admins; one window, brought to the front when open."""
        if (self.desk.me() or {}).get("role") not in ("lead", "admin"):
            return
        if self.board_window is None:
            from cs_desk.ui.monitor.team_board import TeamBoard
            from cs_desk.views.board import Board
            from cs_desk.views.team_metrics import TeamMetrics

            board = Board(self.desk, self)
            if self.settings is not None:
                board.set_thresholds(self.settings.get(config.BOARD_QUEUE_ALERT),
                                     self.settings.get(config.BOARD_WAIT_ALERT_MIN) * 60)
            board.alert.connect(lambda kind: self.notifier.tell(
                self.tr("Team board: a promise was broken") if kind == "breach" else
                self.tr("Team board: the queue is long")))
            self.board_window = TeamBoard(board, TeamMetrics(self.desk, self), self)
            self.board_window.openRequested.connect(self._open_from_board)
            if self.settings is not None:
                self.board_window.thresholdsChanged.connect(self._save_thresholds)
        self.board_window.show()
        self.board_window.raise_()

    def _save_thresholds(self, waiting: int, minutes: int) -> None:
        assert self.settings is not None
        self.settings.set(config.BOARD_QUEUE_ALERT, waiting)
        self.settings.set(config.BOARD_WAIT_ALERT_MIN, minutes)

    def _open_from_board(self, conv_id: int) -> None:
        self.open_conversation(conv_id)
        self.raise_()
        self.activateWindow()

    def open_conversation(self, conv_id: int) -> None:
        if not self.queue.select(conv_id):
            self.conversation.show_conversation(conv_id)

    def _changed(self, ch: Changes) -> None:
        self._update_title()
        if ch.teams or ch.reset:  # team names arrive with the first snapshot, after the welcome
            self._user(self.desk.me() or {})

    def _user(self, user: dict) -> None:
        self.act_board.setEnabled(user.get("role") in ("lead", "admin"))
        if user:
            team = user.get("team_id", "")
            named = {t["id"]: t for t in self.desk.teams()}
            self.user_label.setText(f"{user.get('display_name', '')} · {team_name(named.get(team), team)}")

    def _update_title(self) -> None:
        unread = self.desk.store.unread_total()
        title = APP_NAME if not unread else self.tr("(%1 unread) %2").replace("%1", str(unread)).replace("%2",
                                                                                                          APP_NAME)
        self.setWindowTitle(title)

    def _restore(self) -> None:
        if self.settings is None:
            return
        geo = self.settings.get(config.GEOMETRY)
        if not geo.isEmpty():
            self.restoreGeometry(geo)
        split = self.settings.get(config.SPLITTER)
        if not split.isEmpty():
            self.splitter.restoreState(split)

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.set(config.GEOMETRY, self.saveGeometry())
            self.settings.set(config.SPLITTER, self.splitter.saveState())
        if self.board_window is not None:  # its clock must not read a cache that closes next
            self.board_window.board.close()
            if self.board_window.reports is not None:
                self.board_window.reports.metrics.close()
            self.board_window.close()
        super().closeEvent(e)
