"""HTTP intake: a customer message from another channel creates or continues a conversation.
Authenticated by a per-channel API key, idempotent by the Idempotency-Key header."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Annotated, Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from sqlalchemy import Connection, or_, select

from cs_desk.domain.clock import parse_iso, utc_now_iso
from cs_desk.domain.file_types import MAX_ATTACHMENTS
from cs_desk.domain.model import MAX_MESSAGE_CHARS, AuthorKind, MessageKind, Status
from cs_desk.domain.routing import Arrival
from cs_desk.server import attachments, entities, routing, schema, surveys
from cs_desk.server.eventlog import Event, EventWriter
from cs_desk.server.fastsql import raw
from cs_desk.server.mutations import append_message, emit_customer

Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class IntakeCustomer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    email: Short = ""
    phone: Short = ""
    region: Short = ""
    handle: Short = ""  # the customer's id on this channel (marketplace nickname, messenger id, visitor id)


Long = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class IntakeSource(BaseModel):
    """Where the visitor came from, for advanced routing rules (高级分配)."""

    model_config = ConfigDict(extra="forbid")
    keyword: Short = ""  # the search keyword that brought them (来源关键词)
    landing_page: Long = ""  # 着陆页
    origin_page: Long = ""  # the page they opened the chat from


class IntakeAttachment(BaseModel):
    """A file uploaded before with POST /api/v1/files, by its SHA-256."""

    model_config = ConfigDict(extra="forbid")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    name: Annotated[str, StringConstraints(max_length=200)] = ""


class IntakeMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer: IntakeCustomer
    source: IntakeSource | None = None
    body: Annotated[str, StringConstraints(max_length=MAX_MESSAGE_CHARS)] = ""
    subject: Short = ""
    conversation_id: int | None = None
    attachments: Annotated[list[IntakeAttachment], Field(max_length=MAX_ATTACHMENTS)] = []

    @model_validator(mode="after")
    def _something(self) -> IntakeMessage:
        if not self.body.strip() and not self.attachments:
            raise ValueError("a message needs a body, attachments or both")
        return self


class IntakeError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def add_api_key(conn: Connection, channel: str, team_id: str) -> str:
    if conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is None:
        raise ValueError(f"team {team_id!r} does not exist")
    ak = schema.api_keys.c
    other = conn.execute(select(ak.team_id).where(ak.channel == channel, ak.team_id != team_id).limit(1)).first()
    if other is not None:
        # A key reaches every conversation of its channel (they may have been transferred since):
        # one channel name for two teams would let one team's key read and write the other's.
        raise ValueError(f"channel {channel!r} belongs to team {other[0]!r}; choose another channel name")
    key = "csk_" + secrets.token_urlsafe(32)
    conn.execute(schema.api_keys.insert().values(key_hash=hash_key(key), channel=channel, team_id=team_id,
                                                 created_at=utc_now_iso()))
    return key


def parse_body(raw: bytes) -> IntakeMessage:
    try:
        return IntakeMessage.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise IntakeError(400, "invalid", f"{where}: {first['msg']}") from None


def _find_or_create_customer(conn: Connection, c: IntakeCustomer, channel: str, now: str) -> tuple[int, bool]:
    """(customer id, whether their profile changed): by the channel handle first, then e-mail or phone,
    else a new customer. A handle seen for the first time is remembered for the next visit."""
    r = raw(conn)
    if c.handle:
        known = r.scalar("SELECT customer_id FROM customer_identities WHERE channel = ? AND handle = ?",
                         (channel, c.handle))
        if known is not None:
            return int(known), False
    cid, created = _by_contact(conn, c, now)
    if c.handle:
        r.run("INSERT INTO customer_identities(channel, handle, customer_id) VALUES (?, ?, ?)", (channel, c.handle, cid))
        return cid, True
    return cid, created


def _by_contact(conn: Connection, c: IntakeCustomer, now: str) -> tuple[int, bool]:
    cu = schema.customers
    keys = [cu.c.email == c.email] if c.email else []
    if c.phone:
        keys.append(cu.c.phone == c.phone)
    if keys:
        row = conn.execute(select(cu.c.id).where(or_(*keys)).order_by(cu.c.id).limit(1)).first()
        if row is not None:
            return row.id, False
    res = conn.execute(cu.insert().values(name=c.name, email=c.email, phone=c.phone, region=c.region, note="",
                                          tags="[]", created_at=now, updated_at=now))
    return int(res.inserted_primary_key[0]), True


def _too_old_to_reopen(conn: Connection, conv: Any, now: str) -> bool:
    if conv.status != Status.RESOLVED.value or not conv.resolved_at:
        return False
    days = raw(conn).scalar("SELECT reopen_days FROM teams WHERE id = ?", (conv.team_id,))
    days = 7 if days is None else int(days)
    return parse_iso(now) - parse_iso(conv.resolved_at) > timedelta(days=days)


def post_message(conn: Connection, api_key: str, idem_key: str, msg: IntakeMessage,
                 key_hash: str | None = None, owner: str | None = None) -> tuple[dict, list[Event], bool]:
    """Returns (result, events, replayed). `key_hash`: the key already hashed (the web widget's);
    `owner`: whose uploads the message may name (default: the key's, schema.file_owners)."""
    kh = key_hash or hash_key(api_key)
    owner = owner or "key:" + kh
    key = conn.execute(select(schema.api_keys).where(schema.api_keys.c.key_hash == kh)).first()
    if key is None or key.revoked_at is not None:
        raise IntakeError(401, "bad_api_key", "unknown or revoked API key")
    ir = schema.intake_requests
    done = conn.execute(select(ir.c.result).where(ir.c.key_hash == kh, ir.c.idempotency_key == idem_key)).first()
    if done is not None:
        return orjson.loads(done.result), [], True
    now = utc_now_iso()
    ev = EventWriter(conn)
    customer_id, profile_changed = _find_or_create_customer(conn, msg.customer, key.channel, now)
    cv = schema.conversations
    if msg.conversation_id is not None:
        conv = entities.load_conversation(conn, msg.conversation_id)
        if conv is None or conv.customer_id != customer_id or conv.channel != key.channel:
            raise IntakeError(404, "not_found", "no such conversation for this customer on this channel")
    else:
        conv = raw(conn).row("SELECT * FROM conversations WHERE customer_id = ? AND channel = ? "
                             "ORDER BY id DESC LIMIT 1", (customer_id, key.channel))
    if conv is not None and _too_old_to_reopen(conn, conv, now):
        conv = None  # resolved long ago: this is a new matter, in a new conversation
    first_sight = False
    if conv is None:
        before = set(entities.customer_teams(conn, customer_id))
        src = msg.source or IntakeSource()
        region = msg.customer.region or (raw(conn).scalar("SELECT region FROM customers WHERE id = ?",
                                                          (customer_id,)) or "")
        days = raw(conn).scalar("SELECT returning_days FROM teams WHERE id = ?", (key.team_id,)) or 7
        d = routing.decide(conn, Arrival(
            conversation_id=0, team_id=key.team_id, channel=key.channel, region=region,
            source_keyword=src.keyword, landing_page=src.landing_page, origin_page=src.origin_page,
            previous_agent_id=routing.returning_agent(conn, customer_id, int(days))))
        res = conn.execute(cv.insert().values(
            customer_id=customer_id, team_id=d.team_id, assignee_id=d.agent_id, status=Status.OPEN.value,
            channel=key.channel, subject=msg.subject or msg.body[:60] or ", ".join(a.name for a in msg.attachments)[:60],
            tags="[]", created_at=now, updated_at=now,
            message_count=0, last_message_preview="", waiting_since=None if d.agent_id is not None else now,
            assign_reason=routing.reason_json(d), source=src.model_dump_json() if msg.source else None))
        conv = entities.load_conversation(conn, int(res.inserted_primary_key[0]))
        if d.agent_id is not None:
            routing.record_assignment(conn, conv.id, d.agent_id, d.team_id, "route", now, d)
        if d.team_id not in before:
            # The team sees this customer for the first time: send it the profile and orders.
            first_sight = True
            emit_customer(ev, conn, customer_id)
            for o in conn.execute(select(schema.orders).where(schema.orders.c.customer_id == customer_id)):
                ev.emit("order", o.id, entities.order_dict(o), [d.team_id])
    if profile_changed and not first_sight:
        emit_customer(ev, conn, customer_id)  # a new channel handle: every team that sees them learns it
    message_id = str(uuid.uuid4())
    try:
        files = attachments.describe(conn, conv.id, key.team_id, [(a.sha256, a.name) for a in msg.attachments],
                                     owner, where="on this channel; POST it to /api/v1/files first")
    except attachments.AttachmentError as exc:
        raise IntakeError(exc.status, exc.code, exc.message) from None
    attachments.link(conn, message_id, conv.id, files)
    conv = append_message(conn, ev, conv, message_id=message_id, author_kind=AuthorKind.CUSTOMER, author_id=None,
                          kind=MessageKind.REPLY, body=msg.body, now=now,
                          meta={"attachments": files} if files else None)
    if conv.assignee_id is None and conv.status == Status.OPEN.value and not first_sight and conv.message_count > 1:
        # A waiting (or reopened, unassigned) conversation the customer writes in again: try to serve it,
        # its former owner first.
        routing.apply_decision(conn, ev, conv, routing.decide(conn, routing.arrival_for(conn, conv),
                                                              with_rules=False))
    result: dict[str, Any] = {"conversation_id": conv.id, "message_id": message_id, "customer_id": customer_id}
    conn.execute(ir.insert().values(key_hash=kh, idempotency_key=idem_key, result=orjson.dumps(result).decode(),
                                    created_at=now))
    return result, ev.flush(), False


def _channel_conversation(conn: Connection, api_key: str, conversation_id: int) -> Any:
    kh = hash_key(api_key)
    key = conn.execute(select(schema.api_keys).where(schema.api_keys.c.key_hash == kh)).first()
    if key is None or key.revoked_at is not None:
        raise IntakeError(401, "bad_api_key", "unknown or revoked API key")
    conv = entities.load_conversation(conn, conversation_id)
    if conv is None or conv.channel != key.channel:
        raise IntakeError(404, "not_found", "no such conversation on this channel")
    return conv


def post_survey(conn: Connection, api_key: str, conversation_id: int, body: bytes) -> tuple[dict, list[Event]]:
    """The customer's satisfaction answer, relayed by their channel: {"score": 1-5, "comment": "…"}."""
    conv = _channel_conversation(conn, api_key, conversation_id)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise IntakeError(400, "bad_json", "the body is not JSON") from None
    if not isinstance(data, dict) or set(data) - {"score", "comment"}:
        raise IntakeError(400, "bad_survey", 'send {"score": 1-5, "comment": "optional text"}')
    ev = EventWriter(conn)
    try:
        result = surveys.answer(conn, ev, conv, data.get("score"), data.get("comment"))
    except surveys.SurveyError as exc:
        raise IntakeError(exc.status, exc.code, exc.message) from None
    return result, ev.flush()


def get_conversation(conn: Connection, api_key: str, conversation_id: int) -> dict:
    conv = _channel_conversation(conn, api_key, conversation_id)
    # What the customer's channel may know: no internal notes, not even how many there are.
    visible = raw(conn).scalar("SELECT count(*) FROM messages WHERE conversation_id = ? AND kind != 'note'",
                               (conv.id,))
    survey = None
    if conv.survey_sent_at is not None:
        survey = {"sent_at": conv.survey_sent_at, "answered_at": conv.csat_at,
                  "score": conv.csat_score if conv.csat_at else None}
    return {"id": conv.id, "status": conv.status, "message_count": int(visible or 0), "updated_at": conv.updated_at,
            "survey": survey}
