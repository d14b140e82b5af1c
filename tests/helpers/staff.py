"""Test helpers for staff, shifts and the audit trail: a settable clock, a cheap PIN hasher, a till's sales."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher

from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.clock import ShopClock
from posapp.services.dto import ProductView, Receipt
from posapp.services.staff import StaffService
from posapp.settings import StaffRules
from posapp.shop import Shop

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 09:00 in the shop
# argon2id still, at a cost a test suite can afford; the app uses the library's default cost.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
PINS = {"Lan": "1234", "Minh": "5678", "Hoa": "246810"}


@dataclass(frozen=True)
class FakeClock(ShopClock):
    """The shop's clock, stopped at a moment the test moves on by hand."""

    moments: list[datetime] = field(default_factory=lambda: [START])

    def now(self) -> datetime:
        return self.moments[-1]

    def advance(self, **delta: float) -> datetime:
        self.moments.append(self.moments[-1] + timedelta(**delta))
        return self.now()


def staff_service(shop: Shop, clock: FakeClock, rules: StaffRules | None = None) -> StaffService:
    return StaffService(shop.sessions, clock, rules or StaffRules(), hasher=CHEAP_HASHER)


@dataclass(frozen=True)
class Team:
    cashier: Actor  # Lan
    manager: Actor  # Minh
    owner: Actor  # Hoa


def hire_team(staff: StaffService) -> Team:
    """A cashier, a manager and an owner, each with the PIN in PINS, signed in once."""
    for name, role in (("Lan", Role.CASHIER), ("Minh", Role.MANAGER), ("Hoa", Role.OWNER)):
        staff.add_user(name, role, PINS[name], COMMAND_LINE)
    return Team(*(staff.sign_in(name, PINS[name]) for name in ("Lan", "Minh", "Hoa")))


def stock(shop: Shop, name: str, price: int, **fields: Any) -> ProductView:
    fields.setdefault("cooperative", "HTX Chè Tân Cương")
    view = shop.catalog.save_product(ProductInput(name=name, price=price, **fields), actor=COMMAND_LINE)
    shop.inventory.receive(view.barcode, 100_000, at=START - timedelta(days=1))
    return view


def sell(
    shop: Shop,
    lines: Sequence[tuple[ProductView, int]],
    tenders: Sequence[tuple[PaymentMethod, int]] | None = None,
    till: str = "Q1",
    discount_bp: int = 0,
    at: datetime | None = None,
) -> Receipt:
    """Ring up a sale at `till` as the command line; it joins the till's open shift, if one is open."""
    cart = Cart()
    for product, pieces in lines:
        cart.add(shop.catalog.lookup(product.barcode).item, pieces * 1000)
    cart.set_discount(discount_bp)
    paid = [Tender(m, a) for m, a in tenders] if tenders else [Tender(PaymentMethod.CASH, cart.total)]
    return shop.checkout.complete_sale(cart, paid, till, at=at, actor=COMMAND_LINE)
