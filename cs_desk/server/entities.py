"""Rows → wire dicts, and who may see each entity. The wire dict is the full entity state."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection

from cs_desk.domain.model import Status
from cs_desk.domain.permissions import ConvFacts
from cs_desk.server.fastsql import raw
from cs_desk.server.schema import ADMIN_ONLY


def team_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "name_en": row.name_en, "sensitive_mode": row.sensitive_mode,
            "sla": {"first_response_s": row.sla_first_response_s, "next_response_s": row.sla_next_response_s,
                    "resolution_s": row.sla_resolution_s, "calendar_id": row.calendar_id},
            "routing": {"strategy": row.routing_strategy, "returning_first": bool(row.returning_first),
                        "returning_days": row.returning_days, "overflow_after_s": row.overflow_after_s,
                        "overflow_team": row.overflow_team}, "reopen_days": row.reopen_days,
            "followup_below": row.followup_below}


def agent_dict(row: Any) -> dict[str, Any]:
    # Never the password hash: this goes to every member of the team.
    return {"id": row.id, "name": row.name, "display_name": row.display_name, "team_id": row.team_id,
            "role": row.role, "capacity": row.capacity, "disabled": bool(row.disabled), "presence": row.presence,
            "rank": row.rank}


def customer_dict(row: Any, identities: dict[str, str] | None = None) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "email": row.email, "phone": row.phone, "region": row.region,
            "note": row.note, "tags": orjson.loads(row.tags), "created_at": row.created_at,
            "updated_at": row.updated_at, "identities": identities or {}, "personality": row.personality}


def customer_identities(conn: Connection, customer_id: int) -> dict[str, str]:
    r = raw(conn)
    r.run("SELECT channel, handle FROM customer_identities WHERE customer_id = ? ORDER BY channel, handle",
          (customer_id,))
    return {channel: handle for channel, handle in r.cur.fetchall()}


def load_customer_dict(conn: Connection, customer_id: int) -> dict[str, Any] | None:
    row = load_customer(conn, customer_id)
    return None if row is None else customer_dict(row, customer_identities(conn, customer_id))


def order_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "customer_id": row.customer_id, "total_cents": row.total_cents, "status": row.status,
            "items": orjson.loads(row.items), "created_at": row.created_at}


def conversation_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "customer_id": row.customer_id, "team_id": row.team_id, "assignee_id": row.assignee_id,
            "status": row.status, "channel": row.channel, "subject": row.subject, "tags": orjson.loads(row.tags),
            "created_at": row.created_at, "updated_at": row.updated_at, "last_message_at": row.last_message_at,
            "last_message_preview": row.last_message_preview, "last_author_kind": row.last_author_kind,
            "message_count": row.message_count, "first_response_at": row.first_response_at,
            "sla_kind": row.sla_kind, "sla_due_at": row.sla_due_at, "sla_warn_at": row.sla_warn_at,
            "resolved_at": row.resolved_at, "csat_score": row.csat_score, "csat_comment": row.csat_comment,
            "owner_id": row.owner_id, "waiting_since": row.waiting_since,
            "assign_reason": orjson.loads(row.assign_reason) if row.assign_reason else None,
            "source": orjson.loads(row.source) if row.source else None,
            "category": row.category, "priority": row.priority,
            "classified": orjson.loads(row.classified) if row.classified else None,
            "survey_sent_at": row.survey_sent_at, "csat_at": row.csat_at}


def followup_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "conversation_id": row.conversation_id, "team_id": row.team_id, "reason": row.reason,
            "score": row.score, "comment": row.comment, "created_at": row.created_at, "done_at": row.done_at,
            "done_by": row.done_by, "outcome": row.outcome}


def message_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "conversation_id": row.conversation_id, "author_kind": row.author_kind,
            "author_id": row.author_id, "kind": row.kind, "body": row.body, "created_at": row.created_at,
            "meta": orjson.loads(row.meta) if row.meta else None}


def snippet_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "body": row.body, "shortcut": row.shortcut,
            "category": row.category, "team_id": row.team_id}


def sensitive_word_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "word": row.word, "team_id": row.team_id}


def customer_teams(conn: Connection, customer_id: int) -> list[str | None]:
    """Teams that hold a conversation with this customer; admins only if none does yet."""
    r = raw(conn)
    r.run("SELECT DISTINCT team_id FROM conversations WHERE customer_id = ?", (customer_id,))
    teams = sorted(row[0] for row in r.cur.fetchall())
    return list(teams) if teams else [ADMIN_ONLY]


def conv_facts(row: Any) -> ConvFacts:
    return ConvFacts(team_id=row.team_id, assignee_id=row.assignee_id, status=Status(row.status))


def load_conversation(conn: Connection, conversation_id: int) -> Any:
    return raw(conn).row("SELECT * FROM conversations WHERE id = ?", (conversation_id,))


def load_customer(conn: Connection, customer_id: int) -> Any:
    return raw(conn).row("SELECT * FROM customers WHERE id = ?", (customer_id,))
