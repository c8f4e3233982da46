"""The reports tab of the team board: the question (today, 7 days, 30 days or a custom range; grouped
by team, agent, category or channel; one team or all for an admin), the figures the server computed
from its event log, the charts, and exports to CSV or XLSX with a progress bar. Offline it shows the
last answer with the time it was computed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_desk.domain.clock import SHOP_UTC_OFFSET, range_start, to_iso
from cs_desk.ui.monitor.metrics_charts import MetricsCharts
from cs_desk.views import timefmt
from cs_desk.views.export_job import CONVERSATION_COLUMNS, ExportJob, export_conversations, export_rows
from cs_desk.views.metrics_table import MetricsTableModel
from cs_desk.views.names import fill, team_name
from cs_desk.views.team_metrics import TeamMetrics


class MetricsPanel(QWidget):
    def __init__(self, metrics: TeamMetrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.range = QComboBox(self)
        for key, text in (("today", self.tr("Today")), ("7d", self.tr("Last 7 days")), ("30d", self.tr("Last 30 days")),
                          ("custom", self.tr("Custom range"))):
            self.range.addItem(text, key)
        today = QDate.currentDate()
        self.start, self.end = QDateEdit(today.addDays(-6), self), QDateEdit(today, self)
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.by = QComboBox(self)
        for key, text in ((None, self.tr("No grouping")), ("agent", self.tr("By agent")), ("team", self.tr("By team")),
                          ("category", self.tr("By category")), ("channel", self.tr("By channel"))):
            self.by.addItem(text, key)
        self.team = QComboBox(self)
        self.team.addItem(self.tr("All teams"), None)
        for t in metrics.desk.teams():
            self.team.addItem(team_name(t, t["id"]), t["id"])
        self.admin = (metrics.desk.me() or {}).get("role") == "admin"
        self.team.setVisible(self.admin)
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.as_of = QLabel(self)
        self.as_of.setStyleSheet("color: #5f6368;")
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.model = MetricsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.charts = MetricsCharts(self)
        self.export_figures = QPushButton(self.tr("Export figures…"), self)
        self.export_convs = QPushButton(self.tr("Export conversations…"), self)
        self.export_convs.setToolTip(self.tr("The conversations created in the chosen range, from this computer's "
                                             "copy (works offline)"))

        top = QHBoxLayout()
        for w in (self.range, self.start, self.end, self.by, self.team, self.refresh):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.as_of)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.export_figures)
        bottom.addWidget(self.export_convs)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.charts)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

        for w in (self.range, self.by, self.team):
            w.currentIndexChanged.connect(self._ask)
        self.start.dateChanged.connect(self._ask)
        self.end.dateChanged.connect(self._ask)
        self.refresh.clicked.connect(lambda: self.metrics.ask())
        self.export_figures.clicked.connect(lambda: self._choose_file(self.export_figures_to, "figures"))
        self.export_convs.clicked.connect(lambda: self._choose_file(self.export_conversations_to, "conversations"))
        metrics.updated.connect(self.render)
        self._ask()
        self.render()

    def showEvent(self, e) -> None:  # noqa: ANN001, N802 - Qt API
        self.metrics.set_active(True)  # ask the server only while someone looks
        super().showEvent(e)

    def hideEvent(self, e) -> None:  # noqa: ANN001, N802
        self.metrics.set_active(False)
        super().hideEvent(e)

    # --- the question ---------------------------------------------------------------------------
    def _day_bounds(self) -> tuple[str, str]:
        """The custom range's dates as server times: from the start date's midnight to the end of the
        end date, in China Standard Time like the server's days."""
        def midnight(d: QDate) -> datetime:
            return datetime.combine(d.toPython(), time(), UTC) - SHOP_UTC_OFFSET
        lo, hi = midnight(self.start.date()), midnight(self.end.date()) + timedelta(days=1)
        return to_iso(lo), to_iso(max(hi, lo + timedelta(days=1)))

    def _ask(self) -> None:
        custom = self.range.currentData() == "custom"
        self.start.setVisible(custom)
        self.end.setVisible(custom)
        start, end = self._day_bounds() if custom else (None, None)
        self.metrics.set_question(range=self.range.currentData(), by=self.by.currentData(),
                                  team=self.team.currentData() if self.admin else None, start=start, end=end)

    def export_bounds(self) -> tuple[str, str]:
        """The range chosen, for exporting the conversations behind the figures (worked out here, so
        it works offline too)."""
        key = self.range.currentData()
        if key == "custom":
            return self._day_bounds()
        now = self.metrics.desk.server_now()
        return to_iso(range_start(key, now)), to_iso(now + timedelta(seconds=1))

    # --- showing it -----------------------------------------------------------------------------
    def _name(self, key: object) -> str:
        if isinstance(key, tuple):
            team = next((t for t in self.metrics.desk.teams() if t["id"] == key[1]), None)
            return team_name(team, str(key[1]))
        return self.metrics.agent_name(key)

    def render(self) -> None:
        m = self.metrics
        self.model.set_data(m.data, m.question.by, self._name)
        self.charts.render(m.data)
        if m.live:
            self.as_of.setText(fill(self.tr("Live · computed %1"), timefmt.local_time(m.as_of, with_date=False)))
        elif m.as_of:
            self.as_of.setText(fill(self.tr("Not live: figures as of %1"), timefmt.local_time(m.as_of)))
        else:
            self.as_of.setText(self.tr("No figures yet: they come from the server when you are online"))
        self.as_of.setStyleSheet("color: #5f6368;" if m.live else "color: #ef6c00;")
        if m.error:
            self.error.setStyleSheet("color: #c62828;")
            self.error.setText(fill(self.tr("The server did not answer: %1"), m.error))
        self.export_figures.setEnabled(m.data is not None)

    # --- exports --------------------------------------------------------------------------------
    def _choose_file(self, then, what: str) -> None:  # noqa: ANN001 - then(Path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        dialog = QFileDialog(self, self.tr("Export"), str(Path.home() / f"cs_desk-{what}-{stamp}.xlsx"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")])
        dialog.fileSelected.connect(lambda name: then(Path(name)))
        dialog.open()  # not exec(): sync goes on while the dialog is up

    def export_figures_to(self, path: Path) -> ExportJob:
        return self._run(export_rows(path, self.model.headers(), self.model.export_rows(), "metrics", self))

    def export_conversations_to(self, path: Path) -> ExportJob:
        start, end = self.export_bounds()
        return self._run(export_conversations(self.metrics.desk, path, start, end, CONVERSATION_COLUMNS, self))

    def _run(self, job: ExportJob) -> ExportJob:
        if self.job is not None:
            self.job.cancel()
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
        self.job = job
        self.progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, max(1, job.total), self)
        self.progress.setWindowTitle(self.tr("Export"))
        self.progress.setMinimumDuration(300)  # short exports finish before it would show
        self.progress.canceled.connect(job.cancel)
        job.progress.connect(lambda done, total: self.progress and (self.progress.setMaximum(max(1, total)),
                                                                     self.progress.setValue(done)))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.start()
        return job

    def _finished(self, path: str) -> None:
        if self.progress is not None:
            self.progress.reset()
        self.error.setStyleSheet("color: #188038;")
        self.error.setText(fill(self.tr("Exported to %1"), path))

    def _failed(self, why: str) -> None:
        if self.progress is not None:
            self.progress.reset()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setText(fill(self.tr("The export failed: %1"), why))

