"""The customer's personality type as the agent judges it, with the handbook's advice on serving it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from cs_desk.domain.model import PERSONALITIES
from cs_desk.views.names import personality_advice, personality_label


class PersonalityPicker(QComboBox):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for p in ("", *PERSONALITIES):
            self.addItem(personality_label(p), p)
            self.setItemData(self.count() - 1, personality_advice(p), Qt.ItemDataRole.ToolTipRole)
        self.activated.connect(lambda _i: self.chosen.emit(self.currentData()))

    def set_value(self, personality: str) -> None:
        self.setCurrentIndex(max(0, self.findData(personality)))
        self.setToolTip(personality_advice(personality) or self.tr("How this customer likes to be served"))
