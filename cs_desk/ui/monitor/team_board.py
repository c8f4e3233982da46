"""The team lead's board (opened from the Desk menu for leads and admins): who waits and how long,
the promises at risk and broken (most urgent first, double-click opens the conversation), and the
agents with presence, load and their day, with capacity and away/online at hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.clock import parse_iso
from cs_desk.views import timefmt
from cs_desk.views.board import Board
from cs_desk.views.names import fill, priority_label, sla_kind_label

RED, ORANGE = "#c62828", "#ef6c00"


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(False)
    return t


def _cell(text: str, data: object = None, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # item views draw text as text: customer names stay plain
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    return item


class TeamBoard(QWidget):
    openRequested = Signal(int)  # noqa: N815 - conversation id

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.board = board
        self.setWindowTitle(self.tr("Team board"))
        self.waiting = QLabel(self)
        f = self.waiting.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.waiting.setFont(f)
        self.as_of = QLabel(self)
        self.as_of.setStyleSheet("color: #5f6368;")
        cols = [self.tr("Customer"), self.tr("Subject"), self.tr("Agent"), self.tr("Promise"), self.tr("Due"),
                self.tr("Priority")]
        self.breached = _table(self, cols)
        self.at_risk = _table(self, cols)
        self.agents = _table(self, [self.tr("Agent"), self.tr("Presence"), self.tr("Load"), self.tr("Resolved today"),
                                    self.tr("First response today")])
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
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.waiting, 1)
        head.addWidget(self.as_of)
        lay.addLayout(head)
        for w in (self.breached_title, self.breached, self.at_risk_title, self.at_risk):
            lay.addWidget(w)
        lay.addWidget(QLabel(self.tr("Agents"), self))
        lay.addWidget(self.agents)
        lay.addLayout(actions)
        for t in (self.breached, self.at_risk):
            t.cellDoubleClicked.connect(lambda row, _c, t=t: self._open(t, row))
        self.agents.itemSelectionChanged.connect(self._selected_agent)
        self.set_capacity.clicked.connect(lambda: self._on_agent(lambda a: board.set_capacity(a, self.capacity.value())))
        self.away.clicked.connect(lambda: self._on_agent(lambda a: board.set_presence(a, "away")))
        self.back.clicked.connect(lambda: self._on_agent(lambda a: board.set_presence(a, "online")))
        board.updated.connect(self.render)
        self.resize(900, 640)
        self.render()

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

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

    def _fill_alerts(self, table: QTableWidget, rows: list, now, colour: str) -> None:  # noqa: ANN001 - rows: AlertRow
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            left = (parse_iso(r.sla_due_at) - now).total_seconds()
            due = timefmt.duration(left) if left > 0 else fill(self.tr("overdue %1"), timefmt.duration(-left))
            cells = [_cell(r.customer, r.id), _cell(r.subject), _cell(r.assignee or self.tr("unassigned")),
                     _cell(sla_kind_label(r.sla_kind)), _cell(due, colour=colour), _cell(priority_label(r.priority))]
            for c, item in enumerate(cells):
                table.setItem(i, c, item)
        table.resizeColumnsToContents()  # "overdue 10 min" and long names fit; the last column stretches
