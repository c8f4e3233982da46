"""What a queue view shows: which view, the filters on it, and the order."""

from __future__ import annotations

from dataclasses import dataclass

# followups: conversations with a follow-up (回访) still open, whatever their status
VIEWS = ("mine", "unassigned", "team", "resolved", "followups")
# Orders the queue can be sorted in (one per column). "priority" ascending is the default urgency:
# higher priority first (complaints and refunds), within a priority the earliest deadline (breached on
# top), then the rest by how long the customer waits. "sla" is the deadline alone.
SORT_KEYS = ("customer", "last_message", "channel", "waiting", "sla", "unread", "priority")
DEFAULT_SORT = "priority"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    view: str = "mine"
    status: str | None = None  # open / pending, within the view
    tag: str | None = None
    channel: str | None = None
    text: str = ""
    sort: str = DEFAULT_SORT  # one of SORT_KEYS
    descending: bool = False
