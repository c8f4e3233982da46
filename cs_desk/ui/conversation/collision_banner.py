"""Agent collision: a one- or two-line strip saying which colleagues view or type in the open
conversation ("李娜 is typing… · 王强 is viewing"), and, right after a send, that a colleague is
typing a reply too. Names are agent text: plain-text labels only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cs_desk.views.names import fill

MAX_NAMES = 3  # beyond this, "A, B and 3 others": the strip stays one line


class CollisionBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collisionBanner")
        self.setStyleSheet("#collisionBanner { background: #fff4e5; border: 1px solid #f6c26b; border-radius: 4px; }"
                           "QLabel { color: #5d4200; }")
        self.people = self._label()
        self.warning = self._label()
        self.warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 3, 8, 3)
        lay.setSpacing(1)
        lay.addWidget(self.warning)  # the urgent line first
        lay.addWidget(self.people)
        self.warning.hide()
        self.hide()

    def _label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # colleague names are never markup
        label.setWordWrap(True)
        return label

    def names(self, names: list[str]) -> str:
        """"A", "A and B", "A, B and C", "A, B and 3 others"."""
        if len(names) <= 1:
            return "".join(names)
        if len(names) > MAX_NAMES:
            shown = self.tr(", ").join(names[:MAX_NAMES - 1])
            return fill(self.tr("%1 and %n others", "", len(names) - (MAX_NAMES - 1)), shown)
        return fill(self.tr("%1 and %2"), self.tr(", ").join(names[:-1]), names[-1])

    def describe(self, people: list[tuple[str, str]]) -> str:
        typing = [n for n, s in people if s == "typing"]
        viewing = [n for n, s in people if s != "typing"]
        parts = []
        if typing:
            text = self.tr("%1 is typing…") if len(typing) == 1 else self.tr("%1 are typing…")
            parts.append(fill(text, self.names(typing)))
        if viewing:
            text = self.tr("%1 is viewing") if len(viewing) == 1 else self.tr("%1 are viewing")
            parts.append(fill(text, self.names(viewing)))
        return " · ".join(parts)

    def reply_warning(self, typing: list[str]) -> str:
        if not typing:
            return ""
        text = self.tr("%1 is typing a reply too") if len(typing) == 1 else self.tr("%1 are typing a reply too")
        return fill(text, self.names(typing))

    def set_people(self, people: list[tuple[str, str]], warn: bool = False) -> None:
        """people: (name, 'viewing' | 'typing'), typing first; warn: a reply just went out while a
        colleague types, so say so until they stop."""
        self.people.setText(self.describe(people))
        typing = [n for n, s in people if s == "typing"]
        self.warning.setText(self.reply_warning(typing) if warn else "")
        self.warning.setVisible(bool(warn and typing))
        self.setVisible(bool(people))

    def text(self) -> str:
        """Everything the banner says now (for tests and accessibility)."""
        lines = [self.people.text()] if not self.isHidden() else []
        if not self.warning.isHidden():
            lines.insert(0, self.warning.text())
        return "\n".join(lines)
