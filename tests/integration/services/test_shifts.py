"""Shifts: one open per till, cash in and out, and an X/Z report whose every figure is checked by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from posapp.db.models import Sale
from posapp.db.staff_models import Shift
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.vat import TaxCategory, VatGroup
from posapp.services.checkout import CheckoutService, RefundRequest
from posapp.services.shifts import ShiftService, ZReport
from posapp.shop import Shop
from tests.helpers.staff import START, FakeClock, hire_team, sell, staff_service, stock

CASH, CARD, TRANSFER = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.TRANSFER


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def shifts(shop: Shop, clock: FakeClock) -> ShiftService:
    return ShiftService(shop.sessions, clock)


def small_shift(shop: Shop, clock: FakeClock, shifts: ShiftService) -> ZReport:
    """Lan's morning at Q1, small enough to add up by hand (tea 8 % VAT, rice 5 %)."""
    lan = hire_team(staff_service(shop, clock)).cashier
    tea = stock(shop, "Trà Tân Cương", 100_000)
    rice = stock(shop, "Gạo ST25", 50_000, tax_category=TaxCategory.ESSENTIAL)
    sell(shop, [(tea, 1)], at=START - timedelta(hours=1))  # before the shift: not in it
    shifts.open("q1", 500_000, lan)
    at = START + timedelta(minutes=5)
    first = sell(shop, [(tea, 2)], [(CASH, 250_000)], at=at)  # 200.000, change 50.000
    sell(shop, [(rice, 1)], [(CARD, 50_000)], at=at)
    sell(shop, [(tea, 1), (rice, 2)], [(TRANSFER, 180_000)], discount_bp=1000, at=at)  # 200.000 − 10 %
    sell(shop, [(tea, 5)], till="Q2", at=at)  # another till: not in it
    checkout = CheckoutService(shop.sessions, clock)
    checkout.refund(first.receipt_no, [RefundRequest(tea.barcode, 1000)], till="Q1", at=at, actor=COMMAND_LINE)
    shifts.cash_in("Q1", 100_000, "đổi tiền lẻ", lan)
    shifts.cash_out("Q1", 30_000, "mua đá", lan)
    return shifts.x_report("Q1")


def test_the_x_report_adds_up_by_hand(shop: Shop, clock: FakeClock, shifts: ShiftService) -> None:
    report = small_shift(shop, clock, shifts)
    assert (report.till, report.opened_by, report.float_amount, report.closed_at) == ("Q1", "Lan", 500_000, None)
    assert report.sales_count == 3
    assert report.by_method == {"cash": 200_000, "card": 50_000, "transfer": 180_000}
    assert (report.refunds_count, report.refunds_amount) == (1, 100_000)
    assert report.refunds_by_method == {"cash": 100_000, "card": 0, "transfer": 0}
    assert report.discounts == 20_000
    assert report.net_sales == 330_000
    # 8 %: 200.000 + (100.000 − 10.000 discount share) − 100.000 refunded = 190.000, VAT 190.000 × 8/108.
    # 5 %: 50.000 + (100.000 − 10.000) = 140.000, VAT 140.000 × 5/105.
    assert report.vat == (
        VatGroup(rate=8, gross=190_000, net=175_926, vat=14_074),
        VatGroup(rate=5, gross=140_000, net=133_333, vat=6_667),
    )
    assert (report.cash_in, report.cash_out) == (100_000, 30_000)
    # float + cash sales less change − cash refunded + in − out
    assert report.expected_cash == 500_000 + 200_000 - 100_000 + 100_000 - 30_000 == 670_000
    assert (report.counted_cash, report.variance) == (None, None)
    assert (report.first_receipt, report.last_receipt) == ("Q1-000002", "Q1-000005")


def test_closing_counts_the_notes_and_shows_the_variance(
    shop: Shop, clock: FakeClock, shifts: ShiftService
) -> None:
    x_report = small_shift(shop, clock, shifts)
    clock.advance(hours=8)
    minh = staff_service(shop, clock).sign_in("Minh", "5678")
    z_report = shifts.close("Q1", {500_000: 1, 100_000: 1, 50_000: 1, 10_000: 1, 1_000: 0}, minh)
    assert (z_report.counted_cash, z_report.variance) == (660_000, -10_000)
    assert z_report.counts == {10_000: 1, 50_000: 1, 100_000: 1, 500_000: 1}
    assert (z_report.closed_at, z_report.closed_by) == (clock.now(), "Minh")
    figures = ("sales_count", "by_method", "refunds_amount", "discounts", "vat", "expected_cash", "last_receipt")
    assert all(getattr(z_report, name) == getattr(x_report, name) for name in figures)
    assert shifts.current("Q1") is None
    assert shifts.report(z_report.shift_id) == z_report  # the same figures when printed again
    with shop.sessions() as session:
        stored = session.get(Shift, z_report.shift_id)
        assert stored is not None
        assert (stored.expected_cash, stored.counted_cash, stored.open_till) == (670_000, 660_000, None)


def test_a_till_has_one_open_shift_and_needs_one_for_cash_moves(
    shop: Shop, clock: FakeClock, shifts: ShiftService
) -> None:
    with pytest.raises(InvalidInput, match="Till Q1 has no open shift"):
        shifts.cash_in("Q1", 100_000, "tiền lẻ", COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Till Q1 has no open shift"):
        shifts.close("Q1", 0, COMMAND_LINE)
    opened = shifts.open("Q1", 0, COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Till Q1 already has a shift open since 23/11 09:00, by command line"):
        shifts.open("Q1", 100_000, COMMAND_LINE)
    assert shifts.open("Q2", 100_000, COMMAND_LINE).till == "Q2"
    assert shifts.current("q1") == opened
    shifts.close("Q1", 0, COMMAND_LINE)
    assert shifts.open("Q1", 200_000, COMMAND_LINE).id != opened.id
    assert [view.till for view in shifts.recent()] == ["Q1", "Q2", "Q1"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.open("Q2", -1, COMMAND_LINE), "The float must be zero or more"),
        (lambda s: s.cash_out("Q1", 0, "x", COMMAND_LINE), "must be more than zero"),
        (lambda s: s.cash_out("Q1", 10_000, "  ", COMMAND_LINE), "Say why cash goes"),
        (lambda s: s.close("Q1", {300_000: 1}, COMMAND_LINE), "There is no 300.000 ₫ note"),
        (lambda s: s.close("Q1", {100_000: -2}, COMMAND_LINE), "must be between 0 and"),
        (lambda s: s.close("Q1", -5, COMMAND_LINE), "The cash counted must be zero or more"),
        (lambda s: s.report(999), "There is no shift 999"),
    ],
)
def test_bad_amounts_are_refused_and_leave_the_shifts_as_they_were(
    shifts: ShiftService, call: Callable[[ShiftService], object], message: str
) -> None:
    shifts.open("Q1", 100_000, COMMAND_LINE)
    before = shifts.recent()
    with pytest.raises((InvalidInput, NotFound), match=message):
        call(shifts)
    assert shifts.recent() == before
    assert (shifts.x_report("Q1").cash_out, shifts.x_report("Q1").expected_cash) == (0, 100_000)


def test_a_sale_with_no_open_shift_stands_alone(shop: Shop, clock: FakeClock, shifts: ShiftService) -> None:
    tea = stock(shop, "Trà Tân Cương", 100_000)
    receipt = sell(shop, [(tea, 1)], at=START)
    with shop.sessions() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_no == receipt.receipt_no))
        assert sale is not None and sale.shift_id is None


def test_a_refund_joins_the_open_shift_of_the_till_it_is_made_at(
    shop: Shop, clock: FakeClock, shifts: ShiftService
) -> None:
    tea = stock(shop, "Trà Tân Cương", 100_000)
    original = sell(shop, [(tea, 2)], at=START)
    q2 = shifts.open("Q2", 0, COMMAND_LINE)
    team = hire_team(staff_service(shop, clock))
    refund = CheckoutService(shop.sessions, clock).refund(original.receipt_no, till="Q2", actor=team.manager)
    with shop.sessions() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_no == refund.receipt_no))
        assert sale is not None
        assert (sale.shift_id, sale.cashier_id, sale.cashier) == (q2.id, team.manager.user_id, "Minh")
    assert shifts.x_report("Q2").refunds_by_method["cash"] == 200_000


def test_a_sale_rung_up_on_an_open_shift_joins_it(shop: Shop, shifts: ShiftService) -> None:
    tea = stock(shop, "Trà Tân Cương", 100_000)
    opened = shifts.open("Q1", 0, COMMAND_LINE)
    cart = Cart()
    cart.add(shop.catalog.lookup(tea.barcode).item)
    receipt = shop.checkout.complete_sale(cart, [Tender(CASH, cart.total)], "Q1", at=START, actor=COMMAND_LINE)
    with shop.sessions() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_no == receipt.receipt_no))
        assert sale is not None and sale.shift_id == opened.id
