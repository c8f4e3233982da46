"""Sensitive words (敏感词) in a reply about to be sent: the inline bar under the messages and the
marks on the words in the composer. The check itself is cs_desk.domain.sensitive, run by the pane
through Desk.sensitive_check; this module only shows its result."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from cs_desk.domain.sensitive import Hit, distinct_words
from cs_desk.views.names import fill

HIT_FG = QColor("#b3261e")
HIT_BG = QColor("#fde7e9")


def utf16(text: str, index: int) -> int:
    """A Python index into `text` as a Qt document position (UTF-16 code units: an emoji is two)."""
    return len(text[:index].encode("utf-16-le")) // 2


def hit_marks(edit: QPlainTextEdit, text: str, hits: Sequence[Hit]) -> list[QTextEdit.ExtraSelection]:
    """Red wavy underline on a pale red background under every hit; `text` is what `hits` were found
    in (the edit's plain text)."""
    fmt = QTextCharFormat()
    fmt.setBackground(HIT_BG)
    fmt.setForeground(HIT_FG)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(HIT_FG)
    out = []
    doc_len = edit.document().characterCount() - 1
    for h in hits:
        start, end = utf16(text, h.start), utf16(text, h.end)
        if end > doc_len:
            continue  # the text changed under us; the next check marks it again
        cur = QTextCursor(edit.document())
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cur
        sel.format = fmt
        out.append(sel)
    return out


class SensitiveBar(QFrame):
    sendAnyway = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitiveBar")
        self.mode: str | None = None  # what is shown: 'confirm', 'block' or None (hidden)
        self.words: list[str] = []
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the words come from the team's list
        self.label.setWordWrap(True)
        self.anyway = QPushButton(self.tr("Send anyway"), self)
        self.anyway.setAutoDefault(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.anyway)
        self.anyway.clicked.connect(self.sendAnyway)
        self.hide()

    def show_hits(self, mode: str, hits: Sequence[Hit]) -> None:
        self.mode = mode
        self.words = distinct_words(hits)
        words = self.tr(", ").join(self.words)
        if mode == "block":
            self.label.setText(fill(self.tr("Your team does not allow sending: %1 — please rephrase"), words))
            style = "#sensitiveBar { background: #fde7e9; border: 1px solid #e8a1a6; border-radius: 4px; }"
        else:
            text = (self.tr("Contains a sensitive word: %1 — edit it, or press Send again to send anyway")
                    if len(self.words) == 1 else
                    self.tr("Contains sensitive words: %1 — edit them, or press Send again to send anyway"))
            self.label.setText(fill(text, words))
            style = "#sensitiveBar { background: #fff4e5; border: 1px solid #f6c26b; border-radius: 4px; }"
        self.setStyleSheet(style + " QLabel { color: #7a1c16; }")
        self.anyway.setVisible(mode != "block")
        self.show()

    def clear(self) -> None:
        self.mode = None
        self.words = []
        self.hide()
