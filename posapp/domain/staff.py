"""Who is acting: roles, the actions that need a manager, and the actor every protected service call names."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from posapp.domain.errors import InvalidInput
from posapp.i18n import _

PIN_LENGTHS = range(4, 9)
APPROVAL_MINUTES = 5  # a manager's approval is for the action at hand, not for later


class Role(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"
    OWNER = "owner"


class Permission(StrEnum):
    """Actions a cashier may not take alone; a manager's PIN approves one of them at a time."""

    VOID = "void"  # void a sale, or remove a line already added
    REFUND = "refund"
    DISCOUNT = "discount"  # a discount above the shop's limit
    PRICE_OVERRIDE = "price_override"
    OPEN_DRAWER = "open_drawer"  # without a sale
    STOCK_ADJUST = "stock_adjust"
    REPORTS = "reports"
    SETTINGS = "settings"
    CATALOG = "catalog"  # products, prices, cooperatives
    PURCHASING = "purchasing"  # purchase orders, consignment payments
    STAFF = "staff"  # users and their roles (owner only)


_MANAGER_MAY = frozenset(Permission) - {Permission.STAFF}


def allowed(role: Role, permission: Permission) -> bool:
    """Whether someone in `role` may take the action without anyone's approval."""
    if role is Role.OWNER:
        return True
    if role is Role.MANAGER:
        return permission in _MANAGER_MAY
    return False


def role_label(role: Role) -> str:
    return {Role.CASHIER: _("Cashier"), Role.MANAGER: _("Manager"), Role.OWNER: _("Owner")}[role]


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise InvalidInput(_("Unknown role “{text}”: use cashier, manager or owner.").format(text=text)) from None


def check_pin(pin: str) -> str:
    """A PIN is 4 to 8 digits; anything else is refused before it is ever hashed."""
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise InvalidInput(_("A PIN is 4 to 8 digits."))
    return pin


def permission_label(permission: Permission) -> str:
    return {
        Permission.VOID: _("void a sale or a line"),
        Permission.REFUND: _("refund"),
        Permission.DISCOUNT: _("a discount above the limit"),
        Permission.PRICE_OVERRIDE: _("change a price at the till"),
        Permission.OPEN_DRAWER: _("open the cash drawer without a sale"),
        Permission.STOCK_ADJUST: _("adjust stock"),
        Permission.REPORTS: _("see reports"),
        Permission.SETTINGS: _("change settings"),
        Permission.CATALOG: _("change products and cooperatives"),
        Permission.PURCHASING: _("order from and pay cooperatives"),
        Permission.STAFF: _("manage staff"),
    }[permission]


@dataclass(frozen=True)
class Actor:
    """The person (or the command line) on whose behalf a service acts."""

    user_id: int | None
    name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, permission)


# Whoever can run `posapp` can open the database file, so the command line acts as the owner.
COMMAND_LINE = Actor(user_id=None, name="command line", role=Role.OWNER)


@dataclass(frozen=True)
class Approval:
    """A manager's PIN approved one protected action for one person, once, for a few minutes.

    `approval_id` names the stored approval; the service using it marks it used in the same transaction.
    """

    approval_id: int
    manager: Actor
    permission: Permission


def over_discount_limit(discount: int, gross: int, limit_bp: int) -> bool:
    """Whether `discount` dong off `gross` is more than the shop's limit (in basis points): a manager's call."""
    return discount > 0 and gross > 0 and discount * 10_000 > limit_bp * gross
