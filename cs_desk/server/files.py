"""Customer files (photos of a damaged parcel, a wrong size label; PDFs): checked, cleaned and stored
content-addressed, with a thumbnail for images.

- The type comes from the bytes, never the name: JPEG, PNG, GIF, WebP and PDF are taken; anything
  else (an executable renamed .png) is refused.
- Images are decoded by Pillow with a pixel limit, so a decompression bomb (a tiny PNG that unpacks
  to gigabytes) is refused before it is unpacked. JPEG, PNG and WebP are re-encoded, which drops
  EXIF (GPS position, camera serial) and text chunks; GIFs are checked and kept as sent (they carry
  no EXIF, and re-encoding would lose their animation).
- Stored content-addressed (cs_desk.server.blobs: under the data directory as files/<sha256[:2]>/<sha256>,
  or in an S3-compatible bucket); a crash never leaves half a file under a real name, and the same
  bytes twice are one file. The thumbnail (at most 320 px on its longer side, JPEG) is
  thumbs/<sha256>.jpg."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from cs_desk.domain.file_types import IMAGE_TYPES, MAX_FILE_BYTES, sniff
from cs_desk.server.blobs import Blobs, FolderBlobs

MAX_PIXELS = 40_000_000  # a 40-megapixel photo decodes to ~160 MB of RGBA: the most a file may cost
THUMB_PX = 320
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


class FileRefused(Exception):
    """A file not taken, with the HTTP status and a reason for the person who sent it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class Stored:
    sha256: str
    mime: str
    size: int
    width: int | None
    height: int | None
    thumb: bool


def _open(data: bytes) -> Image.Image:
    """Decodes with the pixel limit in force (Pillow's own limit only warns below twice its value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
            if img.width * img.height > MAX_PIXELS:
                raise FileRefused(422, "too_many_pixels", f"the image is {img.width}×{img.height} pixels; at most "
                                  f"{MAX_PIXELS // 1_000_000} megapixels are taken")
            img.load()
        except FileRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise FileRefused(422, "too_many_pixels", f"the image unpacks to more than {MAX_PIXELS // 1_000_000} "
                              "megapixels") from None
        except (OSError, ValueError, SyntaxError) as exc:  # Pillow's ways of saying "not a readable image"
            raise FileRefused(422, "unreadable_image", f"the image cannot be read: {exc}") from None
    return img


def _clean(img: Image.Image, mime: str) -> bytes:
    """The image re-encoded without its metadata (EXIF, GPS, text chunks, ICC kept only as colour)."""
    img = ImageOps.exif_transpose(img)  # keep the photo the right way up once its EXIF is gone
    out = io.BytesIO()
    fmt = _FORMATS[mime]
    if fmt == "JPEG":
        img.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=90)
    else:
        img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _thumbnail(img: Image.Image) -> bytes:
    t = ImageOps.exif_transpose(img.copy())
    t.thumbnail((THUMB_PX, THUMB_PX))
    out = io.BytesIO()
    t.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


class FileStore:
    def __init__(self, blobs: Blobs | Path) -> None:
        self.blobs: Blobs = FolderBlobs(blobs) if isinstance(blobs, Path) else blobs

    @staticmethod
    def key(sha256: str, thumb: bool = False) -> str:
        return f"thumbs/{sha256}.jpg" if thumb else f"{sha256[:2]}/{sha256}"

    def read(self, sha256: str, thumb: bool = False) -> bytes | None:
        return self.blobs.get(self.key(sha256, thumb))

    def ingest(self, data: bytes) -> Stored:
        """Checks, cleans and stores one file; raises FileRefused saying why it was not taken."""
        if len(data) > MAX_FILE_BYTES:
            raise FileRefused(413, "file_too_large", f"the file is {len(data) / 2**20:.1f} MiB; at most "
                              f"{MAX_FILE_BYTES // 2**20} MiB are taken")
        if not data:
            raise FileRefused(400, "empty_file", "the file is empty")
        mime = sniff(data)
        if mime is None:
            raise FileRefused(415, "unsupported_type", "only JPEG, PNG, GIF and WebP images and PDF files are "
                              "taken (the type is read from the file's content, not its name)")
        width = height = None
        thumb: bytes | None = None
        if mime in IMAGE_TYPES:
            img = _open(data)
            width, height = img.size
            try:
                if mime != "image/gif":
                    data = _clean(img, mime)
                thumb = _thumbnail(img)
            except (OSError, ValueError, SyntaxError, MemoryError, Image.DecompressionBombError) as exc:
                # decodes lazily: a broken image may only fail here (a bad EXIF block, truncated data)
                raise FileRefused(422, "unreadable_image", f"the image cannot be read: {exc}") from None
        sha = hashlib.sha256(data).hexdigest()
        self.blobs.put(self.key(sha), data, mime)
        if thumb is not None:
            self.blobs.put(self.key(sha, True), thumb, "image/jpeg")
        return Stored(sha, mime, len(data), width, height, thumb is not None)
