"""The customer profile (客户画像) for the sidebar: loads a customer's card from the cache, keeps it
current from Changes, and runs the agent's edits through the Desk (ops → outbox). No widgets here:
the sidebar draws what `customerChanged` carries and the three list models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)

from cs_desk.domain.changes import Changes
from cs_desk.domain.model import EDITABLE_CUSTOMER_FIELDS, MAX_TAG_CHARS
from cs_desk.domain.rfm import DEFAULT_THRESHOLDS, Rfm, Thresholds, analyse
from cs_desk.ops.actions import InvalidAction
from cs_desk.store import customer_repo as repo
from cs_desk.store import file_cache
from cs_desk.store.customer_repo import ConversationRow, CsatSummary, CustomerCard, OrderRow
from cs_desk.views import timefmt
from cs_desk.views.desk import Desk

R = Qt.ItemDataRole.UserRole
ID_ROLE, RIGHT_ROLE, SUBTITLE_ROLE, DETAIL_ROLE, ACCENT_ROLE = range(R + 1, R + 6)
RECENT_ORDERS = 10
CONVERSATIONS = 50
RATINGS = 20
FILES = 50
MAX_FIELD_CHARS = 2000  # what the server accepts for a profile field

Index = QModelIndex | QPersistentModelIndex


def money(cents: int, decimals: int = 2) -> str:
    """¥ amounts in the user's locale: ¥1,299.00."""
    return QLocale().toCurrencyString(cents / 100, "¥", decimals)


def channel_label(channel: str) -> str:
    # Spelled out call by call: lupdate only finds literal QCoreApplication.translate(...) calls.
    labels = {
        "web": QCoreApplication.translate("CustomerPresenter", "Web"),
        "wechat": QCoreApplication.translate("CustomerPresenter", "WeChat"),
        "email": QCoreApplication.translate("CustomerPresenter", "E-mail"),
        "taobao": QCoreApplication.translate("CustomerPresenter", "Taobao"),
        "jd": QCoreApplication.translate("CustomerPresenter", "JD"),
        "phone": QCoreApplication.translate("CustomerPresenter", "Phone"),
    }
    return labels.get(channel, channel)


def plain_tip(text: str) -> str:
    """A tooltip that shows customer text as typed. Qt guesses a tooltip's format, and "<b>x" (or
    "<img src=file:…>") anywhere on its first line would be rendered as HTML; escaped, it is not."""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else ""


def stars(score: int) -> str:
    score = max(0, min(5, score))
    return "★" * score + "☆" * (5 - score)


@dataclass(frozen=True, slots=True)
class CardRow:
    """One row of a sidebar list as drawn: a title, a figure on the right, up to two more lines."""

    id: Any
    title: str
    right: str = ""
    subtitle: str = ""
    detail: str = ""
    tooltip: str = ""
    accent: str = ""  # colour of the right-hand figure, e.g. a status


class CardListModel(QAbstractListModel):
    """Rows formatted once when set; painting only reads them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CardRow] = []

    def set_cards(self, rows: list[CardRow]) -> None:
        if rows == self._rows:
            return  # most refreshes change nothing here: no reset, no flicker
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def id_at(self, row: int) -> Any:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r.title
        if role == ID_ROLE:
            return r.id
        if role == RIGHT_ROLE:
            return r.right
        if role == SUBTITLE_ROLE:
            return r.subtitle
        if role == DETAIL_ROLE:
            return r.detail
        if role == ACCENT_ROLE:
            return r.accent
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(r.tooltip) or None
        return None


class OrdersModel(CardListModel):
    STATUS_COLOURS = {"pending": "#ef6c00", "paid": "#1a73e8", "shipped": "#1a73e8", "delivered": "#188038",
                      "refunded": "#c62828", "cancelled": "#5f6368"}

    def status_label(self, status: str) -> str:
        return {"pending": self.tr("Unpaid"), "paid": self.tr("Paid"), "shipped": self.tr("Shipped"),
                "delivered": self.tr("Delivered"), "refunded": self.tr("Refunded"),
                "cancelled": self.tr("Cancelled")}.get(status, status)

    def set_orders(self, orders: list[OrderRow]) -> None:
        rows = []
        for o in orders:
            items = ", ".join(f"{it.title} ×{it.qty}" for it in o.items)
            when = timefmt.local_time(o.created_at)
            status = self.status_label(o.status)
            lines = [f"{o.id} · {money(o.total_cents)} · {status}", when, *(f"{it.title} ×{it.qty}" for it in o.items)]
            rows.append(CardRow(o.id, o.id, money(o.total_cents), f"{when} · {status}", items, "\n".join(lines),
                                self.STATUS_COLOURS.get(o.status, "")))
        self.set_cards(rows)


class ConversationsModel(CardListModel):
    STATUS_COLOURS = {"open": "#1a73e8", "pending": "#ef6c00", "resolved": "#188038"}

    def status_label(self, status: str) -> str:
        return {"open": self.tr("Open"), "pending": self.tr("Pending"),
                "resolved": self.tr("Resolved")}.get(status, status)

    def set_conversations(self, convs: list[ConversationRow]) -> None:
        rows = []
        for c in convs:
            subject = c.subject or c.last_message_preview.replace("\n", " ") or self.tr("(no subject)")
            when = timefmt.local_time(c.updated_at)
            sub = " · ".join(p for p in (channel_label(c.channel), when, f"#{c.id}") if p)
            tip = "\n".join(p for p in (subject, sub, c.last_message_preview) if p)
            rows.append(CardRow(c.id, subject, self.status_label(c.status), sub, "", tip,
                                self.STATUS_COLOURS.get(c.status, "")))
        self.set_cards(rows)


class SatisfactionModel(CardListModel):
    """One row per rated conversation: the comment first (it says why), the stars in colour."""

    def set_ratings(self, convs: list[ConversationRow]) -> None:
        rows = []
        for c in convs:
            score = c.csat_score or 0
            when = timefmt.local_time(c.resolved_at or c.updated_at)
            comment = (c.csat_comment or "").replace("\n", " ")
            subject = c.subject or f"#{c.id}"
            colour = "#188038" if score >= 4 else "#ef6c00" if score == 3 else "#c62828"
            tip = "\n".join(p for p in (f"{stars(score)} {score}/5 · {when}", subject, c.csat_comment or "") if p)
            rows.append(CardRow(c.id, comment or self.tr("No comment"), stars(score), f"{when} · {subject}", "",
                                tip, colour))
        self.set_cards(rows)


class FilesModel(CardListModel):
    """The customer's files across conversations, newest first: name, size, when and where."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.by_sha: dict[str, dict[str, Any]] = {}

    def set_files(self, files: list[dict[str, Any]]) -> None:
        rows, seen = [], set()
        self.by_sha = {}
        for f in files:
            if f["sha256"] in seen:
                continue
            seen.add(f["sha256"])
            self.by_sha[f["sha256"]] = f
            size = int(f.get("size") or 0)
            right = f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, size // 1024)} KB"
            sub = " · ".join(p for p in (timefmt.local_time(f.get("created_at")), f"#{f.get('conversation_id')}") if p)
            name = f.get("name") or f["sha256"][:12]
            rows.append(CardRow(f["sha256"], name, right, sub, "", "\n".join((name, str(f.get("mime") or ""), sub))))
        self.set_cards(rows)


@dataclass(frozen=True, slots=True)
class CustomerView:
    """Everything the sidebar shows of one customer besides the three lists."""

    card: CustomerCard
    rfm: Rfm
    channels: tuple[str, ...]
    conversation_count: int
    order_count: int
    csat: CsatSummary
    identities: tuple[tuple[str, str], ...] = ()  # (channel, handle)


class CustomerPresenter(QObject):
    customerChanged = Signal(object)  # noqa: N815 - CustomerView or None, after every (re)load

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.customer_id: int | None = None
        self.view: CustomerView | None = None
        self.thresholds: Thresholds = DEFAULT_THRESHOLDS
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.orders = OrdersModel(self)
        self.conversations = ConversationsModel(self)
        self.ratings = SatisfactionModel(self)
        self.files = FilesModel(self)
        self.completions = QStringListModel(self)
        self._conv_ids: set[int] = set()
        self._completions_stale = True
        desk.changed.connect(self.apply_changes)

    # --- loading --------------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        if customer_id == self.customer_id and (self.view is not None or customer_id is None):
            # The conversation pane announces its customer after every change it sees; keeping
            # the shown one current is apply_changes' job, so this would only load it twice.
            return
        self._completions_stale = True
        self.customer_id = customer_id
        self.refresh()

    def refresh(self) -> None:
        conn = self.desk.store.conn
        cid = self.customer_id
        card = repo.card(conn, cid) if cid is not None else None
        if cid is None or card is None:
            self.view = None
            self._conv_ids = set()
            for m in (self.orders, self.conversations, self.ratings):
                m.set_cards([])
            self.files.set_files([])
            self.customerChanged.emit(None)
            return
        facts = repo.order_facts(conn, cid)
        self._conv_ids = repo.conversation_ids(conn, cid)
        self.view = CustomerView(card, analyse(facts, self.now(), self.thresholds), tuple(repo.channels(conn, cid)),
                                 len(self._conv_ids), len(facts), repo.csat_summary(conn, cid),
                                 tuple(sorted(repo.identities(conn, cid).items())))
        self.orders.set_orders(repo.recent_orders(conn, cid, RECENT_ORDERS))
        self.conversations.set_conversations(repo.conversations(conn, cid, CONVERSATIONS))
        self.ratings.set_ratings(repo.rated_conversations(conn, cid, RATINGS))
        self.files.set_files(file_cache.customer_files(conn, cid)[:FILES])
        self.customerChanged.emit(self.view)

    def ensure_completions(self) -> QStringListModel:
        """Tags already used on customers, minus this customer's own. Loaded when the agent is about
        to type a tag rather than on every refresh: it reads every customer row."""
        if self._completions_stale:
            own = set(self.view.card.tags) if self.view else set()
            self.completions.setStringList([t for t in repo.customer_tags(self.desk.store.conn) if t not in own])
            self._completions_stale = False
        return self.completions

    def touches(self, ch: Changes) -> bool:
        """Whether a change concerns the customer shown: the only case worth a reload."""
        cid = self.customer_id
        if cid is None:
            return False
        if ch.reset or cid in ch.customers or ch.orders:
            return True
        if (ch.conversations | ch.removed_conversations) & self._conv_ids:
            return True
        new = ch.conversations - self._conv_ids
        return bool(new) and repo.any_of_customer(self.desk.store.conn, cid, new)

    def apply_changes(self, ch: Changes) -> None:
        if ch.reset or ch.customers:
            self._completions_stale = True  # some customer's tags may have changed
        if self.touches(ch):
            self.refresh()

    # --- the agent's edits: each returns a message to show, or None when done ------------------
    def save_field(self, field: str, value: str) -> str | None:
        if field not in EDITABLE_CUSTOMER_FIELDS:
            raise ValueError(f"not an editable customer field: {field}")
        if self.view is None:
            return None
        value = value if field == "note" else value.strip()
        current = getattr(self.view.card, field)
        if current == value or (field != "note" and isinstance(current, str) and current.strip() == value):
            return None  # leaving a field unchanged (as shown: trimmed) must not queue a mutation
        if field == "name" and not value:
            return self.tr("A customer needs a name.")
        if len(value) > MAX_FIELD_CHARS:
            return self.tr("At most %1 characters.").replace("%1", str(MAX_FIELD_CHARS))
        return self._run(self.desk.update_customer, self.view.card.id, field, value)

    def add_tag(self, tag: str) -> str | None:
        tag = tag.strip()
        if self.view is None or not tag or tag in self.view.card.tags:
            return None
        if len(tag) > MAX_TAG_CHARS:
            return self.tr("A tag can have at most %1 characters.").replace("%1", str(MAX_TAG_CHARS))
        return self._run(self.desk.add_tag, "customer", self.view.card.id, tag)

    def remove_tag(self, tag: str) -> str | None:
        if self.view is None or tag not in self.view.card.tags:
            return None
        return self._run(self.desk.remove_tag, "customer", self.view.card.id, tag)

    def _run(self, fn: Callable[..., None], *args: Any) -> str | None:
        try:
            fn(*args)
        except InvalidAction as exc:
            return str(exc)
        return None
