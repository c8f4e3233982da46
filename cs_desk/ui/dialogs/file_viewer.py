"""A customer's file: images shown with zoom (fit, in, out, 100 %), any file saved where the agent
chooses. Nothing is opened by another program unless the agent clicks "Open with…" for it, and the
copy handed to that program is written with the file's real type as its extension."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cs_desk.views.attachments import Attachments, decode
from cs_desk.views.names import fill

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
              "application/pdf": ".pdf"}


class FileViewer(QDialog):
    def __init__(self, files: Attachments, attachment: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files, self.f = files, attachment
        self.sha = attachment["sha256"]
        self.scale = 1.0
        self.pixmap: QPixmap | None = None
        name = attachment.get("name") or self.sha[:12]
        self.setWindowTitle(fill(self.tr("File: %1"), name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setTextFormat(Qt.TextFormat.PlainText)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.fit, self.zoom_in, self.zoom_out, self.actual = (QPushButton(t, self) for t in (
            self.tr("Fit"), self.tr("Zoom in"), self.tr("Zoom out"), self.tr("100 %")))
        self.save = QPushButton(self.tr("Save as…"), self)
        self.open_with = QPushButton(self.tr("Open with…"), self)
        self.open_with.setToolTip(self.tr("Opens a copy in the program your computer uses for this type"))
        row = QHBoxLayout()
        for w in (self.fit, self.zoom_in, self.zoom_out, self.actual):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.status)
        row.addWidget(self.save)
        row.addWidget(self.open_with)
        lay = QVBoxLayout(self)
        lay.addWidget(self.scroll, 1)
        lay.addLayout(row)
        self.fit.clicked.connect(self.fit_to_window)
        self.zoom_in.clicked.connect(lambda: self.set_scale(self.scale * 1.25))
        self.zoom_out.clicked.connect(lambda: self.set_scale(self.scale / 1.25))
        self.actual.clicked.connect(lambda: self.set_scale(1.0))
        self.save.clicked.connect(self._choose_save)
        self.open_with.clicked.connect(self.open_externally)
        files.ready.connect(self._ready)
        files.failed.connect(self._failed)
        self.resize(900, 700)
        self._load()

    @property
    def is_image(self) -> bool:
        return str(self.f.get("mime", "")).startswith("image/")

    def _load(self) -> None:
        data = self.files.cached(self.sha, "full")
        has = data is not None
        for w in (self.save, self.open_with):
            w.setEnabled(has)
        for w in (self.fit, self.zoom_in, self.zoom_out, self.actual):
            w.setEnabled(has and self.is_image)
        if not has:
            self.image.setText(self.tr("Loading…"))
            self.files.request(self.sha, "full")
            return
        if not self.is_image:
            self.image.setText(fill(self.tr("%1 (%2): save it, or open it with another program"),
                                    self.f.get("name") or "", self.f.get("mime") or ""))
            return
        img = decode(data)
        if img is None:
            self.image.setText(self.tr("This image cannot be shown (damaged, or too large to decode safely)"))
            return
        self.pixmap = QPixmap.fromImage(img)
        self.status.setText(f"{img.width()} × {img.height()}")
        self.fit_to_window()

    def _ready(self, sha: str, kind: str) -> None:
        if sha == self.sha and kind == "full":
            self._load()

    def _failed(self, sha: str, kind: str, why: str) -> None:
        if sha == self.sha and kind == "full":
            self.image.setText(why)

    def fit_to_window(self) -> None:
        if self.pixmap is None:
            return
        area = self.scroll.viewport().size()
        self.set_scale(min(1.0, area.width() / max(1, self.pixmap.width()), area.height() / max(1, self.pixmap.height())))

    def set_scale(self, scale: float) -> None:
        if self.pixmap is None:
            return
        self.scale = max(0.05, min(8.0, scale))
        self.image.setPixmap(self.pixmap.scaled(self.pixmap.size() * self.scale, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))

    def _suggested_name(self) -> str:
        ext = EXTENSIONS.get(str(self.f.get("mime")), "")
        stem = Path(self.f.get("name") or self.sha[:12]).stem or self.sha[:12]
        return stem + ext  # the real type's extension, whatever the customer named it

    def _choose_save(self) -> None:
        dialog = QFileDialog(self, self.tr("Save file"), str(Path.home() / self._suggested_name()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        dialog.open()

    def save_to(self, path: Path) -> bool:
        data = self.files.cached(self.sha, "full")
        if data is None:
            return False
        try:
            path.write_bytes(data)
        except OSError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText(fill(self.tr("Saved to %1"), str(path)))
        return True

    def open_externally(self) -> None:
        data = self.files.cached(self.sha, "full")
        if data is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="cs-desk-file-"))
        target = folder / self._suggested_name()
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
