"""Enums and small value types shared by client and server. Pure Python."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    ADMIN = "admin"


class Status(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"


class AuthorKind(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    SYSTEM = "system"


class MessageKind(StrEnum):
    REPLY = "reply"
    NOTE = "note"
    SYSTEM = "system"


class DeliveryState(StrEnum):
    """Client-side life of an agent's own message."""

    PENDING = "pending"  # committed locally, in the outbox
    SENT = "sent"  # the server has it (acked or seen in the event log)
    FAILED = "failed"  # refused for good by the server; reason kept on the row


# Fields of a customer an agent may edit; last writer wins per field, in server order.
EDITABLE_CUSTOMER_FIELDS: frozenset[str] = frozenset({"name", "email", "phone", "region", "note", "personality"})
# Personality types of the handbook's customer classification (按客户性格特征分类): 友善型, 独断型,
# 分析型, 自我型; "" while nobody has judged.
PERSONALITIES = ("friendly", "dominant", "analytical", "self_centred")

MAX_MESSAGE_CHARS = 20_000
MAX_TAG_CHARS = 40
