"""Web-chat visitors: the anonymous customers of the widget (`/widget`), each with a visitor token kept
in their browser. A widget is a public id bound to a team and a channel; behind it sits an API key
nobody sees, so every visitor message goes through the same intake path as the HTTP API (customer by
their visitor handle, routing, classification, idempotency by the browser's message id)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import Connection, select

from cs_desk.domain.clock import utc_now_iso
from cs_desk.server import intake, schema
from cs_desk.server.eventlog import Event
from cs_desk.server.fastsql import raw

HISTORY = 200  # messages a returning visitor gets back on connect


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_widget(conn: Connection, team_id: str, channel: str = "web") -> str:
    """A new widget for a team's site; returns its public id (what the embed script carries)."""
    if conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is None:
        raise ValueError(f"no team {team_id!r}")
    if not channel.strip() or len(channel) > 32:
        raise ValueError("a channel name has 1 to 32 characters")
    wid = "w_" + secrets.token_hex(8)
    secret = intake.add_api_key(conn, channel, team_id)  # the widget's own intake key, never shown
    conn.execute(schema.widgets.insert().values(id=wid, key_hash=intake.hash_key(secret), created_at=utc_now_iso()))
    return wid


def widget_key(conn: Connection, widget_id: str) -> tuple[str, str] | None:
    """(intake key hash, channel) of a live widget, or None for an unknown or revoked one."""
    r = raw(conn).one("SELECT w.key_hash, k.channel FROM widgets w JOIN api_keys k ON k.key_hash = w.key_hash "
                      "WHERE w.id = ? AND k.revoked_at IS NULL", (widget_id,))
    return None if r is None else (r[0], r[1])


def open_visitor(conn: Connection, widget_id: str, token: str | None) -> tuple[str, str, bool]:
    """(token, visitor handle, new?): the visitor this token belongs to on this widget, or a new one
    when there is no token. A token of another widget, or forged, is refused (PermissionError)."""
    if token:
        row = raw(conn).one("SELECT handle FROM visitors WHERE token_hash = ? AND widget_id = ?",
                            (_hash(token), widget_id))
        if row is None:
            raise PermissionError("unknown visitor token")
        return token, row[0], False
    token, handle = secrets.token_urlsafe(24), "v_" + secrets.token_hex(8)
    raw(conn).run("INSERT INTO visitors(token_hash, widget_id, handle, created_at) VALUES (?, ?, ?, ?)",
                  (_hash(token), widget_id, handle, utc_now_iso()))
    return token, handle, True


def visitor_owner(key_hash: str, handle: str) -> str:
    """The visitor as the owner of their uploads (schema.file_owners)."""
    return f"visitor:{key_hash}:{handle}"


def visitor_team(conn: Connection, widget_id: str, token: str) -> tuple[str, str] | None:
    """(team, owner) for a visitor's upload: the widget's team, for a token of that widget; else None."""
    row = raw(conn).one("SELECT k.team_id, k.key_hash, v.handle FROM visitors v JOIN widgets w ON w.id = v.widget_id "
                        "JOIN api_keys k ON k.key_hash = w.key_hash WHERE v.token_hash = ? AND v.widget_id = ? "
                        "AND k.revoked_at IS NULL", (_hash(token), widget_id))
    return None if row is None else (row[0], visitor_owner(row[1], row[2]))


def history(conn: Connection, channel: str, handle: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The visitor's latest conversation on this channel (id, status, survey) and what they may see of
    it: replies both ways, never internal notes or system lines."""
    r = raw(conn)
    cid = r.scalar("SELECT customer_id FROM customer_identities WHERE channel = ? AND handle = ?", (channel, handle))
    if cid is None:
        return None, []
    conv = r.row("SELECT id, status, survey_sent_at, csat_at FROM conversations WHERE customer_id = ? AND channel = ? "
                 "ORDER BY id DESC LIMIT 1", (cid, channel))
    if conv is None:
        return None, []
    r.run("SELECT m.id, m.author_kind, m.body, m.created_at, u.display_name, m.meta FROM messages m "
          "LEFT JOIN users u ON u.id = m.author_id WHERE m.conversation_id = ? AND m.kind = 'reply' "
          "ORDER BY m.created_at DESC, m.id LIMIT ?", (conv.id, HISTORY))
    msgs = [wire_message(mid, kind, body, at, name, wire_files(meta))
            for mid, kind, body, at, name, meta in reversed(r.cur.fetchall())]
    return conversation_state(conv), msgs


def conversation_state(conv: Any) -> dict[str, Any]:
    return {"id": conv.id, "status": conv.status,
            "survey": bool(conv.survey_sent_at) and conv.status == "resolved" and not conv.csat_at}


def wire_files(meta: str | dict | None) -> list[dict[str, Any]]:
    """The files of a message as the visitor's page shows them (fetched with their token)."""
    if not meta:
        return []
    files = (orjson.loads(meta) if isinstance(meta, str) else meta).get("attachments") or []
    return [{"name": f.get("name") or "", "sha256": f["sha256"], "mime": f.get("mime", ""),
             "thumbnail": bool(f.get("thumbnail"))} for f in files if isinstance(f, dict) and "sha256" in f]


def visitor_file(conn: Connection, widget_id: str, token: str, sha256: str) -> tuple[str, bool] | None:
    """(mime, has thumbnail) when the file is on a reply (either way, never a note) in a conversation of
    this visitor; None otherwise, which the page sees as no such file."""
    return raw(conn).one(
        "SELECT f.mime, f.thumb FROM visitors v JOIN widgets w ON w.id = v.widget_id "
        "JOIN api_keys k ON k.key_hash = w.key_hash AND k.revoked_at IS NULL "
        "JOIN customer_identities ci ON ci.channel = k.channel AND ci.handle = v.handle "
        "JOIN conversations c ON c.customer_id = ci.customer_id AND c.channel = k.channel "
        "JOIN message_files mf ON mf.conversation_id = c.id AND mf.sha256 = ? "
        "JOIN messages m ON m.id = mf.message_id AND m.kind = 'reply' "
        "JOIN files f ON f.sha256 = mf.sha256 WHERE v.token_hash = ? AND v.widget_id = ? LIMIT 1",
        (sha256, _hash(token), widget_id))


def wire_message(mid: str, author_kind: str, body: str, at: str, agent_name: str | None,
                 files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": mid, "from": "me" if author_kind == "customer" else "agent", "body": body, "at": at}
    if files:
        out["files"] = files
    if author_kind != "customer":
        out["name"] = agent_name or ""
    return out


def say(conn: Connection, key_hash: str, handle: str, name: str, client_id: str, body: str,
        source: dict[str, str] | None, region: str, subject: str = "",
        files: list[dict[str, str]] | None = None) -> tuple[dict, list[Event], bool]:
    """The visitor's message through the intake path; the browser's id makes a resend harmless. The
    order number from the pre-chat form becomes the subject of a new conversation. `files`: uploaded
    before through /widget/upload, as {sha256, name}."""
    try:
        msg = intake.IntakeMessage.model_validate({
            "customer": {"name": name or ("访客 " + handle[2:6]), "handle": handle, "region": region},
            "body": body, "source": source or None, "subject": subject, "attachments": files or []})
    except ValidationError as exc:
        raise intake.IntakeError(400, "invalid", exc.errors()[0]["msg"]) from None
    return intake.post_message(conn, "", f"visitor:{handle}:{client_id}", msg, key_hash=key_hash,
                               owner=visitor_owner(key_hash, handle))


def answer_survey(conn: Connection, key_hash: str, channel: str, handle: str, score: Any,
                  comment: Any) -> tuple[dict, list[Event]]:
    from cs_desk.server import surveys
    from cs_desk.server.eventlog import EventWriter

    state, _ = history(conn, channel, handle)
    if state is None:
        raise surveys.SurveyError(409, "no_survey", "no conversation to rate")
    conv = raw(conn).row("SELECT * FROM conversations WHERE id = ?", (state["id"],))
    ev = EventWriter(conn)
    return surveys.answer(conn, ev, conv, score, comment), ev.flush()
