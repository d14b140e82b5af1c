"""What the reports hand out: periods, groupings and the figures of each row, as frozen values."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple, overload

from posapp.domain.errors import InvalidInput
from posapp.domain.money import QTY_SCALE
from posapp.domain.periods import Period
from posapp.domain.vat import VatGroup
from posapp.i18n import _

__all__ = [
    "DailySummary",
    "Grouping",
    "PaymentTotal",
    "Period",
    "ProductReceipt",
    "ReportRow",
    "ReportRows",
    "ReportTotal",
    "SalesReport",
    "SlowMover",
    "grouping_label",
    "parse_grouping",
]


class Grouping(StrEnum):
    COOPERATIVE = "cooperative"
    PRODUCT = "product"
    GROUP = "group"
    PROVINCE = "province"
    STARS = "stars"
    PAYMENT = "payment"
    CASHIER = "cashier"
    HOUR = "hour"
    WEEKDAY = "weekday"
    DAY = "day"


def grouping_label(by: Grouping) -> str:
    """The column title for a grouping's keys."""
    return {
        Grouping.COOPERATIVE: _("Cooperative"),
        Grouping.PRODUCT: _("Product"),
        Grouping.GROUP: _("OCOP group"),
        Grouping.PROVINCE: _("Province"),
        Grouping.STARS: _("OCOP stars"),
        Grouping.PAYMENT: _("Payment method"),
        Grouping.CASHIER: _("Cashier"),
        Grouping.HOUR: _("Hour of day"),
        Grouping.WEEKDAY: _("Day of week"),
        Grouping.DAY: _("Day"),
    }[by]


def parse_grouping(text: str) -> Grouping:
    try:
        return Grouping(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown report grouping “{text}”: use {choices}.").format(
                text=text, choices=", ".join(g.value for g in Grouping)
            )
        ) from None


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class ReportRow(NamedTuple):
    """One key's figures. A NamedTuple: a year by product is ~100,000 rows, built in a blink."""

    key: int | str
    """cooperative / product id, group code, province, stars (0 = not rated), payment method, cashier,
    hour 0-23, weekday 0-6 (Monday 0), day `YYYY-MM-DD`"""
    label: str
    detail: str
    """a second line: a product's cooperative, a cooperative's province"""
    revenue: int
    units_milli: int | None
    """None for payment methods: a receipt paid two ways has no units of either"""
    receipts: int
    gross_margin: int | None
    share: float
    previous_revenue: int

    @property
    def units(self) -> Decimal | None:
        """Units as an exact decimal: pieces, or kilograms of goods sold by weight."""
        return None if self.units_milli is None else Decimal(self.units_milli) / QTY_SCALE

    @property
    def change(self) -> int:
        return self.revenue - self.previous_revenue

    @property
    def change_ratio(self) -> float | None:
        """The change as a fraction of the previous period's revenue; None when that was nothing."""
        return ratio(self.change, self.previous_revenue)


RawRow = tuple[Any, str, str, int, int | None, int, int | None, int]
"""key, label, detail, revenue, units, receipts, margin, previous revenue: a ReportRow without its share"""


class ReportRows(Sequence[ReportRow]):
    """A report's rows, each made a ReportRow when it is read: a year by product is ~100,000 rows, a view
    shows a screenful of them, and building them all would cost more than the SQL that found them."""

    __slots__ = ("_inverse", "_raw")

    def __init__(self, raw: Sequence[RawRow], revenue: int) -> None:
        self._raw = raw
        self._inverse = 1 / revenue if revenue else 0.0

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> ReportRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ReportRow, ...]: ...

    def __getitem__(self, index: int | slice) -> ReportRow | tuple[ReportRow, ...]:
        if isinstance(index, slice):
            return tuple(self._row(raw) for raw in self._raw[index])
        return self._row(self._raw[index])

    def __iter__(self) -> Iterator[ReportRow]:
        return map(self._row, self._raw)

    def _row(self, raw: RawRow) -> ReportRow:
        key, label, detail, revenue, units, receipts, margin, previous = raw
        return ReportRow(key, label, detail, revenue, units, receipts, margin, revenue * self._inverse, previous)

    def __repr__(self) -> str:
        return f"ReportRows({len(self._raw)} rows)"


@dataclass(frozen=True)
class ReportTotal:
    revenue: int
    units_milli: int | None
    receipts: int
    gross_margin: int | None
    previous_revenue: int
    change: int
    change_ratio: float | None

    @property
    def units(self) -> Decimal | None:
        return None if self.units_milli is None else Decimal(self.units_milli) / QTY_SCALE


@dataclass(frozen=True)
class SalesReport:
    by: Grouping
    period: Period
    previous: Period
    rows: ReportRows
    total: ReportTotal
    cooperative_id: int | None = None
    """set when the report is one cooperative's products (a drill-down)"""


@dataclass(frozen=True)
class ProductReceipt:
    """A receipt with the product on it: drill-down from a product."""

    receipt_no: str
    kind: str
    at: datetime
    cashier: str
    units_milli: int
    revenue: int


@dataclass(frozen=True)
class SlowMover:
    """A product on the shelf that has not sold for a while."""

    product_id: int
    barcode: str
    name: str
    cooperative: str
    unit: str
    weighed: bool
    on_hand_milli: int
    stock_value: int
    """on-hand at the product's cost (consignment: its payout), dong"""
    last_sold: date | None
    days_unsold: int | None


@dataclass(frozen=True)
class PaymentTotal:
    method: str
    label: str
    amount: int
    """taken in by this method, change given back deducted, refunds paid out negative"""
    receipts: int


@dataclass(frozen=True)
class DailySummary:
    day: date
    sales_total: int
    refunds_total: int
    revenue: int
    receipts: int
    refund_receipts: int
    average_basket: int
    line_discounts: int
    sale_discounts: int
    discounts: int
    gross_margin: int
    units_milli: int
    payments: tuple[PaymentTotal, ...]
    vat: tuple[VatGroup, ...]
    top_cooperatives: tuple[ReportRow, ...]
    outside_shift_receipts: int | None
    """receipts rung up outside any shift; None when the database keeps no shifts"""
    outside_shift_total: int | None

    @property
    def units(self) -> Decimal:
        return Decimal(self.units_milli) / QTY_SCALE
