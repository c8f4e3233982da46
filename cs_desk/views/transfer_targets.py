"""Who and where a conversation can be transferred to: agents of every team with their presence and
current load, and the teams' queues. Read from the cache; the server checks the transfer itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cs_desk.store import queries
from cs_desk.views.desk import Desk
from cs_desk.views.names import team_name

Index = QModelIndex | QPersistentModelIndex
AGENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PRESENCE_ORDER = {"online": 0, "away": 1, "offline": 2}
NAME, TEAM, PRESENCE, LOAD = range(4)


@dataclass(frozen=True, slots=True)
class AgentChoice:
    id: int
    name: str
    team_id: str
    team_name: str
    presence: str  # online | away | offline
    load: int | None  # open conversations assigned now; None when the cache cannot know (another team)
    capacity: int | None
    is_me: bool


def agent_choices(desk: Desk, exclude: int | None = None) -> list[AgentChoice]:
    """Enabled agents of every team except `exclude` (the current assignee: the server refuses a
    transfer to them). Load is counted from the cached conversations, which hold only the agent's own
    team (every team for an admin), so agents of other teams show no load rather than a wrong 0."""
    me = desk.me() or {}
    teams = {t["id"]: t for t in desk.teams()}
    seen_all = me.get("role") == "admin"
    out = []
    for a in desk.agents():
        if a["id"] == exclude or a.get("role") == "admin":
            continue  # admins configure the desk; they take no conversations
        knows = seen_all or a["team_id"] == me.get("team_id")
        load = len(queries.assigned_open(desk.store.conn, a["id"])) if knows else None
        out.append(AgentChoice(a["id"], a["display_name"], a["team_id"], team_name(teams.get(a["team_id"]),
                                                                                   a["team_id"]),
                               a.get("presence") or "offline", load, a.get("capacity"), a["id"] == me.get("id")))
    # Own team first, then who can take it now: online before away before offline, least loaded first.
    out.sort(key=lambda c: (c.team_id != me.get("team_id"), PRESENCE_ORDER.get(c.presence, 3),
                            c.load if c.load is not None else 1 << 30, c.name))
    return out


def team_choices(desk: Desk) -> list[tuple[str, str]]:
    """(team id, name) of every team, for a transfer to its queue."""
    return [(t["id"], team_name(t, t["id"])) for t in desk.teams()]


class AgentChoiceModel(QAbstractTableModel):
    def __init__(self, choices: list[AgentChoice], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.choices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Agent"), self.tr("Team"), self.tr("Presence"), self.tr("Open now"))[section]

    def presence_label(self, presence: str) -> str:
        return {"online": self.tr("Online"), "away": self.tr("Away"), "offline": self.tr("Offline")}.get(
            presence, presence)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.choices):
            return None
        c = self.choices[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return self.tr("%1 (you)").replace("%1", c.name) if c.is_me else c.name
            if col == TEAM:
                return c.team_name
            if col == PRESENCE:
                return self.presence_label(c.presence)
            if c.load is None:
                return "—"
            return f"{c.load}/{c.capacity}" if c.capacity else str(c.load)
        if role == AGENT_ID_ROLE:
            return c.id
        if role == SORT_ROLE:
            return (c.name, c.team_name, PRESENCE_ORDER.get(c.presence, 3),
                    c.load if c.load is not None else 1 << 30)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == PRESENCE:
            return QColor({"online": "#188038", "away": "#b06000"}.get(c.presence, "#5f6368"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == LOAD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, agent_id: int) -> int | None:
        return next((i for i, c in enumerate(self.choices) if c.id == agent_id), None)
