"""Use cases an agent performs. Each is one local transaction writing the optimistic change and
the outbox row, and returns the Changes for views. Arguments are checked with the same models
the server uses, so a bad input is refused here, at once, instead of failing later in the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from cs_desk.domain.changes import Changes
from cs_desk.domain.file_types import MAX_ATTACHMENTS, LocalFile, refusal
from cs_desk.domain.model import Status
from cs_desk.protocol.codec import FrameError
from cs_desk.protocol.frames import parse_args
from cs_desk.store.store import Store


class InvalidAction(ValueError):
    """The agent's input cannot be sent (empty reply, tag too long, …). Nothing was saved."""


def _enqueue(store: Store, op: str, args: dict[str, Any], files: Sequence[LocalFile] = ()) -> Changes:
    try:
        parsed = parse_args(op, args)
    except FrameError as exc:
        raise InvalidAction(exc.message) from None
    dumped = parsed.model_dump(mode="json")
    if "attachments" in dumped and not dumped["attachments"]:
        del dumped["attachments"]  # a reply without files stays what servers before files accept
    return store.enqueue(op, dumped, files)


def _message(store: Store, op: str, conversation_id: int, body: str, files: Sequence[LocalFile]) -> tuple[str, Changes]:
    if not body.strip() and not files:
        raise InvalidAction("an empty reply cannot be sent" if op == "message.send" else "an empty note cannot be saved")
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidAction(f"at most {MAX_ATTACHMENTS} files go with one message")
    for f in files:
        why = refusal(f.data)
        if why is not None:
            raise InvalidAction(f"{f.name}: {why}")
    mid = str(uuid.uuid4())
    args: dict[str, Any] = {"conversation_id": conversation_id, "message_id": mid, "body": body}
    if files:
        args["attachments"] = [{"sha256": f.sha256, "name": f.name} for f in files]
    return mid, _enqueue(store, op, args, files)


def send_reply(store: Store, conversation_id: int, body: str, files: Sequence[LocalFile] = ()) -> tuple[str, Changes]:
    """A reply to the customer, with images or PDFs (size charts, return labels) if any; queued with
    their bytes, so a reply sent offline goes out with its files once the network is back."""
    return _message(store, "message.send", conversation_id, body, files)


def add_note(store: Store, conversation_id: int, body: str, files: Sequence[LocalFile] = ()) -> tuple[str, Changes]:
    return _message(store, "note.add", conversation_id, body, files)


def add_tag(store: Store, target: str, target_id: int, tag: str) -> Changes:
    return _enqueue(store, "tag.add", {"target": target, "id": target_id, "tag": tag})


def remove_tag(store: Store, target: str, target_id: int, tag: str) -> Changes:
    return _enqueue(store, "tag.remove", {"target": target, "id": target_id, "tag": tag})


def set_status(store: Store, conversation_id: int, status: Status | str) -> Changes:
    return _enqueue(store, "status.set", {"conversation_id": conversation_id, "status": Status(status).value})


def resolve(store: Store, conversation_id: int) -> Changes:
    return set_status(store, conversation_id, Status.RESOLVED)


def claim(store: Store, conversation_id: int) -> Changes:
    return _enqueue(store, "conversation.claim", {"conversation_id": conversation_id})


def assign(store: Store, conversation_id: int, assignee_id: int | None, expected_assignee_id: int | None) -> Changes:
    return _enqueue(store, "conversation.assign", {"conversation_id": conversation_id, "assignee_id": assignee_id,
                                                   "expected_assignee_id": expected_assignee_id})


def categorize(store: Store, conversation_id: int, *, category: str | None = None,
               priority: str | None = None) -> Changes:
    """The agent's category and/or priority; the server stops re-classifying the conversation."""
    # None is the model's "unchanged": the stored args are the model's dump either way
    return _enqueue(store, "conversation.categorize",
                    {"conversation_id": conversation_id, "category": category, "priority": priority})


def update_agent(store: Store, agent_id: int, *, capacity: int | None = None, presence: str | None = None) -> Changes:
    """A lead changes an agent's capacity, or sets them away / back online."""
    return _enqueue(store, "agent.update", {"agent_id": agent_id, "capacity": capacity, "presence": presence})


def close_followup(store: Store, followup_id: int, outcome: str) -> Changes:
    """A lead closes a follow-up (回访) with what came of the call."""
    return _enqueue(store, "followup.done", {"followup_id": followup_id, "outcome": outcome})


def transfer(store: Store, conversation_id: int, expected_assignee_id: int | None, reason: str, *,
             to_agent_id: int | None = None, to_team_id: str | None = None) -> Changes:
    """Hands the conversation to an agent, or to a team's queue, with a reason the next owner reads."""
    if not reason.strip():
        raise InvalidAction("say why you transfer the conversation")
    if (to_agent_id is None) == (to_team_id is None):
        raise InvalidAction("choose an agent or a team to transfer to")
    args: dict[str, Any] = {"conversation_id": conversation_id, "expected_assignee_id": expected_assignee_id,
                            "reason": reason}
    if to_agent_id is not None:
        args["to_agent_id"] = to_agent_id
    else:
        args["to_team_id"] = to_team_id
    return _enqueue(store, "conversation.transfer", args)


def set_presence(store: Store, presence: str) -> Changes:
    return _enqueue(store, "presence.set", {"presence": presence})


def update_customer(store: Store, customer_id: int, field: str, value: str) -> Changes:
    return _enqueue(store, "customer.update", {"customer_id": customer_id, "field": field, "value": value})
