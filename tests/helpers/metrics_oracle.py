"""The team metrics computed the plainest way, straight from the fold's conversations (no cells, no
cached totals): the oracle that tests/unit/test_metrics_cells.py compares the real report with."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from cs_desk.domain.metrics_fold import MetricsFold


def _median(v: list[float]) -> float | None:
    if not v:
        return None
    s = sorted(v)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def _p90(v: list[float]) -> float | None:
    return sorted(v)[max(0, math.ceil(0.9 * len(v)) - 1)] if v else None


def oracle(fold: MetricsFold, lo: float, hi: float, now: float, teams: set[str] | None = None,
           by: str | None = None) -> dict[Any, dict[str, Any]]:
    """{None: total figures, key: group figures} for the conversation figures (not utilisation)."""
    hi = min(hi, now)
    acc: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(list))

    def keys(c, agent):  # noqa: ANN001, ANN202
        out = [None]
        k = {"team": c.team_id, "category": c.category, "channel": c.channel, "agent": agent}.get(by)
        if by is not None and k is not None:
            out.append(k)
        return out

    def inside(t: float | None) -> bool:
        return t is not None and lo <= t < hi

    for c in fold.convs.values():
        if teams is not None and c.team_id not in teams:
            continue
        if inside(c.created):
            for k in keys(c, c.agent):
                acc[k]["created"].append(c.first_resolved is not None and c.first_resolved < hi)
        if inside(c.first_response):
            for k in keys(c, c.first_responder):
                acc[k]["frt"].append(max(0.0, c.first_response - c.created))
        if inside(c.first_resolved):
            start = c.reached_agent if c.reached_agent is not None else c.created
            for k in keys(c, c.agent):
                acc[k]["res"].append(max(0.0, c.first_resolved - c.created))
                acc[k]["handling"].append(max(0.0, c.first_resolved - start))
                acc[k]["reopened"].append(c.reopens > 0)
                if c.agent_replies >= 1:
                    acc[k]["fcr"].append(c.agent_replies == 1 and c.reopens == 0)
        if inside(c.csat_at):
            for k in keys(c, c.agent):
                acc[k]["csat"].append(c.csat)
        for p in c.promises:
            if inside(p.at):
                for k in keys(c, c.agent):
                    acc[k]["sla"].append(p.kept)
        if c.clock is not None and c.status != "resolved" and inside(c.clock[1]) and c.clock[1] >= c.clock[2]:
            for k in keys(c, c.agent):
                acc[k]["sla"].append(False)
    out = {}
    for k, a in acc.items():
        out[k] = {
            "conversations": len(a["created"]), "resolved_of_created": sum(a["created"]),
            "frt_median": _median(a["frt"]), "frt_p90": _p90(a["frt"]), "frt_n": len(a["frt"]),
            "res_median": _median(a["res"]), "res_p90": _p90(a["res"]), "res_n": len(a["res"]),
            "handling_sum": sum(a["handling"]), "reopened": sum(a["reopened"]),
            "fcr": (len(a["fcr"]), sum(a["fcr"])), "csat": (len(a["csat"]), sum(a["csat"])),
            "sla": (sum(a["sla"]), len(a["sla"]) - sum(a["sla"])),
        }
    return out


def figures_of(g: dict[str, Any]) -> dict[str, Any]:
    """The same fields from a report group, to compare with the oracle."""
    return {
        "conversations": g["conversations"], "resolved_of_created": g["resolution_rate"]["k"],
        "frt_median": g["first_response"]["median_s"], "frt_p90": g["first_response"]["p90_s"],
        "frt_n": g["first_response"]["n"], "res_median": g["resolution"]["median_s"],
        "res_p90": g["resolution"]["p90_s"], "res_n": g["resolution"]["n"],
        "handling_sum": (g["handling"]["avg_s"] or 0) * g["handling"]["n"], "reopened": g["reopen"]["k"],
        "fcr": (g["fcr"]["n"], g["fcr"]["k"]), "csat": (g["csat"]["n"], round((g["csat"]["avg"] or 0) * g["csat"]["n"])),
        "sla": (g["sla"]["kept"], g["sla"]["broken"]),
    }
