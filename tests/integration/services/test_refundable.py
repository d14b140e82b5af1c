"""What is left to refund on a receipt, and the amount a chosen refund pays back, exactly as the checkout writes it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from posapp.domain.barcodes import weighed_code
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.refundable import refund_requests, refund_total, refundable
from posapp.shop import Shop

AT = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)


def product(shop: Shop, name: str, price: int, **fields: object) -> str:
    view = shop.catalog.save_product(
        ProductInput(name=name, price=price, cooperative="HTX Sen Tháp Mười", **fields),  # type: ignore[arg-type]
        actor=COMMAND_LINE,
    )
    return view.barcode


def test_partial_refunds_of_a_discounted_sale_pay_back_what_the_checkout_writes(shop: Shop) -> None:
    tea = product(shop, "Trà sen", 95_000)
    candy = product(shop, "Kẹo dừa", 45_000)
    product(shop, "Tôm khô", 1_250_000, weighed=True, plu=7)
    cart = Cart()
    cart.add(shop.catalog.lookup(tea).item, 3_000)
    cart.add(shop.catalog.lookup(candy).item, 1_000)
    shrimp = shop.catalog.lookup(weighed_code(7, 333))
    cart.add(shrimp.item, shrimp.qty_milli)
    cart.set_discount(700)  # 7 %: shares that do not divide evenly
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CARD, cart.total)], "Q1", at=AT, actor=COMMAND_LINE)
    paid_back = 0
    for wanted in ({1: 1_000}, {1: 1_000, 3: 333}, {1: 1_000, 2: 1_000}):
        left = refundable(shop.sessions, sale.receipt_no)
        assert left.method == PaymentMethod.CARD
        expected = refund_total(left, wanted)
        refund = shop.checkout.refund(sale.receipt_no, refund_requests(left, wanted), actor=COMMAND_LINE)
        assert -refund.total == expected
        paid_back += expected
    left = refundable(shop.sessions, sale.receipt_no)
    assert [(line.qty_milli, line.refunded_milli) for line in left.lines] == [
        (3_000, 3_000),
        (1_000, 1_000),
        (333, 333),
    ]
    assert not left.anything_left and paid_back == sale.total


def test_a_refund_receipt_has_nothing_to_refund(shop: Shop) -> None:
    tea = product(shop, "Trà sen", 95_000)
    cart = Cart()
    cart.add(shop.catalog.lookup(tea).item)
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", at=AT, actor=COMMAND_LINE)
    refund = shop.checkout.refund(sale.receipt_no, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="is itself a refund"):
        refundable(shop.sessions, refund.receipt_no)
