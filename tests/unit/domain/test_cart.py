"""The cart: scanning, quantities, discounts spread exactly, totals and VAT per rate."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.cart import Cart, SaleItem, price_lines
from posapp.domain.errors import InvalidInput
from posapp.domain.vat import TaxCategory, VatGroup

SUMMER_2026 = date(2026, 6, 1)
LATER = date(2027, 6, 1)


def item(
    product_id: int,
    price: int,
    category: TaxCategory = TaxCategory.STANDARD,
    weighed: bool = False,
    name: str = "Trà shan tuyết",
) -> SaleItem:
    return SaleItem(
        product_id=product_id,
        barcode=f"89300000{product_id:05d}",
        name=name,
        name_en="",
        unit="kg" if weighed else "cái",
        weighed=weighed,
        unit_price=price,
        tax_category=category,
        cooperative_id=1,
        cooperative="HTX Hà Giang",
        province="Hà Giang",
        ocop_stars=4,
        ocop_group="beverage",
        unit_cost=0,
        supply_kind="purchase",
        payout=None,
    )


TEA = item(1, 185_000)
RICE = item(2, 52_500, TaxCategory.ESSENTIAL)
BOOK = item(3, 40_000, TaxCategory.EXEMPT)
WINE = item(4, 330_000, TaxCategory.EXCISE)
SHRIMP = item(5, 1_250_000, weighed=True, name="Tôm khô Cà Mau")


def test_scanning_the_same_item_again_raises_its_quantity() -> None:
    cart = Cart()
    assert cart.add(TEA) == 0
    assert cart.add(RICE) == 1
    assert cart.add(TEA) == 0
    assert [(line.item.product_id, line.qty_milli) for line in cart.lines] == [(1, 2000), (2, 1000)]
    assert cart.subtotal == 2 * 185_000 + 52_500


def test_each_weighed_label_is_its_own_line() -> None:
    cart = Cart()
    cart.add(SHRIMP, 350)
    cart.add(SHRIMP, 333)
    assert [line.qty_milli for line in cart.lines] == [350, 333]
    assert [line.gross for line in cart.lines] == [437_500, 416_250]


def test_quantities_are_checked() -> None:
    cart = Cart()
    for bad in (0, -1000, 1500):
        with pytest.raises(InvalidInput):
            cart.add(TEA, bad)
    with pytest.raises(InvalidInput):
        cart.add(SHRIMP, 0)
    with pytest.raises(InvalidInput, match="too large"):
        cart.add(TEA, 100_001_000)
    assert cart.is_empty


def test_set_quantity_and_remove() -> None:
    cart = Cart()
    cart.add(TEA)
    cart.add(RICE)
    cart.set_quantity(0, 3000)
    assert cart.subtotal == 3 * 185_000 + 52_500
    removed = cart.remove(1)
    assert removed.item is RICE
    assert cart.subtotal == 555_000
    with pytest.raises(InvalidInput):
        cart.remove(5)
    with pytest.raises(InvalidInput):
        cart.set_quantity(-1, 1000)


def test_line_discount_stays_between_zero_and_the_line() -> None:
    cart = Cart()
    cart.add(TEA, 2000)
    cart.set_line_discount(0, 370_000)
    assert cart.total == 0
    for bad in (-1, 370_001):
        with pytest.raises(InvalidInput):
            cart.set_line_discount(0, bad)
    cart.set_quantity(0, 1000)  # the discount cannot outgrow the smaller line
    assert cart.lines[0].discount == 185_000
    assert cart.total == 0


def test_line_discount_by_percent() -> None:
    cart = Cart()
    cart.add(TEA)
    cart.set_line_discount_percent(0, 1000)
    assert cart.lines[0].discount == 18_500
    assert cart.total == 166_500


def test_sale_discount_bounds() -> None:
    cart = Cart()
    for bad in (-1, 10_001):
        with pytest.raises(InvalidInput):
            cart.set_discount(bad)
    cart.set_discount(10_000)
    cart.add(TEA)
    assert cart.total == 0


def test_totals_with_line_and_sale_discounts() -> None:
    cart = Cart()
    cart.add(TEA, 2000)
    cart.add(RICE)
    cart.set_line_discount(1, 2_500)
    cart.set_discount(1000)  # 10% off the sale
    assert cart.subtotal == 370_000 + 50_000
    assert cart.discount == 42_000
    assert cart.total == 378_000
    priced = cart.priced_lines(SUMMER_2026)
    assert [p.discount_share for p in priced] == [37_000, 5_000]
    assert [p.total for p in priced] == [333_000, 45_000]
    cart.clear()
    assert cart.is_empty
    assert cart.discount_bp == 0


def test_uneven_sale_discount_is_spread_exactly() -> None:
    cart = Cart()
    for product_id in (11, 12, 13):
        cart.add(item(product_id, 10_001))
    cart.set_discount(3333)  # 33.33% of 30,003 = 10,000.0 -> shares cannot all be equal
    priced = cart.priced_lines(SUMMER_2026)
    assert sum(p.discount_share for p in priced) == cart.discount == 10_000
    assert sorted(p.discount_share for p in priced) == [3333, 3333, 3334]
    assert sum(p.total for p in priced) == cart.total == 20_003


def test_vat_per_rate_on_a_mixed_cart() -> None:
    cart = Cart()
    cart.add(TEA)  # standard: 8% in 2026
    cart.add(RICE)  # essential 5%
    cart.add(BOOK)  # exempt 0%
    cart.add(WINE)  # excise: 10% always
    assert cart.vat(SUMMER_2026) == [
        VatGroup(rate=10, gross=330_000, net=300_000, vat=30_000),
        VatGroup(rate=8, gross=185_000, net=171_296, vat=13_704),
        VatGroup(rate=5, gross=52_500, net=50_000, vat=2_500),
        VatGroup(rate=0, gross=40_000, net=40_000, vat=0),
    ]
    later = cart.vat(LATER)
    assert [(g.rate, g.gross) for g in later] == [(10, 515_000), (5, 52_500), (0, 40_000)]
    assert sum(g.gross for g in later) == cart.total


def test_vat_is_taken_after_the_sale_discount() -> None:
    cart = Cart()
    cart.add(TEA)
    cart.add(RICE)
    cart.set_discount(1000)
    groups = cart.vat(SUMMER_2026)
    assert sum(g.gross for g in groups) == cart.total
    assert [(g.rate, g.gross) for g in groups] == [(8, 166_500), (5, 47_250)]


@given(
    lines=st.lists(
        st.tuples(st.integers(0, 2_000_000), st.integers(1, 20), st.integers(0, 100)), min_size=1, max_size=12
    ),
    discount_bp=st.integers(0, 10_000),
)
def test_sale_discount_shares_always_add_up(lines: list[tuple[int, int, int]], discount_bp: int) -> None:
    cart = Cart()
    for index, (price, pieces, line_discount_pct) in enumerate(lines):
        cart.add(item(100 + index, price), pieces * 1000)
        cart.set_line_discount(index, cart.lines[index].gross * line_discount_pct // 100)
    cart.set_discount(discount_bp)
    priced = price_lines(cart.lines, cart.discount, SUMMER_2026)
    assert sum(p.discount_share for p in priced) == cart.discount
    assert sum(p.total for p in priced) == cart.total == cart.subtotal - cart.discount
    for p in priced:
        assert 0 <= p.discount_share <= p.line.total
        assert p.total >= 0
    assert sum(g.gross for g in cart.vat(SUMMER_2026)) == cart.total


def test_a_sale_discount_in_dong_stays_exact_and_is_spread_over_the_lines() -> None:
    cart = Cart()
    cart.add(item(1, 185_000))
    cart.add(item(2, 73_000))
    cart.set_discount_amount(100_001)
    assert cart.discount == 100_001
    assert cart.total == 258_000 - 100_001
    shares = [p.discount_share for p in cart.priced_lines(SUMMER_2026)]
    assert sum(shares) == 100_001
    cart.remove(0)  # the sale shrinks below the discount: it is capped, never negative
    assert cart.discount == 73_000 and cart.total == 0
    cart.set_discount(1_000)  # a percentage replaces the amount
    assert cart.discount_amount is None and cart.discount == 7_300
    with pytest.raises(InvalidInput):
        cart.set_discount_amount(73_001)
