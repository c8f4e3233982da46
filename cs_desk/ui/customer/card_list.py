"""Compact lists for the sidebar (orders, conversations, ratings) and collapsible sections.

Rows are painted with drawText (plain text, elided to the pane's width) from the presenter's
roles, at a fixed height, so a list sizes itself without measuring rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cs_desk.views.customer_presenter import (
    ACCENT_ROLE,
    DETAIL_ROLE,
    ID_ROLE,
    RIGHT_ROLE,
    SUBTITLE_ROLE,
    CardListModel,
)

PAD_X = 6
PAD_Y = 4
GAP = 8
SECONDARY = "#5f6368"

Index = QModelIndex | QPersistentModelIndex


class CardDelegate(QStyledItemDelegate):
    """Line 1: title … right-hand figure (in the row's accent colour); lines 2–3: grey details."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines

    def row_height(self, font: QFont) -> int:
        return QFontMetrics(font).lineSpacing() * self.lines + 2 * PAD_Y + 2

    def sizeHint(self, option: QStyleOptionViewItem, _index: Index) -> QSize:  # noqa: N802
        return QSize(100, self.row_height(option.font))

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and focus frame only; the text is ours
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, p, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fm = QFontMetrics(option.font)
        line_h = fm.lineSpacing()
        r = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        text_pen = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = text_pen if selected else QColor(SECONDARY)
        p.save()
        right = index.data(RIGHT_ROLE) or ""
        # +2: elidedText cuts a text whose width was rounded down to exactly the room it is given
        right_w = min(fm.horizontalAdvance(right) + 2, r.width() // 2) if right else 0
        bold = QFont(option.font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text_pen)
        title_w = r.width() - (right_w + GAP if right else 0)
        title = QFontMetrics(bold).elidedText(index.data() or "", Qt.TextElideMode.ElideRight, title_w)
        p.drawText(QRect(r.x(), r.y(), title_w, line_h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   title)
        p.setFont(option.font)
        if right:
            accent = index.data(ACCENT_ROLE)
            p.setPen(QColor(accent) if accent and not selected else text_pen)
            p.drawText(QRect(r.right() - right_w + 1, r.y(), right_w, line_h),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(right, Qt.TextElideMode.ElideRight, right_w))
        p.setPen(grey)
        for n, role in enumerate((SUBTITLE_ROLE, DETAIL_ROLE)[: self.lines - 1], start=1):
            text = index.data(role) or ""
            p.drawText(QRect(r.x(), r.y() + n * line_h, r.width(), line_h),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(text.replace("\n", " "), Qt.TextElideMode.ElideRight, r.width()))
        p.restore()


class CardList(QListView):
    """Shows up to `max_rows` rows without an inner scroll bar, then scrolls; empty, it says so."""

    chosen = Signal(object)  # the row's id: clicked, or Enter on the current row

    def __init__(self, model: CardListModel, lines: int, empty_text: str, max_rows: int = 6,
                 parent: QWidget | None = None, copy_label: str = "") -> None:
        super().__init__(parent)
        self.copy_label = copy_label  # offers to copy the row's id (an order number) when set
        self.delegate = CardDelegate(lines, self)
        self.max_rows = max_rows
        self.empty_text = empty_text
        self.setModel(model)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            sig.connect(self._resize)
        self.clicked.connect(self._choose)
        self._resize()

    def _resize(self) -> None:
        rows = min(max(1, self.model().rowCount()), self.max_rows)
        self.setFixedHeight(rows * self.delegate.row_height(self.font()) + 2 * self.frameWidth())

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(index.data(ID_ROLE))

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        if e.matches(QKeySequence.StandardKey.Copy) and self.copy_label and self.currentIndex().isValid():
            self.copy_id(self.currentIndex())
            return
        super().keyPressEvent(e)

    def copy_id(self, index: QModelIndex) -> None:
        QGuiApplication.clipboard().setText(str(index.data(ID_ROLE)))

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:  # noqa: N802
        index = self.indexAt(e.pos())
        if not self.copy_label or not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.copy_label, lambda: self.copy_id(index))
        menu.exec(e.globalPos())

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        if self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor(SECONDARY))
            p.drawText(self.viewport().rect().adjusted(PAD_X, 0, -PAD_X, 0),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.empty_text)
            return
        super().paintEvent(e)


class Section(QWidget):
    """A titled block whose body folds away with a click on the title (Chatwoot's accordion)."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = body
        self.header = QToolButton(self)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        f = self.header.font()
        f.setBold(True)
        self.header.setFont(f)
        self.header.setStyleSheet("QToolButton { border: none; text-align: left; padding: 2px 0; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.header)
        lay.addWidget(body)
        self.set_title(title)
        self.header.toggled.connect(self._toggle)

    def set_title(self, title: str) -> None:
        self.header.setText(title)

    def title(self) -> str:
        return self.header.text()

    def _toggle(self, open_: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)
