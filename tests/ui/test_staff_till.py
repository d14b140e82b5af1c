"""The till with staff: a manager's PIN for voids and big discounts, a shift before selling, the cashier's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDoubleSpinBox
from pytestqt.qtbot import QtBot

from posapp.domain.staff import Permission
from posapp.domain.tender import PaymentMethod, Tender
from posapp.shop import Shop
from posapp.ui.approval import ApprovalDialog
from posapp.ui.dialogs import ApprovalRequest, DiscountRequest
from posapp.ui.main_window import MainWindow
from posapp.ui.settings_view import SettingsView
from posapp.ui.shift_dialogs import OpenShiftDialog
from posapp.ui.staffing import shift_service
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs, press, scan
from tests.ui.staff_helpers import (
    CASHIER,
    MANAGER,
    MANAGER_PIN,
    OWNER,
    Staff,
    add_staff,
    audit,
    cheap_staff,
)


@pytest.fixture
def staff(window: MainWindow, ui_shop: Shop) -> Iterator[Staff]:
    """Minh (a cashier) signed in at the till, the shift already open."""
    people = add_staff(ui_shop)
    window.cashier.staff.set_actor(people.cashier)
    shift_service(ui_shop).open("Q1", 500_000, people.cashier)
    yield people


def codes(window: MainWindow) -> list[str]:
    return [line.item.barcode for line in window.model.cart.lines]


def test_a_cashier_removing_a_line_brings_a_manager_and_the_audit_log_names_both(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    window.sell.select_row(0)
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)
    press(qtbot, window, Qt.Key.Key_F4)
    [asked] = dialogs.approvals_asked
    assert asked.title == "Manager approval needed: void a sale or a line"
    assert "Mật ong hoa cà phê" in asked.detail and "180.000 ₫" in asked.detail
    assert set(asked.managers) == {MANAGER, OWNER}  # not the cashier
    assert codes(window) == [TEA]
    [void] = audit(ui_shop, "void")
    assert void.actor == CASHIER and void.detail["approved_by"] == MANAGER
    assert void.detail["product"] == "Mật ong hoa cà phê Đắk Lắk chai 500ml"
    [approval] = audit(ui_shop, "approval")
    assert approval.actor == MANAGER and approval.detail["for"] == CASHIER


def test_without_a_manager_the_line_stays(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, HONEY)
    press(qtbot, window, Qt.Key.Key_F4)  # the cashier gives up (no answer)
    assert codes(window) == [HONEY]
    assert window.sell.banner.text == "Not done: no manager approved it."
    dialogs.approval_answer = (MANAGER, "0000")
    press(qtbot, window, Qt.Key.Key_F4)
    assert dialogs.approval_errors == ["Wrong PIN: 4 tries left"]
    assert codes(window) == [HONEY]
    assert audit(ui_shop, "void") == []


def test_a_manager_at_the_till_removes_a_line_alone_and_it_is_still_logged(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    window.cashier.staff.set_actor(staff.manager)
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    press(qtbot, window, Qt.Key.Key_F4)
    assert dialogs.approvals_asked == []
    assert codes(window) == [HONEY]
    [void] = audit(ui_shop, "void")
    assert void.actor == MANAGER and "approved_by" not in void.detail


def test_voiding_the_whole_sale_needs_a_manager_too(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, CANDY)
    press(qtbot, window, Qt.Key.Key_F9)
    assert dialogs.approvals_asked[0].detail == "Void the sale (2 lines, 225.000 ₫)"
    assert window.model.rowCount() == 2
    dialogs.approval_answer = (OWNER, "2468")
    press(qtbot, window, Qt.Key.Key_F9)
    assert window.model.rowCount() == 0
    assert audit(ui_shop, "void")[0].detail["approved_by"] == OWNER


def test_a_discount_above_the_shops_limit_needs_a_manager(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, HONEY)  # 180.000; the limit is 10 %
    dialogs.discount_answer = DiscountRequest(whole_sale=False, percent=True, value="10")
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.model.cart.total == 162_000 and dialogs.approvals_asked == []
    dialogs.discount_answer = DiscountRequest(whole_sale=True, percent=False, value="10.000")
    press(qtbot, window, Qt.Key.Key_F5)  # 28.000 off 180.000 is more than 10 %
    [asked] = dialogs.approvals_asked
    assert asked.title == "Manager approval needed: a discount above the limit"
    assert asked.detail == "A discount of 28.000 ₫ on 180.000 ₫ (more than 10 %)"
    assert window.model.cart.total == 162_000  # refused: nothing changed
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.model.cart.total == 152_000
    assert audit(ui_shop, "discount") == []  # the approval travels with the sale, and is logged with it
    receipt = window.cashier._complete_sale([Tender(PaymentMethod.CASH, 152_000)])
    assert receipt.total == 152_000 and window.cashier.staff.discount_approval is None
    [logged] = audit(ui_shop, "discount")
    assert logged.detail["discount"] == 28_000 and logged.detail["approved_by"] == MANAGER


def test_the_first_scan_without_a_shift_asks_for_the_float_then_rings_the_item_up(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, ui_shop: Shop
) -> None:
    people = add_staff(ui_shop)
    window.cashier.staff.set_actor(people.cashier)
    scan(qtbot, window, HONEY)
    dialog = window.cashier.staff.shift_dialog
    assert isinstance(dialog, OpenShiftDialog) and dialogs.modal[-1] is True
    assert window.model.rowCount() == 0
    scan(qtbot, window, TEA)  # a second scan while asked waits too
    assert "Open the shift first" in window.sell.banner.text
    dialog.amount.setText("1.000.000")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert codes(window) == [HONEY]
    shift = shift_service(ui_shop).current("Q1")
    assert shift is not None and (shift.float_amount, shift.opened_by) == (1_000_000, CASHIER)
    qtbot.waitUntil(lambda: window.cashier.staff.shift_dialog is None)


def test_cancelling_the_shift_leaves_the_cart_empty_with_a_way_back(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, ui_shop: Shop
) -> None:
    people = add_staff(ui_shop)
    window.cashier.staff.set_actor(people.cashier)
    scan(qtbot, window, HONEY)
    dialog = window.cashier.staff.shift_dialog
    assert dialog is not None
    dialog.amount.setText("-5")
    dialog.run()
    assert dialog.error.text() != "" and dialog.isVisible()  # a bad float is said in the dialog
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert window.model.rowCount() == 0
    assert window.sell.banner.text == "No shift is open: open one to start selling."
    assert window.sell.banner.action_button.text() == "Open shift"


def test_the_receipt_names_the_cashier_signed_in(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, CANDY)
    press(qtbot, window, Qt.Key.Key_F12)
    payment = window.cashier.payment_dialog
    assert payment is not None
    payment.take_cash()
    with qtbot.waitSignal(payment.finished):
        payment.complete()
    assert ui_shop.checkout.receipt("Q1-000001").cashier == CASHIER


def test_nobody_signed_in_means_no_selling(qtbot: QtBot, window: MainWindow, staff: Staff) -> None:
    window.cashier.staff.set_actor(None)
    scan(qtbot, window, HONEY)
    assert window.model.rowCount() == 0
    assert window.sell.banner.text == "Sign in first, then scan the item again."


def test_the_approval_dialog_says_a_wrong_pin_and_stays_then_approves(
    qtbot: QtBot, styled: None, ui_shop: Shop
) -> None:
    people = add_staff(ui_shop)
    staff = cheap_staff(ui_shop)
    request = ApprovalRequest(
        title="Manager approval needed: refund",
        detail="Refund Q1-000007",
        managers=(MANAGER, OWNER),
        approve=lambda name, pin: staff.approve(name, pin, Permission.REFUND, people.cashier, "Refund Q1-000007"),
    )
    dialog = ApprovalDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()  # not exec(): nothing modal in a test
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert dialog.prompt.text() == "Manager: touch your name."
    dialog.pad.submitted.emit("1357")
    assert dialog.pad.message.text() == "Touch the manager's name first."
    qtbot.mouseClick(dialog.picker.buttons[MANAGER], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.pad.hasFocus)
    qtbot.keyClicks(dialog.pad, "1111")
    qtbot.keyClick(dialog.pad, Qt.Key.Key_Return)
    assert dialog.pad.message.text() == "Wrong PIN: 4 tries left" and dialog.isVisible()
    assert QApplication.activeModalWidget() is None
    qtbot.keyClicks(dialog.pad, MANAGER_PIN)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.pad, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.approval is not None
    assert (dialog.approval.manager.name, dialog.approval.permission) == (MANAGER, Permission.REFUND)


# --- settings saved in the back office apply at the till at once ------------------------
def settings_page(window: MainWindow) -> SettingsView:
    window.toggle_back_office()
    window.back_office.open_key("settings")
    view = window.back_office.currentWidget()
    assert isinstance(view, SettingsView)
    return view


def set_discount_limit(window: MainWindow, percent: float) -> None:
    """The manager changes the limit in the back office, saves, and goes back to the till."""
    view = settings_page(window)
    spin = view.form.fields["staff.discount_limit_bp"]
    assert isinstance(spin, QDoubleSpinBox)
    spin.setValue(percent)
    assert view.save(), view.banner.text
    window.toggle_back_office()


def pay_cash(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F12)
    payment = window.cashier.payment_dialog
    assert payment is not None
    payment.take_cash()
    payment.complete()
    assert payment.receipt is not None, payment.error.text()  # refused: the dialog says why and stays
    qtbot.waitUntil(lambda: window.cashier.payment_dialog is None)


def test_a_lower_discount_limit_saved_in_the_back_office_needs_a_manager_at_the_till_at_once(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    scan(qtbot, window, HONEY)  # 180.000; 8 % off is within the shop's 10 %
    dialogs.discount_answer = DiscountRequest(whole_sale=False, percent=True, value="8")
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.model.cart.total == 165_600 and dialogs.approvals_asked == []
    pay_cash(qtbot, window)

    dialogs.approval_answer = (MANAGER, MANAGER_PIN)  # the cashier may not change settings alone
    set_discount_limit(window, 5)
    dialogs.approvals_asked.clear()
    scan(qtbot, window, HONEY)
    press(qtbot, window, Qt.Key.Key_F5)  # the same 8 % is now above the limit
    [asked] = dialogs.approvals_asked
    assert asked.detail == "A discount of 14.400 ₫ on 180.000 ₫ (more than 5 %)"
    assert window.model.cart.total == 165_600
    pay_cash(qtbot, window)
    [logged] = audit(ui_shop, "discount")  # only the second sale's discount was above the limit
    assert logged.detail["limit_bp"] == 500 and logged.detail["approved_by"] == MANAGER
    assert ui_shop.checkout.receipt("Q1-000002").total == 165_600


def test_a_higher_discount_limit_lets_the_cashier_give_it_alone_and_the_sale_goes_through(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, staff: Staff, ui_shop: Shop
) -> None:
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)
    set_discount_limit(window, 20)
    dialogs.approval_answer = None  # no manager near the till now
    dialogs.approvals_asked.clear()
    scan(qtbot, window, HONEY)
    dialogs.discount_answer = DiscountRequest(whole_sale=True, percent=True, value="15")
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.model.cart.total == 153_000 and dialogs.approvals_asked == []
    pay_cash(qtbot, window)  # the checkout holds the cashier to the same 20 % as the till
    assert ui_shop.checkout.receipt("Q1-000001").total == 153_000
    assert audit(ui_shop, "discount") == []
