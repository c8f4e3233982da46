"""The middle pane: who and what, the actions on the conversation (claim, assign, transfer, status,
tags), who else is here (collision banner), the messages and the composer with its sensitive-word
check."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.changes import Changes
from cs_desk.domain.sensitive import Hit, distinct_words
from cs_desk.errors import StoreError
from cs_desk.ops.actions import InvalidAction
from cs_desk.ui.conversation.activity import ActivityReporter
from cs_desk.ui.conversation.attachment_strip import AttachmentStrip
from cs_desk.ui.conversation.category_picker import CategoryPicker
from cs_desk.ui.conversation.collision_banner import CollisionBanner
from cs_desk.ui.conversation.composer import Composer
from cs_desk.ui.conversation.elided_label import ElidedLabel
from cs_desk.ui.conversation.followup_bar import FollowupBar
from cs_desk.ui.conversation.message_list import MessageList
from cs_desk.ui.conversation.sensitive_bar import SensitiveBar, hit_marks
from cs_desk.ui.dialogs.file_viewer import FileViewer
from cs_desk.ui.dialogs.transfer_dialog import TransferDialog
from cs_desk.views.attachments import Attachments
from cs_desk.views.customer_presenter import channel_label, plain_tip
from cs_desk.views.desk import Desk
from cs_desk.views.message_model import MessageModel

STATUSES = ("open", "pending", "resolved")
COLLEAGUES_REFRESH_MS = 10_000  # re-read colleagues so an entry that went stale (60 s) disappears


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
    queueRequested = Signal()  # noqa: N815 - Esc in the composer: the window may move focus to the queue

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.conv_id: int | None = None
        self.model = MessageModel(desk.store, self)
        self.title = ElidedLabel(self)
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        self.subtitle = plain_label(self)
        self.subtitle.setStyleSheet("color: #5f6368;")
        self.claim = QPushButton(self.tr("Claim"), self)
        self.assign = QToolButton(self)
        self.assign.setText(self.tr("Assign"))
        self.assign.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.assign.setMenu(QMenu(self.assign))
        self.assign.menu().aboutToShow.connect(self._fill_assign_menu)
        self.transfer = QPushButton(self.tr("Transfer…"), self)
        self.transfer.setToolTip(self.tr("Hand this conversation to another agent or team, with a reason"))
        self.categories = CategoryPicker(self)
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
        self.collision = CollisionBanner(self)
        self.followup = FollowupBar(self)
        self.messages = MessageList(self.model, self)
        self.files = Attachments(desk, self)
        self.attachments = AttachmentStrip(self.files, self)
        self.sensitive = SensitiveBar(self)
        self.composer = Composer(self)
        self.activity = ActivityReporter(desk, self)
        self._warn_reply = False  # a reply went out while a colleague typed: say so until they stop
        self._acknowledged: set[str] = set()  # sensitive words the agent was warned about in this draft
        self._transfer_dialog: TransferDialog | None = None
        self.colleagues_timer = QTimer(self)
        self.colleagues_timer.setInterval(COLLEAGUES_REFRESH_MS)
        self.colleagues_timer.timeout.connect(self._refresh_colleagues)
        self.empty = QLabel(self.tr("Select a conversation in the queue"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # Name and actions on one row, the details wrapped below: a long subject or tag list must not
        # widen the pane (it squeezed the queue to its minimum).
        for label in (self.title, self.subtitle):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.subtitle.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for w in (self.tag, self.categories, self.status, self.assign, self.transfer, self.claim):
            head.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.collision)
        lay.addWidget(self.followup)
        lay.addWidget(self.banner)
        lay.addWidget(self.attachments)
        lay.addWidget(self.messages, 1)
        lay.addWidget(self.empty, 1)
        lay.addWidget(self.sensitive)
        lay.addWidget(self.composer)

        self.claim.clicked.connect(lambda: self._act(self.desk.claim, self.conv_id))
        self.status.activated.connect(lambda _i: self._act(self.desk.set_status, self.conv_id,
                                                          self.status.currentData()))
        self.tag.returnPressed.connect(self._add_tag)
        self.followup.closeRequested.connect(lambda fid, outcome: self._act(self.desk.close_followup, fid, outcome))
        self.categories.categoryChosen.connect(lambda c: self._act(self.desk.categorize, self.conv_id, category=c))
        self.categories.priorityChosen.connect(lambda p: self._act(self.desk.categorize, self.conv_id, priority=p))
        self.transfer.clicked.connect(self.open_transfer)
        self.composer.send.connect(self._send)
        self.composer.snippetRequested.connect(self.snippetRequested)
        self.composer.escaped.connect(self.queueRequested)
        self.composer.typed.connect(self._typed)
        self.composer.problem.connect(self._say)
        self.composer.pending.changed.connect(self.banner.hide)
        self.composer.note.toggled.connect(lambda _on: self._clear_sensitive())
        self.sensitive.sendAnyway.connect(self._send_anyway)
        self.messages.retryRequested.connect(lambda mid: self._act(self.desk.retry, mid))
        self.attachments.openRequested.connect(self.open_file)
        desk.changed.connect(self._changed)
        desk.activityChanged.connect(self._activity_changed)
        self.show_conversation(None)

    def _status_label(self, status: str) -> str:
        return {"open": self.tr("Open"), "pending": self.tr("Pending"), "resolved": self.tr("Resolved")}[status]

    def show_conversation(self, conv_id: int | None) -> None:
        switched = conv_id != self.conv_id
        self.conv_id = conv_id
        self.model.set_conversation(conv_id)
        has = conv_id is not None
        for w in (self.messages, self.composer, self.claim, self.assign, self.transfer, self.status, self.tag,
                  self.title, self.subtitle, self.categories):
            w.setVisible(has)
        self.empty.setVisible(not has)
        self.banner.hide()
        if switched:
            self._warn_reply = False
            self._clear_sensitive()
            self.composer.pending.clear()  # a customer's label photo must not go to the next customer
            if self._transfer_dialog is not None:
                self._transfer_dialog.reject()  # it was for the conversation we left
        self.attachments.show_conversation(conv_id)
        self.activity.show(conv_id)
        self._refresh_colleagues()
        if has:
            self.colleagues_timer.start()
        else:
            self.colleagues_timer.stop()
        self._refresh_header()
        if has:
            self.desk.mark_read(conv_id)
            self.composer.edit.setFocus()

    def open_file(self, attachment: dict) -> FileViewer:
        viewer = FileViewer(self.files, attachment, self)
        viewer.show()
        return viewer

    # --- colleagues here (collision) ------------------------------------------------------------
    def _activity_changed(self, conv_id: int) -> None:
        if conv_id == self.conv_id:
            self._refresh_colleagues()

    def _refresh_colleagues(self) -> None:
        people = self.desk.colleagues(self.conv_id) if self.conv_id is not None else []
        if not any(s == "typing" for _n, s in people):
            self._warn_reply = False
        self.collision.set_people(people, self._warn_reply)

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802
        super().showEvent(e)
        self.activity.resume()
        if self.conv_id is not None:
            self._refresh_colleagues()
            self.colleagues_timer.start()

    def hideEvent(self, e: QHideEvent) -> None:  # noqa: N802
        # The window closed (or this pane was taken out): colleagues should stop seeing us here.
        # Spontaneous hides (minimising) keep us: the agent is still on this conversation.
        if not e.spontaneous():
            self.activity.pause()
            self.colleagues_timer.stop()
        super().hideEvent(e)

    def _refresh_header(self) -> None:
        conv = self.desk.conversation(self.conv_id) if self.conv_id is not None else None
        if conv is None:
            self.followup.show_followup(None, False)
            self.customerShown.emit(None)
            return
        cust = self.desk.customer(conv["customer_id"])
        self.title.setText(cust["name"] if cust else self.tr("Unknown customer"))
        names = {a["id"]: a["display_name"] for a in self.desk.agents()}
        who = names.get(conv["assignee_id"], self.tr("unassigned")) if conv["assignee_id"] else self.tr("unassigned")
        tags = ", ".join(conv["tags"])
        parts = [f"#{conv['id']}", channel_label(conv["channel"]), conv["subject"], self.tr("Assignee: %1").replace("%1", who)]
        if tags:
            parts.append(self.tr("Tags: %1").replace("%1", tags))
        place = self.desk.queue_position(conv["id"])
        if place is not None:
            parts.append(self.tr("Waiting: %1 of %2 in the queue").replace("%1", str(place[0]))
                         .replace("%2", str(place[1])))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        why = self.desk.assign_reason(conv["id"])
        # Why it is here (the router's reasons), on hover: plain text, names are user data.
        self.subtitle.setToolTip(plain_tip(self.tr("Routing: %1").replace("%1", why)) if why else "")
        self.status.setCurrentIndex(max(0, self.status.findData(conv["status"])))
        self.categories.show_values(conv)
        self.followup.show_followup(self.desk.open_followup(conv["id"]),
                                    (self.desk.me() or {}).get("role") in ("lead", "admin"))
        me = self.desk.me() or {}
        self.claim.setEnabled(conv["assignee_id"] is None)
        self.assign.setEnabled(me.get("role") in ("lead", "admin"))
        # First-responder ownership: the owner hands the conversation on; unassigned is anyone's, and
        # leads may move any. The server checks again and a refusal comes back as a notice.
        may = conv["assignee_id"] in (None, me.get("id")) or me.get("role") in ("lead", "admin")
        self.transfer.setEnabled(may)
        self.transfer.setToolTip(self.tr("Hand this conversation to another agent or team, with a reason") if may
                                 else self.tr("Only the assigned agent or a team lead can transfer this conversation"))
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
        if ch.messages and not ch.outbox:
            self.files.prefetch(ch.messages)  # photos synced now open later, offline too
        if self.conv_id is None:
            return
        if self.conv_id in ch.removed_conversations:
            self.show_conversation(None)
            return
        self.model.apply_changes(ch)
        if ch.reset or self.conv_id in ch.conversations or ch.customers or ch.agents:
            self._refresh_header()
        if ch.reset or (ch.messages and self.conv_id in ch.conversations):
            self.attachments.show_conversation(self.conv_id)  # a new message may bring files

    def _act(self, fn, *args, **kwargs) -> None:  # noqa: ANN001, ANN003
        if self.conv_id is None:
            return
        try:
            fn(*args, **kwargs)
            self.banner.hide()
        except InvalidAction as exc:
            self.banner.setText(str(exc))
            self.banner.show()

    # --- sending ----------------------------------------------------------------------------------
    def _typed(self) -> None:
        # Writing an internal note is no reply in the making: colleagues need no collision warning for
        # it, and the web-chat customer must not see "typing…" for words they will never get.
        if not self.composer.note.isChecked():
            self.activity.typed()
        if self.sensitive.mode is not None:
            self._recheck()

    def _say(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _send(self, text: str, note: bool, anyway: bool = False) -> None:
        if self.conv_id is None:
            return
        if not note and not anyway and not self._sensitive_ok(text):
            return
        if not note:
            typing = [n for n, s in self.desk.colleagues(self.conv_id) if s == "typing"]
            if typing:
                # Not a block: two agents answering at once is worth knowing, not worth stopping.
                self._warn_reply = True
                self._refresh_colleagues()
        try:
            self.desk.send(self.conv_id, text, note, self.composer.files())
        except (InvalidAction, StoreError) as exc:  # the text stays in the box, to send again
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.banner.hide()
        self._clear_sensitive()
        self.composer.clear()
        self.activity.stopped_typing()

    def _sensitive_ok(self, text: str) -> bool:
        """True when the reply may go now; otherwise marks the words and says why it did not."""
        mode, hits = self.desk.sensitive_check(self.conv_id, text)
        if not hits or mode == "off":
            self._clear_sensitive()
            return True
        words = set(distinct_words(hits))
        if mode == "confirm" and self.sensitive.mode == "confirm" and words <= self._acknowledged:
            return True  # Send pressed again over the warning: the agent means it
        self._acknowledged = words if mode == "confirm" else set()
        self._show_sensitive(mode, text, hits)
        return False

    def _recheck(self) -> None:
        """The agent edits a draft that has a warning: follow the words, drop the bar when they are gone."""
        text = self.composer.text()
        mode, hits = self.desk.sensitive_check(self.conv_id, text) if self.conv_id is not None else ("off", [])
        if not hits or mode == "off":
            self._clear_sensitive()
            return
        self._show_sensitive(mode, text, hits)

    def _show_sensitive(self, mode: str, text: str, hits: list[Hit]) -> None:
        self.sensitive.show_hits(mode, hits)
        self.composer.edit.setExtraSelections(hit_marks(self.composer.edit, text, hits))

    def _clear_sensitive(self) -> None:
        self._acknowledged = set()
        self.sensitive.clear()
        self.composer.edit.setExtraSelections([])

    def _send_anyway(self) -> None:
        text = self.composer.text()
        if self.sensitive.mode == "confirm" and text.strip() and not self.composer.is_note():
            self._send(text, False, anyway=True)

    # --- transfer -------------------------------------------------------------------------------
    def open_transfer(self) -> TransferDialog | None:
        """Opens the transfer dialog (open(), not exec(): sync keeps running under it)."""
        if self.conv_id is None:
            return None
        if self._transfer_dialog is not None:
            self._transfer_dialog.reject()
        dialog = TransferDialog(self.desk, self.conv_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._transfer_dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._transfer_closed(d))
        dialog.open()
        return dialog

    def _transfer_closed(self, dialog: TransferDialog) -> None:
        if self._transfer_dialog is dialog:
            self._transfer_dialog = None

    def _add_tag(self) -> None:
        tag = self.tag.text().strip()
        if tag and self.conv_id is not None:
            self._act(self.desk.add_tag, "conversation", self.conv_id, tag)
            if not self.banner.isVisible():
                self.tag.clear()
