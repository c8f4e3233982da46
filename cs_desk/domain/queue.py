"""What a queue view shows: which view, and the filters on it."""

from __future__ import annotations

from dataclasses import dataclass

VIEWS = ("mine", "unassigned", "team", "resolved")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    view: str = "mine"
    status: str | None = None  # open / pending, within the view
    tag: str | None = None
    channel: str | None = None
    text: str = ""
