"""The four charts of the reports tab (QtCharts): conversations per hour against agents staffed,
the first-response distribution, the satisfaction trend and the SLA attainment trend. Ranges longer
than two days are drawn per day, so a month is 30 bars, not 720."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QWidget

from cs_desk.domain.clock import SHOP_UTC_OFFSET
from cs_desk.views import timefmt
from cs_desk.views.names import fill

BLUE, GREEN, ORANGE = "#1a73e8", "#188038", "#ef6c00"
DAY_S = 86400
CST = SHOP_UTC_OFFSET.total_seconds()  # days and hours as the shops count them


def _local_label(epoch: float, daily: bool) -> str:
    t = datetime.fromtimestamp(epoch + CST, UTC)
    return t.strftime("%m-%d" if daily else "%H")  # an hour's bar is narrow: "14", not "14:00"


def _short(seconds: float) -> str:
    return "0" if not seconds else timefmt.duration(seconds)


def _sparse(labels: list[str], most: int = 12) -> list[str]:
    """At most `most` labels shown, the others blank: a category axis draws every label, and 30 dates
    side by side turn into "…". Blanks must differ from each other (categories are unique)."""
    step = max(1, -(-len(labels) // most))
    return [text if i % step == 0 else "\u200b" * (i + 1) for i, text in enumerate(labels)]


class MetricsCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.volume, self.frt, self.csat, self.sla = QChartView(self), QChartView(self), QChartView(self), QChartView(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, view in enumerate((self.volume, self.frt, self.csat, self.sla)):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(180)
            grid.addWidget(view, i // 2, i % 2)

    @staticmethod
    def _chart(title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def render(self, data: dict[str, Any] | None) -> None:
        data = data or {}
        for view, chart in ((self.volume, self._volume(data)), (self.frt, self._frt(data)),
                            (self.csat, self._trend(self.tr("Satisfaction by day"), self.tr("Average score"), data,
                                                    "csat_avg", 0, 5, GREEN)),
                            (self.sla, self._trend(self.tr("SLA attainment by day"), self.tr("Promises kept (%)"),
                                                   data, "sla_rate", 0, 100, ORANGE, scale=100))):
            old = view.chart()
            view.setChart(chart)  # the view owns the new chart; the old one is ours to delete
            if old is not None:
                old.deleteLater()

    def _volume(self, data: dict[str, Any]) -> QChart:
        chart = self._chart(self.tr("Conversations per hour and agents staffed"))
        hourly = data.get("hourly") or []
        daily = len(hourly) > 48
        buckets: dict[float, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for h in hourly:
            key = (h["hour"] + CST) // DAY_S * DAY_S - CST if daily else h["hour"]
            b = buckets[key]
            b[0] += h["created"]
            b[1] += h["staffed"]
            b[2] += 1
        keys = sorted(buckets)
        created = QBarSet(self.tr("Conversations per day") if daily else self.tr("Conversations"))
        created.setColor(QColor(BLUE))
        staffed = QLineSeries()
        staffed.setName(self.tr("Agents staffed (average)"))
        staffed.setColor(QColor(GREEN))
        for i, k in enumerate(keys):
            b = buckets[k]
            created.append(b[0])
            staffed.append(QPointF(i, b[1] / b[2] if b[2] else 0))
        bars = QBarSeries()
        bars.append(created)
        chart.addSeries(bars)
        chart.addSeries(staffed)
        x = QBarCategoryAxis()
        x.setTruncateLabels(False)  # short labels, every few bars: they fit, but Qt elides them anyway
        x.append(_sparse([_local_label(k, daily) for k in keys]) or [""])
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setMin(0)
        y.setMax(max([buckets[k][0] for k in keys] + [1]) * 1.15)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        y2 = QValueAxis()
        y2.setLabelFormat("%.1f")
        y2.setMin(0)
        y2.setMax(max([buckets[k][1] / max(1, buckets[k][2]) for k in keys] + [1]) * 1.15)
        chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(x)
        bars.attachAxis(y)
        staffed.attachAxis(x)
        staffed.attachAxis(y2)
        return chart

    def _frt(self, data: dict[str, Any]) -> QChart:
        chart = self._chart(self.tr("First response times"))
        hist = data.get("frt_histogram") or []
        bars = QBarSet(self.tr("Conversations"))
        bars.setColor(QColor(BLUE))
        labels = []
        lower = 0.0
        for b in hist:
            bars.append(b["n"])
            upper = b["below_s"]
            # ranges, not "< 5 min": axis labels are drawn as rich text, where "<" starts a tag
            labels.append(f"{_short(lower)}–{_short(upper)}" if upper is not None else f"≥ {_short(lower)}")
            lower = upper if upper is not None else lower
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.setTruncateLabels(False)
        x.append(labels or [""])
        small = x.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        x.setLabelsFont(small)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setMin(0)
        y.setMax(max([b["n"] for b in hist] + [1]) * 1.15)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.legend().hide()
        return chart

    def _trend(self, title: str, name: str, data: dict[str, Any], field: str, lo: float, hi: float, colour: str,
               scale: float = 1.0) -> QChart:
        chart = self._chart(title)
        days = [d for d in data.get("daily") or [] if d.get(field) is not None]
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(colour))
        line.setPointsVisible(True)
        for i, d in enumerate(days):
            line.append(QPointF(i, d[field] * scale))
        chart.addSeries(line)
        if not days:
            chart.setTitle(fill(self.tr("%1 (nothing in this range)"), title))
        x = QBarCategoryAxis()
        x.setTruncateLabels(False)
        x.append(_sparse([_local_label(d["day"], True) for d in days]) or [""])
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        y = QValueAxis()
        y.setRange(lo, hi)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(x)
        line.attachAxis(y)
        chart.legend().hide()
        return chart
