"""Reports out of the shop: CSV for other programs, XLSX for the accountant, PDF with charts for the manager."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, NamedStyle
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from posapp.documents.report_pdf import ReportCharts, render_daily_pdf, render_sales_pdf
from posapp.domain.errors import InvalidInput
from posapp.domain.money import QTY_SCALE
from posapp.domain.staff import Actor
from posapp.i18n import _
from posapp.services.report_dto import DailySummary, Grouping, ReportRow, ReportTotal, SalesReport, grouping_label
from posapp.services.reports import ReportService

MONEY_FORMAT = '#,##0 "₫"'
UNITS_FORMAT = "#,##0.###"
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
FORMATS = ("json", "csv", "xlsx", "pdf")


def headings(by: Grouping) -> list[str]:
    return [
        _("Key"),
        grouping_label(by),
        _("Detail"),
        _("Revenue"),
        _("Units"),
        _("Receipts"),
        _("Gross margin"),
        _("Share"),
        _("Previous period"),
        _("Change on previous period"),
        _("Change on previous period (%)"),
    ]


def units(units_milli: int | None) -> Decimal | None:
    return None if units_milli is None else Decimal(units_milli) / QTY_SCALE


def row_values(row: ReportRow) -> list[Any]:
    """A row as numbers (money in dong, units as exact decimals, shares as fractions) and text."""
    return [
        row.key,
        row.label,
        row.detail,
        row.revenue,
        units(row.units_milli),
        row.receipts,
        row.gross_margin,
        row.share,
        row.previous_revenue,
        row.change,
        row.change_ratio,
    ]


def total_values(total: ReportTotal) -> list[Any]:
    share = 1.0 if total.revenue else 0.0
    return [
        "",
        _("Total"),
        "",
        total.revenue,
        units(total.units_milli),
        total.receipts,
        total.gross_margin,
        share,
        total.previous_revenue,
        total.change,
        total.change_ratio,
    ]


# --- CSV ---------------------------------------------------------------------------------
def sales_csv(report: SalesReport) -> str:
    """The rows as CSV (no total line: a program adds up what it needs); decimals with a point."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headings(report.by))
    for row in report.rows:
        writer.writerow(["" if value is None else _csv_number(value) for value in row_values(row)])
    return out.getvalue()


def _csv_number(value: Any) -> Any:
    return f"{value:.6f}" if isinstance(value, float) else value


# --- XLSX --------------------------------------------------------------------------------
STYLES = {
    "money": MONEY_FORMAT,
    "units": UNITS_FORMAT,
    "count": COUNT_FORMAT,
    "share": SHARE_FORMAT,
}
COLUMN_STYLES = (None, None, None, "money", "units", "count", "money", "share", "money", "money", "share")
WIDTHS = (10, 42, 32, 18, 12, 10, 18, 9, 18, 18, 10)


def write_sales_xlsx(report: SalesReport, path: Path, shop_name: str) -> Path:
    """All the rows (a year by product is ~100,000: written streaming), numbers as numbers, a bold total."""
    workbook = Workbook(write_only=True)
    for name, number_format in STYLES.items():
        workbook.add_named_style(NamedStyle(name=name, number_format=number_format))
        workbook.add_named_style(NamedStyle(name=f"{name}-bold", number_format=number_format, font=Font(bold=True)))
    workbook.add_named_style(NamedStyle(name="bold", font=Font(bold=True)))
    sheet = workbook.create_sheet(grouping_label(report.by)[:31])
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    heading = _("Sales report: {grouping}").format(grouping=grouping_label(report.by))
    sheet.append([_cell(sheet, shop_name, "bold")])
    sheet.append([_cell(sheet, heading, "bold")])
    sheet.append([_("Period"), report.period.text(), _("Compared with"), report.previous.text()])
    sheet.append([])
    sheet.append([_cell(sheet, text, "bold") for text in headings(report.by)])
    for row in report.rows:
        sheet.append(list(_cells(sheet, row_values(row), bold=False)))
    sheet.append(list(_cells(sheet, total_values(report.total), bold=True)))
    workbook.save(path)
    return path


def _cell(sheet: WriteOnlyWorksheet, value: Any, style: str | None) -> Any:
    if style is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.style = style
    return cell


def _cells(sheet: WriteOnlyWorksheet, values: list[Any], bold: bool) -> Iterator[Any]:
    for value, style in zip(values, COLUMN_STYLES, strict=True):
        if style is None:
            yield _cell(sheet, value, "bold" if bold else None)
        else:
            yield _cell(sheet, value, f"{style}-bold" if bold else style)


# --- PDF ---------------------------------------------------------------------------------
def sales_pdf(reports: ReportService, report: SalesReport, shop_name: str, *, actor: Actor) -> bytes:
    """The report with charts of the same period by cooperative, day and OCOP group."""
    first, last = report.period.first, report.period.last

    def by(grouping: Grouping) -> SalesReport:
        if report.by is grouping and report.cooperative_id is None:
            return report
        return reports.sales(grouping, first, last, actor=actor)

    charts = ReportCharts(by(Grouping.COOPERATIVE), by(Grouping.DAY), by(Grouping.GROUP))
    return render_sales_pdf(report, charts, shop_name)


def daily_pdf(summary: DailySummary, shop_name: str) -> bytes:
    return render_daily_pdf(summary, shop_name)


def check_format(text: str, allowed: tuple[str, ...] = FORMATS) -> str:
    chosen = text.strip().lower()
    if chosen not in allowed:
        raise InvalidInput(
            _("Unknown format “{text}”: use {choices}.").format(text=text, choices=", ".join(allowed))
        )
    return chosen
