"""A one-line label that ends in "…" when its text does not fit, instead of cutting it off.

text() stays the whole text; only painting shortens it, with drawText, so customer text is drawn as
the characters it is (the label is plain text too)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from cs_desk.views.customer_presenter import plain_tip


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        p.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
        if text != self.text():
            self.setToolTip(plain_tip(self.text()))  # shortened: the whole text on hover
        else:
            self.setToolTip("")
