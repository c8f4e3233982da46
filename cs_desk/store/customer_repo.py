"""Reads for the customer profile (客户画像): the card, orders, the customer's conversations with
their satisfaction scores, and the customer tags in use. Every value is a bound parameter."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson

from cs_desk.domain.rfm import OrderFact

IN_CHUNK = 500  # well under SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class CustomerCard:
    id: int
    name: str
    email: str
    phone: str
    region: str
    note: str
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    personality: str = ""


@dataclass(frozen=True, slots=True)
class OrderItem:
    title: str
    qty: int
    sku: str = ""


@dataclass(frozen=True, slots=True)
class OrderRow:
    id: str
    created_at: str
    total_cents: int
    status: str
    items: tuple[OrderItem, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ConversationRow:
    id: int
    status: str
    channel: str
    subject: str
    created_at: str
    updated_at: str
    last_message_preview: str
    resolved_at: str | None
    csat_score: int | None
    csat_comment: str | None


@dataclass(frozen=True, slots=True)
class CsatSummary:
    count: int
    average: float | None  # None when nothing was rated


def card(conn: sqlite3.Connection, customer_id: int) -> CustomerCard | None:
    r = conn.execute("SELECT id, name, email, phone, region, note, tags, created_at, updated_at, personality "
                     "FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if r is None:
        return None
    tags = orjson.loads(r[6])
    return CustomerCard(r[0], r[1], r[2], r[3], r[4], r[5], tuple(str(t) for t in tags), r[7], r[8], r[9])


def order_facts(conn: sqlite3.Connection, customer_id: int) -> list[OrderFact]:
    """Every order, without items: what the value segment is computed from."""
    return [OrderFact(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT status, total_cents, created_at FROM orders WHERE customer_id = ?", (customer_id,))]


def _items(raw: str) -> tuple[OrderItem, ...]:
    out = []
    for it in orjson.loads(raw):
        if isinstance(it, dict):
            qty = it.get("qty", 1)
            out.append(OrderItem(str(it.get("title") or it.get("sku") or ""), qty if isinstance(qty, int) else 1,
                                 str(it.get("sku") or "")))
    return tuple(out)


def recent_orders(conn: sqlite3.Connection, customer_id: int, limit: int = 10) -> list[OrderRow]:
    rows = conn.execute("SELECT id, created_at, total_cents, status, items FROM orders WHERE customer_id = ? "
                        "ORDER BY created_at DESC, id DESC LIMIT ?", (customer_id, limit))
    return [OrderRow(r[0], r[1], r[2], r[3], _items(r[4])) for r in rows]


_CONV_COLUMNS = ("id, status, channel, subject, created_at, updated_at, last_message_preview, resolved_at, "
                 "csat_score, csat_comment")


def _conv(r: sqlite3.Row | tuple) -> ConversationRow:
    return ConversationRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])


def conversations(conn: sqlite3.Connection, customer_id: int, limit: int = 50) -> list[ConversationRow]:
    """Newest activity first."""
    rows = conn.execute(f"SELECT {_CONV_COLUMNS} FROM conversations WHERE customer_id = ? "
                        "ORDER BY updated_at DESC, id DESC LIMIT ?", (customer_id, limit))
    return [_conv(r) for r in rows]


def conversation_count(conn: sqlite3.Connection, customer_id: int) -> int:
    return conn.execute("SELECT count(*) FROM conversations WHERE customer_id = ?", (customer_id,)).fetchone()[0]


def conversation_ids(conn: sqlite3.Connection, customer_id: int) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM conversations WHERE customer_id = ?", (customer_id,))}


def any_of_customer(conn: sqlite3.Connection, customer_id: int, conv_ids: Iterable[int]) -> bool:
    """Whether any of these conversations belongs to the customer (a new one may just have arrived)."""
    ids = sorted(conv_ids)
    for i in range(0, len(ids), IN_CHUNK):
        chunk = ids[i:i + IN_CHUNK]
        if conn.execute(f"SELECT 1 FROM conversations WHERE customer_id = ? AND id IN ({','.join('?' * len(chunk))}) "
                        "LIMIT 1", (customer_id, *chunk)).fetchone():
            return True
    return False


def rated_conversations(conn: sqlite3.Connection, customer_id: int, limit: int = 20) -> list[ConversationRow]:
    """Resolved conversations the customer scored (满意度), newest first."""
    rows = conn.execute(f"SELECT {_CONV_COLUMNS} FROM conversations WHERE customer_id = ? AND csat_score IS NOT NULL "
                        "ORDER BY coalesce(resolved_at, updated_at) DESC, id DESC LIMIT ?", (customer_id, limit))
    return [_conv(r) for r in rows]


def csat_summary(conn: sqlite3.Connection, customer_id: int) -> CsatSummary:
    r = conn.execute("SELECT count(csat_score), avg(csat_score) FROM conversations WHERE customer_id = ? "
                     "AND csat_score IS NOT NULL", (customer_id,)).fetchone()
    return CsatSummary(r[0], None if r[1] is None else float(r[1]))


def channels(conn: sqlite3.Connection, customer_id: int) -> list[str]:
    """The channels the customer has written from, most used first."""
    return [r[0] for r in conn.execute("SELECT channel FROM conversations WHERE customer_id = ? GROUP BY channel "
                                       "ORDER BY count(*) DESC, channel", (customer_id,))]


def identities(conn: sqlite3.Connection, customer_id: int) -> dict[str, str]:
    """The customer's handle per channel (Taobao nickname, WeChat id…), as the server knows them."""
    r = conn.execute("SELECT identities FROM customers WHERE id = ?", (customer_id,)).fetchone()
    try:
        value = orjson.loads(r[0]) if r and r[0] else {}
    except orjson.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def customer_tags(conn: sqlite3.Connection, limit: int = 500) -> list[str]:
    """Tags used on customers, most used first: what tag completion offers."""
    return [r[0] for r in conn.execute(
        "SELECT j.value FROM customers c, json_each(c.tags) j WHERE j.type = 'text' GROUP BY j.value "
        "ORDER BY count(*) DESC, j.value LIMIT ?", (limit,))]
