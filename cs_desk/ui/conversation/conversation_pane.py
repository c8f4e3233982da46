"""The middle pane: who and what, the actions on the conversation, the messages and the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.changes import Changes
from cs_desk.ops.actions import InvalidAction
from cs_desk.ui.conversation.composer import Composer
from cs_desk.ui.conversation.message_list import MessageList
from cs_desk.views.desk import Desk
from cs_desk.views.message_model import MessageModel

STATUSES = ("open", "pending", "resolved")


def plain_label(parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        f = label.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        label.setFont(f)
    return label


class ConversationPane(QWidget):
    snippetRequested = Signal()  # noqa: N815
    customerShown = Signal(object)  # noqa: N815 - customer id or None

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.conv_id: int | None = None
        self.model = MessageModel(desk.store, self)
        self.title = plain_label(self, bold=True)
        self.subtitle = plain_label(self)
        self.subtitle.setStyleSheet("color: #5f6368;")
        self.claim = QPushButton(self.tr("Claim"), self)
        self.assign = QToolButton(self)
        self.assign.setText(self.tr("Assign"))
        self.assign.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.assign.setMenu(QMenu(self.assign))
        self.assign.menu().aboutToShow.connect(self._fill_assign_menu)
        self.status = QComboBox(self)
        for s in STATUSES:
            self.status.addItem(self._status_label(s), s)
        self.tag = QLineEdit(self)
        self.tag.setPlaceholderText(self.tr("Add tag…"))
        self.tag.setMinimumWidth(110)
        self.tag.setMaximumWidth(160)
        self.banner = plain_label(self)
        self.banner.setStyleSheet("color: #c62828;")
        self.banner.hide()
        self.messages = MessageList(self.model, self)
        self.composer = Composer(self)
        self.empty = QLabel(self.tr("Select a conversation in the queue"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        head.addLayout(names, 1)
        for w in (self.tag, self.status, self.assign, self.claim):
            head.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.banner)
        lay.addWidget(self.messages, 1)
        lay.addWidget(self.empty, 1)
        lay.addWidget(self.composer)

        self.claim.clicked.connect(lambda: self._act(self.desk.claim, self.conv_id))
        self.status.activated.connect(lambda _i: self._act(self.desk.set_status, self.conv_id,
                                                          self.status.currentData()))
        self.tag.returnPressed.connect(self._add_tag)
        self.composer.send.connect(self._send)
        self.composer.snippetRequested.connect(self.snippetRequested)
        self.messages.retryRequested.connect(lambda mid: self._act(self.desk.retry, mid))
        desk.changed.connect(self._changed)
        self.show_conversation(None)

    def _status_label(self, status: str) -> str:
        return {"open": self.tr("Open"), "pending": self.tr("Pending"), "resolved": self.tr("Resolved")}[status]

    def show_conversation(self, conv_id: int | None) -> None:
        self.conv_id = conv_id
        self.model.set_conversation(conv_id)
        has = conv_id is not None
        for w in (self.messages, self.composer, self.claim, self.assign, self.status, self.tag, self.title,
                  self.subtitle):
            w.setVisible(has)
        self.empty.setVisible(not has)
        self.banner.hide()
        self._refresh_header()
        if has:
            self.desk.mark_read(conv_id)
            self.composer.edit.setFocus()

    def _refresh_header(self) -> None:
        conv = self.desk.conversation(self.conv_id) if self.conv_id is not None else None
        if conv is None:
            self.customerShown.emit(None)
            return
        cust = self.desk.customer(conv["customer_id"])
        self.title.setText(cust["name"] if cust else self.tr("Unknown customer"))
        names = {a["id"]: a["display_name"] for a in self.desk.agents()}
        who = names.get(conv["assignee_id"], self.tr("unassigned")) if conv["assignee_id"] else self.tr("unassigned")
        tags = ", ".join(conv["tags"])
        parts = [f"#{conv['id']}", conv["channel"], conv["subject"], self.tr("Assignee: %1").replace("%1", who)]
        if tags:
            parts.append(self.tr("Tags: %1").replace("%1", tags))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.status.setCurrentIndex(max(0, self.status.findData(conv["status"])))
        me = self.desk.me() or {}
        self.claim.setEnabled(conv["assignee_id"] is None)
        self.assign.setEnabled(me.get("role") in ("lead", "admin"))
        self.customerShown.emit(conv["customer_id"])

    def _fill_assign_menu(self) -> None:
        menu = self.assign.menu()
        menu.clear()
        conv = self.desk.conversation(self.conv_id) if self.conv_id is not None else None
        if conv is None:
            return
        menu.addAction(self.tr("Nobody (back to the team queue)"),
                       lambda: self._act(self.desk.assign, self.conv_id, None))
        for a in self.desk.agents():
            if a["team_id"] == conv["team_id"]:
                menu.addAction(a["display_name"], lambda aid=a["id"]: self._act(self.desk.assign, self.conv_id, aid))

    def _changed(self, ch: Changes) -> None:
        if self.conv_id is None:
            return
        if self.conv_id in ch.removed_conversations:
            self.show_conversation(None)
            return
        self.model.apply_changes(ch)
        if ch.reset or self.conv_id in ch.conversations or ch.customers or ch.agents:
            self._refresh_header()

    def _act(self, fn, *args) -> None:  # noqa: ANN001
        if self.conv_id is None:
            return
        try:
            fn(*args)
            self.banner.hide()
        except InvalidAction as exc:
            self.banner.setText(str(exc))
            self.banner.show()

    def _send(self, text: str, note: bool) -> None:
        if self.conv_id is None:
            return
        try:
            self.desk.send(self.conv_id, text, note)
        except InvalidAction as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.banner.hide()
        self.composer.clear()

    def _add_tag(self) -> None:
        tag = self.tag.text().strip()
        if tag and self.conv_id is not None:
            self._act(self.desk.add_tag, "conversation", self.conv_id, tag)
            if not self.banner.isVisible():
                self.tag.clear()
