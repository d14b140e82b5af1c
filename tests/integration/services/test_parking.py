"""Parked sales: a cart put aside survives until it is resumed or discarded, even across a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.clock import ShopClock
from posapp.services.parking import ParkingService
from posapp.settings import Settings
from posapp.shop import Shop, open_shop

FISH_SAUCE = bc.with_check_digit("893604120130")
HONEY = bc.with_check_digit("893604120131")
SHRIMP_PLU = 101


@dataclass(frozen=True)
class FixedClock(ShopClock):
    at: datetime = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def stocked(shop: Shop) -> Shop:
    shop.catalog.save_product(
        ProductInput(
            name="Nước mắm Phú Quốc 40 độ đạm chai 500ml",
            cooperative="HTX Nước mắm Phú Quốc",
            origin_province="Kiên Giang",
            price=125_000,
            barcodes=(FISH_SAUCE,),
            ocop_stars=4,
        ),
        actor=COMMAND_LINE,
    )
    shop.catalog.save_product(
        ProductInput(
            name="Mật ong hoa cà phê Đắk Lắk",
            cooperative="HTX Ong mật Đắk Lắk",
            price=180_000,
            barcodes=(HONEY,),
            ocop_stars=3,
        ),
        actor=COMMAND_LINE,
    )
    shop.catalog.save_product(
        ProductInput(
            name="Tôm khô Cà Mau (cân ký)",
            cooperative="HTX Tôm khô Rạch Gốc",
            price=1_250_000,
            weighed=True,
            plu=SHRIMP_PLU,
            unit="kg",
            ocop_stars=4,
        ),
        actor=COMMAND_LINE,
    )
    return shop


def ring_up(shop: Shop) -> Cart:
    cart = Cart()
    shop.checkout.scan(cart, FISH_SAUCE)
    shop.checkout.scan(cart, FISH_SAUCE)
    shop.checkout.scan(cart, bc.weighed_code(SHRIMP_PLU, 350))
    shop.checkout.scan(cart, HONEY)
    cart.set_line_discount(0, 10_000)
    cart.set_discount(500)  # 5 %
    return cart


def summary(cart: Cart) -> list[tuple[str, int, int, int]]:
    return [(line.item.name, line.qty_milli, line.discount, line.total) for line in cart.lines]


def test_park_lists_the_cart_and_resume_gives_it_back(stocked: Shop) -> None:
    cart = ring_up(stocked)
    parked_id = stocked.parking.park(cart, "q1", note="  Chị Lan   quay lại lấy thêm ")

    [view] = stocked.parking.parked()
    assert view.id == parked_id
    assert view.till == "Q1"
    assert view.note == "Chị Lan quay lại lấy thêm"
    assert view.lines == 3
    assert view.total == cart.total
    assert view.at.tzinfo is not None

    resumed = stocked.parking.resume(parked_id)
    assert summary(resumed) == summary(cart)
    assert [line.item for line in resumed.lines] == [line.item for line in cart.lines]
    assert resumed.discount_bp == 500
    assert (resumed.subtotal, resumed.discount, resumed.total) == (cart.subtotal, cart.discount, cart.total)
    assert stocked.parking.parked() == []


def test_a_parked_cart_survives_a_restart(stocked: Shop, database_url: str) -> None:
    cart = ring_up(stocked)
    parked_id = stocked.parking.park(cart, "Q1")
    stocked.close()

    restarted = open_shop(Settings(database_url=database_url), migrate=False)
    try:
        assert [v.id for v in restarted.parking.parked("Q1")] == [parked_id]
        resumed = restarted.parking.resume(parked_id)
        assert summary(resumed) == summary(cart)
        assert resumed.total == cart.total
        receipt = restarted.checkout.complete_sale(
            resumed, [Tender(PaymentMethod.CASH, resumed.total)], "Q1", actor=COMMAND_LINE
        )
        assert receipt.total == cart.total
        assert len(receipt.lines) == 3
    finally:
        restarted.close()


def test_a_sale_discount_in_dong_is_parked_exactly(stocked: Shop) -> None:
    cart = ring_up(stocked)
    cart.set_discount_amount(12_345)
    resumed = stocked.parking.resume(stocked.parking.park(cart, "Q1"))
    assert resumed.discount_amount == 12_345
    assert resumed.discount == 12_345 and resumed.total == cart.total


def test_resume_takes_todays_prices_and_keeps_discounts_within_the_line(stocked: Shop) -> None:
    cart = Cart()
    stocked.checkout.scan(cart, HONEY)
    cart.set_line_discount(0, 100_000)
    parked_id = stocked.parking.park(cart, "Q1")
    honey = stocked.catalog.product_by_barcode(HONEY)
    cheaper = ProductInput(name=honey.name, cooperative=honey.cooperative, price=90_000, barcodes=(HONEY,))
    stocked.catalog.save_product(cheaper, honey.id, actor=COMMAND_LINE)

    assert stocked.parking.parked()[0].total == 0
    resumed = stocked.parking.resume(parked_id)
    assert resumed.lines[0].item.unit_price == 90_000
    assert resumed.lines[0].discount == 90_000


def test_an_empty_cart_cannot_be_parked(stocked: Shop) -> None:
    with pytest.raises(InvalidInput, match="nothing to park"):
        stocked.parking.park(Cart(), "Q1")
    assert stocked.parking.parked() == []


def test_a_parked_sale_is_resumed_once_only(stocked: Shop) -> None:
    parked_id = stocked.parking.park(ring_up(stocked), "Q1")
    stocked.parking.resume(parked_id)
    with pytest.raises(NotFound, match="no longer there"):
        stocked.parking.resume(parked_id)
    with pytest.raises(NotFound):
        stocked.parking.discard(parked_id)


def test_discard_removes_only_that_sale(stocked: Shop) -> None:
    first = stocked.parking.park(ring_up(stocked), "Q1")
    second = stocked.parking.park(ring_up(stocked), "Q1")
    stocked.parking.discard(first)
    assert [v.id for v in stocked.parking.parked()] == [second]
    with pytest.raises(NotFound):
        stocked.parking.resume(first)


def test_parked_sales_are_listed_oldest_first_and_by_till(stocked: Shop) -> None:
    later = ParkingService(stocked.sessions, FixedClock(at=datetime(2026, 3, 2, 4, 0, tzinfo=UTC)))
    earlier = ParkingService(stocked.sessions, FixedClock(at=datetime(2026, 3, 2, 3, 0, tzinfo=UTC)))
    at_four = later.park(ring_up(stocked), "Q1")
    at_three = earlier.park(ring_up(stocked), "Q2")
    also_three = earlier.park(ring_up(stocked), "Q1")

    assert [v.id for v in stocked.parking.parked()] == [at_three, also_three, at_four]
    assert [v.id for v in stocked.parking.parked("q1")] == [also_three, at_four]
    assert [v.till for v in stocked.parking.parked("Q2")] == ["Q2"]
    assert stocked.parking.parked("Q3") == []
