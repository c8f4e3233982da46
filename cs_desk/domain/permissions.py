"""Who may do what to a conversation. The server's word is final; the client uses the same
rules to grey out actions, so both must come from here."""

from __future__ import annotations

from dataclasses import dataclass

from cs_desk.domain.model import Role, Status


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    role: Role
    team_id: str


@dataclass(frozen=True, slots=True)
class ConvFacts:
    team_id: str
    assignee_id: int | None
    status: Status


class Denied(Exception):
    """A mutation refused for good. `code` is stable for programs, `reason` is for people."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def can_see_team(actor: Actor, team_id: str | None) -> bool:
    if team_id is None:
        return True
    return actor.role is Role.ADMIN or actor.team_id == team_id


def require_team(actor: Actor, conv: ConvFacts) -> None:
    if not can_see_team(actor, conv.team_id):
        raise Denied("forbidden", "this conversation belongs to another team")


def check_claim(actor: Actor, conv: ConvFacts) -> None:
    require_team(actor, conv)
    if conv.assignee_id == actor.user_id:
        return
    if conv.assignee_id is not None:
        raise Denied("conflict", "already assigned to another agent")


def check_assign(actor: Actor, conv: ConvFacts, expected_assignee: int | None, target_team: str | None) -> None:
    """Assigning someone else needs lead/admin; the precondition guards against two leads racing."""
    require_team(actor, conv)
    if actor.role is Role.AGENT:
        raise Denied("forbidden", "only a team lead can assign conversations")
    if conv.assignee_id != expected_assignee:
        raise Denied("conflict", "the conversation was reassigned meanwhile")
    if target_team is not None and target_team != conv.team_id:
        raise Denied("forbidden", "the agent is not in this conversation's team")


def check_set_status(actor: Actor, conv: ConvFacts, status: Status) -> None:
    require_team(actor, conv)
    if status is Status.RESOLVED and actor.role is Role.AGENT and conv.assignee_id != actor.user_id:
        raise Denied("forbidden", "only the assigned agent or a lead can resolve this conversation")


def check_write(actor: Actor, conv: ConvFacts) -> None:
    """Replies, notes and tags: anyone in the team, so a colleague can help out."""
    require_team(actor, conv)
