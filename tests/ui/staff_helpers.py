"""Staff for the GUI tests: an owner, a manager and a cashier with known PINs, hashed cheaply."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from posapp.domain.staff import Actor, Role
from posapp.services.audit import AuditEntryView, AuditService
from posapp.services.staff import StaffService
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from tests.ui.conftest import FakeDialogs

# Verifying a PIN costs what its stored hash says, so the till's own StaffService stays quick on these.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

OWNER, OWNER_PIN = "Chủ Hà", "2468"
MANAGER, MANAGER_PIN = "Chị Lan", "1357"
CASHIER, CASHIER_PIN = "Minh", "1111"


@dataclass(frozen=True)
class Staff:
    owner: Actor
    manager: Actor
    cashier: Actor


def cheap_staff(shop: Shop) -> StaffService:
    return StaffService(shop.sessions, shop.clock, shop.settings.staff, hasher=CHEAP_HASHER)


def add_staff(shop: Shop) -> Staff:
    staff = cheap_staff(shop)
    staff.create_owner(OWNER, OWNER_PIN)
    owner = staff.sign_in(OWNER, OWNER_PIN)
    staff.add_user(MANAGER, Role.MANAGER, MANAGER_PIN, owner)
    staff.add_user(CASHIER, Role.CASHIER, CASHIER_PIN, owner)
    return Staff(
        owner=owner,
        manager=staff.sign_in(MANAGER, MANAGER_PIN),
        cashier=staff.sign_in(CASHIER, CASHIER_PIN),
    )


def audit(shop: Shop, action: str) -> list[AuditEntryView]:
    return AuditService(shop.sessions, shop.clock).entries(action=action)


def context_for(shop: Shop, dialogs: FakeDialogs, actor: Actor) -> ViewContext:
    return ViewContext(shop=shop, dialogs=dialogs, actor=lambda: actor)
