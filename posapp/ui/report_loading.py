"""What the reports view asks the report service for, as plain calls run in a worker thread (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posapp.domain.periods import Period
from posapp.domain.staff import Actor
from posapp.services.report_dto import Grouping, ProductReceipt, ReportRow, SalesReport, SlowMover
from posapp.services.reports import ReportService

SELLERS = 10


@dataclass(frozen=True)
class Level:
    """One step of the drill-down trail: everything, one cooperative's products, or one product's receipts."""

    title: str
    cooperative_id: int | None = None
    product_id: int | None = None


@dataclass(frozen=True)
class TableRequest:
    level: Level
    by: Grouping
    period: Period


TableResult = SalesReport | tuple[ProductReceipt, ...]


@dataclass(frozen=True)
class Overview:
    """Beside the table: the charts' figures, top and bottom sellers, slow movers."""

    period: Period
    cooperatives: SalesReport
    days: SalesReport
    groups: SalesReport
    top: tuple[ReportRow, ...]
    bottom: tuple[ReportRow, ...]
    slow: tuple[SlowMover, ...]
    slow_days: int


def load_table(reports: ReportService, request: TableRequest, actor: Actor) -> TableResult:
    first, last = request.period.first, request.period.last
    if request.level.product_id is not None:
        return reports.product_receipts(request.level.product_id, first, last, actor=actor)
    if request.level.cooperative_id is not None:
        return reports.cooperative_products(request.level.cooperative_id, first, last, actor=actor)
    return reports.sales(request.by, first, last, actor=actor)


def load_overview(reports: ReportService, period: Period, slow_days: int, actor: Actor) -> Overview:
    first, last = period.first, period.last
    top, bottom = reports.sellers(first, last, actor=actor, limit=SELLERS)
    return Overview(
        period=period,
        cooperatives=reports.sales(Grouping.COOPERATIVE, first, last, actor=actor),
        days=reports.sales(Grouping.DAY, first, last, actor=actor),
        groups=reports.sales(Grouping.GROUP, first, last, actor=actor),
        top=top,
        bottom=bottom,
        slow=reports.slow_movers(slow_days, actor=actor),
        slow_days=slow_days,
    )


def daily_revenue(days: SalesReport, period: Period) -> list[tuple[date, int]]:
    """Revenue for every day of the period, zero on days without a sale (the report lists sold days only)."""
    sold = {str(row.key): row.revenue for row in days.rows}
    return [(day, sold.get(day.isoformat(), 0)) for day in period.each_day()]


def named_revenue(report: SalesReport) -> list[tuple[str, int]]:
    return [(row.label, row.revenue) for row in report.rows]
