"""UTC timestamps as ISO-8601 text ending in Z: sortable as text, unambiguous on the wire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def to_iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utc_now_iso() -> str:
    return to_iso(datetime.now(UTC))


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


SHOP_UTC_OFFSET = timedelta(hours=8)  # China Standard Time: where the shops' working day runs
# report ranges that end now and start at a shop midnight: today, and the last 7 or 30 days with today
RANGE_DAYS = {"today": 0, "7d": 6, "30d": 29}


def shop_day_start(now: datetime) -> datetime:
    """Midnight in China Standard Time before `now` (an aware UTC datetime), whatever the server's zone."""
    local = now.astimezone(UTC) + SHOP_UTC_OFFSET
    return local.replace(hour=0, minute=0, second=0, microsecond=0) - SHOP_UTC_OFFSET


def range_start(key: str, now: datetime) -> datetime:
    """The start of a report range named in RANGE_DAYS."""
    return shop_day_start(now) - timedelta(days=RANGE_DAYS[key])
