"""Finding past receipts by number, by the shop's local day and by amount, newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.dto import Receipt
from posapp.services.receipts import ReceiptSearch
from posapp.shop import Shop

TEA = "8936120801079"
HONEY = "8936210401219"
# 23:30 on 1 June and 00:15 on 2 June in Hồ Chí Minh City (UTC+7): one calendar day apart for the shop.
LATE_1_JUNE = datetime(2026, 6, 1, 16, 30, tzinfo=UTC)
EARLY_2_JUNE = datetime(2026, 6, 1, 17, 15, tzinfo=UTC)
NOON_2_JUNE = datetime(2026, 6, 2, 5, 0, tzinfo=UTC)


def sell(shop: Shop, code: str, till: str, at: datetime, cashier: str = "Lan") -> Receipt:
    cart = Cart()
    cart.add(shop.catalog.lookup(code).item)
    return shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, cart.total)], till, at=at, cashier=cashier
    , actor=COMMAND_LINE)


@pytest.fixture
def sales(shop: Shop) -> list[Receipt]:
    for name, code, price in (("Trà tim sen", TEA, 95_000), ("Mật ong hoa cà phê", HONEY, 180_000)):
        shop.catalog.save_product(
            ProductInput(name=name, cooperative="HTX Sen", price=price, barcodes=(code,)), actor=COMMAND_LINE
        )
    return [
        sell(shop, TEA, "Q1", LATE_1_JUNE),  # Q1-000001
        sell(shop, HONEY, "Q2", EARLY_2_JUNE, cashier="Minh"),  # Q2-000001
        sell(shop, TEA, "Q1", NOON_2_JUNE),  # Q1-000002
    ]


def numbers(found: list[object]) -> list[str]:
    return [getattr(summary, "receipt_no") for summary in found]  # noqa: B009


def search(shop: Shop) -> ReceiptSearch:
    return ReceiptSearch(shop.sessions, shop.clock)


def test_newest_first_with_what_the_list_shows(shop: Shop, sales: list[Receipt]) -> None:
    found = search(shop).find_receipts()
    assert numbers(found) == ["Q1-000002", "Q2-000001", "Q1-000001"]
    middle = found[1]
    assert (middle.kind, middle.till, middle.cashier, middle.total, middle.at) == (
        "sale",
        "Q2",
        "Minh",
        180_000,
        EARLY_2_JUNE,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q1-000002", ["Q1-000002"]),
        (" q1-2 ", ["Q1-000002"]),
        ("1", ["Q2-000001", "Q1-000001"]),
        ("Q1", ["Q1-000002", "Q1-000001"]),
        ("q2-", ["Q2-000001"]),
        ("Q3-000001", []),
        ("7", []),
    ],
)
def test_by_receipt_number(shop: Shop, sales: list[Receipt], text: str, expected: list[str]) -> None:
    assert numbers(search(shop).find_receipts(text)) == expected


def test_a_day_is_the_shops_local_day(shop: Shop, sales: list[Receipt]) -> None:
    assert numbers(search(shop).find_receipts(day=date(2026, 6, 1))) == ["Q1-000001"]
    assert numbers(search(shop).find_receipts(day=date(2026, 6, 2))) == ["Q1-000002", "Q2-000001"]
    assert numbers(search(shop).find_receipts(day=date(2026, 6, 3))) == []


def test_an_amount_finds_the_sale_and_its_refund(shop: Shop, sales: list[Receipt]) -> None:
    refund = shop.checkout.refund("Q1-000001", till="Q2", at=NOON_2_JUNE, actor=COMMAND_LINE)
    found = search(shop).find_receipts(amount=95_000)
    assert numbers(found) == [refund.receipt_no, "Q1-000002", "Q1-000001"]
    assert [(s.kind, s.total) for s in found[:1]] == [("refund", -95_000)]
    assert numbers(search(shop).find_receipts(amount=95_001)) == []


def test_filters_combine(shop: Shop, sales: list[Receipt]) -> None:
    assert numbers(search(shop).find_receipts("Q1", day=date(2026, 6, 2), amount=95_000)) == ["Q1-000002"]
    assert numbers(search(shop).find_receipts("Q2", amount=95_000)) == []


def test_at_most_the_limit_newest(shop: Shop, sales: list[Receipt]) -> None:
    assert numbers(search(shop).find_receipts(limit=2)) == ["Q1-000002", "Q2-000001"]
    with pytest.raises(InvalidInput, match="between 1 and 1000"):
        search(shop).find_receipts(limit=0)


@pytest.mark.parametrize("text", ["Q1-00A", "hóa đơn 5", "Q1 2"])
def test_text_that_is_no_receipt_number_is_explained(shop: Shop, text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a receipt number"):
        search(shop).find_receipts(text)
