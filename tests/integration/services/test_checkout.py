"""Checkout on a real database: a sale is written whole (snapshot, payments, stock) or not at all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from posapp.db.models import Payment, Sale, SaleLine, StockMovement, Till
from posapp.domain.barcodes import weighed_code
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput, PaymentShort
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.vat import TaxCategory
from posapp.services import ledger
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView
from posapp.shop import Shop

AT = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
CASH, CARD = PaymentMethod.CASH, PaymentMethod.CARD


def add(shop: Shop, name: str, price: int, stock: int = 10_000, **fields: Any) -> ProductView:
    fields.setdefault("cooperative", "HTX Chè Shan Tuyết Hà Giang")
    view = shop.catalog.save_product(ProductInput(name=name, price=price, **fields), actor=COMMAND_LINE)
    if stock:
        shop.inventory.receive(view.barcode, stock, at=AT)
    return view


@pytest.fixture
def tea(shop: Shop) -> ProductView:
    return add(shop, "Trà shan tuyết cổ thụ", 185_000, barcodes=("8934563138165",), ocop_stars=5)


@pytest.fixture
def shrimp(shop: Shop) -> ProductView:
    return add(shop, "Tôm khô Cà Mau", 1_250_000, weighed=True, plu=12, cooperative="HTX Tôm Cà Mau")


def on_hand(shop: Shop, product: ProductView) -> int:
    return shop.catalog.product(product.id).on_hand_milli


def count(shop: Shop, model: type) -> int:
    with shop.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def sell(shop: Shop, codes: list[str], till: str = "Q1", at: datetime = AT, paid: int | None = None) -> str:
    cart = Cart()
    for code in codes:
        shop.checkout.scan(cart, code)
    receipt = shop.checkout.complete_sale(cart, [Tender(CASH, paid or cart.total)], till, at=at, actor=COMMAND_LINE)
    return receipt.receipt_no


def test_a_sale_writes_lines_payments_and_stock_movements(
    shop: Shop, tea: ProductView, shrimp: ProductView
) -> None:
    cart = Cart()
    shop.checkout.scan(cart, tea.barcode)
    shop.checkout.scan(cart, tea.barcode)
    shop.checkout.scan(cart, weighed_code(12, 350))
    assert cart.total == 370_000 + 437_500
    receipt = shop.checkout.complete_sale(
        cart, [Tender(CARD, 500_000, "VISA 1234"), Tender(CASH, 400_000)], "q1", at=AT, cashier="Lan"
    , actor=COMMAND_LINE)
    assert receipt.receipt_no == "Q1-000001"
    assert (receipt.total, receipt.change, receipt.cashier) == (807_500, 92_500, "Lan")
    assert [(g.rate, g.gross) for g in receipt.vat] == [(8, 807_500)]
    with shop.sessions() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.kind, sale.till_code, sale.seq, sale.at) == ("sale", "Q1", 1, AT)
        assert (sale.subtotal, sale.total, sale.change) == (807_500, 807_500, 92_500)
        lines = session.scalars(select(SaleLine).order_by(SaleLine.position)).all()
        assert [(ln.name, ln.unit_price, ln.qty_milli, ln.gross, ln.vat_rate) for ln in lines] == [
            ("Trà shan tuyết cổ thụ", 185_000, 2000, 370_000, 8),
            ("Tôm khô Cà Mau", 1_250_000, 350, 437_500, 8),
        ]
        assert [ln.cooperative_name for ln in lines] == ["HTX Chè Shan Tuyết Hà Giang", "HTX Tôm Cà Mau"]
        assert lines[0].ocop_stars == 5
        payments = session.scalars(select(Payment).order_by(Payment.id)).all()
        assert [(p.method, p.amount, p.reference) for p in payments] == [
            ("card", 500_000, "VISA 1234"),
            ("cash", 400_000, ""),
        ]
        moves = session.scalars(select(StockMovement).where(StockMovement.kind == "sale")).all()
        assert sorted((m.sale_line_id, m.qty_milli) for m in moves) == [
            (lines[0].id, -2000),
            (lines[1].id, -350),
        ]
    assert on_hand(shop, tea) == 8_000
    assert on_hand(shop, shrimp) == 10_000 - 350
    assert shop.checkout.receipt("q1-000001") == receipt


def test_an_old_receipt_keeps_what_was_sold(shop: Shop, tea: ProductView) -> None:
    number = sell(shop, [tea.barcode])
    before = shop.checkout.receipt(number)
    shop.catalog.save_product(
        ProductInput(name="Trà mới", price=200_000, cooperative="HTX Khác", tax_category=TaxCategory.EXEMPT),
        product_id=tea.id,
        actor=COMMAND_LINE,
    )
    after = shop.checkout.receipt(number)
    assert after == before
    line = after.lines[0]
    assert (line.name, line.unit_price, line.vat_rate, line.cooperative) == (
        "Trà shan tuyết cổ thụ",
        185_000,
        8,
        "HTX Chè Shan Tuyết Hà Giang",
    )
    assert shop.catalog.product(tea.id).price == 200_000


def test_a_short_payment_writes_nothing(shop: Shop, tea: ProductView) -> None:
    cart = Cart()
    shop.checkout.scan(cart, tea.barcode)
    movements = count(shop, StockMovement)
    with pytest.raises(PaymentShort):
        shop.checkout.complete_sale(cart, [Tender(CASH, 100_000)], "Q1", at=AT, actor=COMMAND_LINE)
    assert count(shop, Sale) == 0
    assert count(shop, SaleLine) == 0
    assert count(shop, Payment) == 0
    assert count(shop, StockMovement) == movements
    assert on_hand(shop, tea) == 10_000
    assert sell(shop, [tea.barcode]) == "Q1-000001"  # the number was not used up


def test_an_empty_cart_or_a_bad_till_is_refused(shop: Shop, tea: ProductView) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        shop.checkout.complete_sale(Cart(), [Tender(CASH, 1)], "Q1", actor=COMMAND_LINE)
    cart = Cart()
    shop.checkout.scan(cart, tea.barcode)
    with pytest.raises(InvalidInput, match="till code"):
        shop.checkout.complete_sale(cart, [Tender(CASH, 185_000)], "Q-1", actor=COMMAND_LINE)
    assert count(shop, Sale) == 0
    assert count(shop, Till) == 0


def test_receipt_numbers_are_gap_free_per_till(shop: Shop, tea: ProductView) -> None:
    numbers = [sell(shop, [tea.barcode], till=till) for till in ("Q1", "Q2", "Q1", "Q1", "Q2", "Q3")]
    assert numbers == ["Q1-000001", "Q2-000001", "Q1-000002", "Q1-000003", "Q2-000002", "Q3-000001"]


def test_a_failure_in_the_middle_of_a_sale_leaves_nothing(
    shop: Shop, tea: ProductView, shrimp: ProductView, monkeypatch: pytest.MonkeyPatch
) -> None:
    honey = add(shop, "Mật ong bạc hà", 150_000)
    sell(shop, [tea.barcode])
    before = (count(shop, Sale), count(shop, SaleLine), count(shop, Payment), count(shop, StockMovement))
    levels = [on_hand(shop, p) for p in (tea, shrimp, honey)]
    real_write = ledger.LedgerWriter.write_receipt
    calls = []

    def write_then_fail(*args: Any, **kwargs: Any) -> None:
        # Every row of the sale is written; the disk goes before the commit.
        real_write(*args, **kwargs)
        calls.append(args)
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(ledger.LedgerWriter, "write_receipt", write_then_fail)
    cart = Cart()
    for code in (tea.barcode, weighed_code(12, 200), honey.barcode):
        shop.checkout.scan(cart, code)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        shop.checkout.complete_sale(cart, [Tender(CASH, 1_000_000)], "Q1", at=AT, actor=COMMAND_LINE)
    assert len(calls) == 1
    monkeypatch.undo()
    assert (
        count(shop, Sale),
        count(shop, SaleLine),
        count(shop, Payment),
        count(shop, StockMovement),
    ) == before
    assert [on_hand(shop, p) for p in (tea, shrimp, honey)] == levels
    assert sell(shop, [honey.barcode]) == "Q1-000002"


def test_selling_more_than_the_books_hold_goes_negative(shop: Shop, tea: ProductView) -> None:
    rice = add(shop, "Gạo ST25", 52_500, stock=1000, tax_category=TaxCategory.ESSENTIAL)
    assert shop.inventory.needing_count() == []
    sell(shop, [rice.barcode, rice.barcode, rice.barcode, tea.barcode])
    assert on_hand(shop, rice) == -2000
    flagged = shop.inventory.needing_count()
    assert [(level.name, level.on_hand_milli) for level in flagged] == [("Gạo ST25", -2000)]
    assert flagged[0].needs_count


@pytest.mark.parametrize(
    ("local_time", "rate"),
    [
        ("2025-06-30T23:59+07:00", 10),
        ("2025-07-01T00:10+07:00", 8),
        ("2026-12-31T23:30+07:00", 8),
        ("2027-01-01T00:30+07:00", 10),
    ],
)
def test_the_vat_rate_follows_the_shop_local_date(
    shop: Shop, tea: ProductView, local_time: str, rate: int
) -> None:
    # 2027-01-01T00:30+07:00 is still 2026-12-31 in UTC: the rate follows the day in Vietnam.
    at = datetime.fromisoformat(local_time)
    number = sell(shop, [tea.barcode], at=at)
    receipt = shop.checkout.receipt(number)
    assert receipt.lines[0].vat_rate == rate
    assert receipt.at == at.astimezone(UTC)
    assert receipt.at.tzinfo is not None


def test_a_sale_discount_is_spread_over_the_lines(shop: Shop, tea: ProductView) -> None:
    honey = add(shop, "Mật ong bạc hà", 150_000, tax_category=TaxCategory.ESSENTIAL)
    cart = Cart()
    shop.checkout.scan(cart, tea.barcode)
    shop.checkout.scan(cart, honey.barcode)
    cart.set_line_discount(1, 10_001)
    cart.set_discount(1_111)
    receipt = shop.checkout.complete_sale(cart, [Tender(CASH, 500_000)], "Q1", at=AT, actor=COMMAND_LINE)
    assert receipt.subtotal == 324_999
    assert receipt.discount == sum(line.discount_share for line in receipt.lines) == 36_107
    assert receipt.total == 288_892 == sum(g.gross for g in receipt.vat)
    assert receipt.change == 500_000 - 288_892
    with shop.sessions() as session:
        assert sum(session.scalars(select(SaleLine.total))) == 288_892
