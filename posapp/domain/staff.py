"""Who is acting: roles, the actions that need a manager, and the actor every protected service call names."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from posapp.i18n import _


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
    """A manager's PIN approved one protected action for someone else; `approval_id` is its audit entry."""

    approval_id: int
    manager: Actor
    permission: Permission
