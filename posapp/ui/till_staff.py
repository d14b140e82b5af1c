"""The staff side of the till: who is signed in, what needs a manager's PIN, and the till's shift."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from posapp.domain.cart import Cart, SaleItem
from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd
from posapp.domain.staff import Actor, Approval, Permission, Role, over_discount_limit
from posapp.i18n import _
from posapp.shop import Shop
from posapp.ui.approval import Approver
from posapp.ui.dialogs import Dialogs
from posapp.ui.shift_dialogs import OpenShiftDialog
from posapp.ui.staffing import shift_service, staff_service

# A shop with no staff set up yet: nobody to sign in, whoever is at the till runs the shop (as before staff).
NOBODY = Actor(user_id=None, name="", role=Role.OWNER)


def percent_text(basis_points: int) -> str:
    """10 %, 7,5 % — the limit as a cashier reads it."""
    return f"{basis_points / 100:g}".replace(".", ",")


class TillStaff:
    """Keeps the signed-in person for the Cashier; asks a manager when the person may not act alone."""

    def __init__(
        self,
        shop: Shop,
        dialogs: Dialogs,
        window: QWidget,
        warn: Callable[..., None],
        say: Callable[[str], None],
        add: Callable[[SaleItem, int], None],
        back_to_scanning: Callable[[], None],
    ) -> None:
        self._shop = shop
        self._dialogs = dialogs
        self._window = window
        self._warn = warn
        self._say = say
        self._add = add
        self._back = back_to_scanning
        self.actor: Actor | None = NOBODY
        self.shift_dialog: OpenShiftDialog | None = None
        self._pending: tuple[SaleItem, int] | None = None  # scanned before the shift was open
        self.discount_approval: Approval | None = None  # a manager's yes to this sale's big discount

    # --- who ----------------------------------------------------------------------------
    def set_actor(self, actor: Actor | None) -> None:
        """The person signed in at this till; None while the till waits for someone to sign in."""
        self.actor = actor

    def signed_in(self) -> Actor | None:
        """The staff member whose rights count; None for a shop without staff (or with nobody signed in)."""
        actor = self.actor
        return actor if actor is not None and actor.user_id is not None else None

    def authorize(self, permission: Permission, detail: dict[str, Any], text: str) -> bool:
        """May the person at the till do this? A manager's PIN when they may not; the audit log keeps it."""
        if self.signed_in() is None:
            return self.actor is not None
        # Built per question: the staff rules (lockout) are read from the settings as they are now.
        approver = Approver(staff_service(self._shop), self._dialogs, lambda: self.actor or NOBODY)
        try:
            if approver.authorize(permission, detail, text):
                return True
        except PosError as error:
            self._warn(str(error))
            return False
        self._warn(_("Not done: no manager approved it."), beep=False)
        return False

    def discount_allowed(self, trial: Cart) -> bool:
        """`trial` is the cart with the new discount: above the shop's limit, a manager approves it."""
        gross = sum(line.gross for line in trial.lines)
        given = gross - trial.total
        limit = self._shop.settings.staff.discount_limit_bp
        if not over_discount_limit(given, gross, limit):
            return True
        if self.signed_in() is None:
            return self.actor is not None
        if self.actor is not None and self.actor.may(Permission.DISCOUNT):
            return True  # the sale's service call records it in the audit log
        text = _("A discount of {amount} on {gross} (more than {limit} %)").format(
            amount=format_vnd(given), gross=format_vnd(gross), limit=percent_text(limit)
        )
        # The approval goes with the sale when it is paid: the checkout service checks and records it there.
        approver = Approver(staff_service(self._shop), self._dialogs, lambda: self.actor or NOBODY)
        try:
            approval = approver.ask(Permission.DISCOUNT, text)
        except PosError as error:
            self._warn(str(error))
            return False
        if approval is None:
            self._warn(_("Not done: no manager approved it."), beep=False)
            return False
        self.discount_approval = approval
        return True

    # --- the shift ----------------------------------------------------------------------
    def needs_shift(self) -> bool:
        """Staff sell within a shift (the drawer's cash is theirs to account for); a shop without staff need not."""
        if self.signed_in() is None:
            return False
        try:
            return shift_service(self._shop).current(self._shop.settings.till) is None
        except PosError as error:
            self._warn(str(error))
            return False

    def open_shift_for(self, item: SaleItem, qty_milli: int) -> None:
        """The first item of a sale with no shift open: open one, then the item goes in."""
        self._pending = (item, qty_milli)
        self.open_shift(_("No shift is open at this till. Count the cash in the drawer to start selling."))

    def open_shift(self, reason: str = "") -> None:
        actor = self.actor
        if actor is None:
            return
        if self.shift_dialog is not None:
            self.shift_dialog.raise_()
            return
        dialog = OpenShiftDialog(shift_service(self._shop), self._shop.settings.till, actor, reason, self._window)
        dialog.opened.connect(self._opened)
        dialog.finished.connect(self._closed)
        self.shift_dialog = dialog
        self._dialogs.present(dialog, modal=True)

    def _opened(self) -> None:
        pending, self._pending = self._pending, None
        self._say(_("Shift opened."))
        if pending is not None:
            self._add(*pending)

    def _closed(self) -> None:
        dialog, self.shift_dialog = self.shift_dialog, None
        if dialog is not None:
            if dialog.shift is None:
                self._pending = None
                self._warn(_("No shift is open: open one to start selling."), _("Open shift"), self.open_shift)
            dialog.deleteLater()
        self._back()
