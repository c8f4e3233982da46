"""Business-hours calendars: an SLA clock runs only while the team is at work. A promise of "4 h"
made at 17:00 on a Friday, with working hours 09:00–18:00 on weekdays, falls due at 12:00 on Monday.

A calendar is a fixed UTC offset (the shops' zone, China Standard Time by default), working intervals
per weekday in local time, and whole-day holidays (local dates). Pure functions over datetimes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SCAN_DAYS = 800  # a calendar with no working time at all would loop forever: refuse after this


def _minutes(hhmm: str) -> int:
    try:
        h, m = hhmm.split(":")
        value = int(h) * 60 + int(m)
    except ValueError:
        raise ValueError(f"a time is HH:MM, not {hhmm!r}") from None
    if not (0 <= int(m) < 60 and 0 <= value <= 24 * 60):
        raise ValueError(f"a time is between 00:00 and 24:00, not {hhmm!r}")
    return value


@dataclass(frozen=True)
class Calendar:
    """`week[d]`: sorted, non-overlapping (start, end) minutes of local day d (0 = Monday)."""

    utc_offset_min: int = 8 * 60
    week: tuple[tuple[tuple[int, int], ...], ...] = field(default_factory=lambda: ((),) * 7)
    holidays: frozenset[date] = frozenset()

    @classmethod
    def build(cls, hours: Mapping[str, Sequence[Sequence[str]]], holidays: Iterable[str] = (),
              utc_offset_min: int = 8 * 60) -> Calendar:
        """hours: {"mon": [["09:00", "12:00"], ["13:00", "18:00"]], …}; holidays: ["2026-10-01", …]."""
        unknown = set(hours) - set(DAYS)
        if unknown:
            raise ValueError(f"unknown day {sorted(unknown)[0]!r}; days are {', '.join(DAYS)}")
        week = []
        for d in DAYS:
            pairs = hours.get(d, [])
            if any(len(p) != 2 for p in pairs):
                raise ValueError(f"{d}: each interval is [start, end]")
            spans = sorted((_minutes(a), _minutes(b)) for a, b in pairs)
            for i, (a, b) in enumerate(spans):
                if b <= a:
                    raise ValueError(f"{d}: an interval must end after it starts")
                if i + 1 < len(spans) and spans[i + 1][0] < b:
                    raise ValueError(f"{d}: intervals overlap")
            week.append(tuple(spans))
        try:
            days = frozenset(date.fromisoformat(h) for h in holidays)
        except ValueError as exc:
            raise ValueError(f"a holiday is YYYY-MM-DD: {exc}") from None
        if not -14 * 60 <= utc_offset_min <= 14 * 60:
            raise ValueError("the UTC offset is between -14:00 and +14:00")
        cal = cls(utc_offset_min, tuple(week), days)
        if not any(cal.week):
            raise ValueError("a calendar needs some working time")
        return cal

    def _spans(self, day: date) -> tuple[tuple[int, int], ...]:
        return () if day in self.holidays else self.week[day.weekday()]

    def _local(self, t: datetime) -> datetime:
        return (t.astimezone(UTC) + timedelta(minutes=self.utc_offset_min)).replace(tzinfo=None)

    def _utc(self, local: datetime) -> datetime:
        return (local - timedelta(minutes=self.utc_offset_min)).replace(tzinfo=UTC)

    def _intervals_from(self, t: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals (local time) from `t` on, the first one cut at `t`."""
        local = self._local(t)
        day = local.date()
        for _ in range(_SCAN_DAYS):
            midnight = datetime.combine(day, time())
            for a, b in self._spans(day):
                start, end = midnight + timedelta(minutes=a), midnight + timedelta(minutes=b)
                if end > local:
                    yield max(start, local), end
            day += timedelta(days=1)
        raise ValueError("no working time in the calendar's next two years")

    def add(self, start: datetime, seconds: float) -> datetime:
        """The moment `seconds` of working time after `start` (UTC in, UTC out)."""
        left = timedelta(seconds=seconds)
        if left <= timedelta(0):
            return start
        for a, b in self._intervals_from(start):
            if b - a >= left:
                return self._utc(a + left)
            left -= b - a
        raise AssertionError("unreachable")  # pragma: no cover - _intervals_from raises first

    def working_seconds(self, start: datetime, end: datetime) -> float:
        """Working time between two moments (0 when end is not after start)."""
        if end <= start:
            return 0.0
        stop = self._local(end)
        total = timedelta(0)
        for a, b in self._intervals_from(start):
            if a >= stop:
                break
            total += min(b, stop) - a
        return total.total_seconds()

    def is_open(self, t: datetime) -> bool:
        local = self._local(t)
        minute = local.hour * 60 + local.minute + local.second / 60
        return any(a <= minute < b for a, b in self._spans(local.date()))

