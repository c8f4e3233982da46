"""Transfer a conversation (转接) to an agent of any team or to a team's queue, with a reason the next
owner reads. Opened with open(), never exec(): the app runs on a qasync loop and a nested event loop
would stop sync while the dialog is up."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_desk.ops.actions import InvalidAction
from cs_desk.views.desk import Desk
from cs_desk.views.transfer_targets import (
    AGENT_ID_ROLE,
    LOAD,
    NAME,
    SORT_ROLE,
    AgentChoiceModel,
    agent_choices,
    team_choices,
)

MAX_REASON = 500  # the protocol's limit (frames.Reason)


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # reasons and names are agent text
    label.setWordWrap(True)
    return label


class TransferDialog(QDialog):
    def __init__(self, desk: Desk, conv_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.conv_id = conv_id
        conv = desk.conversation(conv_id) or {}
        self.setWindowTitle(self.tr("Transfer conversation #%1").replace("%1", str(conv_id)))
        self.setModal(True)  # window-modal through open(): no nested loop

        self.summary = _plain(self)
        self.summary.setText(self._summary(conv))
        self.summary.setStyleSheet("color: #5f6368;")

        self.to_agent = QRadioButton(self.tr("To an agent"), self)
        self.to_team = QRadioButton(self.tr("To a team's queue"), self)
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.to_agent)
        self.kind.addButton(self.to_team)
        self.to_agent.setChecked(True)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter agents by name or team"))
        self.filter.setClearButtonEnabled(True)
        self.agents = AgentChoiceModel(agent_choices(desk, exclude=conv.get("assignee_id")), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.agents)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # name or team
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # No sort column until the agent clicks a header: the helper's order (own team, online,
        # least loaded) is the useful one.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(LOAD, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(160)
        self.table.setToolTip(self.tr("“Open now” counts the open conversations assigned to the agent; "
                                      "it is known only for teams whose queue you see"))

        self.team = QComboBox(self)
        self.team.addItem(self.tr("Choose a team…"), None)
        for tid, name in team_choices(desk):
            self.team.addItem(name, tid)

        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Why are you transferring? The next owner reads this "
                                               "(e.g. refund needs the after-sales team)"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = _plain(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Transfer"))

        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.to_agent)
        lay.addWidget(self.filter)
        lay.addWidget(self.table, 1)
        team_row = QHBoxLayout()
        team_row.addWidget(self.to_team)
        team_row.addWidget(self.team, 1)
        lay.addLayout(team_row)
        reason_head = QHBoxLayout()
        reason_head.addWidget(QLabel(self.tr("Reason (required)"), self))
        reason_head.addStretch(1)
        reason_head.addWidget(self.count)
        lay.addLayout(reason_head)
        lay.addWidget(self.reason)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(560, 480)

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        # Picking in either list says which kind of target is meant; no extra click on the radio.
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.to_agent.setChecked(True))
        self.table.doubleClicked.connect(lambda _i: self.reason.setFocus())
        self.team.activated.connect(lambda _i: self.team.currentData() is not None and self.to_team.setChecked(True))
        self.reason.textChanged.connect(self._count)
        # An error about a missing choice goes as soon as the agent makes one.
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.error.hide())
        self.team.activated.connect(lambda _i: self.error.hide())
        self.reason.textChanged.connect(self.error.hide)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._count()
        self.filter.setFocus()

    def _summary(self, conv: dict) -> str:
        """Which conversation, and where it is now: the agent should not transfer the wrong one."""
        if not conv:
            return ""
        cust = self.desk.customer(conv["customer_id"]) or {}
        teams = dict(team_choices(self.desk))
        names = {a["id"]: a["display_name"] for a in self.desk.agents()}
        if conv.get("assignee_id") is not None:
            where = self.tr("now with %1").replace("%1", names.get(conv["assignee_id"], "?"))
        else:
            where = self.tr("now unassigned in %1").replace("%1", teams.get(conv["team_id"], conv["team_id"]))
        return " · ".join(x for x in (f"#{conv['id']}", cust.get("name", ""), conv.get("subject", ""), where) if x)

    # --- reading the choice ---------------------------------------------------------------------
    def chosen_agent(self) -> int | None:
        idx = self.table.selectionModel().currentIndex()
        if not idx.isValid() or not self.table.selectionModel().isRowSelected(idx.row(), idx.parent()):
            return None
        return self.proxy.index(idx.row(), NAME).data(AGENT_ID_ROLE)

    def chosen_team(self) -> str | None:
        return self.team.currentData()

    def select_agent(self, agent_id: int) -> bool:
        row = self.agents.row_of(agent_id)
        if row is None:
            return False
        idx = self.proxy.mapFromSource(self.agents.index(row, NAME))
        if not idx.isValid():
            return False
        self.table.selectRow(idx.row())
        self.table.setCurrentIndex(idx)
        return True

    def select_team(self, team_id: str) -> bool:
        i = self.team.findData(team_id)
        if i < 0:
            return False
        self.team.setCurrentIndex(i)
        self.to_team.setChecked(True)
        return True

    def _count(self) -> None:
        n = len(self.reason.toPlainText().strip())
        self.count.setText(f"{n}/{MAX_REASON}")
        self.count.setStyleSheet("color: #c62828;" if n > MAX_REASON else "color: #5f6368;")

    def problem(self) -> str:
        """What keeps the transfer from being sent, or ''."""
        if self.to_agent.isChecked() and self.chosen_agent() is None:
            return self.tr("Choose the agent to transfer to")
        if self.to_team.isChecked() and self.chosen_team() is None:
            return self.tr("Choose the team to transfer to")
        reason = self.reason.toPlainText().strip()
        if not reason:
            return self.tr("Say why you transfer the conversation")
        if len(reason) > MAX_REASON:
            return self.tr("The reason is too long: %1 characters, at most %2").replace(
                "%1", str(len(reason))).replace("%2", str(MAX_REASON))
        return ""

    # --- doing it -------------------------------------------------------------------------------
    def submit(self) -> None:
        problem = self.problem()
        if problem:
            self._error(problem)
            return
        reason = self.reason.toPlainText().strip()
        try:
            if self.to_agent.isChecked():
                self.desk.transfer(self.conv_id, reason, to_agent_id=self.chosen_agent())
            else:
                self.desk.transfer(self.conv_id, reason, to_team_id=self.chosen_team())
        except InvalidAction as exc:
            self._error(str(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
