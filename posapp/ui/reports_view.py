"""The sales reports screen: a period and a grouping, a sortable table with drill-down, charts, exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import PosError
from posapp.domain.periods import Period
from posapp.domain.text import ascii_text
from posapp.i18n import _
from posapp.services.report_dto import Grouping, SalesReport
from posapp.services.reports import ReportService
from posapp.ui import style
from posapp.ui.context import ViewContext
from posapp.ui.report_filters import ReportFilters
from posapp.ui.report_loading import Level, Overview, TableRequest, TableResult, load_overview, load_table
from posapp.ui.report_models import SalesModel, receipts_model, receipts_summary, totals_html
from posapp.ui.report_panels import ChartsPanel, SellersPanel, report_table, stretch_column, unsorted
from posapp.ui.report_runner import LatestRunner
from posapp.ui.report_saving import FileKind, SavePath, ask_path, dialog_save_path
from posapp.ui.rows_model import RowsModel
from posapp.ui.widgets import Banner

DRILLABLE = (Grouping.COOPERATIVE, Grouping.PRODUCT)
RECEIPT_STRETCH = 3  # the cashier's name takes a receipt list's spare width
CRUMB_WIDTH = 260

REPORT_STYLE = f"""
QComboBox, QDateEdit, QSpinBox {{
    background: {style.SURFACE}; border: 2px solid {style.LINE}; border-radius: 8px;
    padding: 4px 8px; font-size: 12pt; min-height: 30px;
}}
QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{ border-color: {style.ACCENT}; }}
QPushButton#crumb {{
    border: none; background: transparent; color: {style.ACCENT_DARK}; font-weight: bold;
    min-height: 30px; padding: 4px 6px; text-decoration: underline;
}}
QPushButton#crumb:disabled {{ color: {style.INK}; text-decoration: none; }}
QPushButton#compact {{ min-height: 30px; padding: 4px 12px; }}
"""


def report_service(context: ViewContext) -> ReportService:
    """The shop's report service (or one over the same database while the shop does not carry it yet)."""
    service = getattr(context.shop, "reports", None)
    if isinstance(service, ReportService):
        return service
    return ReportService(context.shop.sessions, context.shop.clock)


def crumb_text(title: str, metrics: QFontMetrics) -> str:
    """A long product name shortened to fit the trail (the full name is the crumb's tooltip)."""
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, CRUMB_WIDTH)


def file_slug(text: str) -> str:
    return "-".join(ascii_text(text).lower().split())


class ReportsView(QWidget):
    """Back-office reports. `refresh()` reruns everything for the chosen period (called when shown)."""

    def __init__(
        self,
        context: ViewContext,
        parent: QWidget | None = None,
        *,
        reports: ReportService | None = None,
        save_path: SavePath | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.setStyleSheet(REPORT_STYLE)
        self._context = context
        self._reports = reports if reports is not None else report_service(context)
        self.save_path: SavePath = save_path if save_path is not None else dialog_save_path(self)
        clock = context.shop.clock
        self.filters = ReportFilters(lambda: clock.local_day(clock.now()))
        self.trail: list[Level] = [Level(_("All sales"))]
        self.overview: Overview | None = None
        self.sales_model = SalesModel()
        self.receipts_model = receipts_model(clock.local)
        self.table = report_table()
        self.table.setModel(self.sales_model)
        self.charts = ChartsPanel()
        self.sellers = SellersPanel()
        self.banner = Banner()
        self.table_runner = LatestRunner(self)
        self.overview_runner = LatestRunner(self)
        self.export_runner = LatestRunner(self)
        self._halved = False
        self._build()
        self.filters.period_changed.connect(self.refresh)
        self.filters.grouping_changed.connect(self._regroup)
        self.sellers.slow_days_changed.connect(lambda _days: self._run_overview())
        self.table.doubleClicked.connect(self._drill)
        self.back_button.clicked.connect(lambda: self.back())
        for runner in (self.table_runner, self.overview_runner, self.export_runner):
            runner.busy.connect(self._show_busy)
            runner.failed.connect(self._failed)
        self.table_runner.done.connect(self._table_arrived)
        self.overview_runner.done.connect(self._overview_arrived)
        self.export_runner.done.connect(self._saved)
        self._show_trail()

    # --- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known length: a busy indicator
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(_("Preparing the report…"))
        self.busy_label.setObjectName("muted")
        self.export_buttons: dict[FileKind, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addStretch(1)
        for kind, text in ((FileKind.CSV, "CSV"), (FileKind.XLSX, "Excel"), (FileKind.PDF, "PDF")):
            button = QPushButton(text)
            button.setToolTip(_("Save this table as a {kind} file").format(kind=text))
            button.clicked.connect(lambda _checked=False, kind=kind: self.export(kind))
            self.export_buttons[kind] = button
            top.addWidget(button)
        self.back_button = QPushButton("◀ " + _("Back"))
        self.back_button.setObjectName("compact")
        self.crumbs = QHBoxLayout()
        self.crumbs.setSpacing(4)
        self.period_label = QLabel()
        self.period_label.setObjectName("muted")
        # The dates may be cut short rather than widen the screen past a small monitor.
        self.period_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.period_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        trail = QHBoxLayout()
        trail.addWidget(self.back_button)
        trail.addLayout(self.crumbs)
        trail.addWidget(self.period_label, 1)
        self.totals_label = QLabel()
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setStyleSheet("font-size: 12pt;")
        status = QHBoxLayout()
        status.addWidget(self.totals_label)
        status.addStretch(1)
        status.addWidget(self.busy_label)
        status.addWidget(self.busy_bar)
        self.hint = QLabel(_("Double-click a cooperative to see its products, a product to see its receipts."))
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.lower_split = lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.sellers)
        lower.addWidget(self.charts)
        lower.setChildrenCollapsible(False)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addLayout(trail)
        layout.addWidget(self.banner)
        layout.addLayout(status)
        layout.addWidget(split, 1)
        layout.addWidget(self.hint)
        self._show_busy(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._halved:  # the tables' natural width would squeeze the charts: start half and half
            self._halved = True
            half = max(self.lower_split.width(), self.width()) // 2
            self.lower_split.setSizes([half, half])

    # --- running reports --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rerun the table and everything beside it for the chosen period."""
        self.filters.follow_calendar()
        self._run_table()
        self._run_overview()

    def period(self) -> Period | None:
        try:
            return self.filters.period()
        except PosError as error:  # a custom range out of bounds: say so where the table is
            self._failed(None, error.message)
            return None

    def _run_table(self) -> None:
        period = self.period()
        if period is None:
            return
        self.banner.dismiss()
        request = TableRequest(self.trail[-1], self.filters.by(), period)
        reports, actor = self._reports, self._context.actor()
        self.table_runner.run(lambda: load_table(reports, request, actor), request)

    def _run_overview(self) -> None:
        period = self.period()
        if period is None:
            return
        reports, actor, days = self._reports, self._context.actor(), self.sellers.slow_days.value()
        self.overview_runner.run(lambda: load_overview(reports, period, days, actor))

    @property
    def is_busy(self) -> bool:
        return any(runner.is_busy for runner in (self.table_runner, self.overview_runner, self.export_runner))

    def _show_busy(self, _busy: bool) -> None:
        busy = self.is_busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _failed(self, _tag: object, message: str) -> None:
        self.banner.show_message(message, "error")

    def _table_arrived(self, request: object, result: TableResult) -> None:
        assert isinstance(request, TableRequest)
        self.period_label.setText(
            _("{period} · compared with {previous}").format(
                period=request.period.text(), previous=request.period.previous().text()
            )
        )
        if isinstance(result, SalesReport):
            self.sales_model.set_report(result)
            self.totals_label.setText(totals_html(result.total))
            self._use_model(self.sales_model, 0)
        else:
            self.receipts_model.set_rows(result)
            self.totals_label.setText(receipts_summary(result))
            self._use_model(self.receipts_model, RECEIPT_STRETCH)
        self._show_hint()

    def _use_model(self, model: RowsModel[Any], stretch: int) -> None:
        if self.table.model() is not model:
            self.table.setModel(model)
        unsorted(self.table)
        stretch_column(self.table, stretch)

    def _overview_arrived(self, _tag: object, overview: Overview) -> None:
        self.overview = overview
        self.charts.show_overview(overview)
        self.sellers.show_overview(overview)

    # --- drill-down -------------------------------------------------------------------------------
    def _regroup(self) -> None:
        del self.trail[1:]
        self._show_trail()
        self._run_table()

    def _drill(self, index: QModelIndex) -> None:
        if self.table.model() is not self.sales_model:
            return
        row = self.sales_model.item(index.row())
        by = self.sales_model.by
        if row is None or by not in DRILLABLE or not isinstance(row.key, int):
            return
        if by is Grouping.COOPERATIVE:
            self.open_level(Level(row.label, cooperative_id=row.key))
        else:
            self.open_level(Level(row.label, product_id=row.key))

    def open_level(self, level: Level) -> None:
        self.trail.append(level)
        self._show_trail()
        self._run_table()

    def back(self, steps: int = 1) -> None:
        """Return up the trail (the breadcrumb buttons go back several steps at once)."""
        if len(self.trail) <= 1:
            return
        del self.trail[max(1, len(self.trail) - steps) :]
        self._show_trail()
        self._run_table()

    def _show_trail(self) -> None:
        while self.crumbs.count():
            item = self.crumbs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()
        for depth, level in enumerate(self.trail):
            last = depth == len(self.trail) - 1
            if depth:
                self.crumbs.addWidget(QLabel("›"))
            crumb = QPushButton(crumb_text(level.title, self.fontMetrics()))
            crumb.setToolTip(level.title)
            crumb.setObjectName("crumb")
            crumb.setEnabled(not last)
            steps = len(self.trail) - 1 - depth
            crumb.clicked.connect(lambda _checked=False, steps=steps: self.back(steps))
            self.crumbs.addWidget(crumb)
        self.back_button.setEnabled(len(self.trail) > 1)
        self.filters.grouping.setEnabled(len(self.trail) == 1)
        self._show_hint()
        at_receipts = self.trail[-1].product_id is not None
        for button in self.export_buttons.values():
            button.setEnabled(not at_receipts)

    def _show_hint(self) -> None:
        """The double-click hint only where a double-click leads somewhere."""
        shown = self.sales_model.by if self.table.model() is self.sales_model else None
        rows = self.sales_model.rowCount()
        self.hint.setVisible(shown in DRILLABLE and rows > 0 and self.trail[-1].product_id is None)

    def crumb_titles(self) -> list[str]:
        return [level.title for level in self.trail]

    # --- exports ----------------------------------------------------------------------------------
    def export(self, kind: FileKind) -> None:
        report = self.sales_model.report
        if report is None or self.table.model() is not self.sales_model:
            self.banner.show_message(_("There is no report table to save yet."), "warning")
            return
        first, last = report.period.first, report.period.last
        name = f"{file_slug(_('sales'))}-{report.by.value}-{first:%Y%m%d}-{last:%Y%m%d}"
        path = ask_path(self.save_path, name, kind)
        if path is None:
            return
        shop_name = self._context.shop.settings.shop.name
        reports, actor = self._reports, self._context.actor()

        def write() -> Path:
            # Imported when first needed: reportlab and openpyxl are slow to load and most visits export nothing.
            from posapp.services.report_export import sales_csv, sales_pdf, write_sales_xlsx

            if kind is FileKind.CSV:
                # With a byte-order mark, so Excel opening the file reads the Vietnamese right.
                path.write_text(sales_csv(report), encoding="utf-8-sig", newline="")
            elif kind is FileKind.XLSX:
                write_sales_xlsx(report, path, shop_name)
            else:
                path.write_bytes(sales_pdf(reports, report, shop_name, actor=actor))
            return path

        self.export_runner.run(write, kind)

    def _saved(self, _kind: object, path: Path) -> None:
        self.banner.show_message(_("Report saved: {path}").format(path=path), "info")
