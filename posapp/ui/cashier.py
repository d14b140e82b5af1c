"""The cashier's actions at the sell view (scan, search, lines, discounts, pay), each through a service."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from posapp.devices.printers import ReceiptPrinter
from posapp.domain.cart import Cart, SaleItem
from posapp.domain.errors import PosError
from posapp.domain.money import QTY_SCALE, format_qty, format_vnd, parse_percent, parse_qty, parse_vnd
from posapp.domain.staff import Permission
from posapp.domain.tender import Tender
from posapp.i18n import _
from posapp.services.dto import ProductView, Receipt
from posapp.shop import Shop
from posapp.ui.cart_model import CartModel, quantity_text
from posapp.ui.dialogs import Dialogs, DiscountRequest
from posapp.ui.parking_desk import ParkingDesk
from posapp.ui.payment_dialog import PaymentDialog
from posapp.ui.printing import ReceiptPrinting
from posapp.ui.search_dialog import SearchDialog
from posapp.ui.sell_view import SellView
from posapp.ui.till_staff import NOBODY, TillStaff
from posapp.ui.transfer_panel import transfer_purpose


class Cashier(QObject):
    """Owns the sale being rung up and turns the cashier's keys and buttons into service calls."""

    def __init__(self, shop: Shop, view: SellView, dialogs: Dialogs, printer: ReceiptPrinter, window: QWidget) -> None:
        super().__init__(view)
        self.shop = shop
        self.view = view
        self.model: CartModel = view.model
        self.dialogs = dialogs
        self.printer = printer
        # Receipts print in the background: a printer that is off or slow never holds up the next sale.
        self.printing = ReceiptPrinting(printer, self)
        self.printing.printed.connect(self._printed)
        self.printing.failed.connect(self._print_failed)
        self._printing: deque[Receipt] = deque()  # sent to the printer, oldest first; one outcome each
        self._window = window
        self.search_dialog: SearchDialog | None = None
        self.payment_dialog: PaymentDialog | None = None
        self._qty_row = -1
        self.parking = ParkingDesk(shop, view, dialogs, self.warn, self.say)
        self.staff = TillStaff(shop, dialogs, window, self.warn, self.say, self._add, self._back_to_scanning)
        self.actions = self._make_actions()
        self.model.totals_changed.connect(self.refresh_totals)
        view.scan_field.returnPressed.connect(self._scan_field_entered)
        view.scan_field.moved.connect(view.move_selection)
        view.scan_field.delete_on_empty.connect(self.remove_line)
        view.scan_field.escaped.connect(view.banner.dismiss)
        view.qty_field.returnPressed.connect(self.apply_quantity)
        view.qty_field.escaped.connect(self.cancel_quantity)
        view.table.doubleClicked.connect(lambda index: self.edit_quantity(index.row()))
        self.refresh_totals()

    def _make_actions(self) -> dict[str, QAction]:
        specs = (
            ("search", _("Search"), ("F2",), self.search),
            ("quantity", _("Quantity"), ("F3",), self.edit_quantity),
            ("remove", _("Remove line"), ("F4",), self.remove_line),
            ("discount", _("Discount"), ("F5",), self.discount),
            ("park", _("Park"), ("F6",), self.parking.park),
            ("resume", _("Resume"), ("F7",), self.parking.resume),
            ("new_sale", _("New sale"), ("F9", "Ctrl+N"), self.new_sale),
            ("pay", _("PAY"), ("F12",), self.pay),
        )
        actions = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self._window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())  # not the "checked" flag
            self._window.addAction(action)
            actions[name] = action
        return actions

    # --- messages -----------------------------------------------------------------------
    def say(self, message: str) -> None:
        self.view.status.setText(message)

    def warn(
        self, message: str, action: str = "", callback: Callable[[], None] | None = None, beep: bool = True
    ) -> None:
        """A non-modal banner (and a beep): the next scan is never blocked by a message."""
        if beep:
            QApplication.beep()
        self.view.banner.show_message(message, "error", action, callback)

    def refresh_totals(self) -> None:
        day = self.shop.clock.local_day(self.shop.clock.now())
        self.view.totals.show_cart(self.model.cart, day)
        self.actions["pay"].setEnabled(not self.model.cart.is_empty)

    # --- scanning -----------------------------------------------------------------------
    def scan(self, code: str) -> None:
        """A barcode from the scanner (any widget focused) or typed into the scan field."""
        code = code.strip()
        if not code:
            return
        if self.staff.actor is None:
            self.warn(_("Sign in first, then scan the item again."))
            return
        if self.payment_dialog is not None:
            self.warn(_("Finish or cancel the payment before scanning more items."))
            return
        if self.staff.shift_dialog is not None:
            self.warn(_("Open the shift first, then scan the item again."))
            return
        if QApplication.activeModalWidget() is not None:  # a question is open: its answer may clear the cart
            self.warn(_("Answer the question on screen first, then scan the item again."))
            return
        try:
            result = self.shop.catalog.lookup(code)
        except PosError as error:
            self.warn(str(error), _("Search"), lambda: self.search(code))
            return
        self._add(result.item, result.qty_milli)

    def _scan_field_entered(self) -> None:
        code = self.view.scan_field.text()
        self.view.scan_field.clear()
        self.scan(code)

    def _add(self, item: SaleItem, qty_milli: int) -> None:
        if self.model.cart.is_empty and self.staff.needs_shift():
            self.staff.open_shift_for(item, qty_milli)
            return
        try:
            row = self.model.add(item, qty_milli)
        except PosError as error:
            self.warn(str(error))
            return
        self.view.banner.dismiss()
        self.view.select_row(row)
        line = self.model.line(row)
        self.view.last_item.setText(
            _("{name} — {qty} × {price}").format(
                name=item.name, qty=quantity_text(line), price=format_vnd(item.unit_price)
            )
        )

    # --- search -------------------------------------------------------------------------
    def search(self, text: str = "") -> None:
        if self.search_dialog is None:
            dialog = SearchDialog(lambda words: self.shop.catalog.search(words), self._window)
            dialog.product_chosen.connect(self._product_chosen)
            dialog.finished.connect(self._search_closed)
            self.search_dialog = dialog
            self.dialogs.present(dialog)
        self.search_dialog.start(text)

    def _search_closed(self) -> None:
        if self.search_dialog is not None:
            self.search_dialog.deleteLater()
        self.search_dialog = None
        self._back_to_scanning()

    def _back_to_scanning(self) -> None:
        self._window.activateWindow()  # a closed dialog hands the keyboard back to the till
        self.view.focus_scan()

    def _product_chosen(self, product: ProductView) -> None:
        try:
            item = self.shop.catalog.item(product.id)
            qty = QTY_SCALE
            if item.weighed:
                answer = self.dialogs.ask_weight(item.name)
                if answer is None:
                    return
                qty = parse_qty(answer, weighed=True)
        except PosError as error:
            self.warn(str(error))
            return
        self._add(item, qty)
        if self.search_dialog is not None:
            self.search_dialog.accept()

    # --- lines --------------------------------------------------------------------------
    def edit_quantity(self, row: int | None = None) -> None:
        row = self.view.current_row() if row is None else row
        if not 0 <= row < self.model.rowCount():
            self.warn(_("The cart is empty: scan an item first."), beep=False)
            return
        self._qty_row = row
        self.view.select_row(row)
        line = self.model.line(row)
        self.view.qty_field.setText(format_qty(line.qty_milli, line.item.weighed))
        self.view.qty_field.selectAll()
        self.view.qty_field.setFocus()
        unit = _("kg") if line.item.weighed else line.item.unit
        self.say(
            _("New quantity for “{name}” in {unit}, then Enter (Esc cancels).").format(name=line.item.name, unit=unit)
        )

    def apply_quantity(self) -> None:
        row, self._qty_row = self._qty_row, -1
        if not 0 <= row < self.model.rowCount():
            self.cancel_quantity()
            return
        line = self.model.line(row)
        try:
            self.model.set_quantity(row, parse_qty(self.view.qty_field.text(), line.item.weighed))
        except PosError as error:
            self._qty_row = row
            self.warn(str(error))
            return
        self.cancel_quantity()
        self.say(_("Quantity changed."))

    def cancel_quantity(self) -> None:
        self._qty_row = -1
        self.view.qty_field.clear()
        self.view.focus_scan()

    def remove_line(self) -> None:
        row = self.view.current_row()
        if not 0 <= row < self.model.rowCount():
            return
        line = self.model.line(row)
        detail = {"product": line.item.name, "qty_milli": line.qty_milli, "amount": line.total}
        text = _("Remove “{name}” ({amount}) from the sale").format(name=line.item.name, amount=format_vnd(line.total))
        if not self.staff.authorize(Permission.VOID, detail, text):
            return
        removed = self.model.remove(row)
        self.view.select_row(min(row, self.model.rowCount() - 1))
        self.say(_("Removed “{name}”.").format(name=removed.item.name))

    def discount(self) -> None:
        if self.model.cart.is_empty:
            self.warn(_("The cart is empty: scan an item first."), beep=False)
            return
        row = self.view.current_row()
        request = self.dialogs.ask_discount(self.model.line(row).item.name)
        if request is None:
            return
        try:
            trial = replace(self.model.cart, lines=list(self.model.cart.lines))
            _discount(trial, row, request)  # checked on a copy: a refused discount changes nothing
            if not self.staff.discount_allowed(trial):
                return
            _discount(self.model, row, request)
        except PosError as error:
            self.warn(str(error))
            return
        self.say(_("Discount applied."))

    # --- new sale -----------------------------------------------------------------------
    def new_sale(self) -> None:
        cart = self.model.cart
        if not cart.is_empty and not self.dialogs.confirm(
            _("New sale"),
            _("Clear the current sale ({lines} lines, {total})?").format(
                lines=len(cart.lines), total=format_vnd(cart.total)
            ),
        ):
            return
        if not cart.is_empty and not self.staff.authorize(
            Permission.VOID,
            {"lines": len(cart.lines), "amount": cart.total},
            _("Void the sale ({lines} lines, {total})").format(lines=len(cart.lines), total=format_vnd(cart.total)),
        ):
            return
        self._start_new_sale()
        self.say(_("New sale."))

    def _start_new_sale(self) -> None:
        self.model.clear()
        self.staff.discount_approval = None
        self.view.banner.dismiss()
        self.view.last_item.setText(_("Ready to scan."))
        self.cancel_quantity()

    # --- payment ------------------------------------------------------------------------
    def pay(self) -> None:
        if self.model.cart.is_empty:
            self.warn(_("The cart is empty: scan an item first."), beep=False)
            return
        if self.payment_dialog is not None:
            self.payment_dialog.raise_()
            return
        settings = self.shop.settings
        purpose = transfer_purpose(settings.shop.name, self.shop.clock.local(self.shop.clock.now()))
        dialog = PaymentDialog(self.model.cart.total, self._complete_sale, settings.bank, purpose, self._window)
        dialog.completed.connect(self._sale_completed)
        dialog.finished.connect(self._payment_closed)
        self.payment_dialog = dialog
        self._selling(False)  # the cart must stay what the customer is paying for
        self.dialogs.present(dialog, modal=True)

    def _complete_sale(self, tenders: Sequence[Tender]) -> Receipt:
        receipt = self.shop.checkout.complete_sale(
            self.model.cart,
            tenders,
            self.shop.settings.till,
            actor=self.staff.actor or NOBODY,
            approval=self.staff.discount_approval,
        )
        self.staff.discount_approval = None
        return receipt

    def _payment_closed(self) -> None:
        if self.payment_dialog is not None:
            self.payment_dialog.deleteLater()
        self.payment_dialog = None
        self._selling(True)
        self._back_to_scanning()

    def _selling(self, enabled: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(enabled)
        self.view.scan_field.setEnabled(enabled)
        self.view.qty_field.setEnabled(enabled)
        if enabled:
            self.refresh_totals()  # PAY only with something to pay for

    def _sale_completed(self, receipt: Receipt) -> None:
        self._start_new_sale()
        self.view.last_item.setText(_("Ready to scan."))
        self.say(
            _("Receipt {number} — change {change}").format(number=receipt.receipt_no, change=format_vnd(receipt.change))
        )
        self.print_receipt(receipt)

    def print_receipt(self, receipt: Receipt) -> None:
        """Send the receipt to the printer and return at once; a failure shows up later with "Print again".

        On an ESC/POS printer the cash drawer opens with a cash sale's receipt (the kick is in its print job).
        """
        self._printing.append(receipt)
        self.printing.print_receipt(receipt)

    def _printed(self, _where: str) -> None:
        self._printing.popleft()

    def _print_failed(self, reason: str, receipt_no: str) -> None:
        receipt = self._printing.popleft()
        self.warn(
            _("Receipt {number} could not be printed: {reason} The sale is saved.").format(
                number=receipt_no, reason=reason
            ),
            _("Print again"),
            lambda: self.print_receipt(receipt),
        )


def _discount(target: Cart | CartModel, row: int, request: DiscountRequest) -> None:
    """Apply the discount the cashier asked for, to the cart on screen or to a copy of it."""
    if not request.whole_sale:
        if request.percent:
            target.set_line_discount_percent(row, parse_percent(request.value))
        else:
            target.set_line_discount(row, parse_vnd(request.value))
    elif isinstance(target, CartModel):
        if request.percent:
            target.set_sale_discount(parse_percent(request.value))
        else:
            target.set_sale_discount_amount(parse_vnd(request.value))
    elif request.percent:
        target.set_discount(parse_percent(request.value))
    else:
        target.set_discount_amount(parse_vnd(request.value))
