"""A product's story page on its receipt line: a QR code a phone scans, on the sale, its reprint and its refund,
without the till asking the database anything more to write the sale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import zxingcpp
from sqlalchemy import event

from posapp.documents.receipt import render_receipt_pdf
from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.checkout import RefundRequest
from posapp.services.dto import Receipt
from posapp.settings import Settings, ShopProfile
from posapp.shop import Shop, open_shop
from tests.helpers.label_raster import rasterise

FISH_SAUCE = bc.with_check_digit("893604120130")
RICE = bc.with_check_digit("893604120131")
STORY = "https://ocop.vn/san-pham/nuoc-mam-phu-quoc-40-do-dam"
SHOP = ShopProfile(name="Cửa hàng OCOP Hà Nội")


def stock(shop: Shop) -> None:
    for name, code, story_url in (
        ("Nước mắm Phú Quốc 40 độ đạm chai 500ml", FISH_SAUCE, STORY),
        ("Gạo ST25 Sóc Trăng túi 5kg", RICE, ""),
    ):
        shop.catalog.save_product(
            ProductInput(name=name, cooperative="HTX Phú Quốc", price=125_000, barcodes=(code,), story_url=story_url),
            actor=COMMAND_LINE,
        )


def sell(shop: Shop, *codes: str) -> Receipt:
    cart = Cart()
    for code in codes:
        shop.checkout.scan(cart, code)
    return shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", actor=COMMAND_LINE)


def scanned(receipt: Receipt) -> list[str]:
    """What a phone reads off the printed receipt (a PDF rendered at 300 dpi)."""
    (page,) = rasterise(render_receipt_pdf(receipt, SHOP), dpi=300)
    return sorted(result.text for result in zxingcpp.read_barcodes(page))


@pytest.fixture
def stocked(shop: Shop) -> Shop:
    stock(shop)
    return shop


def test_the_receipt_carries_a_qr_code_for_the_product_with_a_story(stocked: Shop) -> None:
    sale = sell(stocked, RICE, FISH_SAUCE)
    assert [(line.barcode, line.story_url) for line in sale.lines] == [(RICE, ""), (FISH_SAUCE, STORY)]
    assert scanned(sale) == [STORY]


def test_a_reprint_and_a_refund_read_the_story_back_from_the_database(stocked: Shop) -> None:
    sale = sell(stocked, FISH_SAUCE, RICE, FISH_SAUCE)
    reprint = stocked.checkout.receipt(sale.receipt_no)
    assert reprint == sale
    assert scanned(reprint) == [STORY]
    refund = stocked.checkout.refund(sale.receipt_no, [RefundRequest(FISH_SAUCE, 1_000)], actor=COMMAND_LINE)
    assert [(line.barcode, line.story_url) for line in refund.lines] == [(FISH_SAUCE, STORY)]
    assert stocked.checkout.receipt(refund.receipt_no) == refund
    assert scanned(refund) == [STORY]


def test_without_a_story_there_is_no_qr_code(stocked: Shop) -> None:
    sale = sell(stocked, RICE)
    assert scanned(sale) == [] and scanned(stocked.checkout.receipt(sale.receipt_no)) == []


@pytest.fixture
def traced(sqlite_url: str) -> Iterator[tuple[Shop, list[str]]]:
    """A shop on SQLite whose every statement, on any connection (the till's driver cursor too), is recorded."""
    shop = open_shop(Settings(database_url=sqlite_url), migrate=False)
    statements: list[str] = []

    def trace(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)  # type: ignore[attr-defined]

    event.listen(shop.engine, "connect", trace)
    shop.engine.dispose()  # connections made from here on are traced
    try:
        yield shop, statements
    finally:
        shop.close()


def test_the_sale_is_written_without_looking_the_stories_up(traced: tuple[Shop, list[str]]) -> None:
    shop, statements = traced
    stock(shop)
    written = []
    sell(shop, RICE)  # the till's first sale also makes its counter row
    for code in (RICE, FISH_SAUCE):
        cart = Cart()
        shop.checkout.scan(cart, code)
        statements.clear()
        sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", actor=COMMAND_LINE)
        written.append((sale.lines[0].story_url, [s for s in statements if not s.startswith(("BEGIN", "COMMIT"))]))
    (no_story, plain), (story, with_story) = written
    assert (no_story, story) == ("", STORY)
    # the same statements for a product with a story as without one: it came with the scan
    assert len(with_story) == len(plain) and not any("story_url" in s for s in with_story)
