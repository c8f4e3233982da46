"""The files of the open conversation as a strip of thumbnails above the messages (photos of the
damaged parcel first thing an agent sees); double-click opens the viewer. Thumbnails come from the
local cache, fetched once when missing; names are shown as plain text in tooltips and captions."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QStyle, QWidget

from cs_desk.views.attachments import Attachments
from cs_desk.views.names import fill

SHA_ROLE = Qt.ItemDataRole.UserRole
THUMB = 96


def size_text(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} KB"


class AttachmentStrip(QListWidget):
    openRequested = Signal(dict)  # noqa: N815 - the attachment (sha256, name, mime, size…)

    def __init__(self, files: Attachments, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.conv_id: int | None = None
        self._items: dict[str, QListWidgetItem] = {}
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setFixedHeight(THUMB + 44)
        self.setMovement(QListView.Movement.Static)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setGridSize(QSize(THUMB + 24, THUMB + 36))
        self.itemActivated.connect(lambda item: self.openRequested.emit(item.data(SHA_ROLE)))
        files.ready.connect(self._ready)
        self.hide()

    def show_conversation(self, conv_id: int | None) -> None:
        self.conv_id = conv_id
        self.clear()
        self._items = {}
        found = self.files.conversation_files(conv_id) if conv_id is not None else []
        for f in found:
            if f["sha256"] in self._items:
                continue
            item = QListWidgetItem(self._icon(f), f.get("name") or f["sha256"][:8], self)
            item.setData(SHA_ROLE, f)
            item.setToolTip(fill(self.tr("%1 · %2 · double-click to open"), f.get("name") or "", size_text(f.get("size", 0))))
            self._items[f["sha256"]] = item
            if f.get("thumbnail") and not self.files.has(f["sha256"], "thumb"):
                self.files.request(f["sha256"], "thumb")
        self.files.touch([(sha, "thumb") for sha, item in self._items.items() if item.data(SHA_ROLE).get("thumbnail")])
        self.setVisible(bool(found))

    def _icon(self, f: dict) -> QIcon:
        if f.get("thumbnail"):
            img = self.files.image(f["sha256"], "thumb", touch=False)
            if img is not None:
                return QIcon(QPixmap.fromImage(img))
            return self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _ready(self, sha256: str, kind: str) -> None:
        item = self._items.get(sha256)
        if item is not None and kind == "thumb":
            item.setIcon(self._icon(item.data(SHA_ROLE)))

    def loaded(self) -> int:
        """How many thumbnails are drawn from real images (for tests and the status)."""
        return sum(1 for sha in self._items if self.files.has(sha, "thumb"))
