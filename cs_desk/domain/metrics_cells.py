"""Hour cells: what each conversation contributes to the team metrics, filed by the hour it happened
in and by team, agent, category and channel, so a report sums a range's cells instead of visiting
every conversation.

A conversation that changed since the last report is taken out of the cells it was in and filed
again (its category, agent or resolution may have moved). Each cell keeps the entries it holds (for
taking them out, and for hours a range cuts through) and totals worked out from them when first
needed after a change (for hours wholly inside a range): counts, sums and sorted durations. The same
totals are kept per day (over its 24 cells), so a 30-day report adds about 30 day totals and the
hours of the day it ends in, and finds its medians among 30-odd sorted runs."""

from __future__ import annotations

import bisect
from collections import Counter
from typing import TYPE_CHECKING, Any

from cs_desk.domain.clock import SHOP_UTC_OFFSET

if TYPE_CHECKING:
    from cs_desk.domain.metrics_fold import Conv

HOUR = 3600.0
# first-response distribution buckets (upper bounds in seconds; the last is open-ended)
FRT_BUCKETS = (60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600)

DIMS = ("team", "agent", "category", "channel")
PolicyKey = tuple[str, str, str]  # team, category, priority: the SLA rule is looked up when reporting


CREATED, FRT, RES, CSAT, CLOCK, PROMISES = range(6)  # Cell.fields() order


DAY = 24 * HOUR
TZ_OFFSET = SHOP_UTC_OFFSET.total_seconds()  # days are counted in China Standard Time


def day_index(t: float) -> int:
    """The shop day (China Standard Time) an epoch time falls in."""
    return int((t + TZ_OFFSET) // DAY)


def day_of_hour(hour: int) -> int:
    return day_index(hour * HOUR)


class DaySlot:
    """The 24 hour cells of one day for one key, with totals over all of them."""

    __slots__ = ("cells", "_agg")

    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self._agg: Agg | None = None

    @property
    def agg(self) -> Agg:
        if self._agg is None:
            self._agg = Agg(self.cells)
        return self._agg


class Cell:
    __slots__ = ("created", "frt", "res", "csat", "clock", "promises", "_agg", "day", "f")

    def __init__(self, day: DaySlot) -> None:
        self.day = day
        day.cells.append(self)
        self.created: dict[int, tuple[float, float | None]] = {}  # conv → (created, first resolved)
        self.frt: dict[int, tuple[float, float]] = {}  # conv → (answered at, first response seconds)
        self.res: dict[int, tuple[float, float, float, bool, int]] = {}  # (at, resolution s, handling s, reopened, replies)
        self.csat: dict[int, tuple[float, int]] = {}  # conv → (answered at, score)
        self.clock: dict[int, tuple[float, str, PolicyKey]] = {}  # running promise: (due, kind, policy)
        self.promises: dict[tuple[int, int], tuple[float, str, bool, PolicyKey]] = {}  # (at, kind, kept, policy)
        self._agg: Agg | None = None
        self.f = (self.created, self.frt, self.res, self.csat, self.clock, self.promises)  # by field number

    @property
    def agg(self) -> Agg:
        if self._agg is None:
            self._agg = Agg([self])
        return self._agg


class Agg:
    """Totals over some cells (an hour's, or a day's), for when the range asked covers them whole."""

    __slots__ = ("created", "created_resolved", "latest_resolution", "frt", "frt_hist", "res", "res_sum",
                 "handling_sum", "reopened", "fcr_n", "fcr_k", "csat", "csat_sum", "csat_45", "promises", "clocks")

    def __init__(self, cells: list[Cell]) -> None:
        created = [r for c in cells for _t, r in c.created.values()]
        res = [r for c in cells for r in c.res.values()]
        self.created = len(created)
        done = [r for r in created if r is not None]
        self.created_resolved = len(done)
        self.latest_resolution = max(done, default=0.0)
        self.frt = sorted(v for c in cells for _t, v in c.frt.values())
        self.frt_hist = [0] * (len(FRT_BUCKETS) + 1)
        for v in self.frt:
            self.frt_hist[bisect.bisect_right(FRT_BUCKETS, v)] += 1
        self.res = sorted(r[1] for r in res)
        self.res_sum = sum(self.res)
        self.handling_sum = sum(r[2] for r in res)
        self.reopened = sum(1 for r in res if r[3])
        self.fcr_n = sum(1 for r in res if r[4] >= 1)
        self.fcr_k = sum(1 for r in res if r[4] == 1 and not r[3])
        self.csat = [score for c in cells for _t, score in c.csat.values()]
        self.csat_sum = sum(self.csat)
        self.csat_45 = sum(1 for score in self.csat if score >= 4)
        # (policy, kind, kept) → n; running clocks (policy, kind) → n, broken once due
        self.promises = Counter((p[3], p[1], p[2]) for c in cells for p in c.promises.values())
        self.clocks = Counter((k[2], k[1]) for c in cells for k in c.clock.values())


Key = tuple[Any, ...]


class Cells:
    """dimension → hour → (team, value) → cell. The team is in every key, so a lead's report leaves
    other teams out whatever the grouping. Each dimension is filed only when a report asks for it
    (most ask by team alone), from the conversations changed since it last was."""

    def __init__(self) -> None:
        self.by: dict[str, dict[int, dict[Key, Cell]]] = {d: {} for d in DIMS}
        self.days: dict[str, dict[int, dict[Key, DaySlot]]] = {d: {} for d in DIMS}
        self._placed: dict[str, dict[int, list[tuple[dict, Cell, Any]]]] = {d: {} for d in DIMS}
        self._dirty: dict[str, set[int]] = {d: set() for d in DIMS}
        self.filed = 0  # conversations filed so far (in any dimension)

    def cells(self, dim: str, hour: int) -> dict[Key, Cell]:
        return self.by[dim].get(hour, {})

    def day_slots(self, dim: str, day: int) -> dict[Key, DaySlot]:
        return self.days[dim].get(day, {})

    def changed(self, conv_ids: set[int]) -> None:
        for d in DIMS:
            self._dirty[d] |= conv_ids

    def refresh(self, dim: str, convs: dict[int, Conv]) -> None:
        dirty = self._dirty[dim]
        self.filed += len(dirty)
        for cid in dirty:
            c = convs.get(cid)
            if c is not None:
                self.place(c, dim)
        dirty.clear()

    def remove(self, conv_id: int, dim: str) -> None:
        for d, cell, entry_key in self._placed[dim].pop(conv_id, ()):
            d.pop(entry_key, None)
            cell._agg = None
            cell.day._agg = None

    def place(self, c: Conv, dim: str) -> None:
        """Files the conversation as it is now in one dimension (taking it out of where it was)."""
        self.remove(c.id, dim)
        team = c.team_id
        if dim == "team":
            key: Key | None = (team,)
            frt_key = key
        elif dim == "agent":
            key = (team, c.agent) if c.agent is not None else None
            frt_key = (team, c.first_responder) if c.first_responder is not None else None
        else:
            key = frt_key = (team, c.category if dim == "category" else c.channel)
        pkey = (team, c.category, c.priority)
        todo: list[tuple[float, Key | None, int, Any, Any]] = [(c.created, key, CREATED, c.id, (c.created, c.first_resolved))]
        if c.first_response is not None:
            todo.append((c.first_response, frt_key, FRT, c.id, (c.first_response, max(0.0, c.first_response - c.created))))
        if c.first_resolved is not None:
            start = c.reached_agent if c.reached_agent is not None else c.created
            todo.append((c.first_resolved, key, RES, c.id,
                         (c.first_resolved, max(0.0, c.first_resolved - c.created), max(0.0, c.first_resolved - start),
                          c.reopens > 0, c.agent_replies)))
        if c.csat_at is not None and c.csat is not None:
            todo.append((c.csat_at, key, CSAT, c.id, (c.csat_at, c.csat)))
        if c.clock is not None and c.status != "resolved" and c.clock[1] >= c.clock[2]:
            todo.append((c.clock[1], key, CLOCK, c.id, (c.clock[1], c.clock[0], pkey)))
        for i, p in enumerate(c.promises):
            todo.append((p.at, key, PROMISES, (c.id, i), (p.at, p.kind, p.kept, pkey)))
        placed: list[tuple[dict, Cell, Any]] = []
        self._placed[dim][c.id] = placed
        hours, days = self.by[dim], self.days[dim]
        for t, k, field, entry_key, entry in todo:
            if k is None:
                continue
            hour = int(t // HOUR)
            row = hours.get(hour)
            if row is None:
                row = hours[hour] = {}
            cell = row.get(k)
            if cell is None:
                day = days.setdefault(day_of_hour(hour), {})
                slot = day.get(k)
                if slot is None:
                    slot = day[k] = DaySlot()
                cell = row[k] = Cell(slot)
            d = cell.f[field]
            d[entry_key] = entry
            cell._agg = None
            cell.day._agg = None
            placed.append((d, cell, entry_key))
