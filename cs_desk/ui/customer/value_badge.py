"""The value segment (价值分层) badge and the figures it is computed from: orders, amount spent,
time since the last order, conversations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cs_desk.domain.rfm import Rfm, Segment, Thresholds
from cs_desk.ui.customer.fields import ElidedLabel
from cs_desk.views import timefmt
from cs_desk.views.customer_presenter import money, plain_tip

# (background, text): gold for the important (high-value) segments, by urgency otherwise.
COLOURS: dict[Segment, tuple[str, str]] = {
    Segment.CHAMPION: ("#fbbc04", "#3c2a00"),
    Segment.POTENTIAL: ("#fde293", "#5c4100"),
    Segment.AT_RISK: ("#f9ab00", "#3c2a00"),
    Segment.CANT_LOSE: ("#f28b82", "#5f1410"),
    Segment.LOYAL: ("#ceead6", "#0d652d"),
    Segment.PROMISING: ("#d2e3fc", "#174ea6"),
    Segment.NEEDS_ATTENTION: ("#feefc3", "#7a4f01"),
    Segment.LOST: ("#e8eaed", "#3c4043"),
    Segment.NEW: ("#e6f4ea", "#137333"),
}


class SegmentBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.segment: Segment | None = None

    def label_for(self, segment: Segment) -> str:
        return {
            Segment.CHAMPION: self.tr("Important value"),
            Segment.POTENTIAL: self.tr("Important development"),
            Segment.AT_RISK: self.tr("Important retention"),
            Segment.CANT_LOSE: self.tr("Important win-back"),
            Segment.LOYAL: self.tr("General value"),
            Segment.PROMISING: self.tr("General development"),
            Segment.NEEDS_ATTENTION: self.tr("General retention"),
            Segment.LOST: self.tr("General win-back"),
            Segment.NEW: self.tr("New customer"),
        }[segment]

    def set_rfm(self, rfm: Rfm, t: Thresholds) -> None:
        self.segment = rfm.segment
        self.setText(self.label_for(rfm.segment))
        bg, fg = COLOURS[rfm.segment]
        self.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 8px; padding: 1px 8px; }}")
        yes, no = self.tr("yes"), self.tr("no")
        self.setToolTip(plain_tip("\n".join((
            self.tr("Value segment (RFM)"),
            self.tr("Recent (an order in the last %1 days): %2").replace("%1", str(t.recent_days))
            .replace("%2", yes if rfm.recent else no),
            self.tr("Frequent (%1 orders or more): %2").replace("%1", str(t.frequent_orders))
            .replace("%2", yes if rfm.frequent else no),
            self.tr("High value (%1 or more in total): %2").replace("%1", money(t.high_value_cents, 0))
            .replace("%2", yes if rfm.high_value else no),
            self.tr("Cancelled and refunded orders do not count."),
        ))))


class _Tile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("valueTile")
        self.value = QLabel(self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        f = self.value.font()
        f.setBold(True)
        self.value.setFont(f)
        self.caption = ElidedLabel(self)
        self.caption.setText(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        small = self.caption.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.caption.setFont(small)
        self.caption.setStyleSheet("color: #5f6368;")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 4, 2, 4)
        lay.setSpacing(0)
        lay.addWidget(self.value)
        lay.addWidget(self.caption)


class ValueTiles(QWidget):
    """Four figures in a row: orders · spent · since last order · conversations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QFrame#valueTile { background: #f8f9fa; border: 1px solid #e8eaed; border-radius: 6px; }")
        self.orders = _Tile(self.tr("Orders"), self)
        self.spent = _Tile(self.tr("Spent"), self)
        self.last = _Tile(self.tr("Last order"), self)
        self.conversations = _Tile(self.tr("Chats"), self)
        self.conversations.setToolTip(self.tr("Conversations with this customer"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        for t in (self.orders, self.spent, self.last, self.conversations):
            lay.addWidget(t, 1)

    def set_figures(self, rfm: Rfm, order_count: int, conversation_count: int) -> None:
        self.orders.value.setText(str(rfm.frequency))
        self.orders.setToolTip(self.tr("%1 counted orders of %2 placed").replace("%1", str(rfm.frequency))
                               .replace("%2", str(order_count)))
        self.spent.value.setText(money(rfm.monetary_cents, 0))  # the fen would not fit a tile
        self.spent.setToolTip(money(rfm.monetary_cents))
        if rfm.recency_days is None:
            self.last.value.setText("—")
            self.last.setToolTip(self.tr("No counted order yet"))
        else:
            self.last.value.setText(timefmt.duration(rfm.recency_days * 86400) if rfm.recency_days else
                                    self.tr("today"))
            self.last.setToolTip(timefmt.local_time(rfm.last_order_at.isoformat()) if rfm.last_order_at else "")
        self.conversations.value.setText(str(conversation_count))
