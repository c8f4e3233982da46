"""JSON frame codec (orjson). Decoding checks only the envelope; frames.py checks the body."""

from __future__ import annotations

from typing import Any

import orjson

from cs_desk.protocol.constants import E_BAD_FRAME, E_BAD_JSON, E_BINARY, VERSION


class FrameError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def encode(frame: dict[str, Any]) -> str:
    """Frames go out as text: the subprotocol is JSON, and text frames are what browsers log."""
    if "v" not in frame:
        frame = {"v": VERSION, **frame}
    return orjson.dumps(frame).decode()


def decode(data: str | bytes) -> dict[str, Any]:
    if isinstance(data, bytes | bytearray | memoryview):
        raise FrameError(E_BINARY, "binary frames are not supported; send JSON text frames")
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise FrameError(E_BAD_JSON, f"frame is not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise FrameError(E_BAD_FRAME, "frame must be a JSON object")
    t = obj.get("t")
    if not isinstance(t, str):
        raise FrameError(E_BAD_FRAME, 'frame needs a string field "t"')
    return obj


def raw_events_frame(event_json: list[bytes], epoch: str, seq: int, head: int, after: int | None = None) -> str:
    """Builds an `events` frame from event bodies already stored as JSON, without re-encoding them:
    catch-up and fan-out are mostly this string join. `after`: the cursor of the previous frame sent
    on this socket, so the client can tell a lost, doubled or reordered frame (docs/protocol.md §4)."""
    body = b",".join(event_json)
    head_fields: dict = {"v": VERSION, "t": "events", "cursor": {"epoch": epoch, "seq": seq}, "head": head}
    if after is not None:
        head_fields["after"] = after
    prefix = orjson.dumps(head_fields)
    return (prefix[:-1] + b',"events":[' + body + b"]}").decode()
