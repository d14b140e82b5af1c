"""Report PDFs for the manager: a grouped sales report with its charts, and the day's close (A4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from posapp.documents.a4 import Column, facts, gap, grid, para, render_a4, title
from posapp.documents.report_graphics import bar_chart, line_chart, pie_chart
from posapp.domain.money import QTY_SCALE, format_vnd
from posapp.domain.vat import vat_rate_label
from posapp.i18n import _
from posapp.services.report_dto import DailySummary, ReportRow, ReportTotal, SalesReport, grouping_label

PDF_ROWS = 300
"""A year by product is ~100,000 rows: the PDF lists the best of them, the XLSX export all."""
BARS = 10


@dataclass(frozen=True)
class ReportCharts:
    """The period's revenue by cooperative, by day and by OCOP group, drawn beside any report."""

    by_cooperative: SalesReport
    by_day: SalesReport
    by_group: SalesReport


def percent(fraction: float | None, signed: bool = False) -> str:
    if fraction is None:
        return "–"
    text = f"{fraction * 100:+.1f} %" if signed else f"{fraction * 100:.1f} %"
    return text.replace(".", ",")


def change_text(change: int, ratio: float | None) -> str:
    return f"{format_vnd(change)} ({percent(ratio, signed=True)})"


def count_text(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def units_text(units_milli: int | None) -> str:
    """Units Vietnamese style, exact: 1.878,57 (pieces and kilograms of weighed goods together)."""
    if units_milli is None:
        return ""
    whole, thousandths = divmod(abs(units_milli), QTY_SCALE)
    text = f"{'-' if units_milli < 0 else ''}{whole:,}".replace(",", ".")
    return f"{text},{thousandths:03d}".rstrip("0") if thousandths else text


def row_cells(row: ReportRow) -> list[str]:
    label = f"{row.label}\n{row.detail}" if row.detail else row.label
    margin = "" if row.gross_margin is None else format_vnd(row.gross_margin)
    return [
        label,
        format_vnd(row.revenue),
        units_text(row.units_milli),
        count_text(row.receipts),
        margin,
        percent(row.share),
        format_vnd(row.previous_revenue),
        percent(row.change_ratio, signed=True),
    ]


def total_cells(total: ReportTotal) -> list[str]:
    return [
        _("Total"),
        format_vnd(total.revenue),
        units_text(total.units_milli),
        count_text(total.receipts),
        "" if total.gross_margin is None else format_vnd(total.gross_margin),
        percent(1.0 if total.revenue else None),
        format_vnd(total.previous_revenue),
        percent(total.change_ratio, signed=True),
    ]


def daily_revenue(by_day: SalesReport) -> list[tuple[date, int]]:
    """Every day of the period, with nothing sold at zero."""
    sold = {str(row.key): row.revenue for row in by_day.rows}
    period = by_day.period
    return [
        (day, sold.get(day.isoformat(), 0))
        for day in (period.first + timedelta(days=offset) for offset in range(period.days))
    ]


def render_sales_pdf(report: SalesReport, charts: ReportCharts, shop_name: str) -> bytes:
    """The report's totals, three charts and its rows (the best PDF_ROWS of them), on landscape A4."""
    heading = _("Sales report: {grouping}").format(grouping=grouping_label(report.by))
    total = report.total

    def story(width: float) -> list[Flowable]:
        parts: list[Flowable] = [title(heading), para(shop_name, 10, align="center"), gap(3)]
        summary = [
            (_("Period"), report.period.text()),
            (_("Compared with"), report.previous.text()),
            (_("Revenue"), format_vnd(total.revenue)),
            (_("Previous period"), format_vnd(total.previous_revenue)),
            (_("Change on previous period"), change_text(total.change, total.change_ratio)),
            (_("Receipts"), count_text(total.receipts)),
        ]
        if total.units_milli is not None and total.gross_margin is not None:
            summary.append((_("Units"), units_text(total.units_milli)))
            summary.append((_("Gross margin"), format_vnd(total.gross_margin)))
        bars = [(row.label, row.revenue) for row in charts.by_cooperative.rows[:BARS]]
        best = bar_chart(_("Revenue by cooperative (best {count})").format(count=BARS), bars, width * 0.6)
        parts += [columns_of([facts(summary, width * 0.38, label_share=0.45)], [best], width, 0.4), gap(3)]
        half = width / 2 - 4 * mm
        days = line_chart(_("Revenue day by day"), daily_revenue(charts.by_day), half)
        groups = [(row.label, row.revenue) for row in charts.by_group.rows]
        parts.append(columns_of([days], [pie_chart(_("Share of revenue by OCOP group"), groups, half)], width))
        parts.append(gap(5))
        columns = [
            Column(grouping_label(report.by), 0.3),
            Column(_("Revenue"), 0.11, "right"),
            Column(_("Units"), 0.08, "right"),
            Column(_("Receipts"), 0.08, "right"),
            Column(_("Gross margin"), 0.11, "right"),
            Column(_("Share"), 0.07, "right"),
            Column(_("Previous period"), 0.13, "right"),
            Column(_("Change on previous period"), 0.12, "right"),
        ]
        shown = report.rows[:PDF_ROWS]
        footer = [total_cells(total)]
        parts.append(grid(columns, [row_cells(row) for row in shown], width, footer=footer))
        if len(report.rows) > len(shown):
            more = _("… and {count} more rows: export the report as a spreadsheet to see them all.")
            parts += [gap(2), para(more.format(count=len(report.rows) - len(shown)), 8)]
        return parts

    return render_a4(story, page_label, title_text=heading, author=shop_name, wide=True)


def columns_of(left: list[Flowable], right: list[Flowable], width: float, share: float = 0.5) -> Table:
    """Two blocks side by side, `share` of the width for the left one."""
    table = Table([[left, right]], colWidths=[width * share, width * (1 - share)], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def page_label(page: int) -> str:
    return _("Page {page}").format(page=page)


def render_daily_pdf(summary: DailySummary, shop_name: str) -> bytes:
    """The day's close on one portrait A4 page: totals, payments, VAT per rate, best cooperatives."""
    heading = _("Day close {day}").format(day=f"{summary.day:%d/%m/%Y}")

    def story(width: float) -> list[Flowable]:
        money = [
            (_("Sales"), format_vnd(summary.sales_total)),
            (_("Refunds"), format_vnd(summary.refunds_total)),
            (_("Revenue"), format_vnd(summary.revenue)),
            (_("Receipts"), str(summary.receipts)),
            (_("Refund receipts"), str(summary.refund_receipts)),
            (_("Average basket"), format_vnd(summary.average_basket)),
            (_("Line discounts"), format_vnd(summary.line_discounts)),
            (_("Receipt discounts"), format_vnd(summary.sale_discounts)),
            (_("Gross margin"), format_vnd(summary.gross_margin)),
            (_("Units"), units_text(summary.units_milli)),
        ]
        if summary.outside_shift_receipts is not None and summary.outside_shift_total is not None:
            money.append(
                (
                    _("Outside any shift"),
                    _("{count} receipts, {amount}").format(
                        count=summary.outside_shift_receipts, amount=format_vnd(summary.outside_shift_total)
                    ),
                )
            )
        payments = [[p.label, format_vnd(p.amount), str(p.receipts)] for p in summary.payments]
        vat = [[vat_rate_label(g.rate), format_vnd(g.gross), format_vnd(g.net), format_vnd(g.vat)] for g in summary.vat]
        best = [[row.label, format_vnd(row.revenue), percent(row.share)] for row in summary.top_cooperatives]
        return [
            title(heading),
            para(shop_name, 10, align="center"),
            gap(4),
            facts(money, width * 0.7),
            gap(5),
            para(_("Payments (change given deducted, refunds paid out negative)"), 10, bold=True),
            gap(1),
            grid(
                [
                    Column(_("Payment method"), 0.5),
                    Column(_("Amount"), 0.3, "right"),
                    Column(_("Receipts"), 0.2, "right"),
                ],
                payments,
                width,
            ),
            gap(5),
            para(_("VAT by rate (as printed on the receipts)"), 10, bold=True),
            gap(1),
            grid(
                [
                    Column(_("VAT rate"), 0.25),
                    Column(_("Amount incl. VAT"), 0.25, "right"),
                    Column(_("Before VAT"), 0.25, "right"),
                    Column(_("VAT"), 0.25, "right"),
                ],
                vat,
                width,
            ),
            gap(5),
            para(_("Best-selling cooperatives"), 10, bold=True),
            gap(1),
            grid(
                [Column(_("Cooperative"), 0.6), Column(_("Revenue"), 0.25, "right"), Column(_("Share"), 0.15, "right")],
                best,
                width,
            ),
        ]

    return render_a4(story, page_label, title_text=heading, author=shop_name)
