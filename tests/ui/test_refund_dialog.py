"""Refunds from the past receipts screen: choose the items, a manager's PIN for a cashier, the receipt printed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QSpinBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE, Actor
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.dto import Receipt
from posapp.services.receipts import ReceiptSearch
from posapp.shop import Shop
from posapp.ui.receipts_model import ReceiptListModel
from posapp.ui.receipts_view import ReceiptsView
from posapp.ui.refund_dialog import RefundDialog, RefundLinesModel
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs, SwitchablePrinter, shrimp_label
from tests.ui.staff_helpers import CASHIER, MANAGER, MANAGER_PIN, OWNER, Staff, add_staff, audit, context_for

SOLD_AT = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)  # 09:00 in the shop


def sell(shop: Shop, *codes: str, method: PaymentMethod = PaymentMethod.CASH) -> Receipt:
    cart = Cart()
    for code in codes:
        found = shop.catalog.lookup(code)
        cart.add(found.item, found.qty_milli)
    return shop.checkout.complete_sale(
        cart, [Tender(method, cart.total)], "Q1", at=SOLD_AT, cashier=CASHIER, actor=COMMAND_LINE
    )


def on_hand(shop: Shop, code: str) -> int:
    return shop.inventory.level(code).on_hand_milli


def receipt_count(shop: Shop) -> int:
    return len(ReceiptSearch(shop.sessions, shop.clock).find_receipts())


@pytest.fixture
def staff(ui_shop: Shop) -> Staff:
    return add_staff(ui_shop)


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, actor: Actor) -> ReceiptsView:
    view = ReceiptsView(context_for(shop, dialogs, actor), printer=printer)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def open_refund(view: ReceiptsView, dialogs: FakeDialogs) -> RefundDialog:
    view.refund_button.click()
    dialog = view.refund_dialog
    assert isinstance(dialog, RefundDialog) and dialogs.presented[-1] is dialog
    assert dialogs.modal[-1] is True
    return dialog


def spin(dialog: RefundDialog, row: int) -> QSpinBox:
    editor = dialog.editors[row]
    assert isinstance(editor, QSpinBox)
    return editor


def column(model: RefundLinesModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_a_cashier_refunds_one_of_two_with_a_managers_pin(
    qtbot: QtBot,
    styled: None,
    ui_shop: Shop,
    dialogs: FakeDialogs,
    printer: SwitchablePrinter,
    staff: Staff,
    qtmodeltester: ModelTester,
) -> None:
    sale = sell(ui_shop, HONEY, CANDY, CANDY)  # 180.000 + 2 × 45.000
    candy_before = on_hand(ui_shop, CANDY)
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.cashier)
    dialog = open_refund(view, dialogs)
    qtmodeltester.check(dialog.model, force_py=True)
    assert column(dialog.model, RefundLinesModel.SOLD) == ["1 chai", "2 gói"]
    assert dialog.total_label.text() == "270.000 ₫"  # everything, until the cashier says otherwise
    assert dialog.method.currentText() == "Cash"
    spin(dialog, 0).setValue(0)
    spin(dialog, 1).setValue(1)
    assert dialog.total_label.text() == "45.000 ₫"
    assert column(dialog.model, RefundLinesModel.AMOUNT) == ["", "45.000 ₫"]
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    [asked] = dialogs.approvals_asked
    assert asked.title == "Manager approval needed: refund"
    assert asked.detail == f"Refund 45.000 ₫ of receipt {sale.receipt_no}"
    assert set(asked.managers) == {MANAGER, OWNER}
    refund = ui_shop.checkout.receipt("Q1-000002")
    assert refund.kind == "refund" and refund.original_receipt_no == sale.receipt_no
    assert refund.total == -45_000 and [line.qty_milli for line in refund.lines] == [-1_000]
    assert refund.cashier == CASHIER and refund.payments[0].method == "cash"
    assert on_hand(ui_shop, CANDY) == candy_before + 1_000
    [logged] = audit(ui_shop, "refund")
    assert logged.actor == CASHIER and logged.detail["approved_by"] == MANAGER
    # The list shows the new refund, chosen; the money to pay back is said; the customer's copy is printed.
    assert view.list_model.receipt(0).receipt_no == "Q1-000002"
    assert view.title.text() == "Refund receipt Q1-000002"
    qtbot.waitUntil(lambda: "Printed:" in view.banner.text, timeout=10_000)
    assert view.banner.text == (
        f"Refund receipt Q1-000002 written: pay back 45.000 ₫ (Cash). Printed: {printer.printed[-1]}"
    )
    assert Path(printer.printed[-1]).name == "Q1-000002.pdf"


def test_no_manager_means_nothing_is_refunded(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, staff: Staff
) -> None:
    sell(ui_shop, HONEY, TEA)
    honey_before = on_hand(ui_shop, HONEY)
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.cashier)
    dialog = open_refund(view, dialogs)
    dialog.confirm_button.click()  # the cashier cancels the approval
    assert len(dialogs.approvals_asked) == 1
    assert dialog.error.text() == "Nothing was refunded: no manager approved it."
    assert dialog.isVisible()
    dialogs.approval_answer = (MANAGER, "0000")
    dialog.confirm_button.click()
    assert dialogs.approval_errors == ["Wrong PIN: 4 tries left"]
    assert receipt_count(ui_shop) == 1 and on_hand(ui_shop, HONEY) == honey_before
    assert audit(ui_shop, "refund") == [] and printer.printed == []


def test_a_manager_refunds_alone_the_way_it_was_paid(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, staff: Staff
) -> None:
    sell(ui_shop, TEA, method=PaymentMethod.CARD)
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.manager)
    dialog = open_refund(view, dialogs)
    assert dialog.method.currentText() == "Card"
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(spin(dialog, 0), Qt.Key.Key_Return)  # Enter confirms
    assert dialogs.approvals_asked == []
    refund = ui_shop.checkout.receipt("Q1-000002")
    assert refund.total == -95_000 and refund.payments[0].method == "card"
    assert refund.cashier == MANAGER
    assert "approved_by" not in audit(ui_shop, "refund")[0].detail


def test_weighed_items_go_back_whole_and_the_method_can_change(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, staff: Staff
) -> None:
    sell(ui_shop, shrimp_label(350), CANDY)  # 437.500 + 45.000
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.owner)
    dialog = open_refund(view, dialogs)
    shrimp = dialog.editors[0]
    assert isinstance(shrimp, QCheckBox) and shrimp.isChecked()
    assert shrimp.text() == "All 0,350 kg"
    spin(dialog, 1).setValue(0)
    assert dialog.total_label.text() == "437.500 ₫"
    dialog.method.setCurrentIndex(dialog.method.findText("Bank transfer"))
    with qtbot.waitSignal(dialog.finished):
        dialog.confirm_button.click()
    refund = ui_shop.checkout.receipt("Q1-000002")
    assert [line.qty_milli for line in refund.lines] == [-350]
    assert (refund.total, refund.payments[0].method) == (-437_500, "transfer")


def test_what_was_refunded_before_is_shown_and_nothing_left_is_said(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, staff: Staff
) -> None:
    sale = sell(ui_shop, CANDY, CANDY, TEA)
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.owner)
    dialog = open_refund(view, dialogs)
    spin(dialog, 1).setValue(0)
    spin(dialog, 0).setValue(1)
    with qtbot.waitSignal(dialog.finished):
        dialog.confirm_button.click()
    view.list.selectRow(view.list_model.rowCount() - 1)  # the sale again
    dialog = open_refund(view, dialogs)
    assert column(dialog.model, RefundLinesModel.BEFORE) == ["1 gói", ""]
    assert spin(dialog, 0).maximum() == 1 and spin(dialog, 0).value() == 1
    for row in range(2):
        spin(dialog, row).setValue(0)
    dialog.confirm_button.click()
    assert dialog.error.text() == "Choose what to refund: set a quantity on at least one line."
    spin(dialog, 0).setValue(1)
    spin(dialog, 1).setValue(1)
    assert dialog.error.text() == "" and dialog.total_label.text() == "140.000 ₫"
    with qtbot.waitSignal(dialog.finished):
        dialog.confirm_button.click()
    view.list.selectRow(view.list_model.rowCount() - 1)
    dialog = open_refund(view, dialogs)
    assert dialog.error.text() == f"Everything on receipt {sale.receipt_no} has already been refunded."
    assert not dialog.confirm_button.isEnabled() and dialog.total_label.text() == "0 ₫"
    assert all(not editor.isEnabled() for editor in dialog.editors)
    view.list.selectRow(0)  # a refund receipt cannot be refunded
    assert view.list_model.index(0, ReceiptListModel.KIND).data() == "Refund"
    assert not view.refund_button.isEnabled()


def test_a_refund_that_has_become_impossible_is_explained_in_the_dialog(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, staff: Staff
) -> None:
    sale = sell(ui_shop, TEA)
    view = open_view(qtbot, ui_shop, dialogs, printer, staff.owner)
    dialog = open_refund(view, dialogs)
    ui_shop.checkout.refund(sale.receipt_no, actor=staff.owner)  # another till got there first
    dialog.confirm_button.click()
    assert dialog.error.text() == (
        f"Only 0 hộp of “Trà tim sen Tháp Mười hộp 100g” can still be refunded on receipt {sale.receipt_no}."
    )
    assert dialog.isVisible() and receipt_count(ui_shop) == 2
    assert column(dialog.model, RefundLinesModel.BEFORE) == ["1 hộp"]  # what the other till did shows now
    assert not dialog.confirm_button.isEnabled()
