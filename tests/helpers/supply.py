"""Building a small supply scene for tests: cooperatives, products, sales and refunds on given days."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import update

from posapp.db.models import Product
from posapp.domain.cart import Cart
from posapp.domain.ocop import SupplyKind
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import CooperativeInput, ProductInput
from posapp.services.checkout import RefundRequest
from posapp.services.dto import CooperativeView, ProductView, Receipt
from posapp.shop import Shop


def cooperative(shop: Shop, name: str, **fields: Any) -> CooperativeView:
    return shop.catalog.save_cooperative(CooperativeInput(name=name, **fields), actor=COMMAND_LINE)


def product(shop: Shop, name: str, coop: str, barcode: str, **fields: Any) -> ProductView:
    fields.setdefault("price", 100_000)
    return shop.catalog.save_product(
        ProductInput(name=name, cooperative=coop, barcodes=(barcode,), **fields), actor=COMMAND_LINE
    )


def consigned(shop: Shop, name: str, coop: str, barcode: str, payout: int, **fields: Any) -> ProductView:
    return product(shop, name, coop, barcode, supply_kind=SupplyKind.CONSIGNMENT, payout=payout, **fields)


def set_product(shop: Shop, product_id: int, **values: Any) -> None:
    """Set a product's columns straight in its row (a test's shortcut past the catalogue service)."""
    with shop.sessions.begin() as session:
        session.execute(update(Product).where(Product.id == product_id).values(**values))


def local(shop: Shop, day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=shop.clock.timezone)


def sell(shop: Shop, day: date, *items: tuple[str, int], hour: int = 10, till: str = "Q1") -> Receipt:
    """One sale on `day` of (barcode, qty_milli) items, paid in cash."""
    cart = Cart()
    for code, qty in items:
        cart.add(shop.catalog.lookup(code).item, qty)
    return shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, cart.total)], till, at=local(shop, day, hour), actor=COMMAND_LINE
    )


def refund(shop: Shop, receipt_no: str, day: date, code: str, qty_milli: int, till: str = "Q1") -> Receipt:
    return shop.checkout.refund(
        receipt_no, [RefundRequest(code, qty_milli)], till=till, at=local(shop, day, 15), actor=COMMAND_LINE
    )
