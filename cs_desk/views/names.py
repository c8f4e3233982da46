"""Names of things in the language the app shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale


def team_name(team: dict[str, Any] | None, team_id: str = "") -> str:
    """The team's name in the language the app shows: the Chinese name in a Chinese UI, else the English
    one when there is one."""
    if team is None:
        return team_id
    chinese = QLocale().language() == QLocale.Language.Chinese
    return (team.get("name") if chinese or not team.get("name_en") else team.get("name_en")) or team_id
