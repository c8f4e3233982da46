"""Which files a conversation may carry, shared by the server (which checks and cleans them) and the
workstation (which refuses at once, before anything is queued, what the server would refuse later).
The type is read from the bytes, never from the name: an executable renamed .png is not an image."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10  # per message
MAX_FILES_PER_CONVERSATION = 50
MAX_BYTES_PER_CONVERSATION = 200 * 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
TYPES = (*IMAGE_TYPES, "application/pdf")


def sniff(data: bytes) -> str | None:
    """The type the bytes say they are, or None for anything not taken."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def refusal(data: bytes) -> str | None:
    """Why this file cannot be sent, in words for the person who picked it; None when it can."""
    if not data:
        return "the file is empty"
    if len(data) > MAX_FILE_BYTES:
        return (f"the file is {len(data) / 2**20:.1f} MiB; at most {MAX_FILE_BYTES // 2**20} MiB can be sent")
    if sniff(data) is None:
        return ("only JPEG, PNG, GIF and WebP images and PDF files can be sent (the type is read from the "
                "file's content, not its name)")
    return None


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file the agent attaches to a message: its bytes as picked, and a thumbnail made on this
    computer so the pane shows it before (and without) the server."""

    name: str
    data: bytes
    mime: str
    width: int | None = None
    height: int | None = None
    thumb: bytes | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
