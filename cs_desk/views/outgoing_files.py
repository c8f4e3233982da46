"""Files the agent attaches to a reply (pasted, dropped or picked): read, checked like the server
checks them (type from the bytes, 10 MB), decoded with the allocation limit, and given a thumbnail
made here so the conversation shows the photo at once, also offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage

from cs_desk.domain.file_types import IMAGE_TYPES, MAX_FILE_BYTES, LocalFile, refusal, sniff
from cs_desk.views.attachments import decode
from cs_desk.views.names import fill

THUMB_PX = 320


class FileProblem(ValueError):
    """Why a file cannot be attached, in words for the agent."""


def _encode(img: QImage, fmt: str, quality: int = -1) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, fmt, quality)
    return bytes(buf.data())


def prepare(name: str, data: bytes) -> LocalFile:
    """The file ready to queue, or FileProblem saying why not."""
    if refusal(data) is not None:
        if not data:
            raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1 is empty"), name))
        if len(data) > MAX_FILE_BYTES:
            raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1 is %2 MB; at most 10 MB can be sent"), name, f"{len(data) / 2**20:.1f}"))
        raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1: only JPEG, PNG, GIF and WebP images and PDF files can be sent"), name))
    mime = sniff(data) or ""
    if mime not in IMAGE_TYPES:
        return LocalFile(name, data, mime)
    img = decode(data)
    if img is None:
        raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1 cannot be read as an image, or is too large to open"), name))
    thumb = img.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                       Qt.TransformationMode.SmoothTransformation) if max(img.width(), img.height()) > THUMB_PX else img
    return LocalFile(name, data, mime, img.width(), img.height(), _encode(thumb.convertToFormat(
        QImage.Format.Format_RGB32), "JPEG", 80))


def from_path(path: str | Path) -> LocalFile:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1 is %2 MB; at most 10 MB can be sent"), p.name, f"{size / 2**20:.1f}"))
        data = p.read_bytes()
    except OSError as exc:
        raise FileProblem(fill(QCoreApplication.translate("OutgoingFiles", "%1 cannot be read: %2"), p.name, exc.strerror or str(exc))) from None
    return prepare(p.name, data)


def from_image(img: QImage, name: str = "") -> LocalFile:
    """A pasted screenshot or image, sent as PNG."""
    if img.isNull():
        raise FileProblem(QCoreApplication.translate("OutgoingFiles", "The pasted image is empty"))
    return prepare(name or QCoreApplication.translate("OutgoingFiles", "pasted image") + ".png", _encode(img, "PNG"))


def as_image(data: QByteArray | bytes) -> QImage | None:
    return decode(bytes(data))
