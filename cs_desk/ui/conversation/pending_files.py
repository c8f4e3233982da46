"""The files waiting to go with the reply being written: a row of chips (thumbnail, name, ✕) under
the reply box. Names are plain text; a file is read and checked when it is added, so a refused one
never gets here (the reason is shown instead)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QStyle, QToolButton, QWidget

from cs_desk.domain.file_types import MAX_ATTACHMENTS, LocalFile
from cs_desk.views.outgoing_files import as_image

CHIP_ICON = 40


class PendingFiles(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files: list[LocalFile] = []
        self._chips: list[QToolButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.hide()

    def files(self) -> list[LocalFile]:
        return list(self._files)

    def room(self) -> int:
        return MAX_ATTACHMENTS - len(self._files)

    def add(self, f: LocalFile) -> bool:
        """False when the message holds as many files as it may already (or this one is there)."""
        if self.room() <= 0 or any(x.sha256 == f.sha256 for x in self._files):
            return False
        chip = QToolButton(self)
        chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        chip.setIconSize(QSize(CHIP_ICON, CHIP_ICON))
        chip.setText(f"{f.name}  ✕")  # QToolButton text is never rich text
        chip.setToolTip(self.tr("Click to remove this file from the reply"))
        chip.setIcon(self._icon(f))
        chip.setAccessibleName(f.name)
        chip.clicked.connect(lambda _c=False, b=chip: self._remove(b))
        self._row.insertWidget(len(self._chips), chip)
        self._files.append(f)
        self._chips.append(chip)
        self.show()
        self.changed.emit()
        return True

    def _icon(self, f: LocalFile) -> QIcon:
        img = as_image(f.thumb) if f.thumb else None
        if img is not None:
            return QIcon(QPixmap.fromImage(img))
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _remove(self, chip: QToolButton) -> None:
        i = self._chips.index(chip)
        del self._chips[i], self._files[i]
        chip.deleteLater()
        self.setVisible(bool(self._files))
        self.changed.emit()

    def clear(self) -> None:
        for chip in self._chips:
            chip.deleteLater()
        self._chips, self._files = [], []
        self.hide()
        self.changed.emit()
