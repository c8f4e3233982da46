"""Satisfaction after resolution (满意度) and the follow-up (回访) a low score asks for.

Resolving asks the customer's channel for a survey (`survey_sent_at`, a system line, and the intake
API's conversation status says so); the channel posts the answer once per resolution; a score at or
below the team's `followup_below` opens a follow-up for the team's lead, who closes it with what came
of the call."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.model import Role
from cs_desk.domain.permissions import Actor, Denied
from cs_desk.protocol.constants import E_CONFLICT, E_FORBIDDEN, E_NOT_FOUND
from cs_desk.server import entities, webhooks
from cs_desk.server.conversations import append_system_message, set_values
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import Row, raw

MAX_COMMENT_CHARS = 500


def on_resolve(now: str) -> dict[str, Any]:
    """Columns to set with a resolution: a new resolution asks a new survey."""
    return {"survey_sent_at": now, "csat_at": None}


def announce(conn: Connection, ev: EventWriter, conv: Row) -> None:
    append_system_message(conn, ev, conv.id, "Satisfaction survey sent to the customer", {"event": "survey_sent"})
    webhooks.enqueue(conn, ev.memo, conv.channel, {  # the channel shows the customer 1-5 and a comment box
        "type": "survey_requested", "conversation_id": conv.id, "customer_id": conv.customer_id,
        "answer_url": f"/api/v1/conversations/{conv.id}/survey"})


class SurveyError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def answer(conn: Connection, ev: EventWriter, conv: Row, score: Any, comment: Any) -> dict[str, Any]:
    """The customer's answer, from their channel. Refuses a bad score, a survey never sent, and a
    second answer to the same survey."""
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise SurveyError(400, "bad_score", "score is a whole number from 1 to 5")
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT_CHARS):
        raise SurveyError(400, "bad_comment", f"comment is text of at most {MAX_COMMENT_CHARS} characters")
    if conv.survey_sent_at is None:
        raise SurveyError(409, "no_survey", "no satisfaction survey was sent for this conversation")
    if conv.csat_at is not None:
        raise SurveyError(409, "already_answered", "this survey was answered already")
    now = utc_now_iso()
    comment = (comment or "").strip() or None
    set_values(conn, ev, conv, csat_score=score, csat_comment=comment, csat_at=now, updated_at=now)
    append_system_message(conn, ev, conv.id, f"The customer rated the service {score}/5",
                          {"event": "survey_answered", "score": score})
    below = raw(conn).scalar("SELECT followup_below FROM teams WHERE id = ?", (conv.team_id,))
    followup_id = None
    if below and score <= int(below):
        followup_id = _open_followup(conn, ev, conv, score, comment, now)
    return {"conversation_id": conv.id, "score": score, "followup_id": followup_id}


def _open_followup(conn: Connection, ev: EventWriter, conv: Row, score: int, comment: str | None, now: str) -> int:
    fid = int(raw(conn).scalar("INSERT INTO followups(conversation_id, team_id, reason, score, comment, created_at) "
                               "VALUES (?, ?, 'low_score', ?, ?, ?) RETURNING id",
                               (conv.id, conv.team_id, score, comment, now)))
    emit_followup(conn, ev, fid)
    append_system_message(conn, ev, conv.id, "Follow-up for the team lead: low satisfaction score",
                          {"event": "followup_opened", "followup_id": fid, "score": score})
    return fid


def emit_followup(conn: Connection, ev: EventWriter, followup_id: int) -> None:
    row = raw(conn).row("SELECT * FROM followups WHERE id = ?", (followup_id,))
    ev.emit("followup", row.id, entities.followup_dict(row), [row.team_id])


def close_followup(conn: Connection, ev: EventWriter, actor: Actor, followup_id: int, outcome: str) -> dict:
    row = raw(conn).row("SELECT * FROM followups WHERE id = ?", (followup_id,))
    if row is None or (actor.role is not Role.ADMIN and row.team_id != actor.team_id):
        raise Denied(E_NOT_FOUND, f"follow-up {followup_id} does not exist")
    if actor.role is Role.AGENT:
        raise Denied(E_FORBIDDEN, "only a team lead can close a follow-up")
    if row.done_at is not None:
        raise Denied(E_CONFLICT, "this follow-up was closed already")
    now = utc_now_iso()
    raw(conn).run("UPDATE followups SET done_at = ?, done_by = ?, outcome = ? WHERE id = ?",
                  (now, actor.user_id, outcome, followup_id))
    emit_followup(conn, ev, followup_id)
    append_system_message(conn, ev, row.conversation_id, f"Follow-up done: {outcome}",
                          {"event": "followup_done", "followup_id": followup_id, "by": actor.user_id,
                           "outcome": outcome})
    return {"followup_id": followup_id, "done_at": now}
