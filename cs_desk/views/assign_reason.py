"""Why a conversation went where it is, in the UI's language, from the steps the server's router
stored (cs_desk.domain.routing.Step): "rule region=广东 → team 售后; least load: 张三 had 1 of 5"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from PySide6.QtCore import QCoreApplication

from cs_desk.views.names import fill


def _step(s: dict[str, Any], team_name: Callable[[str], str]) -> str:
    kind = s.get("kind")
    name = s.get("agent", "?")
    if kind == "rule":
        field = {"source_keyword": QCoreApplication.translate("AssignReason", "source keyword"),
                 "landing_page": QCoreApplication.translate("AssignReason", "landing page"),
                 "region": QCoreApplication.translate("AssignReason", "region"),
                 "origin_page": QCoreApplication.translate("AssignReason", "page"),
                 "channel": QCoreApplication.translate("AssignReason", "channel")}.get(s.get("field", ""), "?")
        target = team_name(s["to_team"]) if s.get("to_team") else name
        return fill(QCoreApplication.translate("AssignReason", "rule %1 “%2” → %3"), field, s.get("value", ""), target)
    if kind == "agent_rule":
        if s.get("assigned"):
            return fill(QCoreApplication.translate("AssignReason", "%1 had %2 of %3"), name, s.get("load", "?"),
                         s.get("capacity", "?"))
        return fill(QCoreApplication.translate("AssignReason", "%1 not available, so the team decides"), name)
    if kind == "returning":
        return fill(QCoreApplication.translate("AssignReason", "returning customer: back to %1"), name)
    if kind == "strategy":
        strategy = s.get("strategy")
        if strategy == "least_load":
            return fill(QCoreApplication.translate("AssignReason", "least load: %1 had %2 of %3"), name,
                         s.get("load", "?"), s.get("capacity", "?"))
        if strategy == "fill_up":
            return fill(QCoreApplication.translate("AssignReason", "fill-up: %1 had %2 today"), name,
                         s.get("today", "?"))
        if strategy == "sequential":
            return fill(QCoreApplication.translate("AssignReason", "in order: %1 was first with room"), name)
        if strategy == "round_robin":
            return fill(QCoreApplication.translate("AssignReason", "round robin: %1's turn"), name)
    if kind == "no_agent":
        return QCoreApplication.translate("AssignReason", "nobody online with room: waiting in the queue")
    if kind == "manual":
        return QCoreApplication.translate("AssignReason", "waiting to be claimed")
    return ""


def describe(reason: str | dict | None, team_name: Callable[[str], str]) -> str:
    """The explanation for people; '' when there is none (a conversation from before routing)."""
    if not reason:
        return ""
    try:
        data = orjson.loads(reason) if isinstance(reason, str) else reason
    except orjson.JSONDecodeError:
        return ""
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        return ""
    parts = [_step(s, team_name) for s in steps if isinstance(s, dict)]
    return "; ".join(p for p in parts if p) or str(data.get("text", ""))
