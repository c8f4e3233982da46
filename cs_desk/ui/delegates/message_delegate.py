"""Paints one message as a bubble. Text goes through QPainter.drawText, which never interprets
markup: customer text is always shown as the characters it is."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cs_desk.views.message_model import (
    AUTHOR_KIND_ROLE,
    ERROR_ROLE,
    KIND_ROLE,
    MINE_ROLE,
    NAME_ROLE,
    STATE_ROLE,
    TEXT_ROLE,
    TIME_ROLE,
)

PAD = 8
MARGIN = 10
MAX_WIDTH_RATIO = 0.78

COLOURS = {
    "customer": ("#f1f3f4", "#202124"),
    "agent": ("#d2e3fc", "#0b2a5b"),
    "note": ("#fff4c2", "#4a3b00"),
    "system": ("#00000000", "#5f6368"),
}

Index = QModelIndex | QPersistentModelIndex


class MessageDelegate(QStyledItemDelegate):
    def _style(self, index: Index) -> str:
        if index.data(KIND_ROLE) == "note":
            return "note"
        if index.data(KIND_ROLE) == "system" or index.data(AUTHOR_KIND_ROLE) == "system":
            return "system"
        return "customer" if index.data(AUTHOR_KIND_ROLE) == "customer" else "agent"

    def _status(self, index: Index) -> str:
        if not index.data(MINE_ROLE):
            return ""
        state = index.data(STATE_ROLE)
        if state == "pending":
            return self.tr("Sending…")
        if state == "failed":
            return self.tr("Not sent: %1 — click to retry").replace("%1", index.data(ERROR_ROLE))
        return self.tr("Sent")

    def _header(self, index: Index, style: str) -> str:
        if style == "system":
            return index.data(TIME_ROLE) or ""  # "System" on every line says nothing
        name = index.data(NAME_ROLE) or ""
        if style == "note":
            name = self.tr("Internal note · %1").replace("%1", name)
        return f"{name}  {index.data(TIME_ROLE)}"

    def _layout(self, option: QStyleOptionViewItem, index: Index) -> tuple[QRect, QRect, QRect, QRect, str]:
        style = self._style(index)
        width = option.rect.width()
        bubble_w = int(width * MAX_WIDTH_RATIO) if style in ("customer", "agent") else width - 2 * MARGIN
        text_w = max(40, bubble_w - 2 * PAD)
        small = QFontMetrics(self._small(option.font))
        # System lines (transfers, …) are small and grey, so they read as margin notes, not as talk.
        fm = small if style == "system" else QFontMetrics(option.font)
        body = fm.boundingRect(QRect(0, 0, text_w, 100000), Qt.TextFlag.TextWordWrap, self._text(index))
        head_h = small.height()
        status = self._status(index)
        status_h = small.height() if status else 0
        used_w = max(body.width(), small.horizontalAdvance(self._header(index, style)),
                     small.horizontalAdvance(status) if status else 0) + 2 * PAD
        used_w = min(bubble_w, used_w)
        h = head_h + body.height() + status_h + 2 * PAD
        left = option.rect.left() + MARGIN
        if style == "agent":
            left = option.rect.right() - MARGIN - used_w
        elif style == "system":
            used_w = bubble_w
        bubble = QRect(left, option.rect.top() + 4, used_w, h)
        head = QRect(bubble.left() + PAD, bubble.top() + PAD // 2, used_w - 2 * PAD, head_h)
        text = QRect(bubble.left() + PAD, head.bottom() + 2, used_w - 2 * PAD, body.height())
        stat = QRect(bubble.left() + PAD, text.bottom() + 2, used_w - 2 * PAD, status_h)
        return bubble, head, text, stat, style

    @staticmethod
    def _text(index: Index) -> str:
        return index.data(TEXT_ROLE) or ""

    @staticmethod
    def _small(font: QFont) -> QFont:
        f = QFont(font)
        f.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return f

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        bubble, *_ = self._layout(option, index)
        return QSize(option.rect.width(), bubble.height() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        bubble, head, text, stat, style = self._layout(option, index)
        bg, fg = COLOURS[style]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight).lighter(170))
        if style != "system":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(bubble, 8, 8)
        small = self._small(option.font)
        painter.setFont(small)
        painter.setPen(QColor("#5f6368"))
        align = Qt.AlignmentFlag.AlignHCenter if style == "system" else Qt.AlignmentFlag.AlignLeft
        painter.drawText(head, int(align | Qt.AlignmentFlag.AlignVCenter), self._header(index, style))
        painter.setFont(small if style == "system" else option.font)
        painter.setPen(QColor(fg))
        painter.drawText(text, int(align | Qt.TextFlag.TextWordWrap), self._text(index))
        status = self._status(index)
        if status:
            painter.setFont(small)
            failed = index.data(STATE_ROLE) == "failed"
            painter.setPen(QColor("#c62828" if failed else "#5f6368"))
            painter.drawText(stat, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), status)
        painter.restore()
