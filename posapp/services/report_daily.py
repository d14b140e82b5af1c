"""A day's close: receipts, refunds, discounts, VAT per rate as the receipts print it, margin, payments."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from posapp.domain.money import div_round_half_up
from posapp.domain.vat import VatGroup, vat_included
from posapp.services import report_queries as q
from posapp.services.report_dto import DailySummary, PaymentTotal, ReportRow


def as_int(value: Any) -> int:
    return int(value) if value is not None else 0


def vat_by_rate(amounts: list[tuple[int, int, Any]]) -> tuple[VatGroup, ...]:
    """Sum each receipt's own VAT per rate (worked out on the receipt's total at that rate, as
    `vat_breakdown` prints it), so the day's VAT is exactly the sum of what its receipts say."""
    gross: dict[int, int] = {}
    vat: dict[int, int] = {}
    for _sale_id, rate, amount in amounts:
        amount = as_int(amount)
        gross[rate] = gross.get(rate, 0) + amount
        vat[rate] = vat.get(rate, 0) + vat_included(amount, rate)
    return tuple(
        VatGroup(rate=rate, gross=gross[rate], net=gross[rate] - vat[rate], vat=vat[rate])
        for rate in sorted(gross, reverse=True)
    )


def day_close(
    session: Session,
    day: date,
    bounds: q.Bounds,
    top_cooperatives: tuple[ReportRow, ...],
    payments: tuple[ReportRow, ...],
) -> DailySummary:
    start, end = bounds.start, bounds.end
    by_kind = {
        kind: (as_int(count), as_int(total)) for kind, count, total in session.execute(q.day_receipts(start, end))
    }
    receipts, sales_total = by_kind.get("sale", (0, 0))
    refund_receipts, refunds_total = by_kind.get("refund", (0, 0))
    line_discounts, sale_discounts, units, revenue, cost = (
        as_int(value) for value in session.execute(q.day_lines(start, end)).one()
    )
    vat = vat_by_rate([(sale_id, rate, amount) for sale_id, rate, amount in session.execute(q.day_vat(start, end))])
    outside_count = outside_total = None
    outside = q.outside_shift(start, end)
    if outside is not None:
        count, total = session.execute(outside).one()
        outside_count, outside_total = as_int(count), as_int(total)
    return DailySummary(
        day=day,
        sales_total=sales_total,
        refunds_total=refunds_total,
        revenue=sales_total + refunds_total,
        receipts=receipts,
        refund_receipts=refund_receipts,
        average_basket=div_round_half_up(sales_total, receipts) if receipts else 0,
        line_discounts=line_discounts,
        sale_discounts=sale_discounts,
        discounts=line_discounts + sale_discounts,
        gross_margin=revenue - cost,
        units_milli=units,
        payments=tuple(
            PaymentTotal(method=str(row.key), label=row.label, amount=row.revenue, receipts=row.receipts)
            for row in payments
        ),
        vat=vat,
        top_cooperatives=top_cooperatives,
        outside_shift_receipts=outside_count,
        outside_shift_total=outside_total,
    )
