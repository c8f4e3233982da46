"""Team metrics for a time range from a MetricsFold: the figures of docs/metrics.md, overall and by
team, agent, category or channel, with the series the monitor's charts draw. Times are epoch seconds;
days and hours are counted in China Standard Time (UTC+8), where the shops' working day runs."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from cs_desk.domain.metrics_fold import HOUR, Conv, Hour, MetricsFold

DAY = 24 * HOUR
TZ_OFFSET = 8 * HOUR
DIMENSIONS = ("team", "agent", "category", "channel")
# first-response distribution buckets (upper bounds in seconds; the last is open-ended)
FRT_BUCKETS = (60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def percentile(values: list[float], p: float) -> float | None:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def _rate(k: int, n: int) -> float | None:
    return k / n if n else None


def _avg(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def day_index(t: float) -> int:
    return int((t + TZ_OFFSET) // DAY)


class _Group:
    __slots__ = ("created", "frt", "resolution", "handling", "resolved_of_created", "fcr_n", "fcr_k",
                 "reopened", "csat", "sla", "online_s", "cap_s", "busy_s")

    def __init__(self) -> None:
        self.created = 0
        self.frt: list[float] = []
        self.resolution: list[float] = []
        self.handling: list[float] = []
        self.resolved_of_created = 0
        self.fcr_n = self.fcr_k = 0
        self.reopened = 0
        self.csat: list[int] = []
        self.sla: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (policy, kind) → [kept, broken]
        self.online_s = self.cap_s = self.busy_s = 0.0

    def figures(self, hours: float) -> dict[str, Any]:
        n_res = len(self.resolution)
        sla = [{"policy": p, "kind": k, "kept": v[0], "broken": v[1], "rate": _rate(v[0], v[0] + v[1])}
               for (p, k), v in sorted(self.sla.items())]
        kept, total = sum(v[0] for v in self.sla.values()), sum(v[0] + v[1] for v in self.sla.values())
        return {
            "conversations": self.created,
            "per_hour": self.created / hours if hours else None,
            "first_response": {"n": len(self.frt), "median_s": median(self.frt), "p90_s": percentile(self.frt, 90)},
            "handling": {"n": len(self.handling), "avg_s": _avg(self.handling)},
            "resolution": {"n": n_res, "median_s": median(self.resolution), "avg_s": _avg(self.resolution),
                           "p90_s": percentile(self.resolution, 90)},
            "resolution_rate": {"n": self.created, "k": self.resolved_of_created,
                                "rate": _rate(self.resolved_of_created, self.created)},
            "fcr": {"n": self.fcr_n, "k": self.fcr_k, "rate": _rate(self.fcr_k, self.fcr_n)},
            "reopen": {"n": n_res, "k": self.reopened, "rate": _rate(self.reopened, n_res)},
            "csat": {"n": len(self.csat), "avg": _avg([float(x) for x in self.csat]),
                     "share_4_5": _rate(sum(1 for x in self.csat if x >= 4), len(self.csat))},
            "utilisation": {"online_s": self.online_s, "rate": self.busy_s / self.cap_s if self.cap_s else None},
            "sla": {"kept": kept, "broken": total - kept, "rate": _rate(kept, total), "policies": sla},
        }


def report(fold: MetricsFold, lo: float, hi: float, now: float, *, teams: set[str] | None = None,
           by: str | None = None, policy_label: Callable[[Conv], str] = lambda c: c.team_id) -> dict[str, Any]:
    """Figures for [lo, hi); `teams` None means every team. `now` bounds what can have happened:
    a promise still showing past its deadline counts as broken from then on."""
    if by is not None and by not in DIMENSIONS:
        raise ValueError(f"by is one of {', '.join(DIMENSIONS)}")
    hi_eff = min(hi, now)
    hours = max(0.0, hi_eff - lo) / HOUR
    total, groups = _Group(), defaultdict(_Group)
    per_hour_created: dict[int, int] = defaultdict(int)
    frt_hist = [0] * (len(FRT_BUCKETS) + 1)
    daily: dict[int, dict[str, Any]] = defaultdict(lambda: {"csat": [], "kept": 0, "broken": 0})

    def key(c: Conv, agent: int | None) -> Any:
        if by == "team":
            return c.team_id
        if by == "category":
            return c.category
        if by == "channel":
            return c.channel
        return agent  # by agent, or None (no grouping)

    def targets(k: Any) -> tuple[_Group, ...]:
        return (total, groups[k]) if by is not None and k is not None else (total,)

    for c in fold.convs.values():
        if teams is not None and c.team_id not in teams:
            continue
        created, first_response, first_resolved, csat_at = c.created, c.first_response, c.first_resolved, c.csat_at
        in_created = lo <= created < hi_eff
        in_frt = first_response is not None and lo <= first_response < hi_eff
        in_res = first_resolved is not None and lo <= first_resolved < hi_eff
        in_csat = csat_at is not None and lo <= csat_at < hi_eff
        clock = c.clock
        in_clock = clock is not None and c.status != "resolved" and lo <= clock[1] < hi_eff
        if not (in_created or in_frt or in_res or in_csat or in_clock):
            continue
        gs = targets(key(c, c.agent if by == "agent" else None))
        if in_created:
            per_hour_created[int(created // HOUR)] += 1
            resolved = first_resolved is not None and first_resolved < hi_eff
            for g in gs:
                g.created += 1
                g.resolved_of_created += resolved
        if in_frt:
            frt = max(0.0, first_response - created)  # type: ignore[operator]
            frt_hist[bisect.bisect_right(FRT_BUCKETS, frt)] += 1
            for g in (targets(key(c, c.first_responder)) if by == "agent" else gs):
                g.frt.append(frt)
        if in_res:
            res = max(0.0, first_resolved - created)  # type: ignore[operator]
            handled = max(0.0, first_resolved - (c.reached_agent if c.reached_agent is not None else created))  # type: ignore[operator]
            reopened, replies = c.reopens > 0, c.agent_replies
            for g in gs:
                g.resolution.append(res)
                g.handling.append(handled)
                g.reopened += reopened
                if replies >= 1:
                    g.fcr_n += 1
                    g.fcr_k += replies == 1 and not reopened
        if in_csat:
            daily[day_index(csat_at)]["csat"].append(c.csat)  # type: ignore[arg-type]
            for g in gs:
                g.csat.append(c.csat)  # type: ignore[arg-type]
        if in_clock:
            _count_promise(gs, policy_label(c), clock[0], False, daily, clock[1])  # type: ignore[index]
    convs = fold.convs
    for p in fold.promises:
        if not lo <= p.at < hi_eff:
            continue
        c = convs.get(p.conv_id)
        if c is None or (teams is not None and c.team_id not in teams):
            continue
        _count_promise(targets(key(c, c.agent if by == "agent" else None)), policy_label(c), p.kind, p.kept,
                       daily, p.at)

    staffed: dict[int, float] = defaultdict(float)
    for (agent_id, hour), h in fold.hours_until(hi_eff).items():
        a = fold.agents.get(agent_id)
        if a is None or (teams is not None and a.team_id not in teams):
            continue
        online, cap, busy = _clip(h, hour, lo, hi_eff)
        if not online:
            continue
        staffed[hour] += online / HOUR
        gs = [total]
        if by == "team":
            gs.append(groups[a.team_id])
        elif by == "agent":
            gs.append(groups[agent_id])
        for g in gs:
            g.online_s += online
            g.cap_s += cap
            g.busy_s += busy

    first_hour, last_hour = int(lo // HOUR), int(math.ceil(hi_eff / HOUR))
    out: dict[str, Any] = {
        "from": lo, "to": hi, "now": now, "by": by, "total": total.figures(hours),
        "groups": [{"key": k, **g.figures(hours)} for k, g in sorted(groups.items(), key=lambda kv: str(kv[0]))],
        "frt_histogram": [{"below_s": b, "n": n} for b, n in zip((*FRT_BUCKETS, None), frt_hist, strict=True)],
        "daily": [{"day": d * DAY - TZ_OFFSET, "csat_n": len(v["csat"]), "csat_avg": _avg(v["csat"]),
                   "sla_kept": v["kept"], "sla_broken": v["broken"],
                   "sla_rate": _rate(v["kept"], v["kept"] + v["broken"])} for d, v in sorted(daily.items())],
    }
    if last_hour - first_hour <= 24 * 62:  # an hour-by-hour series for up to two months
        out["hourly"] = [{"hour": h * HOUR, "created": per_hour_created.get(h, 0), "staffed": staffed.get(h, 0.0)}
                         for h in range(first_hour, last_hour)]
    return out


def _count_promise(gs: Iterable[_Group], policy: str, kind: str, kept: bool, daily: dict, at: float) -> None:
    for g in gs:
        g.sla[(policy, kind)][0 if kept else 1] += 1
    daily[day_index(at)]["kept" if kept else "broken"] += 1


def _clip(h: Hour, hour: int, lo: float, hi: float) -> tuple[float, float, float]:
    """An hour bucket's share inside [lo, hi) (a range that starts or ends within the hour takes
    that part of it, assuming the hour was even)."""
    start, end = hour * HOUR, (hour + 1) * HOUR
    part = max(0.0, min(end, hi) - max(start, lo)) / HOUR
    if part >= 1.0:
        return h.online_s, h.cap_s, h.busy_s
    return h.online_s * part, h.cap_s * part, h.busy_s * part
