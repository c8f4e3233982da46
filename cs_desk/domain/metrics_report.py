"""Team metrics for a time range from a MetricsFold: the figures of docs/metrics.md, overall and by
team, agent, category or channel, with the series the monitor's charts draw. Times are epoch seconds;
days and hours are counted in China Standard Time (UTC+8), where the shops' working day runs.

The report sums the fold's hour cells (metrics_cells.py): an hour wholly inside the range adds its
cached totals, an hour the range cuts through adds the entries that fall inside."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from cs_desk.domain.metrics_cells import DAY, FRT_BUCKETS, TZ_OFFSET, Agg, Cell, PolicyKey, day_index
from cs_desk.domain.metrics_fold import HOUR, Hour, MetricsFold

DIMENSIONS = ("team", "agent", "category", "channel")


def median(values: list[float]) -> float | None:
    return Runs([sorted(values)]).median()


def percentile(values: list[float], p: float) -> float | None:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    return Runs([sorted(values)]).percentile(p)


class Runs:
    """Values held as sorted runs (a day's, an hour's); order statistics found without merging
    them, by bisecting on the value: each step counts the values at or below a guess in every run."""

    def __init__(self, runs: list[list[float]]) -> None:
        self.runs = [r for r in runs if r]
        self.n = sum(len(r) for r in self.runs)

    def __len__(self) -> int:
        return self.n

    def kth(self, k: int) -> float:
        """The k-th smallest value (1-based)."""
        runs = self.runs
        if len(runs) == 1:
            return runs[0][k - 1]
        lo = min(r[0] for r in runs)
        hi = max(r[-1] for r in runs)
        if sum(bisect.bisect_right(r, lo) for r in runs) >= k:
            return lo
        # invariant: fewer than k values <= lo, at least k values <= hi
        bisect_right = bisect.bisect_right
        while True:
            mid = (lo + hi) / 2
            if mid <= lo or mid >= hi:
                break
            at_or_below = [bisect_right(r, mid) for r in runs]
            count = sum(at_or_below)
            if count == k:  # the k-th is the largest value at or below mid
                return max(r[i - 1] for r, i in zip(runs, at_or_below, strict=True) if i)
            if count > k:
                hi = mid
            else:
                lo = mid
        # equal values straddle k: the k-th is the smallest value above lo
        return min(r[i] for r in runs if (i := bisect_right(r, lo)) < len(r))

    def median(self) -> float | None:
        n = self.n
        if not n:
            return None
        return self.kth(n // 2 + 1) if n % 2 else (self.kth(n // 2) + self.kth(n // 2 + 1)) / 2

    def percentile(self, p: float) -> float | None:
        return self.kth(max(1, math.ceil(p / 100 * self.n))) if self.n else None


def _rate(k: int, n: int) -> float | None:
    return k / n if n else None


class _Group:
    __slots__ = ("created", "resolved_of_created", "frt", "res", "res_sum", "handling_sum", "reopened", "fcr_n",
                 "fcr_k", "csat_n", "csat_sum", "csat_45", "sla", "online_s", "cap_s", "busy_s")

    def __init__(self) -> None:
        self.created = self.resolved_of_created = 0
        self.frt: list[list[float]] = []  # sorted runs, merged when the figures are made
        self.res: list[list[float]] = []
        self.res_sum = self.handling_sum = 0.0
        self.reopened = self.fcr_n = self.fcr_k = 0
        self.csat_n = self.csat_sum = self.csat_45 = 0
        self.sla: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (policy, kind) → [kept, broken]
        self.online_s = self.cap_s = self.busy_s = 0.0

    def add_cell(self, cell: Cell, whole: bool, lo: float, hi: float, label: Callable[[PolicyKey], str]) -> None:
        """A cell of an hour wholly inside [lo, hi) (its totals), or of one the range cuts through."""
        if whole:
            self.add_agg(cell.agg, [cell], hi, label)
        else:
            self._add_entries(cell, lo, hi, label)

    def add_agg(self, a: Agg, cells: list[Cell], hi: float, label: Callable[[PolicyKey], str]) -> None:
        """Totals of cells wholly inside the range."""
        self.created += a.created
        self.resolved_of_created += a.created_resolved if a.latest_resolution < hi else \
            sum(1 for c in cells for _t, r in c.created.values() if r is not None and r < hi)
        if a.frt:
            self.frt.append(a.frt)
        if a.res:
            self.res.append(a.res)
            self.res_sum += a.res_sum
        self.handling_sum += a.handling_sum
        self.reopened += a.reopened
        self.fcr_n += a.fcr_n
        self.fcr_k += a.fcr_k
        self.csat_n += len(a.csat)
        self.csat_sum += a.csat_sum
        self.csat_45 += a.csat_45
        for (pkey, kind, kept), n in a.promises.items():
            self.sla[(label(pkey), kind)][0 if kept else 1] += n
        for (pkey, kind), n in a.clocks.items():
            self.sla[(label(pkey), kind)][1] += n

    def _add_entries(self, cell: Cell, lo: float, hi: float, label: Callable[[PolicyKey], str]) -> None:
        for t, r in cell.created.values():
            if lo <= t < hi:
                self.created += 1
                self.resolved_of_created += r is not None and r < hi
        frt = sorted(v for t, v in cell.frt.values() if lo <= t < hi)
        if frt:
            self.frt.append(frt)
        res = [r for r in cell.res.values() if lo <= r[0] < hi]
        if res:
            self.res.append(sorted(r[1] for r in res))
            self.res_sum += sum(r[1] for r in res)
            self.handling_sum += sum(r[2] for r in res)
            self.reopened += sum(1 for r in res if r[3])
            self.fcr_n += sum(1 for r in res if r[4] >= 1)
            self.fcr_k += sum(1 for r in res if r[4] == 1 and not r[3])
        for t, score in cell.csat.values():
            if lo <= t < hi:
                self.csat_n += 1
                self.csat_sum += score
                self.csat_45 += score >= 4
        for at, kind, kept, pkey in cell.promises.values():
            if lo <= at < hi:
                self.sla[(label(pkey), kind)][0 if kept else 1] += 1
        for due, kind, pkey in cell.clock.values():
            if lo <= due < hi:
                self.sla[(label(pkey), kind)][1] += 1

    def add_hours(self, h: Hour, share: float = 1.0) -> None:
        self.online_s += h.online_s * share
        self.cap_s += h.cap_s * share
        self.busy_s += h.busy_s * share

    def figures(self, hours: float) -> dict[str, Any]:
        frt, res = Runs(self.frt), Runs(self.res)
        n_res = len(res)
        sla = [{"policy": p, "kind": k, "kept": v[0], "broken": v[1], "rate": _rate(v[0], v[0] + v[1])}
               for (p, k), v in sorted(self.sla.items())]
        kept, total = sum(v[0] for v in self.sla.values()), sum(v[0] + v[1] for v in self.sla.values())
        return {
            "conversations": self.created,
            "per_hour": self.created / hours if hours else None,
            "first_response": {"n": len(frt), "median_s": frt.median(), "p90_s": frt.percentile(90)},
            "handling": {"n": n_res, "avg_s": self.handling_sum / n_res if n_res else None},
            "resolution": {"n": n_res, "median_s": res.median(), "avg_s": self.res_sum / n_res if n_res else None,
                           "p90_s": res.percentile(90)},
            "resolution_rate": {"n": self.created, "k": self.resolved_of_created,
                                "rate": _rate(self.resolved_of_created, self.created)},
            "fcr": {"n": self.fcr_n, "k": self.fcr_k, "rate": _rate(self.fcr_k, self.fcr_n)},
            "reopen": {"n": n_res, "k": self.reopened, "rate": _rate(self.reopened, n_res)},
            "csat": {"n": self.csat_n, "avg": self.csat_sum / self.csat_n if self.csat_n else None,
                     "share_4_5": _rate(self.csat_45, self.csat_n)},
            "utilisation": {"online_s": self.online_s, "rate": self.busy_s / self.cap_s if self.cap_s else None},
            "sla": {"kept": kept, "broken": total - kept, "rate": _rate(kept, total), "policies": sla},
        }


def report(fold: MetricsFold, lo: float, hi: float, now: float, *, teams: set[str] | None = None,
           by: str | None = None, policy_label: Callable[[PolicyKey], str] = lambda k: k[0]) -> dict[str, Any]:
    """Figures for [lo, hi); `teams` None means every team. `now` bounds what can have happened:
    a promise still showing past its deadline counts as broken from then on."""
    if by is not None and by not in DIMENSIONS:
        raise ValueError(f"by is one of {', '.join(DIMENSIONS)}")
    fold.refresh_cells(("team",) if by in (None, "team") else ("team", by))
    hi_eff = min(hi, now)
    hours = max(0.0, hi_eff - lo) / HOUR
    memo: dict[PolicyKey, str] = {}

    def label(k: PolicyKey) -> str:
        v = memo.get(k)
        if v is None:
            v = memo[k] = policy_label(k)
        return v

    total, groups = _Group(), defaultdict(_Group)
    per_hour_created: dict[int, int] = {}
    frt_hist = [0] * (len(FRT_BUCKETS) + 1)
    daily: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])  # csat n, csat sum, kept, broken
    first_hour, last_hour = int(lo // HOUR), int(math.ceil(hi_eff / HOUR))
    cells = fold.cells
    dim = by if by in ("agent", "category", "channel") else None

    def wanted(key: tuple) -> bool:
        return teams is None or key[0] in teams

    def day_totals(a: Agg, day: list[float]) -> None:
        for i, n in enumerate(a.frt_hist):
            frt_hist[i] += n
        for i, n in enumerate(_agg_day(a)):
            day[i] += n

    for d in range(day_index(lo), day_index(max(lo, hi_eff - 1e-6)) + 1):
        start = d * DAY - TZ_OFFSET
        day = daily[d]
        if lo <= start and start + DAY <= hi_eff:  # the whole day: its totals
            for key, slot in cells.day_slots("team", d).items():
                if not wanted(key):
                    continue
                total.add_agg(slot.agg, slot.cells, hi_eff, label)
                day_totals(slot.agg, day)
                if by == "team":
                    groups[key[0]].add_agg(slot.agg, slot.cells, hi_eff, label)
            if dim is not None:
                for key, slot in cells.day_slots(dim, d).items():
                    if wanted(key):
                        groups[key[1]].add_agg(slot.agg, slot.cells, hi_eff, label)
            for hour in range(int(start // HOUR), int((start + DAY) // HOUR)):
                n = sum(len(c.created) for k, c in cells.cells("team", hour).items() if wanted(k))
                if n:
                    per_hour_created[hour] = n
            continue
        for hour in range(max(first_hour, int(start // HOUR)), min(last_hour, int((start + DAY) // HOUR))):
            whole = lo <= hour * HOUR and (hour + 1) * HOUR <= hi_eff
            for key, cell in cells.cells("team", hour).items():
                if not wanted(key):
                    continue
                before = total.created
                total.add_cell(cell, whole, lo, hi_eff, label)
                per_hour_created[hour] = per_hour_created.get(hour, 0) + total.created - before
                for i, n in enumerate(_cell_hist(cell, whole, lo, hi_eff)):
                    frt_hist[i] += n
                for i, n in enumerate(_cell_day(cell, whole, lo, hi_eff)):
                    day[i] += n
                if by == "team":
                    groups[key[0]].add_cell(cell, whole, lo, hi_eff, label)
            if dim is not None:
                for key, cell in cells.cells(dim, hour).items():
                    if wanted(key):
                        groups[key[1]].add_cell(cell, whole, lo, hi_eff, label)

    staffed = _utilisation(fold, teams, by, lo, hi_eff, total, groups)
    out: dict[str, Any] = {
        "from": lo, "to": hi, "now": now, "by": by, "total": total.figures(hours),
        "groups": [{"key": k, **g.figures(hours)} for k, g in sorted(groups.items(), key=lambda kv: str(kv[0]))],
        "frt_histogram": [{"below_s": b, "n": n} for b, n in zip((*FRT_BUCKETS, None), frt_hist, strict=True)],
        "daily": [_day(d, v) for d, v in sorted(daily.items()) if v[0] or v[2] or v[3]],
    }
    if last_hour - first_hour <= 24 * 62:  # an hour-by-hour series for up to two months
        out["hourly"] = [{"hour": h * HOUR, "created": per_hour_created.get(h, 0), "staffed": staffed.get(h, 0.0)}
                         for h in range(first_hour, last_hour)]
    return out


def _day(d: int, v: list[float]) -> dict[str, Any]:
    n, total, kept, broken = int(v[0]), v[1], int(v[2]), int(v[3])
    return {"day": d * DAY - TZ_OFFSET, "csat_n": n, "csat_avg": total / n if n else None,
            "sla_kept": kept, "sla_broken": broken, "sla_rate": _rate(kept, kept + broken)}


def _cell_hist(cell: Cell, whole: bool, lo: float, hi: float) -> list[int]:
    if whole:
        return cell.agg.frt_hist
    hist = [0] * (len(FRT_BUCKETS) + 1)
    for t, v in cell.frt.values():
        if lo <= t < hi:
            hist[bisect.bisect_right(FRT_BUCKETS, v)] += 1
    return hist


def _agg_day(a: Agg) -> tuple[int, float, int, int]:
    """Survey answers (count, sum of scores) and promises (kept, broken) in some cells' totals."""
    kept = sum(n for (_p, _k, ok), n in a.promises.items() if ok)
    broken = sum(n for (_p, _k, ok), n in a.promises.items() if not ok) + sum(a.clocks.values())
    return len(a.csat), float(a.csat_sum), kept, broken


def _cell_day(cell: Cell, whole: bool, lo: float, hi: float) -> tuple[int, float, int, int]:
    """The same for a cell, within the range."""
    if whole:
        return _agg_day(cell.agg)
    csat = [score for t, score in cell.csat.values() if lo <= t < hi]
    promises = [kept for at, _k, kept, _p in cell.promises.values() if lo <= at < hi]
    clocks = sum(1 for due, _k, _p in cell.clock.values() if lo <= due < hi)
    return len(csat), float(sum(csat)), sum(promises), len(promises) - sum(promises) + clocks


def _utilisation(fold: MetricsFold, teams: set[str] | None, by: str | None, lo: float, hi: float, total: _Group,
                 groups: dict[Any, _Group]) -> dict[int, float]:
    """Adds online, capacity and busy seconds to the total and the team or agent groups; returns the
    agents staffed per hour (online seconds / 3600)."""
    first_hour, last_hour = int(lo // HOUR), int(math.ceil(hi / HOUR))
    staffed: dict[int, float] = defaultdict(float)

    def share(hour: int) -> float:
        start, end = hour * HOUR, (hour + 1) * HOUR
        return max(0.0, min(end, hi) - max(start, lo)) / HOUR

    for team, hours in fold.team_hours.items():
        if teams is not None and team not in teams:
            continue
        for hour in range(first_hour, last_hour):
            h = hours.get(hour)
            if h is None:
                continue
            part = share(hour)
            staffed[hour] += h.online_s * part / HOUR
            total.add_hours(h, part)
            if by == "team":
                groups[team].add_hours(h, part)
    if by == "agent":
        for (agent_id, team), hours in fold.agent_hours.items():
            if teams is not None and team not in teams:
                continue
            for hour in range(first_hour, last_hour):
                h = hours.get(hour)
                if h is not None:
                    groups[agent_id].add_hours(h, share(hour))
    for a, hour, h in fold.open_stretches(lo, hi):
        if teams is not None and a.team_id not in teams:
            continue
        staffed[hour] += h.online_s / HOUR
        total.add_hours(h)
        if by == "team":
            groups[a.team_id].add_hours(h)
        elif by == "agent":
            groups[a.id].add_hours(h)
    return staffed
