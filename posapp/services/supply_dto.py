"""Frozen views of purchasing, receiving, stocktakes and consignment, handed to the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from posapp.domain.money import QTY_SCALE
from posapp.domain.reorder import line_value


@dataclass(frozen=True)
class SuggestionLine:
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    on_hand_milli: int
    on_order_milli: int
    sold_milli: int  # net of refunds over the window
    window_days: int
    velocity_milli: Fraction  # thousandths of a unit per day
    lead_time_days: int
    target_milli: Fraction
    reorder_point_milli: int
    pack_size_milli: int
    safety_stock_milli: int
    suggested_milli: int
    unit_cost: int
    value: int

    @property
    def velocity(self) -> float:
        """Units per day, for display."""
        return float(self.velocity_milli / QTY_SCALE)


@dataclass(frozen=True)
class CooperativeSuggestion:
    cooperative_id: int
    cooperative: str
    email: str
    lines: tuple[SuggestionLine, ...]
    value: int


@dataclass(frozen=True)
class OrderLineInput:
    product_id: int
    qty_milli: int
    unit_cost: int | None = None  # None: the product's current cost


@dataclass(frozen=True)
class OrderRequest:
    cooperative_id: int
    lines: tuple[OrderLineInput, ...]
    note: str = ""


@dataclass(frozen=True)
class OrderLineView:
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    qty_ordered_milli: int
    qty_received_milli: int
    unit_cost: int
    value: int

    @property
    def backorder_milli(self) -> int:
        return max(0, self.qty_ordered_milli - self.qty_received_milli)


@dataclass(frozen=True)
class PurchaseOrderView:
    po_no: str
    status: str
    cooperative_id: int
    cooperative: str
    cooperative_email: str
    created_at: datetime
    sent_at: datetime | None
    note: str
    last_error: str
    send_attempts: int
    lines: tuple[OrderLineView, ...]
    total: int

    @property
    def in_outbox(self) -> bool:
        """A draft whose sending failed: it waits to be sent again."""
        return self.status == "draft" and self.send_attempts > 0

    @property
    def received_complete(self) -> bool:
        return all(line.backorder_milli == 0 for line in self.lines)


@dataclass(frozen=True)
class ReceivedItem:
    code: str  # barcode (or scale label)
    qty_milli: int
    lot_code: str = ""
    best_before: date | None = None
    unit_cost: int | None = None  # receipts without an order only; an order's line sets the cost


@dataclass(frozen=True)
class LotView:
    lot_id: int
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    cooperative: str
    lot_code: str
    best_before: date | None
    qty_received_milli: int
    remaining_milli: int  # estimated: on-hand is taken from the newest lots first (first in, first out)
    received_at: datetime
    po_no: str | None
    days_left: int | None
    expired: bool


@dataclass(frozen=True)
class CountLine:
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    expected_milli: int
    counted_milli: int | None
    unit_cost: int

    @property
    def variance_milli(self) -> int | None:
        return None if self.counted_milli is None else self.counted_milli - self.expected_milli

    @property
    def variance_value(self) -> int | None:
        variance = self.variance_milli
        return None if variance is None else line_value(variance, self.unit_cost)


@dataclass(frozen=True)
class CountSheet:
    stocktake_id: int
    status: str  # open | committed | cancelled
    started_at: datetime
    cooperative_id: int | None
    cooperative: str  # "" when every product is counted
    note: str
    lines: tuple[CountLine, ...]

    @property
    def counted(self) -> int:
        return sum(1 for line in self.lines if line.counted_milli is not None)

    @property
    def uncounted(self) -> int:
        return len(self.lines) - self.counted


@dataclass(frozen=True)
class StocktakeSummary:
    stocktake_id: int
    status: str
    started_at: datetime
    cooperative: str
    lines: int
    counted: int


@dataclass(frozen=True)
class VarianceReport:
    stocktake_id: int
    status: str
    lines: tuple[CountLine, ...]  # counted lines whose count differs from the expected on-hand
    uncounted: int
    units_short_milli: int
    units_over_milli: int
    value: int  # net, at cost


@dataclass(frozen=True)
class StatementLine:
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    opening_milli: int
    received_milli: int
    sold_milli: int  # net of refunds
    returned_milli: int  # given back to the cooperative
    adjusted_milli: int  # adjustments and stocktake counts, signed
    closing_milli: int
    payout_per_unit: int | None
    owed: int


@dataclass(frozen=True)
class ReturnItem:
    """How much of a product goes back to its cooperative."""

    product_id: int
    qty_milli: int


@dataclass(frozen=True)
class ConsignmentPaymentView:
    payment_id: int
    cooperative_id: int
    cooperative: str
    amount: int
    at: datetime
    note: str


@dataclass(frozen=True)
class ConsignmentStatement:
    cooperative_id: int
    cooperative: str
    date_from: date
    date_to: date
    lines: tuple[StatementLine, ...]
    opening_balance: int
    owed: int
    paid: int
    balance: int
    payments: tuple[ConsignmentPaymentView, ...]


@dataclass(frozen=True)
class ConsignmentBalance:
    cooperative_id: int
    cooperative: str
    owed: int
    paid: int
    balance: int


@dataclass(frozen=True)
class CertificateAlert:
    product_id: int
    barcode: str
    name: str
    cooperative_id: int
    cooperative: str
    certificate: str
    expires: date
    days_left: int  # negative once expired
    expired: bool


@dataclass(frozen=True)
class SupplyOverview:
    low_stock: int
    certificates_expiring: int
    certificates_expired: int
    outbox: int
    drafts: int
    lots_expiring: int
    consignment_owed: int
    balances: tuple[ConsignmentBalance, ...]
