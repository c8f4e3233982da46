"""The right pane of the workstation: the customer of the open conversation (客户画像).

Header (name, value segment, figures), contact lines edited in place, tags, the internal note,
recent orders, the customer's conversations (a click opens one) and their satisfaction scores.
Edits go through the presenter to the Desk: optimistic in the cache at once, then the outbox."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.clock import parse_iso
from cs_desk.ui.customer.card_list import CardList, Section
from cs_desk.ui.customer.fields import EditableLine, NoteBox
from cs_desk.ui.customer.personality_picker import PersonalityPicker
from cs_desk.ui.customer.tag_chips import TagEditor
from cs_desk.ui.customer.value_badge import SegmentBadge, ValueTiles
from cs_desk.ui.dialogs.file_viewer import FileViewer
from cs_desk.views.attachments import Attachments
from cs_desk.views.customer_presenter import CustomerPresenter, CustomerView, channel_label, stars
from cs_desk.views.desk import Desk

CONTACT_FIELDS = ("email", "phone", "region")


def _plain(parent: QWidget, grey: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
    label.setWordWrap(wrap)
    if grey:
        label.setStyleSheet("color: #5f6368;")
    return label


class CustomerSidebar(QWidget):
    conversationActivated = Signal(int)  # noqa: N815

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.presenter = CustomerPresenter(desk, self)
        self._shown_id: int | None = None  # the customer the widgets were last filled for
        self.setMinimumWidth(220)

        self.empty = QLabel(self.tr("No customer selected"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5f6368;")
        self.empty.setWordWrap(True)
        content = QWidget()
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # header
        self.name = EditableLine(self.tr("Name"), self.tr("Name"), content, bold=True)
        self.badge = SegmentBadge(content)
        self.since = _plain(content, grey=True)
        self.tiles = ValueTiles(content)
        self.error = _plain(content)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        # contact
        contact = QWidget(content)
        form = QFormLayout(contact)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        captions = {"email": self.tr("E-mail"), "phone": self.tr("Phone"), "region": self.tr("Region")}
        placeholders = {"email": self.tr("Add e-mail"), "phone": self.tr("Add phone"), "region": self.tr("Add region")}
        self.fields: dict[str, EditableLine] = {"name": self.name}
        for f in CONTACT_FIELDS:
            self.fields[f] = EditableLine(captions[f], placeholders[f], contact)
            form.addRow(self._caption(captions[f], contact), self.fields[f])
        self.channels = _plain(contact)
        form.addRow(self._caption(self.tr("Channels"), contact), self.channels)
        self.personality = PersonalityPicker(contact)
        form.addRow(self._caption(self.tr("Personality"), contact), self.personality)
        # tags, note
        self.tags = TagEditor(content)
        self.tags.set_completion_model(self.presenter.completions)
        self.note = NoteBox(content)
        # lists
        p = self.presenter
        self.orders = CardList(p.orders, 3, self.tr("No orders"), 4, content,
                               copy_label=self.tr("Copy order number"))
        self.conversations = CardList(p.conversations, 2, self.tr("No conversations"), 6, content)
        self.conversations.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conversations.setToolTip(self.tr("Click to open"))
        self.csat_average = _plain(content)
        self.ratings = CardList(p.ratings, 2, self.tr("No ratings yet"), 5, content)
        self.files = CardList(p.files, 2, self.tr("No files"), 5, content)
        self.files.setCursor(Qt.CursorShape.PointingHandCursor)
        self.files.setToolTip(self.tr("Click to open"))
        self.attachments = Attachments(desk, self)
        satisfaction = QWidget(content)
        sl = QVBoxLayout(satisfaction)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(2)
        sl.addWidget(self.csat_average)
        sl.addWidget(self.ratings)
        self.sec_contact = Section(self.tr("Contact"), contact, content)
        self.sec_tags = Section(self.tr("Tags"), self.tags, content)
        self.sec_note = Section(self.tr("Note"), self.note, content)
        self.sec_orders = Section(self.tr("Recent orders"), self.orders, content)
        self.sec_conversations = Section(self.tr("Conversations"), self.conversations, content)
        self.sec_satisfaction = Section(self.tr("Satisfaction"), satisfaction, content)
        self.sec_files = Section(self.tr("Files"), self.files, content)

        head = QWidget(content)
        hl = QVBoxLayout(head)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.setSpacing(4)
        hl.addWidget(self.name)
        badge_row = QWidget(head)
        br = QVBoxLayout(badge_row)
        br.setContentsMargins(0, 0, 0, 0)
        br.setSpacing(2)
        br.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        br.addWidget(self.since)
        hl.addWidget(badge_row)
        hl.addWidget(self.tiles)
        lay = QVBoxLayout(content)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(4)
        for w in (head, self.error, self.sec_contact, self.sec_tags, self.sec_note, self.sec_orders,
                  self.sec_conversations, self.sec_satisfaction, self.sec_files):
            lay.addWidget(w)
        lay.addStretch(1)

        self._saving = False
        p.customerChanged.connect(self._render)
        for field, line in self.fields.items():
            line.committed.connect(lambda text, f=field: self._save_field(f, text))
        self.note.saveRequested.connect(lambda text: self._save_field("note", text))
        self.personality.chosen.connect(lambda p: self._report(self.presenter.save_field("personality", p)))
        self.tags.addRequested.connect(self._add_tag)
        self.tags.removeRequested.connect(lambda tag: self._report(p.remove_tag(tag)))
        self.tags.aboutToType.connect(p.ensure_completions)
        self.conversations.chosen.connect(self._open)
        self.ratings.chosen.connect(self._open)
        self.files.chosen.connect(self.open_file)
        self._render(None)

    def _caption(self, text: str, parent: QWidget) -> QLabel:
        label = _plain(parent, grey=True, wrap=False)
        label.setText(text)
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        return label

    # --- showing --------------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        if customer_id != self.presenter.customer_id:
            self._commit_pending()
            self.error.hide()
        self.presenter.show_customer(customer_id)

    def _commit_pending(self) -> None:
        """Typing in progress belongs to the customer it was typed for: save it before switching."""
        for line in self.fields.values():
            line.finish()
        self.note.commit()

    def _render(self, view: CustomerView | None) -> None:
        if view is None:
            self.empty.setText(self.tr("No customer selected") if self.presenter.customer_id is None else
                               self.tr("This customer is not in the local cache yet"))
            self.stack.setCurrentWidget(self.empty)
            self._shown_id = None
            return
        c = view.card
        switched = c.id != self._shown_id
        self._shown_id = c.id
        self.stack.setCurrentWidget(self.scroll)
        for field, line in self.fields.items():
            line.set_value(getattr(c, field))
        self.badge.set_rfm(view.rfm, self.presenter.thresholds)
        since = self._date(c.created_at)
        self.since.setText(" · ".join(p for p in (f"#{c.id}", self.tr("Customer since %1").replace("%1", since)
                                                  if since else "") if p))
        self.tiles.set_figures(view.rfm, view.order_count, view.conversation_count)
        # Channels written from, each with the customer's handle there when the server knows it.
        handles = dict(view.identities)
        used = list(view.channels) + [ch for ch in handles if ch not in view.channels]
        self.channels.setText("\n".join(f"{channel_label(ch)}  {handles[ch]}" if ch in handles else channel_label(ch)
                                         for ch in used) or "—")
        self.personality.set_value(c.personality)
        self.tags.set_tags(c.tags)
        self.note.set_note(c.note, force=switched)
        self.sec_tags.set_title(self.tr("Tags (%1)").replace("%1", str(len(c.tags))))
        self.sec_orders.set_title(self.tr("Recent orders (%1)").replace("%1", str(view.order_count)))
        self.sec_conversations.set_title(self.tr("Conversations (%1)").replace("%1", str(view.conversation_count)))
        self.sec_satisfaction.set_title(self.tr("Satisfaction (%1)").replace("%1", str(view.csat.count)))
        avg = view.csat.average
        self.csat_average.setVisible(avg is not None)
        if avg is not None:
            self.csat_average.setText(self.tr("Average %1 / 5 %2 from %3 ratings")
                                      .replace("%1", QLocale().toString(avg, "f", 1))
                                      .replace("%2", stars(round(avg))).replace("%3", str(view.csat.count)))
        if switched:
            self.scroll.verticalScrollBar().setValue(0)

    def _date(self, iso: str) -> str:
        try:
            d = parse_iso(iso).astimezone()
        except (TypeError, ValueError):
            return ""
        return QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)

    # --- editing --------------------------------------------------------------------------------
    def _report(self, error: str | None) -> bool:
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        return error is None

    def _save_field(self, field: str, text: str) -> None:
        if self._saving:
            return  # re-opening a refused field for correction must not commit it again at once
        self._saving = True
        try:
            if not self._report(self.presenter.save_field(field, text)) and field != "note":
                # Keep what was typed so it can be corrected, without pulling focus back from where
                # the agent clicked (that would trap them in the field).
                self.fields[field].start_edit(text, focus=False)
        finally:
            self._saving = False

    def _add_tag(self, tag: str) -> None:
        if self._report(self.presenter.add_tag(tag)):
            self.tags.input.clear()
            self.presenter.ensure_completions()

    def open_file(self, sha256: object) -> FileViewer | None:
        f = self.presenter.files.by_sha.get(str(sha256))
        if f is None:
            return None
        viewer = FileViewer(self.attachments, f, self)
        viewer.show()
        return viewer

    def _open(self, conv_id: object) -> None:
        if isinstance(conv_id, int):
            self.conversationActivated.emit(conv_id)
