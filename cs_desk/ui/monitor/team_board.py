"""The team lead's board (opened from the Desk menu for leads and admins). Live tab: who waits and
how long, the promises at risk and broken (most urgent first; double-click opens the conversation;
a promise broken in the last few minutes is highlighted), the agents with presence, load and their
day, with capacity and away/online at hand; a conversation dragged onto an agent is reassigned there
with a reason, and the selected one can be opened, whispered to (an internal note) or taken over.
Reports tab: the server's metrics, charts and exports (metrics_panel.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.clock import parse_iso
from cs_desk.ui.dialogs.transfer_dialog import TransferDialog
from cs_desk.ui.dialogs.whisper_dialog import WhisperDialog
from cs_desk.ui.monitor.drag_tables import AgentDropTable, ConversationTable
from cs_desk.views import timefmt
from cs_desk.views.board import Board
from cs_desk.views.names import fill, priority_label, sla_kind_label
from cs_desk.views.team_metrics import TeamMetrics

RED, ORANGE, FRESH_BREACH = "#c62828", "#ef6c00", "#fde7e9"
FRESH_BREACH_S = 300  # a promise broken this recently is highlighted


def _cell(text: str, data: object = None, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # item views draw text as text: customer names stay plain
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    return item


class TeamBoard(QWidget):
    openRequested = Signal(int)  # noqa: N815 - conversation id
    thresholdsChanged = Signal(int, int)  # noqa: N815 - alert at: waiting, minutes (0: off)

    def __init__(self, board: Board, metrics: TeamMetrics | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.board = board
        self.dialog: QWidget | None = None  # the reassign or whisper dialog that is open
        self.setWindowTitle(self.tr("Team board"))
        live = QWidget(self)
        self.waiting = QLabel(self)
        f = self.waiting.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.waiting.setFont(f)
        self.as_of = QLabel(self)
        self.as_of.setStyleSheet("color: #5f6368;")
        cols = [self.tr("Customer"), self.tr("Subject"), self.tr("Agent"), self.tr("Promise"), self.tr("Due"),
                self.tr("Priority")]
        self.breached = ConversationTable(cols, self)
        self.at_risk = ConversationTable(cols, self)
        self.agents = AgentDropTable([self.tr("Agent"), self.tr("Presence"), self.tr("Load"), self.tr("Resolved today"),
                                      self.tr("First response today")], self)
        self.agents.setToolTip(self.tr("Drag a conversation onto an agent to reassign it"))
        self.open_conv = QPushButton(self.tr("Open"), self)
        self.whisper = QPushButton(self.tr("Whisper…"), self)
        self.whisper.setToolTip(self.tr("An internal note the agent sees and the customer never does"))
        self.take_over = QPushButton(self.tr("Take over"), self)
        self.reassign = QPushButton(self.tr("Reassign…"), self)
        self.current: ConversationTable = self.breached
        self.queue_alert = QSpinBox(self)
        self.queue_alert.setRange(0, 999)
        self.queue_alert.setSpecialValueText(self.tr("off"))
        self.queue_alert.setSuffix(self.tr(" waiting"))
        self.wait_alert = QSpinBox(self)
        self.wait_alert.setRange(0, 24 * 60)
        self.wait_alert.setSpecialValueText(self.tr("off"))
        self.wait_alert.setSuffix(self.tr(" min wait"))
        for w in (self.queue_alert, self.wait_alert):
            w.setToolTip(self.tr("Alert (tray and red count) when this many wait, or the longest wait reaches this; "
                                 "0 switches it off"))
        self.capacity = QSpinBox(self)
        self.capacity.setRange(0, 1000)
        self.set_capacity = QPushButton(self.tr("Set capacity"), self)
        self.away = QPushButton(self.tr("Set away"), self)
        self.back = QPushButton(self.tr("Back online"), self)
        self.breached_title, self.at_risk_title = QLabel(self), QLabel(self)
        actions = QHBoxLayout()
        for w in (QLabel(self.tr("Selected agent:"), self), self.capacity, self.set_capacity, self.away, self.back):
            actions.addWidget(w)
        actions.addStretch(1)
        conv_actions = QHBoxLayout()
        for w in (QLabel(self.tr("Selected conversation:"), self), self.open_conv, self.whisper, self.take_over,
                  self.reassign):
            conv_actions.addWidget(w)
        conv_actions.addStretch(1)
        lay = QVBoxLayout(live)
        head = QHBoxLayout()
        head.addWidget(self.waiting, 1)
        head.addWidget(QLabel(self.tr("Alert at"), self))
        head.addWidget(self.queue_alert)
        head.addWidget(QLabel(self.tr("or"), self))
        head.addWidget(self.wait_alert)
        head.addSpacing(12)
        head.addWidget(self.as_of)
        lay.addLayout(head)
        for w in (self.breached_title, self.breached, self.at_risk_title, self.at_risk):
            lay.addWidget(w)
        lay.addLayout(conv_actions)
        lay.addWidget(QLabel(self.tr("Agents"), self))
        lay.addWidget(self.agents)
        lay.addLayout(actions)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(live, self.tr("Live"))
        self.reports = None
        if metrics is not None:
            from cs_desk.ui.monitor.metrics_panel import MetricsPanel

            self.reports = MetricsPanel(metrics, self)
            self.tabs.addTab(self.reports, self.tr("Reports"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.tabs)
        for t in (self.breached, self.at_risk):
            t.cellDoubleClicked.connect(lambda row, _c, t=t: self._open(t, row))
            t.itemSelectionChanged.connect(lambda t=t: self._picked(t))
        self.agents.conversationDropped.connect(self.reassign_to)
        self.queue_alert.setValue(board.queue_alert if board.queue_alert < 10**9 else 0)
        self.wait_alert.setValue(int(board.wait_alert_s // 60) if board.wait_alert_s != float("inf") else 0)
        self.queue_alert.valueChanged.connect(self._thresholds)
        self.wait_alert.valueChanged.connect(self._thresholds)
        self.open_conv.clicked.connect(lambda: self._on_conv(self.openRequested.emit))
        self.whisper.clicked.connect(lambda: self._on_conv(self.whisper_to))
        self.take_over.clicked.connect(lambda: self._on_conv(self.take_over_conv))
        self.reassign.clicked.connect(lambda: self._on_conv(lambda c: self.reassign_to(c, None)))
        self.agents.itemSelectionChanged.connect(self._selected_agent)
        self.set_capacity.clicked.connect(lambda: self._on_agent(lambda a: board.set_capacity(a, self.capacity.value())))
        self.away.clicked.connect(lambda: self._on_agent(lambda a: board.set_presence(a, "away")))
        self.back.clicked.connect(lambda: self._on_agent(lambda a: board.set_presence(a, "online")))
        board.updated.connect(self.render)
        self.resize(1000, 700)
        self.render()

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _thresholds(self) -> None:
        self.board.set_thresholds(self.queue_alert.value(), self.wait_alert.value() * 60)
        self.thresholdsChanged.emit(self.queue_alert.value(), self.wait_alert.value())

    # --- acting on a conversation -------------------------------------------------------------
    def _picked(self, table: ConversationTable) -> None:
        if table.selected_conversation() is not None:
            self.current = table
            other = self.at_risk if table is self.breached else self.breached
            other.clearSelection()
        self._conv_buttons()

    def selected_conversation(self) -> int | None:
        return self.current.selected_conversation()

    def _conv_buttons(self) -> None:
        has = self.selected_conversation() is not None
        for w in (self.open_conv, self.whisper, self.take_over, self.reassign):
            w.setEnabled(has)

    def _on_conv(self, fn) -> None:  # noqa: ANN001
        conv = self.selected_conversation()
        if conv is not None:
            fn(conv)

    def reassign_to(self, conv_id: int, agent_id: int | None) -> TransferDialog:
        """The transfer dialog for the conversation, with the agent it was dropped on already chosen:
        the lead still says why (the next owner reads it)."""
        dialog = TransferDialog(self.board.desk, conv_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per drop: they must not pile up
        if agent_id is not None:
            dialog.select_agent(agent_id)
            dialog.reason.setFocus()
        self.dialog = dialog
        dialog.open()
        return dialog

    def whisper_to(self, conv_id: int) -> WhisperDialog:
        dialog = WhisperDialog(self.board.desk, conv_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def take_over_conv(self, conv_id: int) -> None:
        me = self.board.desk.me()
        if me is not None:
            self.board.desk.assign(conv_id, me["id"])

    def _agent_id(self) -> int | None:
        rows = self.agents.selectionModel().selectedRows()
        return self.agents.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def _on_agent(self, fn) -> None:  # noqa: ANN001
        agent = self._agent_id()
        if agent is not None:
            fn(agent)

    def _selected_agent(self) -> None:
        agent = self._agent_id()
        row = next((a for a in (self.board.data.agents if self.board.data else []) if a.id == agent), None)
        for w in (self.capacity, self.set_capacity, self.away, self.back):
            w.setEnabled(row is not None)
        if row is not None:
            self.capacity.setValue(row.capacity)
            self.away.setEnabled(row.presence == "online")
            self.back.setEnabled(row.presence == "away")

    def render(self) -> None:
        d = self.board.data
        if d is None:
            return
        now = self.board.now()
        wait = self.board.longest_wait_s(now)
        text = fill(self.tr("%n waiting", "", d.waiting)) + (
            fill(self.tr(" · longest %1"), timefmt.duration(wait)) if wait is not None else "")
        self.waiting.setText(text)
        self.waiting.setStyleSheet(f"color: {RED};" if self.board.queue_alarming() else "")
        if self.board.live:
            self.as_of.setText(self.tr("Live"))
        else:
            stamp = self.board.as_of.astimezone().strftime("%H:%M") if self.board.as_of else "—"
            self.as_of.setText(fill(self.tr("Offline: figures as of %1"), stamp))
        self.breached_title.setText(fill(self.tr("Breached (%1)"), len(d.breached)))
        self.at_risk_title.setText(fill(self.tr("At risk (%1)"), len(d.at_risk)))
        self._fill_alerts(self.breached, d.breached, now, RED)
        self._fill_alerts(self.at_risk, d.at_risk, now, ORANGE)
        selected = self._agent_id()
        self.agents.setRowCount(len(d.agents))
        presence = {"online": self.tr("Online"), "away": self.tr("Away"), "offline": self.tr("Offline")}
        for i, a in enumerate(d.agents):
            full = a.capacity and a.load >= a.capacity
            cells = [_cell(a.name, a.id), _cell(presence.get(a.presence, a.presence)),
                     _cell(f"{a.load} / {a.capacity}", colour=ORANGE if full else None), _cell(str(a.resolved_today)),
                     _cell(timefmt.duration(a.first_response_s) if a.first_response_s is not None else "—")]
            for c, item in enumerate(cells):
                self.agents.setItem(i, c, item)
            if a.id == selected:
                self.agents.selectRow(i)
        self.agents.resizeColumnsToContents()
        self._selected_agent()
        self._conv_buttons()

    def _fill_alerts(self, table: ConversationTable, rows: list, now, colour: str) -> None:  # noqa: ANN001 - rows: AlertRow
        selected = table.selected_conversation()
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            left = (parse_iso(r.sla_due_at) - now).total_seconds()
            due = timefmt.duration(left) if left > 0 else fill(self.tr("overdue %1"), timefmt.duration(-left))
            cells = [_cell(r.customer, r.id), _cell(r.subject), _cell(r.assignee or self.tr("unassigned")),
                     _cell(sla_kind_label(r.sla_kind)), _cell(due, colour=colour), _cell(priority_label(r.priority))]
            fresh = -FRESH_BREACH_S < left <= 0
            for c, item in enumerate(cells):
                if fresh:
                    item.setBackground(QBrush(QColor(FRESH_BREACH)))
                table.setItem(i, c, item)
            if r.id == selected:
                table.selectRow(i)
        table.resizeColumnsToContents()  # "overdue 10 min" and long names fit; the last column stretches
