"""Refunds: whole or in parts that add up exactly, never more than was sold, stock back, VAT as sold."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from posapp.db.models import Payment, Sale, StockMovement
from posapp.domain.barcodes import weighed_code
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.vat import TaxCategory
from posapp.services.catalog import ProductInput
from posapp.services.checkout import RefundRequest
from posapp.services.dto import ProductView, Receipt
from posapp.shop import Shop

AT = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
LATER = datetime(2026, 6, 2, 3, 0, tzinfo=UTC)


def add(shop: Shop, name: str, price: int, **fields: Any) -> ProductView:
    fields.setdefault("cooperative", "HTX Mật ong Hà Giang")
    view = shop.catalog.save_product(ProductInput(name=name, price=price, **fields), actor=COMMAND_LINE)
    shop.inventory.receive(view.barcode, 20_000, at=AT)
    return view


@pytest.fixture
def honey(shop: Shop) -> ProductView:
    return add(shop, "Mật ong bạc hà", 150_000)


@pytest.fixture
def rice(shop: Shop) -> ProductView:
    return add(shop, "Gạo ST25", 52_500, tax_category=TaxCategory.ESSENTIAL)


def sale(
    shop: Shop,
    *lines: tuple[str, int],
    discount_bp: int = 0,
    at: datetime = AT,
    method: PaymentMethod = PaymentMethod.CASH,
) -> Receipt:
    cart = Cart()
    for code, qty in lines:
        item = shop.catalog.lookup(code)
        cart.add(item.item, qty or item.qty_milli)
    cart.set_discount(discount_bp)
    return shop.checkout.complete_sale(cart, [Tender(method, cart.total)], "Q1", at=at, actor=COMMAND_LINE)


def on_hand(shop: Shop, product: ProductView) -> int:
    return shop.catalog.product(product.id).on_hand_milli


def test_a_full_refund_mirrors_the_sale(shop: Shop, honey: ProductView, rice: ProductView) -> None:
    original = sale(shop, (honey.barcode, 2000), (rice.barcode, 3000), discount_bp=500, method=PaymentMethod.CARD)
    refund = shop.checkout.refund(original.receipt_no, till="Q2", at=LATER, actor=COMMAND_LINE)
    assert refund.receipt_no == "Q2-000001"
    assert (refund.kind, refund.original_receipt_no) == ("refund", original.receipt_no)
    assert refund.total == -original.total
    assert refund.discount == -original.discount
    assert [(ln.qty_milli, ln.gross, ln.discount_share) for ln in refund.lines] == [
        (-ln.qty_milli, -ln.gross, -ln.discount_share) for ln in original.lines
    ]
    assert [(p.method, p.amount) for p in refund.payments] == [("card", -original.total)]
    assert [(g.rate, g.gross) for g in refund.vat] == [(g.rate, -g.gross) for g in original.vat]
    assert on_hand(shop, honey) == 20_000
    assert on_hand(shop, rice) == 20_000
    assert shop.checkout.receipt(refund.receipt_no) == refund


def test_a_partial_refund_returns_only_what_is_asked(shop: Shop, honey: ProductView, rice: ProductView) -> None:
    original = sale(shop, (honey.barcode, 3000), (rice.barcode, 1000))
    refund = shop.checkout.refund(
        original.receipt_no, [RefundRequest(honey.barcode, 1000)], at=LATER, actor=COMMAND_LINE
    )
    assert refund.receipt_no == "Q1-000002"
    assert [(ln.name, ln.qty_milli, ln.total) for ln in refund.lines] == [("Mật ong bạc hà", -1000, -150_000)]
    assert refund.total == -150_000
    assert on_hand(shop, honey) == 18_000
    assert on_hand(shop, rice) == 19_000
    rest = shop.checkout.refund(original.receipt_no, at=LATER, actor=COMMAND_LINE)  # everything that is left
    assert [(ln.name, ln.qty_milli) for ln in rest.lines] == [("Mật ong bạc hà", -2000), ("Gạo ST25", -1000)]


SPLITS = [[1] * 7, [2, 2, 3], [3, 4], [6, 1], [1, 5, 1], [7], [2, 1, 1, 3], [4, 2, 1]]


@pytest.mark.parametrize("split", SPLITS)
def test_repeated_partial_refunds_add_up_exactly(shop: Shop, honey: ProductView, split: list[int]) -> None:
    tea = add(shop, "Trà shan tuyết", 185_003)
    cart = Cart()
    cart.add(shop.catalog.lookup(tea.barcode).item, 7000)
    cart.add(shop.catalog.lookup(honey.barcode).item, 3000)
    cart.set_line_discount(0, 1_001)
    cart.set_discount(777)  # 7.77%: shares with remainders that 7 pieces cannot split evenly
    original = shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", at=AT, actor=COMMAND_LINE
    )
    line = original.lines[0]
    refunds = [
        shop.checkout.refund(
            original.receipt_no, [RefundRequest(tea.barcode, pieces * 1000)], at=LATER, actor=COMMAND_LINE
        )
        for pieces in split
    ]
    assert sum(r.lines[0].gross for r in refunds) == -line.gross
    assert sum(r.lines[0].discount for r in refunds) == -line.discount
    assert sum(r.lines[0].discount_share for r in refunds) == -line.discount_share
    assert sum(r.total for r in refunds) == -(line.total - line.discount_share)
    with pytest.raises(InvalidInput, match="Only 0"):
        shop.checkout.refund(original.receipt_no, [RefundRequest(tea.barcode, 1000)], at=LATER, actor=COMMAND_LINE)
    assert on_hand(shop, tea) == 20_000


def test_weighed_goods_are_refunded_by_scale_label(shop: Shop) -> None:
    shrimp = add(shop, "Tôm khô Cà Mau", 1_250_000, weighed=True, plu=12)
    original = sale(shop, (weighed_code(12, 333), 0))
    assert original.total == 416_250
    first = shop.checkout.refund(
        original.receipt_no, [RefundRequest(weighed_code(12, 111))], at=LATER, actor=COMMAND_LINE
    )
    second = shop.checkout.refund(
        original.receipt_no, [RefundRequest(shrimp.barcode, 222)], at=LATER, actor=COMMAND_LINE
    )
    assert first.total + second.total == -416_250
    assert on_hand(shop, shrimp) == 20_000


def test_refunding_more_than_is_left_is_refused(shop: Shop, honey: ProductView, rice: ProductView) -> None:
    original = sale(shop, (honey.barcode, 2000))
    with pytest.raises(InvalidInput, match="Only 2"):
        shop.checkout.refund(original.receipt_no, [RefundRequest(honey.barcode, 3000)], actor=COMMAND_LINE)
    shop.checkout.refund(original.receipt_no, [RefundRequest(honey.barcode, 1000)], at=LATER, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Only 1"):
        shop.checkout.refund(original.receipt_no, [RefundRequest(honey.barcode, 2000)], actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Only 0"):  # the second ask finds the first took the last one
        shop.checkout.refund(
            original.receipt_no,
            [RefundRequest(honey.barcode, 1000), RefundRequest(honey.barcode, 1000)],
            actor=COMMAND_LINE,
        )
    with pytest.raises(InvalidInput, match="not on receipt"):
        shop.checkout.refund(original.receipt_no, [RefundRequest(rice.barcode, 1000)], actor=COMMAND_LINE)
    shop.checkout.refund(original.receipt_no, at=LATER, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="already been refunded"):
        shop.checkout.refund(original.receipt_no, at=LATER, actor=COMMAND_LINE)
    assert on_hand(shop, honey) == 20_000


def test_a_refused_refund_writes_nothing(shop: Shop, honey: ProductView) -> None:
    original = sale(shop, (honey.barcode, 1000))
    with shop.sessions() as session:
        counts = (len(session.scalars(select(Sale)).all()), len(session.scalars(select(StockMovement)).all()))
    with pytest.raises(InvalidInput):
        shop.checkout.refund(original.receipt_no, [RefundRequest(honey.barcode, 5000)], actor=COMMAND_LINE)
    with shop.sessions() as session:
        assert (
            len(session.scalars(select(Sale)).all()),
            len(session.scalars(select(StockMovement)).all()),
        ) == counts
    assert shop.checkout.refund(original.receipt_no, at=LATER, actor=COMMAND_LINE).receipt_no == "Q1-000002"


def test_a_refund_cannot_be_refunded(shop: Shop, honey: ProductView) -> None:
    original = sale(shop, (honey.barcode, 1000))
    refund = shop.checkout.refund(original.receipt_no, at=LATER, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="itself a refund"):
        shop.checkout.refund(refund.receipt_no, at=LATER, actor=COMMAND_LINE)


def test_an_unknown_receipt_is_not_found(shop: Shop) -> None:
    with pytest.raises(NotFound, match="Q1-999999"):
        shop.checkout.refund("Q1-999999", actor=COMMAND_LINE)
    with pytest.raises(NotFound):
        shop.checkout.receipt("Q9-000001")


def test_refund_vat_is_the_rate_the_line_was_sold_at(shop: Shop, honey: ProductView) -> None:
    december = datetime.fromisoformat("2026-12-31T20:00+07:00")
    january = datetime.fromisoformat("2027-01-05T10:00+07:00")
    original = sale(shop, (honey.barcode, 2000), at=december)
    assert original.lines[0].vat_rate == 8
    refund = shop.checkout.refund(
        original.receipt_no, [RefundRequest(honey.barcode, 1000)], at=january, actor=COMMAND_LINE
    )
    assert refund.lines[0].vat_rate == 8
    assert [(g.rate, g.gross, g.vat) for g in refund.vat] == [(8, -150_000, -11_111)]
    assert sale(shop, (honey.barcode, 1000), at=january).lines[0].vat_rate == 10


def test_refund_money_goes_back_the_way_it_came(shop: Shop, honey: ProductView) -> None:
    cart = Cart()
    cart.add(shop.catalog.lookup(honey.barcode).item, 2000)
    split = shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.CARD, 100_000), Tender(PaymentMethod.CASH, 200_000)],
        "Q1",
        at=AT,
        actor=COMMAND_LINE,
    )
    assert [
        (p.method, p.amount) for p in shop.checkout.refund(split.receipt_no, at=LATER, actor=COMMAND_LINE).payments
    ] == [("cash", -300_000)]
    transfer = sale(shop, (honey.barcode, 1000), method=PaymentMethod.TRANSFER)
    refund = shop.checkout.refund(transfer.receipt_no, at=LATER, method=PaymentMethod.CASH, actor=COMMAND_LINE)
    assert [(p.method, p.amount) for p in refund.payments] == [("cash", -150_000)]
    with shop.sessions() as session:
        assert sum(session.scalars(select(Payment.amount))) == 0
