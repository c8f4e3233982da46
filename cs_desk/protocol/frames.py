"""Client→server frame bodies, validated with pydantic. The server dispatches only the types
listed in CLIENT_FRAMES and only the ops in MUTATION_ARGS: an allowlist, never getattr by name."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from cs_desk.domain import classify
from cs_desk.domain.file_types import MAX_ATTACHMENTS
from cs_desk.domain.model import MAX_MESSAGE_CHARS, MAX_TAG_CHARS, PERSONALITIES, Status
from cs_desk.protocol.codec import FrameError
from cs_desk.protocol.constants import E_BAD_FRAME, E_INVALID, MAX_MUTATIONS_PER_FRAME

Id = Annotated[int, Field(strict=True, ge=1, le=2**53)]
# Canonical lower-case form only: ids are compared as text on both sides.
Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
Body = Annotated[str, StringConstraints(min_length=1, max_length=MAX_MESSAGE_CHARS)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TAG_CHARS)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Cursor(_Strict):
    epoch: Annotated[str, StringConstraints(max_length=64)]
    seq: Annotated[int, Field(ge=0, le=2**62)]


class TokenAuth(_Strict):
    token: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class PasswordAuth(_Strict):
    user: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class Hello(_Strict):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)  # newer clients may add fields
    v: int
    t: Literal["hello"]
    client_id: Uuid
    cursor: Cursor | None = None
    auth: TokenAuth | PasswordAuth
    app: Annotated[str, StringConstraints(max_length=100)] = ""


class MutationItem(_Strict):
    n: Annotated[int, Field(strict=True, ge=1, le=2**53)]
    op: str
    args: dict[str, Any]


class Activity(_Strict):
    """Ephemeral: what the agent is doing in a conversation, for colleagues' collision warnings.
    Not logged, not idempotent, never acked; a later frame replaces an earlier one."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    v: int
    t: Literal["activity"]
    conversation_id: Annotated[int, Field(strict=True, ge=1, le=2**53)]
    state: Literal["viewing", "typing", "idle"]


class Query(_Strict):
    """A question answered once (`result` frame with the same id), not logged: team metrics."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    v: int
    t: Literal["query"]
    id: Annotated[int, Field(strict=True, ge=1, le=2**53)]
    q: Literal["metrics"]
    args: dict[str, Any] = Field(default_factory=dict)


class Mutate(_Strict):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    v: int
    t: Literal["mutate"]
    muts: Annotated[list[MutationItem], Field(min_length=1, max_length=MAX_MUTATIONS_PER_FRAME)]


class AttachmentRef(_Strict):
    """A file the agent uploaded (POST /files) before the message naming it went out, by the SHA-256
    of the bytes sent; or a file the team can read already (a customer's photo passed on)."""

    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    name: Annotated[str, StringConstraints(max_length=200)] = ""


class SendMessage(_Strict):
    conversation_id: Id
    message_id: Uuid
    body: Annotated[str, StringConstraints(max_length=MAX_MESSAGE_CHARS)]
    attachments: Annotated[list[AttachmentRef], Field(max_length=MAX_ATTACHMENTS)] = []

    @model_validator(mode="after")
    def _something(self) -> SendMessage:
        if not self.body.strip() and not self.attachments:
            raise ValueError("a message needs text, files or both")
        return self


class AddNote(SendMessage):
    pass


class TagChange(_Strict):
    target: Literal["conversation", "customer"]
    id: Id
    tag: Tag


class SetStatus(_Strict):
    conversation_id: Id
    status: Status = Field(strict=False)


class Claim(_Strict):
    conversation_id: Id


class Assign(_Strict):
    conversation_id: Id
    assignee_id: Id | None
    expected_assignee_id: Id | None


class UpdateCustomer(_Strict):
    customer_id: Id
    field: Literal["name", "email", "phone", "region", "note", "personality"]
    value: Annotated[str, StringConstraints(max_length=2000)]


    @model_validator(mode="after")
    def _personality(self) -> UpdateCustomer:
        if self.field == "personality" and self.value not in ("", *PERSONALITIES):
            raise ValueError(f"personality is one of {', '.join(PERSONALITIES)}, or empty")
        return self


class SetPresence(_Strict):
    presence: Literal["online", "away", "offline"]


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
TeamId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Transfer(_Strict):
    """To an agent (and so to their team), or to a team's queue; always with a reason."""

    conversation_id: Id
    expected_assignee_id: Id | None
    to_team_id: TeamId | None = None
    to_agent_id: Id | None = None
    reason: Reason


Category = Literal["complaint", "refund", "return", "exchange", "consultation", "suggestion"]
Priority = Literal["urgent", "high", "normal", "low"]
assert Category.__args__ == classify.CATEGORIES and Priority.__args__ == classify.PRIORITIES


class Categorize(_Strict):
    """The agent's choice of category and/or priority; from then on the classifier leaves it alone."""

    conversation_id: Id
    category: Category | None = None
    priority: Priority | None = None

    @model_validator(mode="after")
    def _something(self) -> Categorize:
        if self.category is None and self.priority is None:
            raise ValueError("give a category, a priority or both")
        return self


class FollowupDone(_Strict):
    """A lead closes a follow-up (回访) with what came of it."""

    followup_id: Id
    outcome: Reason


class UpdateAgent(_Strict):
    """A lead's change to an agent of their team: capacity, or setting them away (or back online)."""

    agent_id: Id
    capacity: Annotated[int, Field(strict=True, ge=0, le=1000)] | None = None
    presence: Literal["online", "away"] | None = None

    @model_validator(mode="after")
    def _something(self) -> UpdateAgent:
        if self.capacity is None and self.presence is None:
            raise ValueError("give a capacity, a presence or both")
        return self


MUTATION_ARGS: dict[str, type[_Strict]] = {
    "message.send": SendMessage,
    "note.add": AddNote,
    "tag.add": TagChange,
    "tag.remove": TagChange,
    "status.set": SetStatus,
    "conversation.claim": Claim,
    "conversation.assign": Assign,
    "customer.update": UpdateCustomer,
    "presence.set": SetPresence,
    "conversation.transfer": Transfer,
    "conversation.categorize": Categorize,
    "followup.done": FollowupDone,
    "agent.update": UpdateAgent,
}

CLIENT_FRAMES: dict[str, type[_Strict]] = {"hello": Hello, "mutate": Mutate, "activity": Activity, "query": Query}


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "frame"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def parse_frame(obj: dict[str, Any]) -> _Strict:
    model = CLIENT_FRAMES[obj["t"]]
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        raise FrameError(E_BAD_FRAME, f"bad {obj['t']} frame: {_explain(exc)}") from None


def parse_args(op: str, args: dict[str, Any]) -> _Strict:
    """Raises FrameError(invalid) for an unknown op or bad arguments: the mutation is rejected
    for good, the connection goes on."""
    model = MUTATION_ARGS.get(op)
    if model is None:
        raise FrameError(E_INVALID, f"unknown mutation op {op!r}")
    try:
        return model.model_validate(args)
    except ValidationError as exc:
        raise FrameError(E_INVALID, f"bad arguments for {op}: {_explain(exc)}") from None
