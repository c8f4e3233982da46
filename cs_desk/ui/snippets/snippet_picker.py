"""The snippet picker: type to filter, ↑/↓ to choose while the cursor stays in the search box, Enter
inserts the snippet with its placeholders filled for the open conversation, Esc closes.

It is a non-modal QDialog, not a Qt.Popup: a line edit inside a Qt.Popup gets no input-method text
on Windows (QTBUG-83490), and agents type 退款 through a Pinyin IME. It still behaves like a popup:
it closes when another window is activated, and keys that reach the composer before this window
is active are forwarded here, so `/tk⏎` typed fast lands in the search box, not in the reply."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain import placeholders
from cs_desk.domain.changes import Changes
from cs_desk.views.desk import Desk
from cs_desk.views.snippet_model import BODY_ROLE, CATEGORY_ROLE, ID_ROLE, SHORTCUT_ROLE, SnippetModel

Index = QModelIndex | QPersistentModelIndex

MOVE_KEYS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8, Qt.Key.Key_PageDown: 8}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FILLED_BG = QColor("#e3f2fd")
MISSING_BG = QColor("#ffe0b2")
MISSING_FG = QColor("#b71c1c")


def plain(parent: QWidget, *, bold: bool = False, secondary: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # snippet and customer text is never markup
    if bold:
        f = label.font()
        f.setBold(True)
        label.setFont(f)
    if secondary:
        label.setStyleSheet("color: #5f6368;")
    return label


def shortcut_text(shortcut: str) -> str:
    s = shortcut.strip().lstrip("/")
    return f"/{s}" if s else ""


def one_newline(text: str) -> str:
    """Qt makes a paragraph of each \r and each \n: a \r\n from the server would insert a blank line."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf16(text: str, index: int) -> int:
    """Qt counts text positions in UTF-16 units: an emoji before a placeholder is two, not one."""
    return len(text[:index].encode("utf-16-le")) // 2


class SnippetDelegate(QStyledItemDelegate):
    """Two lines per snippet: title and shortcut, then category and the start of the text."""

    def _lines(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        return title, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        title, small = self._lines(option)
        return QSize(200, QFontMetrics(title).height() + QFontMetrics(small).height() + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection come from the style; the text is drawn below
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        main = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = main if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        title_font, small_font = self._lines(opt)
        rect = opt.rect.adjusted(8, 5, -8, -5)
        painter.save()
        # drawText never interprets markup: `<b>` in a title is shown as the characters it is.
        painter.setFont(small_font)
        sc = shortcut_text(index.data(SHORTCUT_ROLE) or "")
        sc_width = painter.fontMetrics().horizontalAdvance(sc) + 10 if sc else 0
        top = rect.adjusted(0, 0, 0, -rect.height() // 2)
        bottom = rect.adjusted(0, rect.height() // 2, 0, 0)
        if sc:
            painter.setPen(muted)
            painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, sc)
        painter.setFont(title_font)
        painter.setPen(main)
        title = painter.fontMetrics().elidedText(index.data() or "", Qt.TextElideMode.ElideRight,
                                                 max(0, top.width() - sc_width))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(small_font)
        painter.setPen(muted)
        body = " ".join((index.data(BODY_ROLE) or "").split())
        cat = index.data(CATEGORY_ROLE) or ""
        line = f"{cat} · {body}" if cat else body
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, bottom.width()))
        painter.restore()


class SnippetPicker(QDialog):
    chosen = Signal(str)  # the snippet text with placeholders filled, ready for the composer

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.context: dict[str, str] = {}
        self._target: QWidget | None = None
        self.setWindowTitle(self.tr("Insert snippet"))
        self.setModal(False)
        self.model = SnippetModel(desk.store, self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search snippets by title, text or shortcut"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.setToolTip(self.tr("Category"))
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(SnippetDelegate(self.list))
        self.list.setUniformItemSizes(True)  # no per-row measuring
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Clicks choose a row but the keyboard stays in the search box, as in a macro picker.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty = plain(self, secondary=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        # Framed and filled like the list it stands in for, so the layout does not jump.
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty.setAutoFillBackground(True)
        self.empty.setMargin(12)
        self.results = QStackedWidget(self)
        self.results.addWidget(self.list)
        self.results.addWidget(self.empty)

        self.title = plain(self, bold=True)
        self.title.setWordWrap(True)
        self.meta = plain(self, secondary=True)
        for label in (self.title, self.meta):
            label.setMinimumHeight(label.fontMetrics().height())
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setToolTip(self._placeholder_help())
        self.preview.setPlaceholderText(self.tr("The chosen snippet shows here, filled in for this conversation"))
        self.missing = plain(self)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b71c1c;")
        self.count = plain(self, secondary=True)
        self.hint = plain(self, secondary=True)
        self.hint.setText(self.tr("↑↓ choose · Enter insert · Esc close"))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.category)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.meta)
        side.addWidget(self.preview, 1)
        side.addWidget(self.missing)
        middle = QHBoxLayout()
        middle.addWidget(self.results, 5)
        middle.addLayout(side, 6)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.hint)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(middle, 1)
        lay.addLayout(bottom)
        self.resize(760, 440)

        self.search.installEventFilter(self)
        self.search.textChanged.connect(lambda _t: self._search())
        self.category.activated.connect(self._category_chosen)
        self.list.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_preview(cur))
        self.list.doubleClicked.connect(lambda idx: self._insert(idx.row()))
        desk.changed.connect(self._changed)
        self._fill_categories()

    # --- opening and closing --------------------------------------------------------------------
    def open_for(self, context: Mapping[str, str], target: QWidget | None = None) -> None:
        """Shows the picker for a conversation; `target` (the composer) gets the focus back after."""
        self.context = dict(context)
        self._release_target()
        self._target = target
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._fill_categories()
        self.category.setCurrentIndex(0)
        self._search()
        if target is not None:
            self._place(target)
            target.installEventFilter(self)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()

    def _place(self, target: QWidget) -> None:
        """Just above the composer, as far as the screen allows (window managers may still decide)."""
        corner = target.mapToGlobal(QPoint(0, 0))
        screen = (target.screen() or self.screen()).availableGeometry()
        frame = self.frameGeometry().height() - self.geometry().height()
        h = self.height() + max(frame, 0)
        x = max(screen.left(), min(corner.x(), screen.right() - self.width()))
        y = corner.y() - h - 4
        if y < screen.top():
            y = max(screen.top(), min(corner.y() + target.height() + 4, screen.bottom() - h))
        self.move(x, y)

    def reject(self) -> None:
        super().reject()
        self._return_focus()

    def _return_focus(self) -> None:
        if self._target is not None:
            self._target.window().activateWindow()
            self._target.setFocus()

    def hideEvent(self, e: QHideEvent) -> None:  # noqa: N802
        self._release_target()
        super().hideEvent(e)

    def _release_target(self) -> None:
        if self._target is not None:
            # The composer may already be gone when the window closes around us.
            with contextlib.suppress(RuntimeError):
                self._target.removeEventFilter(self)

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802
        super().changeEvent(e)
        if e.type() == QEvent.Type.ActivationChange and self.isVisible() and not self.isActiveWindow():
            # Deferred: activation can bounce while the category list opens.
            QTimer.singleShot(0, self._close_if_elsewhere)

    def _close_if_elsewhere(self) -> None:
        if self.isVisible() and not self.isActiveWindow() and QApplication.activePopupWidget() is None:
            # The agent clicked another window (or app): leave the focus where they put it.
            super().reject()

    # --- keys -----------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if obj is self._target and obj is not self.search and self.isVisible():
            if e.type() == QEvent.Type.ShortcutOverride and self._handles(e, forwarded=True):
                e.accept()  # a window shortcut (Esc in the queue) must not take the key first
                return True
            if e.type() == QEvent.Type.KeyPress:
                return self._key(e, forwarded=True)  # type: ignore[arg-type]
        elif obj is self.search and e.type() == QEvent.Type.KeyPress:
            return self._key(e, forwarded=False)  # type: ignore[arg-type]
        return super().eventFilter(obj, e)

    def _handles(self, e: QEvent, forwarded: bool) -> bool:
        if not isinstance(e, QKeyEvent):
            return False
        key = e.key()
        if key in MOVE_KEYS or key in ENTER_KEYS or key == Qt.Key.Key_Escape:
            return True
        return forwarded and (key == Qt.Key.Key_Backspace or self._typed(e) != "")

    @staticmethod
    def _typed(e: QKeyEvent) -> str:
        mods = e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier |
                                Qt.KeyboardModifier.MetaModifier)
        text = e.text()
        return text if text and text.isprintable() and not mods else ""

    def _key(self, e: QKeyEvent, forwarded: bool) -> bool:
        key = e.key()
        if key in MOVE_KEYS:
            self.move_selection(MOVE_KEYS[key])
        elif key in ENTER_KEYS:
            self.insert_current()
        elif key == Qt.Key.Key_Escape:
            self.reject()
        elif forwarded and key == Qt.Key.Key_Backspace:
            self.search.backspace()
        elif forwarded and self._typed(e):
            # Typed into the composer before this window became active: it belongs to the search.
            self.search.insert(self._typed(e))
            self.activateWindow()
            self.search.setFocus()
        else:
            return False
        return True

    def move_selection(self, delta: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = self.list.currentIndex().row()
        row = 0 if row < 0 else max(0, min(n - 1, row + delta))
        self._select(row)

    def _select(self, row: int) -> None:
        idx = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(idx)

    # --- searching ------------------------------------------------------------------------------
    def _category_chosen(self, _i: int) -> None:
        self._search()
        self.search.setFocus()

    def _search(self, keep: int | None = None) -> None:
        # Synchronous: a trigram or LIKE query over the snippet cache takes a few ms, so each key
        # shows its results at once; IME pre-edit text does not reach textChanged.
        self.model.search(self.search.text(), self.category.currentData())
        self._show_results(keep)

    def _show_results(self, keep: int | None) -> None:
        n = self.model.rowCount()
        if self.model.truncated():
            self.count.setText(self.tr("First %n snippets", "", n))
        else:
            # Spelled out for one: with no English translation file, "%n snippet(s)" would show as is.
            self.count.setText(self.tr("1 snippet") if n == 1 else self.tr("%n snippets", "", n))
        if n:
            self.results.setCurrentWidget(self.list)
            row = self.model.row_of(keep) if keep is not None else None
            self._select(row if row is not None else 0)
            return
        self.results.setCurrentWidget(self.empty)
        query = self.search.text().strip()
        if self.model.total() == 0:
            self.empty.setText(self.tr("No snippets yet. Your team lead adds them on the server."))
        elif query and self.category.currentData() is not None:
            self.empty.setText(self.tr("No snippets in this category match “%1”").replace("%1", query))
        elif query:
            self.empty.setText(self.tr("No snippets match “%1”").replace("%1", query))
        else:
            self.empty.setText(self.tr("No snippets in this category"))
        self._show_preview(QModelIndex())

    def _fill_categories(self) -> bool:
        """Refills the category list; True when the chosen category is gone (the list falls back to all)."""
        current = self.category.currentData() if self.category.count() else None
        self.category.clear()
        self.category.addItem(self.tr("All categories") + f" ({self.model.total()})", None)
        uncategorised = self.tr("Uncategorised")
        for name, n in self.model.categories():
            self.category.addItem(f"{name or uncategorised} ({n})", name)
        found = next((i for i in range(self.category.count()) if self.category.itemData(i) == current), 0)
        self.category.setCurrentIndex(found)
        return current is not None and found == 0

    def _current_id(self) -> int | None:
        idx = self.list.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def _changed(self, ch: Changes) -> None:
        if not self.isVisible() or not (ch.snippets or ch.reset):
            return  # open_for searches afresh anyway
        keep = self._current_id()
        self._fill_categories()
        self._search(keep)

    # --- preview and insert ---------------------------------------------------------------------
    def _show_preview(self, index: Index) -> None:
        s = self.model.snippet(index.row()) if index.isValid() else None
        if s is None:
            for w in (self.title, self.meta, self.missing):
                w.clear()
            self.missing.hide()
            self.preview.clear()
            return
        r = placeholders.render(one_newline(s.body), self.context)
        self.title.setText(s.title)
        self.meta.setText(" · ".join(x for x in (shortcut_text(s.shortcut), s.category) if x))
        self.preview.setPlainText(r.text)
        self.preview.setExtraSelections([self._mark(r.text, sp) for sp in r.spans])
        lines = []
        absent = [n for n in r.missing if n in placeholders.KNOWN]
        unknown = [n for n in r.missing if n not in placeholders.KNOWN]
        if absent:
            lines.append(self.tr("No value for %1: fill it in before sending").replace(
                "%1", ", ".join(f"{{{n}}}" for n in absent)))
        if unknown:
            lines.append(self.tr("Unknown placeholder %1: left as written").replace(
                "%1", ", ".join(f"{{{n}}}" for n in unknown)))
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))

    def _mark(self, text: str, span: placeholders.Span) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.preview.document())
        cur.setPosition(utf16(text, span.start))
        cur.setPosition(utf16(text, span.end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        if span.filled:
            fmt.setBackground(FILLED_BG)
        else:
            fmt.setBackground(MISSING_BG)
            fmt.setForeground(MISSING_FG)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(MISSING_FG)
        sel.format = fmt
        return sel

    def rendered(self, row: int) -> placeholders.Rendered | None:
        s = self.model.snippet(row)
        return None if s is None else placeholders.render(one_newline(s.body), self.context)

    def insert_current(self) -> None:
        r = self.rendered(self.list.currentIndex().row())
        if r is None:
            return
        super().accept()
        self._return_focus()
        self.chosen.emit(r.text)

    def _insert(self, row: int) -> None:
        self._select(row)
        self.insert_current()

    def _placeholder_help(self) -> str:
        hints = {"customer.name": self.tr("the customer's name"), "agent.name": self.tr("your display name"),
                 "order.id": self.tr("the customer's latest order number")}
        lines = [self.tr("Placeholders are filled for the open conversation:")]
        lines += [f"{{{n}}} — {hints.get(n, desc)}" for n, desc in placeholders.KNOWN.items()]
        return "\n".join(lines)
