"""The people of the screenshot tour's throwaway demo shop: an owner, a manager and a cashier with PINs."""

from __future__ import annotations

from dataclasses import dataclass

from posapp.domain.staff import Role
from posapp.services.staff import StaffService


@dataclass(frozen=True)
class Person:
    name: str
    role: Role
    pin: str


OWNER = Person("Nguyễn Thị Lan", Role.OWNER, "2468")
MANAGER = Person("Trần Quốc Minh", Role.MANAGER, "1357")
CASHIER = Person("Lê Thị Hoa", Role.CASHIER, "8642")
SECOND_CASHIER = Person("Phạm Văn Tú", Role.CASHIER, "9753")


def stage_staff(staff: StaffService) -> None:
    """The shop's accounts, set up by the owner as a new shop would (a shop that has them already is left alone)."""
    if staff.has_users():
        return
    staff.create_owner(OWNER.name, OWNER.pin)
    owner = staff.sign_in(OWNER.name, OWNER.pin)
    for person in (MANAGER, CASHIER, SECOND_CASHIER):
        staff.add_user(person.name, person.role, person.pin, owner)
