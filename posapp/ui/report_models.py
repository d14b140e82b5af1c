"""The report tables' columns: grouped sales with change vs the previous period, sellers, slow movers, receipts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtGui import QColor

from posapp.domain.money import format_qty, format_vnd
from posapp.domain.vat import VatGroup
from posapp.i18n import _
from posapp.services.report_dto import (
    Grouping,
    PaymentTotal,
    ProductReceipt,
    ReportRow,
    ReportTotal,
    SalesReport,
    SlowMover,
    grouping_label,
)
from posapp.ui import style
from posapp.ui.rows_model import Column, RowsModel

UP_COLOUR = QColor("#15803d")
DOWN_COLOUR = QColor(style.DANGER)
MUTED_COLOUR = QColor(style.MUTED)

ToLocal = Callable[[datetime], datetime]


def percent(ratio: float) -> str:
    """0.125 -> `12,5 %` (Vietnamese decimal comma)."""
    return f"{ratio * 100:.1f}".replace(".", ",") + " %"


def units_text(units_milli: int | None) -> str:
    return "—" if units_milli is None else format_qty(units_milli)


def money_or_dash(amount: int | None) -> str:
    return "—" if amount is None else format_vnd(amount)


def change_text(row: ReportRow) -> str:
    """▲ 12,5 % up, ▼ 3,0 % down against the previous period; “new” when nothing sold then."""
    if row.previous_revenue == 0:
        return _("new") if row.revenue > 0 else "—"
    ratio = row.change_ratio if row.change_ratio is not None else 0.0
    if row.change > 0:
        return f"▲ {percent(abs(ratio))}"
    if row.change < 0:
        return f"▼ {percent(abs(ratio))}"
    return f"= {percent(0.0)}"


def change_colour(row: ReportRow) -> QColor | None:
    if row.previous_revenue == 0:
        return UP_COLOUR if row.revenue > 0 else MUTED_COLOUR
    if row.change > 0:
        return UP_COLOUR
    return DOWN_COLOUR if row.change < 0 else MUTED_COLOUR


def change_tip(row: ReportRow) -> str:
    return _("Previous period: {amount} ({change})").format(
        amount=format_vnd(row.previous_revenue),
        change=("+" if row.change > 0 else "") + format_vnd(row.change),
    )


def change_key(row: ReportRow) -> float:
    # Something sold now but not before ranks above any rise; nothing in either period ranks at zero.
    if row.previous_revenue == 0:
        return float("inf") if row.revenue > 0 else 0.0
    return row.change_ratio if row.change_ratio is not None else 0.0


def margin_tip(row: ReportRow) -> str:
    if row.gross_margin is None or row.revenue <= 0:
        return ""
    return _("Margin {percent} of revenue").format(percent=percent(row.gross_margin / row.revenue))


def totals_row(total: ReportTotal) -> ReportRow:
    """The report's totals in a row's shape, so the totals line uses the same columns."""
    return ReportRow(
        key="",
        label=_("Total"),
        detail="",
        revenue=total.revenue,
        units_milli=total.units_milli,
        receipts=total.receipts,
        gross_margin=total.gross_margin,
        share=1.0 if total.revenue else 0.0,
        previous_revenue=total.previous_revenue,
    )


def totals_html(total: ReportTotal) -> str:
    """The strip above the table: the period's totals, the change coloured as in the table."""
    row = totals_row(total)
    if total.revenue == 0 and total.receipts == 0 and total.previous_revenue == 0:
        return _("No sales in this period.")
    colour = change_colour(row) or MUTED_COLOUR
    parts = [
        _("Total: {amount}").format(amount=f"<b>{format_vnd(total.revenue)}</b>"),
        _("Receipts: {count}").format(count=f"{total.receipts:,}".replace(",", ".")),
    ]
    if total.gross_margin is not None:
        parts.append(_("Gross margin: {amount}").format(amount=format_vnd(total.gross_margin)))
    change = _("{change} vs the previous period").format(change=change_text(row))
    parts.append(f'<span style="color: {colour.name()}">{change}</span>')
    return " · ".join(parts)


def receipts_summary(receipts: Sequence[ProductReceipt]) -> str:
    return " · ".join(
        (
            _("Receipts: {count}").format(count=len(receipts)),
            _("Units: {count}").format(count=format_qty(sum(receipt.units_milli for receipt in receipts))),
            _("Total: {amount}").format(amount=f"<b>{format_vnd(sum(receipt.revenue for receipt in receipts))}</b>"),
        )
    )


def detail_header(by: Grouping) -> str | None:
    """The second column's title where rows carry one: a product's cooperative, a cooperative's province."""
    return {Grouping.PRODUCT: _("Cooperative"), Grouping.COOPERATIVE: _("Province")}.get(by)


def sales_columns(by: Grouping) -> list[Column[ReportRow]]:
    columns: list[Column[ReportRow]] = [
        Column(grouping_label(by), lambda row: row.label, tip=lambda row: row.detail),
    ]
    detail = detail_header(by)
    if detail is not None:
        columns.append(Column(detail, lambda row: row.detail))
    columns += [
        Column(_("Revenue"), lambda row: format_vnd(row.revenue), lambda row: row.revenue, right=True),
        Column(_("Units"), lambda row: units_text(row.units_milli), lambda row: row.units_milli, right=True),
        Column(_("Receipts"), lambda row: str(row.receipts), lambda row: row.receipts, right=True),
        Column(
            _("Gross margin"),
            lambda row: money_or_dash(row.gross_margin),
            lambda row: row.gross_margin,
            right=True,
            tip=margin_tip,
        ),
        Column(_("Share"), lambda row: percent(row.share), lambda row: row.share, right=True),
        Column(
            _("vs previous"),
            change_text,
            change_key,
            right=True,
            colour=change_colour,
            tip=change_tip,
        ),
    ]
    return columns


class SalesModel(RowsModel[ReportRow]):
    """A grouped sales report with its totals row; knows which grouping it shows (for drill-down)."""

    def __init__(self) -> None:
        super().__init__(sales_columns(Grouping.COOPERATIVE))
        self.report: SalesReport | None = None

    def set_report(self, report: SalesReport) -> None:
        self.report = report
        self.set_columns(sales_columns(report.by))
        # Nothing sold: an empty table, not a line of noughts (the strip above says so in words).
        self.set_rows(report.rows, totals_row(report.total) if report.rows else None)

    @property
    def by(self) -> Grouping | None:
        return None if self.report is None else self.report.by


def sellers_model() -> RowsModel[ReportRow]:
    """Top or bottom sellers: products with their cooperative, revenue and units."""
    return RowsModel(
        [
            Column(_("Product"), lambda row: row.label, tip=lambda row: row.label),
            Column(_("Cooperative"), lambda row: row.detail, tip=lambda row: row.detail),
            Column(_("Revenue"), lambda row: format_vnd(row.revenue), lambda row: row.revenue, right=True),
            Column(_("Units"), lambda row: units_text(row.units_milli), lambda row: row.units_milli, right=True),
        ]
    )


def last_sold_text(mover: SlowMover) -> str:
    return _("never") if mover.last_sold is None else f"{mover.last_sold:%d/%m/%Y}"


def slow_movers_model() -> RowsModel[SlowMover]:
    return RowsModel(
        [
            Column(_("Product"), lambda mover: mover.name, tip=lambda mover: mover.barcode),
            Column(_("Cooperative"), lambda mover: mover.cooperative),
            Column(
                _("On hand"),
                lambda mover: f"{format_qty(mover.on_hand_milli, mover.weighed)} {mover.unit}".strip(),
                lambda mover: mover.on_hand_milli,
                right=True,
            ),
            Column(
                _("Stock value"),
                lambda mover: format_vnd(mover.stock_value),
                lambda mover: mover.stock_value,
                right=True,
            ),
            Column(_("Last sold"), last_sold_text, lambda mover: mover.last_sold),
            Column(
                _("Days without a sale"),
                lambda mover: _("never sold") if mover.days_unsold is None else str(mover.days_unsold),
                # Never sold is the slowest of all.
                lambda mover: float("inf") if mover.days_unsold is None else mover.days_unsold,
                right=True,
            ),
        ]
    )


def kind_text(kind: str) -> str:
    return _("Refund") if kind == "refund" else _("Sale")


def receipts_model(to_local: ToLocal) -> RowsModel[ProductReceipt]:
    """One product's receipts in the period (drill-down), times in the shop's zone."""
    return RowsModel(
        [
            Column(_("Receipt"), lambda receipt: receipt.receipt_no),
            Column(
                _("Time"),
                lambda receipt: f"{to_local(receipt.at):%d/%m/%Y %H:%M}",
                lambda receipt: receipt.at,
            ),
            Column(
                _("Kind"),
                lambda receipt: kind_text(receipt.kind),
                colour=lambda receipt: DOWN_COLOUR if receipt.kind == "refund" else None,
            ),
            Column(_("Cashier"), lambda receipt: receipt.cashier),
            Column(
                _("Units"),
                lambda receipt: format_qty(receipt.units_milli),
                lambda receipt: receipt.units_milli,
                right=True,
            ),
            Column(
                _("Amount"),
                lambda receipt: format_vnd(receipt.revenue),
                lambda receipt: receipt.revenue,
                right=True,
            ),
        ]
    )


def payments_model() -> RowsModel[PaymentTotal]:
    return RowsModel(
        [
            Column(_("Payment method"), lambda payment: payment.label),
            Column(_("Receipts"), lambda payment: str(payment.receipts), lambda payment: payment.receipts, right=True),
            Column(_("Amount"), lambda payment: format_vnd(payment.amount), lambda payment: payment.amount, right=True),
        ]
    )


def vat_model() -> RowsModel[VatGroup]:
    return RowsModel(
        [
            Column(_("VAT rate"), lambda group: f"{group.rate} %", lambda group: group.rate),
            Column(_("Gross"), lambda group: format_vnd(group.gross), lambda group: group.gross, right=True),
            Column(_("Net"), lambda group: format_vnd(group.net), lambda group: group.net, right=True),
            Column(_("VAT"), lambda group: format_vnd(group.vat), lambda group: group.vat, right=True),
        ]
    )


def cooperatives_model() -> RowsModel[ReportRow]:
    """The day's best-selling cooperatives."""
    return RowsModel(
        [
            Column(_("Cooperative"), lambda row: row.label),
            Column(_("Revenue"), lambda row: format_vnd(row.revenue), lambda row: row.revenue, right=True),
            Column(_("Share"), lambda row: percent(row.share), lambda row: row.share, right=True),
        ]
    )
