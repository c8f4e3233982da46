"""The metrics figures as a table model: one row for the whole selection, then one per team, agent,
category or channel; the columns are the figures of docs/metrics.md. `export_rows` gives the same
table as plain values (seconds, shares) for CSV and XLSX."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from cs_desk.views import timefmt
from cs_desk.views.names import category_label

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("MetricsTable", text)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f} %"


def _dur(x: float | None) -> str:
    return "—" if x is None else timefmt.duration(x)


# (header, marked for lupdate and translated when shown; value for export; text on screen)
COLUMNS: list[tuple[str, Callable[[dict], Any], Callable[[Any], str]]] = [
    (QT_TRANSLATE_NOOP("MetricsTable", "Conversations"), lambda g: g["conversations"], str),
    (QT_TRANSLATE_NOOP("MetricsTable", "Per hour"), lambda g: g["per_hour"], lambda v: "—" if v is None else f"{v:.1f}"),
    (QT_TRANSLATE_NOOP("MetricsTable", "First response (median)"), lambda g: g["first_response"]["median_s"], _dur),
    (QT_TRANSLATE_NOOP("MetricsTable", "First response (p90)"), lambda g: g["first_response"]["p90_s"], _dur),
    (QT_TRANSLATE_NOOP("MetricsTable", "Handling time (average)"), lambda g: g["handling"]["avg_s"], _dur),
    (QT_TRANSLATE_NOOP("MetricsTable", "Resolution time (median)"), lambda g: g["resolution"]["median_s"], _dur),
    (QT_TRANSLATE_NOOP("MetricsTable", "Resolution rate"), lambda g: g["resolution_rate"]["rate"], _pct),
    (QT_TRANSLATE_NOOP("MetricsTable", "First-contact resolution"), lambda g: g["fcr"]["rate"], _pct),
    (QT_TRANSLATE_NOOP("MetricsTable", "Reopen rate"), lambda g: g["reopen"]["rate"], _pct),
    (QT_TRANSLATE_NOOP("MetricsTable", "Satisfaction (average)"), lambda g: g["csat"]["avg"], lambda v: "—" if v is None else f"{v:.2f}"),
    (QT_TRANSLATE_NOOP("MetricsTable", "Satisfied (4–5)"), lambda g: g["csat"]["share_4_5"], _pct),
    (QT_TRANSLATE_NOOP("MetricsTable", "Utilisation"), lambda g: g["utilisation"]["rate"], _pct),
    (QT_TRANSLATE_NOOP("MetricsTable", "SLA attainment"), lambda g: g["sla"]["rate"], _pct),
]


class MetricsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, dict]] = []
        self.first_header = QCoreApplication.translate("MetricsTable", "All")

    def set_data(self, data: dict | None, by: str | None, name_of: Callable[[Any], str]) -> None:
        self.beginResetModel()
        self._rows = []
        if data:
            self._rows.append((QCoreApplication.translate("MetricsTable", "All"), data["total"]))
            for g in data.get("groups", []):
                self._rows.append((self._label(g["key"], by, name_of), g))
        self.first_header = {None: QCoreApplication.translate("MetricsTable", "Selection"), "team": QCoreApplication.translate("MetricsTable", "Team"), "agent": QCoreApplication.translate("MetricsTable", "Agent"),
                             "category": QCoreApplication.translate("MetricsTable", "Category"), "channel": QCoreApplication.translate("MetricsTable", "Channel")}.get(by, QCoreApplication.translate("MetricsTable", "Selection"))
        self.endResetModel()

    @staticmethod
    def _label(key: Any, by: str | None, name_of: Callable[[Any], str]) -> str:
        if by == "agent":
            return name_of(key)
        if by == "category":
            return category_label(str(key))
        if by == "team":
            return name_of(("team", key))
        return str(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.first_header if section == 0 else _tr(COLUMNS[section - 1][0])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, g = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return label
            _h, value, text = COLUMNS[col - 1]
            return text(value(g))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() == 0:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def headers(self) -> list[str]:
        return [self.first_header] + [_tr(h) for h, _v, _t in COLUMNS]

    def export_rows(self) -> list[list[Any]]:
        """Seconds as numbers, rates as shares of 1, for a spreadsheet to compute with."""
        return [[label] + [value(g) for _h, value, _t in COLUMNS] for label, g in self._rows]
