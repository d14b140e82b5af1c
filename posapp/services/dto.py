"""Frozen views handed to the CLI and the UI; never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from posapp.domain.vat import VatGroup


@dataclass(frozen=True)
class CooperativeView:
    id: int
    name: str
    province: str
    commune: str
    contact: str
    phone: str
    email: str
    tax_code: str
    lead_time_days: int | None
    supply_terms: str
    active: bool


@dataclass(frozen=True)
class ProductView:
    id: int
    barcodes: tuple[str, ...]
    name: str
    name_en: str
    cooperative_id: int
    cooperative: str
    origin_province: str
    unit: str
    weighed: bool
    plu: int | None
    ocop_group: str
    ocop_stars: int | None
    ocop_certificate: str
    ocop_expires: date | None
    story: str
    story_url: str
    price: int
    cost: int
    tax_category: str
    supply_kind: str
    payout: int | None
    reorder_point_milli: int
    safety_stock_milli: int  # kept in stock beyond what sells during the lead time
    pack_size_milli: int
    lead_time_days: int | None
    active: bool
    on_hand_milli: int

    @property
    def barcode(self) -> str:
        return self.barcodes[0] if self.barcodes else ""


@dataclass(frozen=True)
class StockLevel:
    product_id: int
    barcode: str
    name: str
    unit: str
    weighed: bool
    on_hand_milli: int
    reorder_point_milli: int

    @property
    def needs_count(self) -> bool:
        return self.on_hand_milli < 0


@dataclass(frozen=True)
class MovementView:
    at: datetime
    kind: str
    qty_milli: int
    unit_cost: int | None
    reason: str
    on_hand_after_milli: int


@dataclass(frozen=True)
class ReceiptLine:
    barcode: str
    name: str
    name_en: str
    unit: str
    weighed: bool
    qty_milli: int
    unit_price: int
    gross: int
    discount: int
    discount_share: int
    total: int
    vat_rate: int
    cooperative: str
    province: str
    ocop_stars: int | None
    story_url: str = ""  # the product's story / traceability page, printed as a small QR code


@dataclass(frozen=True)
class PaymentView:
    method: str
    amount: int
    reference: str


@dataclass(frozen=True)
class Receipt:
    receipt_no: str
    kind: str
    at: datetime
    till: str
    cashier: str
    lines: tuple[ReceiptLine, ...]
    subtotal: int
    discount: int
    total: int
    vat: tuple[VatGroup, ...]
    payments: tuple[PaymentView, ...]
    change: int
    original_receipt_no: str | None
