"""Parked sales at the till: put the sale aside (F6), take one back (F7), never lose one when closing."""

from __future__ import annotations

from collections.abc import Callable

from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.shop import Shop
from posapp.ui.cart_model import CartModel
from posapp.ui.dialogs import Dialogs, ParkedOption
from posapp.ui.sell_view import SellView


class ParkingDesk:
    """The parking side of the Cashier: same cart, same dialogs, same banner and status line."""

    def __init__(
        self,
        shop: Shop,
        view: SellView,
        dialogs: Dialogs,
        warn: Callable[..., None],
        say: Callable[[str], None],
    ) -> None:
        self._shop = shop
        self._view = view
        self._model: CartModel = view.model
        self._dialogs = dialogs
        self._warn = warn
        self._say = say

    def park(self) -> None:
        if self._model.cart.is_empty:
            self._warn(_("The cart is empty: there is nothing to park."), beep=False)
            return
        note = self._dialogs.ask_text(_("Park sale"), _("Note (optional), for example the customer's name:"))
        if note is None:
            return
        try:
            number = self._shop.parking.park(self._model.cart, self._shop.settings.till, note)
        except PosError as error:
            self._warn(str(error))
            return
        self._model.clear()
        self._view.last_item.setText(_("Ready to scan."))
        self._say(_("Sale parked as number {number}. F7 resumes it.").format(number=number))

    def resume(self) -> None:
        if not self._model.cart.is_empty:
            self._warn(_("Finish or park the current sale before resuming another."), beep=False)
            return
        try:
            parked = self._shop.parking.parked()
        except PosError as error:
            self._warn(str(error))
            return
        if not parked:
            self._say(_("No sales are parked."))
            return
        clock = self._shop.clock
        options = [
            ParkedOption(
                p.id,
                _("No. {number} · {time} · till {till} · {lines} lines · {total}{note}").format(
                    number=p.id,
                    time=f"{clock.local(p.at):%d/%m %H:%M}",
                    till=p.till,
                    lines=p.lines,
                    total=format_vnd(p.total),
                    note=f" · {p.note}" if p.note else "",
                ),
            )
            for p in parked
        ]
        choice = self._dialogs.choose_parked(options)
        if choice is None:
            return
        try:
            if choice.discard:
                if self._dialogs.confirm(
                    _("Discard parked sale"),
                    _("Throw away parked sale {number}?").format(number=choice.parked_id),
                ):
                    self._shop.parking.discard(choice.parked_id)
                    self._say(_("Parked sale {number} discarded.").format(number=choice.parked_id))
                return
            cart = self._shop.parking.resume(choice.parked_id)
        except PosError as error:
            self._warn(str(error))
            return
        self._model.replace(cart)
        self._view.select_row(self._model.rowCount() - 1)
        self._say(_("Parked sale {number} resumed.").format(number=choice.parked_id))

    def park_before_closing(self) -> bool:
        """The till is closing: an unfinished sale is parked, never lost. False: stay open."""
        if self._model.cart.is_empty:
            return True
        try:
            self._shop.parking.park(
                self._model.cart, self._shop.settings.till, _("Open when the till was closed")
            )
        except PosError as error:
            return self._dialogs.confirm(
                _("Close the till"),
                _("The open sale could not be parked: {reason} Close anyway and lose it?").format(
                    reason=error
                ),
            )
        self._model.clear()
        return True
