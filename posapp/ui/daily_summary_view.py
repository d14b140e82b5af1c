"""The day's close: takings, payment methods, refunds, discounts, VAT by rate, best cooperatives; a PDF to print."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.money import format_qty, format_vnd
from posapp.i18n import _
from posapp.paths import data_dir
from posapp.services.report_dto import DailySummary
from posapp.services.reports import ReportService
from posapp.ui.context import ViewContext
from posapp.ui.report_filters import DateField
from posapp.ui.report_models import cooperatives_model, payments_model, vat_model
from posapp.ui.report_panels import report_table, stretch_column
from posapp.ui.report_runner import LatestRunner
from posapp.ui.report_saving import FileKind, SavePath, ask_path, dialog_save_path
from posapp.ui.reports_view import REPORT_STYLE, file_slug, report_service
from posapp.ui.widgets import Banner

OpenFile = Callable[[Path], None]


def open_with_system(path: Path) -> None:
    """Open the PDF in the computer's viewer, where it is printed like any document."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def figure_texts(summary: DailySummary) -> dict[str, str]:
    """The headline figures, keyed by what they are (the tests read them by key)."""
    return {
        "revenue": format_vnd(summary.revenue),
        "sales": format_vnd(summary.sales_total),
        "refunds": format_vnd(summary.refunds_total),
        "receipts": str(summary.receipts),
        "refund_receipts": str(summary.refund_receipts),
        "average": format_vnd(summary.average_basket),
        "discounts": format_vnd(summary.discounts),
        "margin": format_vnd(summary.gross_margin),
        "units": format_qty(summary.units_milli),
    }


def figure_captions() -> dict[str, str]:
    return {
        "revenue": _("Revenue (net of refunds)"),
        "sales": _("Sales"),
        "refunds": _("Refunds"),
        "receipts": _("Receipts"),
        "refund_receipts": _("Refund receipts"),
        "average": _("Average basket"),
        "discounts": _("Discounts given"),
        "margin": _("Gross margin"),
        "units": _("Units sold"),
    }


class Figure(QFrame):
    def __init__(self, caption: str, big: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QLabel(caption)
        title.setObjectName("muted")
        self.value = QLabel("—")
        self.value.setObjectName("bigAmount" if big else "figure")
        if not big:
            self.value.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.value)


def titled(title: str, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(title)
    caption.setStyleSheet("font-size: 13pt; font-weight: bold;")
    layout.addWidget(caption)
    layout.addWidget(body, 1)
    return box


class DailySummaryView(QWidget):
    """One shop day's figures for the close. `refresh()` reloads the chosen day (today when first shown)."""

    def __init__(
        self,
        context: ViewContext,
        parent: QWidget | None = None,
        *,
        reports: ReportService | None = None,
        save_path: SavePath | None = None,
        open_file: OpenFile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dailySummaryView")
        self.setStyleSheet(REPORT_STYLE)
        self._context = context
        self._reports = reports if reports is not None else report_service(context)
        self.save_path: SavePath = save_path if save_path is not None else dialog_save_path(self)
        self.open_file: OpenFile = open_file if open_file is not None else open_with_system
        self.summary: DailySummary | None = None
        self.runner = LatestRunner(self)
        self.writer = LatestRunner(self)
        self.day = DateField()
        self.day.set_day(self._today())
        self.banner = Banner()
        self.figures = {key: Figure(caption, big=key == "revenue") for key, caption in figure_captions().items()}
        self.payments = payments_model()
        self.vat = vat_model()
        self.cooperatives = cooperatives_model()
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self._build()
        self.day.dateChanged.connect(lambda _day: self.refresh())
        for runner in (self.runner, self.writer):
            runner.busy.connect(self._show_busy)
            runner.failed.connect(lambda _tag, message: self.banner.show_message(message, "error"))
        self.runner.done.connect(self._arrived)
        self.writer.done.connect(self._written)

    def _today(self) -> date:
        clock = self._context.shop.clock
        return clock.local_day(clock.now())

    def _build(self) -> None:
        self.earlier_button = earlier = QPushButton("◀")
        self.later_button = later = QPushButton("▶")
        today = QPushButton(_("Today"))
        for button in (earlier, later, today):
            button.setObjectName("compact")
        earlier.setToolTip(_("The day before"))
        later.setToolTip(_("The day after"))
        earlier.clicked.connect(lambda: self.show_day(self.day.day() - timedelta(days=1)))
        later.clicked.connect(lambda: self.show_day(self.day.day() + timedelta(days=1)))
        today.clicked.connect(lambda: self.show_day(self._today()))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self.print_button = QPushButton(_("Print"))
        self.print_button.setToolTip(_("Open the day's summary as a PDF, ready to print"))
        self.save_button = QPushButton(_("Save PDF"))
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_pdf)
        top = QHBoxLayout()
        heading = QLabel(_("Daily summary"))
        heading.setObjectName("heading")
        top.addWidget(heading)
        top.addSpacing(16)
        for widget in (earlier, self.day, later, today):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.busy_bar)
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.figures["revenue"], 0, 0, 2, 1)
        rest = [key for key in self.figures if key != "revenue"]
        for position, key in enumerate(rest):
            grid.addWidget(self.figures[key], position // 4, 1 + position % 4)
        self.tables = [report_table(model) for model in (self.payments, self.vat, self.cooperatives)]
        for table in self.tables:
            stretch_column(table)
        # Payments and VAT have a few rows each: one above the other, beside the cooperatives.
        money = QVBoxLayout()
        money.addWidget(titled(_("By payment method"), self.tables[0]), 1)
        money.addWidget(titled(_("VAT by rate"), self.tables[1]), 1)
        tables = QHBoxLayout()
        tables.addLayout(money, 1)
        tables.addWidget(titled(_("Best-selling cooperatives"), self.tables[2]), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addLayout(tables, 1)
        layout.addWidget(self.note)
        self._show_busy(False)

    def show_day(self, day: date) -> None:
        self.day.set_day(day)  # the date field's change refreshes

    def refresh(self) -> None:
        self.banner.dismiss()
        reports, actor, day = self._reports, self._context.actor(), self.day.day()
        self.runner.run(lambda: reports.daily_summary(day, actor=actor), day)

    @property
    def is_busy(self) -> bool:
        return self.runner.is_busy or self.writer.is_busy

    def _show_busy(self, _busy: bool) -> None:
        self.busy_bar.setVisible(self.is_busy)
        ready = self.summary is not None and not self.writer.is_busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _arrived(self, _day: object, summary: DailySummary) -> None:
        self.summary = summary
        for key, text in figure_texts(summary).items():
            self.figures[key].value.setText(text)
        self.figures["discounts"].setToolTip(
            _("On lines {line} · on whole sales {sale}").format(
                line=format_vnd(summary.line_discounts), sale=format_vnd(summary.sale_discounts)
            )
        )
        self.payments.set_rows(summary.payments)
        self.vat.set_rows(summary.vat)
        self.cooperatives.set_rows(summary.top_cooperatives)
        outside = summary.outside_shift_receipts
        self.note.setText(
            _("{count} receipts ({amount}) were rung up outside any shift.").format(
                count=outside, amount=format_vnd(summary.outside_shift_total or 0)
            )
            if outside
            else ""
        )
        self._show_busy(False)

    def figure(self, key: str) -> str:
        return self.figures[key].value.text()

    # --- the PDF ----------------------------------------------------------------------------------
    def _file_name(self, summary: DailySummary) -> str:
        return f"{file_slug(_('Daily summary'))}-{summary.day:%Y%m%d}"

    def save_pdf(self) -> None:
        summary = self.summary
        if summary is None:
            return
        path = ask_path(self.save_path, self._file_name(summary), FileKind.PDF)
        if path is not None:
            self._write(summary, path, opening=False)

    def print_summary(self) -> None:
        """Write the PDF among the app's documents and open it in the viewer, which prints it."""
        summary = self.summary
        if summary is not None:
            folder = data_dir() / "reports"
            self._write(summary, folder / f"{self._file_name(summary)}.pdf", opening=True)

    def _write(self, summary: DailySummary, path: Path, opening: bool) -> None:
        shop_name = self._context.shop.settings.shop.name

        def write() -> Path:
            from posapp.services.report_export import daily_pdf  # reportlab loads slowly: only when printing

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(daily_pdf(summary, shop_name))
            return path

        self.writer.run(write, opening)

    def _written(self, opening: object, path: Path) -> None:
        if opening:
            self.open_file(path)
        self.banner.show_message(_("Daily summary saved: {path}").format(path=path), "info")
