"""Outgoing webhooks: a channel (an e-mail bridge, a marketplace's chat, an order system) learns of
agent replies and survey requests by an HTTP POST to its URL, signed with HMAC-SHA256.

Deliveries are written in the same transaction as the reply (an outbox: a crash between commit and
send loses nothing) and sent by a worker that retries with exponential backoff (2 s, 4 s, … up to an
hour, 12 attempts). Each POST carries `X-CsDesk-Delivery` (the same id on every retry, for the
receiver's idempotency), `X-CsDesk-Timestamp` and `X-CsDesk-Signature: sha256=HEX`, the HMAC of
`timestamp + "." + body` with the channel's secret."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection

from cs_desk.domain.clock import to_iso, utc_now_iso
from cs_desk.server.db import Database
from cs_desk.server.fastsql import raw
from cs_desk.server.periodic import Periodic

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
TIMEOUT_S = 10.0
BATCH = 50


def set_webhook(conn: Connection, channel: str, url: str) -> str:
    """Sets the channel's URL (http or https) and returns a new signing secret."""
    if not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise ValueError("a webhook URL starts with http:// or https://")
    if raw(conn).scalar("SELECT 1 FROM api_keys WHERE channel = ? AND revoked_at IS NULL LIMIT 1", (channel,)) is None:
        raise ValueError(f"no channel {channel!r} (add an API key or a widget for it first)")
    secret = "whsec_" + secrets.token_urlsafe(24)
    r = raw(conn)
    r.run("DELETE FROM webhooks WHERE channel = ?", (channel,))
    r.run("INSERT INTO webhooks(channel, url, secret, created_at) VALUES (?, ?, ?, ?)",
          (channel, url, secret, utc_now_iso()))
    return secret


def remove_webhook(conn: Connection, channel: str) -> int:
    return raw(conn).run("DELETE FROM webhooks WHERE channel = ?", (channel,))


def wanted(conn: Connection, memo: dict, channel: str) -> bool:
    """Whether the channel has a webhook (looked up once per transaction): callers build a payload
    only then, off the hot path of channels without one."""
    key = ("webhook", channel)
    if key not in memo:
        memo[key] = raw(conn).scalar("SELECT 1 FROM webhooks WHERE channel = ?", (channel,)) is not None
    return memo[key]


def enqueue(conn: Connection, memo: dict, channel: str, payload: dict[str, Any]) -> None:
    """Queues a delivery if the channel has a webhook."""
    if not wanted(conn, memo, channel):
        return
    now = utc_now_iso()
    delivery = "dlv_" + secrets.token_hex(10)
    body = orjson.dumps({"delivery_id": delivery, "created_at": now, **payload}).decode()
    raw(conn).run("INSERT INTO webhook_deliveries(id, channel, body, attempts, next_at, created_at) "
                  "VALUES (?, ?, ?, 0, ?, ?)", (delivery, channel, body, now, now))


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 2 ** attempts))


def _due(conn: Connection, now: str) -> list[tuple[str, str, str, int, str, str]]:
    r = raw(conn)
    r.run("SELECT d.id, d.channel, d.body, d.attempts, w.url, w.secret FROM webhook_deliveries d "
          "JOIN webhooks w ON w.channel = d.channel WHERE d.delivered_at IS NULL AND d.attempts < ? "
          "AND d.next_at <= ? ORDER BY d.next_at LIMIT ?", (MAX_ATTEMPTS, now, BATCH))
    return r.cur.fetchall()


def _record(conn: Connection, results: list[tuple[str, bool, str, int]], now: datetime) -> None:
    r = raw(conn)
    for delivery, ok, error, attempts in results:
        if ok:
            r.run("UPDATE webhook_deliveries SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
                  (to_iso(now), attempts, delivery))
        else:
            r.run("UPDATE webhook_deliveries SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?",
                  (attempts, to_iso(now + backoff(attempts)), error[:500], delivery))


def post(url: str, secret: str, delivery: str, body: str) -> tuple[bool, str]:
    data = body.encode()
    ts = str(int(time.time()))
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "cs_desk-webhook", "X-CsDesk-Delivery": delivery,
        "X-CsDesk-Timestamp": ts, "X-CsDesk-Signature": sign(secret, ts, data)})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return 200 <= resp.status < 300, f"HTTP {resp.status}"
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return False, f"{type(exc).__name__}: {exc}"


class WebhookWorker(Periodic):
    name = "webhooks"

    def __init__(self, db: Database, every: float = 1.0) -> None:
        self.db, self.every = db, every

    async def run_once(self, now: datetime | None = None) -> tuple[int, int]:
        """Sends what is due at `now`; returns (delivered, failed)."""
        now = now or datetime.now(UTC)
        due = await self.db.read(_due, to_iso(now))
        if not due:
            return 0, 0
        sent = await asyncio.gather(*(asyncio.to_thread(post, url, secret, d, body)
                                      for d, _ch, body, _a, url, secret in due))
        results = [(d, ok, err, attempts + 1) for (d, _c, _b, attempts, _u, _s), (ok, err) in zip(due, sent, strict=True)]
        await self.db.write(_record, results, now)
        return sum(ok for _d, ok, _e, _a in results), sum(not ok for _d, ok, _e, _a in results)
