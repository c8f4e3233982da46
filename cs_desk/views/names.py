"""Names of things in the language the app shows, and filling them into translated sentences."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale


def team_name(team: dict[str, Any] | None, team_id: str = "") -> str:
    """The team's name in the language the app shows: the Chinese name in a Chinese UI, else the English
    one when there is one."""
    if team is None:
        return team_id
    chinese = QLocale().language() == QLocale.Language.Chinese
    return (team.get("name") if chinese or not team.get("name_en") else team.get("name_en")) or team_id


def fill(template: str, *values: Any) -> str:
    """Replaces %1…%9 in one pass, so a name that itself contains "%2" is shown as typed."""
    out, i = [], 0
    while i < len(template):
        n = template[i + 1:i + 2]
        if template[i] == "%" and n.isdigit() and 1 <= int(n) <= len(values):
            out.append(str(values[int(n) - 1]))
            i += 2
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def category_label(category: str) -> str:
    # Spelled out call by call: lupdate only finds literal QCoreApplication.translate(...) calls.
    labels = {
        "complaint": QCoreApplication.translate("Category", "Complaint"),
        "refund": QCoreApplication.translate("Category", "Refund"),
        "return": QCoreApplication.translate("Category", "Return"),
        "exchange": QCoreApplication.translate("Category", "Exchange"),
        "consultation": QCoreApplication.translate("Category", "Consultation"),
        "suggestion": QCoreApplication.translate("Category", "Suggestion"),
    }
    return labels.get(category, category)


def priority_label(priority: str) -> str:
    labels = {
        "urgent": QCoreApplication.translate("Priority", "Urgent"),
        "high": QCoreApplication.translate("Priority", "High"),
        "normal": QCoreApplication.translate("Priority", "Normal"),
        "low": QCoreApplication.translate("Priority", "Low"),
    }
    return labels.get(priority, priority)


def sla_kind_label(kind: str | None) -> str:
    labels = {
        "first_response": QCoreApplication.translate("SlaKind", "First response"),
        "next_response": QCoreApplication.translate("SlaKind", "Next response"),
        "resolution": QCoreApplication.translate("SlaKind", "Resolution"),
    }
    return labels.get(kind or "", QCoreApplication.translate("SlaKind", "SLA"))


def personality_label(personality: str) -> str:
    labels = {
        "": QCoreApplication.translate("Personality", "Not judged yet"),
        "friendly": QCoreApplication.translate("Personality", "Friendly"),
        "dominant": QCoreApplication.translate("Personality", "Dominant"),
        "analytical": QCoreApplication.translate("Personality", "Analytical"),
        "self_centred": QCoreApplication.translate("Personality", "Self-centred"),
    }
    return labels.get(personality, personality)


def personality_advice(personality: str) -> str:
    """How the handbook says to serve this type (客户的分类及应对策略)."""
    advice = {
        "friendly": QCoreApplication.translate(
            "Personality", "Tolerant and loyal. Give the best service; do not relax because they are patient."),
        "dominant": QCoreApplication.translate(
            "Personality", "Confident, wants respect and quick results, complains often. Handle with care, meet "
                           "their requests where you can, make them feel respected."),
        "analytical": QCoreApplication.translate(
            "Personality", "Logical and reasonable. Explain the facts and offer a fair, reasoned solution."),
        "self_centred": QCoreApplication.translate(
            "Personality", "Puts their own interest first. State clearly what you can do and keep to the rules."),
    }
    return advice.get(personality, "")
