"""RFM value segmentation (客户价值分层) from a customer's orders.

Each of recency, frequency and monetary value is split in two by a threshold, which gives the
classic eight segments of Chinese e-commerce CRM (重要价值客户 … 一般挽留客户), plus "new" for a
customer who never ordered. Keys are stable English words; the UI translates the labels.

Pure: the current time is passed in, never read here."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cs_desk.domain.clock import parse_iso

# Orders that brought no money: a cancelled order was never a purchase and a refunded one was
# given back, so neither makes a customer recent, frequent or valuable.
NOT_COUNTED_STATUSES: frozenset[str] = frozenset({"cancelled", "refunded"})


class Segment(StrEnum):
    CHAMPION = "champion"  # 重要价值客户: recent, frequent, high value
    POTENTIAL = "potential"  # 重要发展客户: recent, high value, not yet frequent
    AT_RISK = "at_risk"  # 重要保持客户: frequent, high value, but not seen lately
    CANT_LOSE = "cant_lose"  # 重要挽留客户: high value only
    LOYAL = "loyal"  # 一般价值客户: recent and frequent, small baskets
    PROMISING = "promising"  # 一般发展客户: recent only
    NEEDS_ATTENTION = "needs_attention"  # 一般保持客户: frequent only
    LOST = "lost"  # 一般挽留客户: none of the three
    NEW = "new"  # no order at all

    @property
    def important(self) -> bool:
        """The four 重要 segments: high monetary value."""
        return self in (Segment.CHAMPION, Segment.POTENTIAL, Segment.AT_RISK, Segment.CANT_LOSE)


# (recent, frequent, high value) → segment
_BY_FLAGS: dict[tuple[bool, bool, bool], Segment] = {
    (True, True, True): Segment.CHAMPION,
    (True, False, True): Segment.POTENTIAL,
    (False, True, True): Segment.AT_RISK,
    (False, False, True): Segment.CANT_LOSE,
    (True, True, False): Segment.LOYAL,
    (True, False, False): Segment.PROMISING,
    (False, True, False): Segment.NEEDS_ATTENTION,
    (False, False, False): Segment.LOST,
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Defaults suit a Chinese online shop selling everyday goods: a quarter without an order
    means the customer is drifting away; three orders make a habit; ¥1,000 in total is a good customer."""

    recent_days: int = 90  # recent: last counted order at most this many days ago
    frequent_orders: int = 3  # frequent: at least this many counted orders
    high_value_cents: int = 100_000  # high value: at least this total, in fen (¥1,000)
    not_counted: frozenset[str] = NOT_COUNTED_STATUSES

    def __post_init__(self) -> None:
        if self.recent_days < 0 or self.frequent_orders < 1 or self.high_value_cents < 0:
            raise ValueError("RFM thresholds: recent_days >= 0, frequent_orders >= 1, high_value_cents >= 0")


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class OrderFact:
    """What RFM needs of an order; created_at as a datetime or the cache's ISO text."""

    status: str
    total_cents: int
    created_at: datetime | str | None


@dataclass(frozen=True, slots=True)
class Rfm:
    segment: Segment
    recency_days: int | None  # None: no counted order
    frequency: int  # counted orders
    monetary_cents: int  # total of counted orders
    last_order_at: datetime | None
    recent: bool
    frequent: bool
    high_value: bool


def _as_utc(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = parse_iso(value)
        except ValueError:
            return None  # a date we cannot read does not make the customer recent
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _fact(order: OrderFact | Mapping[str, Any]) -> OrderFact:
    if isinstance(order, OrderFact):
        return order
    return OrderFact(str(order.get("status", "")), order.get("total_cents") or 0, order.get("created_at"))


def _cents(value: Any) -> int:
    # A float or a stray value from an older server must not break the whole card.
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    return 0


def analyse(orders: Iterable[OrderFact | Mapping[str, Any]], now: datetime,
            thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Rfm:
    """The RFM figures and segment of one customer at `now` (naive datetimes are taken as UTC)."""
    now_utc = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    facts = [_fact(o) for o in orders]
    counted = [f for f in facts if f.status not in thresholds.not_counted]
    frequency = len(counted)
    monetary = sum(_cents(f.total_cents) for f in counted)
    dates = [d for d in (_as_utc(f.created_at) for f in counted) if d is not None]
    last = max(dates) if dates else None
    # An order dated after `now` (client clock behind the server) counts as today, not negative.
    recency = None if last is None else max(0, int((now_utc - last).total_seconds() // 86400))
    recent = recency is not None and recency <= thresholds.recent_days
    frequent = frequency >= thresholds.frequent_orders
    # monetary > 0: with a zero threshold, a customer who never paid is still not "important".
    high_value = monetary >= thresholds.high_value_cents and monetary > 0
    segment = Segment.NEW if not facts else _BY_FLAGS[(recent, frequent, high_value)]
    return Rfm(segment, recency, frequency, monetary, last, recent, frequent, high_value)


def segment_of(orders: Iterable[OrderFact | Mapping[str, Any]], now: datetime,
               thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Segment:
    return analyse(orders, now, thresholds).segment
