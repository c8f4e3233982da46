"""Category and priority of the open conversation, as two combo boxes; picking one is the agent's
choice, which the server keeps (the classifier no longer changes it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from cs_desk.domain.classify import CATEGORIES, PRIORITIES
from cs_desk.views.customer_presenter import plain_tip
from cs_desk.views.names import category_label, fill, priority_label


class CategoryPicker(QWidget):
    categoryChosen = Signal(str)  # noqa: N815
    priorityChosen = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = QComboBox(self)
        for c in CATEGORIES:
            self.category.addItem(category_label(c), c)
        self.priority = QComboBox(self)
        for p in PRIORITIES:
            self.priority.addItem(priority_label(p), p)
        self.category.setToolTip(self.tr("Category"))
        self.priority.setToolTip(self.tr("Priority"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.category)
        lay.addWidget(self.priority)
        # activated, not currentIndexChanged: only the agent's pick is a choice, not show()
        self.category.activated.connect(lambda _i: self.categoryChosen.emit(self.category.currentData()))
        self.priority.activated.connect(lambda _i: self.priorityChosen.emit(self.priority.currentData()))

    def show_values(self, conv: dict[str, Any]) -> None:
        self.category.setCurrentIndex(max(0, self.category.findData(conv.get("category") or "consultation")))
        self.priority.setCurrentIndex(max(0, self.priority.findData(conv.get("priority") or "normal")))
        how = conv.get("classified") or {}
        if how.get("by") == "agent":
            tip = self.tr("Category: chosen by an agent")
        elif how.get("words"):
            # the words are the customer's: a tooltip shows rich text, so it is escaped by plain_tip
            tip = plain_tip(fill(self.tr("Category: from the customer's words %1"), "、".join(how["words"])))
        else:
            tip = self.tr("Category")
        self.category.setToolTip(tip)
