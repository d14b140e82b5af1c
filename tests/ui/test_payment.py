"""Paying at the till: cash with change, card, VietQR transfer, split tender, printing, and refusals."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from posapp.devices.escpos_printer import EscposPrinter, file_port
from posapp.devices.printers import PrinterError
from posapp.domain import vietqr
from posapp.domain.errors import InvalidInput
from posapp.domain.tender import Tender
from posapp.paths import data_dir
from posapp.services.dto import Receipt
from posapp.settings import BankAccount
from posapp.shop import Shop
from posapp.ui.main_window import MainWindow
from posapp.ui.payment_dialog import CARD, TRANSFER, PaymentDialog
from tests.ui.conftest import HONEY, TEA, FakeDialogs, SwitchablePrinter, open_window, press, scan

TOTAL = 180_000 + 95_000
DRAWER_KICK = b"\x1bp"  # ESC p: the printer pulses the cash drawer open


def open_payment(qtbot: QtBot, window: MainWindow) -> PaymentDialog:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    press(qtbot, window, Qt.Key.Key_F12)
    dialog = window.cashier.payment_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.cash_field.hasFocus)
    return dialog


def enter(qtbot: QtBot, dialog: PaymentDialog) -> None:
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_Return)


def quick_button(dialog: PaymentDialog, text: str) -> QPushButton:
    for button in dialog.quick_buttons():
        if button.text() == text:
            return button
    raise AssertionError(f"no quick button {text!r}")


def test_a_cash_sale_is_saved_with_its_change_and_a_receipt_pdf(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, printer: SwitchablePrinter
) -> None:
    dialog = open_payment(qtbot, window)
    assert dialog in dialogs.presented
    assert dialog.due_label.text() == "275.000 ₫" and dialog.left_label.text() == "275.000 ₫"
    assert dialog.cash_field.text() == "275.000"
    dialog.cash_field.setText("300.000")
    enter(qtbot, dialog)
    assert dialog.change_label.text() == "25.000 ₫" and dialog.complete_button.isEnabled()
    assert "25.000 ₫" in dialog.give_back.text()
    with qtbot.waitSignal(dialog.finished):
        enter(qtbot, dialog)
    receipt = window.shop.checkout.receipt("Q1-000001")
    assert (receipt.total, receipt.change) == (TOTAL, 25_000)
    assert [(p.method, p.amount) for p in receipt.payments] == [("cash", 300_000)]
    assert [line.barcode for line in receipt.lines] == [HONEY, TEA]
    qtbot.waitUntil(lambda: not window.cashier.printing.busy)  # printed in the background
    pdf = data_dir() / "receipts" / "Q1-000001.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and printer.printed == [str(pdf)]
    assert window.model.rowCount() == 0
    assert window.sell.status.text() == "Receipt Q1-000001 — change 25.000 ₫"
    qtbot.waitUntil(lambda: window.cashier.payment_dialog is None and window.sell.scan_field.hasFocus())


def test_quick_tender_buttons_offer_the_notes_and_round_sums(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_payment(qtbot, window)
    texts = [button.text() for button in dialog.quick_buttons()]
    assert texts == [
        "Exact 275.000 ₫",
        "50.000 ₫",
        "100.000 ₫",
        "200.000 ₫",
        "280.000 ₫",
        "300.000 ₫",
        "500.000 ₫",
    ]
    qtbot.mouseClick(quick_button(dialog, "500.000 ₫"), Qt.MouseButton.LeftButton)
    assert dialog.change_label.text() == "225.000 ₫"
    qtbot.mouseClick(dialog.complete_button, Qt.MouseButton.LeftButton)
    assert window.shop.checkout.receipt("Q1-000001").change == 225_000


def test_a_transfer_shows_a_vietqr_code_for_what_is_left_and_money_received_completes(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_payment(qtbot, window)
    qtbot.mouseClick(quick_button(dialog, "100.000 ₫"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F3)
    assert dialog.tabs.currentIndex() == TRANSFER
    panel = dialog.transfer
    payload = panel.payload
    assert vietqr.crc_ok(payload)
    fields = vietqr.parse(payload)
    assert fields["54"] == str(TOTAL - 100_000)
    assert "0011004237596" in fields["38"] and "970436" in fields["38"]
    assert panel.qr.payload == payload and not panel.qr.pixmap().isNull()
    assert panel.amount.text() == "175.000 ₫" and "Vietcombank" in panel.bank.text()
    qtbot.mouseClick(panel.received, Qt.MouseButton.LeftButton)
    assert dialog.book.fully_paid and not panel.received.isEnabled()
    enter(qtbot, dialog)
    receipt = window.shop.checkout.receipt("Q1-000001")
    assert [(p.method, p.amount) for p in receipt.payments] == [("cash", 100_000), ("transfer", 175_000)]
    assert receipt.payments[1].reference == panel.purpose
    assert receipt.change == 0


def test_split_tender_payments_can_be_removed_before_completing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_payment(qtbot, window)
    dialog.cash_field.setText("100.000")
    enter(qtbot, dialog)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F2)
    assert dialog.tabs.currentIndex() == CARD and dialog.card_field.text() == "175.000"
    dialog.card_field.setText("200.000")
    enter(qtbot, dialog)
    assert "cannot be more than what is left" in dialog.error.text()
    dialog.card_field.setText("175.000")
    dialog.card_reference.setText("AP-7731")
    enter(qtbot, dialog)
    assert dialog.tender_list.count() == 2 and dialog.book.fully_paid
    dialog.tender_list.setCurrentRow(0)
    dialog.remove_selected()
    assert [t.amount for t in dialog.book.tenders] == [175_000] and dialog.left_label.text() == "100.000 ₫"
    assert not dialog.complete_button.isEnabled()
    enter(qtbot, dialog)  # on the card tab: takes the 100.000 left by card
    assert dialog.book.fully_paid
    enter(qtbot, dialog)
    receipt = window.shop.checkout.receipt("Q1-000001")
    assert [(p.method, p.amount, p.reference) for p in receipt.payments] == [
        ("card", 175_000, "AP-7731"),
        ("card", 100_000, ""),
    ]


def test_escape_with_payments_listed_asks_twice_and_writes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_payment(qtbot, window)
    qtbot.mouseClick(quick_button(dialog, "50.000 ₫"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "Esc again" in dialog.error.text()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Escape)
    assert window.model.rowCount() == 2
    qtbot.waitUntil(lambda: window.cashier.payment_dialog is None)
    assert window.shop.catalog.search("mat ong")[0].on_hand_milli == 0  # no sale moved stock


def test_a_scan_during_payment_is_refused_and_the_total_stays(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_payment(qtbot, window)
    scan(qtbot, window, HONEY, target=dialog.cash_field)
    assert window.model.cart.total == TOTAL
    assert "Finish or cancel the payment" in window.sell.banner.text
    assert dialog.cash_field.text() == "275.000"


def test_a_printer_failure_keeps_the_sale_and_offers_print_again(
    qtbot: QtBot, window: MainWindow, printer: SwitchablePrinter
) -> None:
    printer.failing = True
    dialog = open_payment(qtbot, window)
    qtbot.mouseClick(quick_button(dialog, "Exact 275.000 ₫"), Qt.MouseButton.LeftButton)
    printing = window.cashier.printing
    with qtbot.waitSignal(printing.failed, timeout=5_000):
        enter(qtbot, dialog)
    assert window.shop.checkout.receipt("Q1-000001").total == TOTAL
    banner = window.sell.banner
    assert banner.text == "Receipt Q1-000001 could not be printed: The printer is out of paper. The sale is saved."
    assert banner.action_button.text() == "Print again" and banner.action_button.isVisible()
    pdf = data_dir() / "receipts" / "Q1-000001.pdf"
    assert not pdf.exists()
    printer.failing = False  # paper put in
    with qtbot.waitSignal(printing.printed, timeout=5_000):
        qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF") and printer.printed == [str(pdf)]
    assert banner.text == ""


class BlockedPrinter:
    """A network printer that takes its time: each job waits until the test lets it through."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.printed: list[str] = []
        self.threads: list[str] = []

    def print_receipt(self, receipt: Receipt) -> str:
        self.threads.append(threading.current_thread().name)
        self.started.set()
        if not self.release.wait(10):
            raise PrinterError("The printer did not answer.")
        self.printed.append(receipt.receipt_no)
        return "192.168.1.50:9100"


def test_a_slow_printer_never_holds_up_the_next_sale(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    printer = BlockedPrinter()
    window = open_window(qtbot, ui_shop, dialogs, printer)
    try:
        dialog = open_payment(qtbot, window)
        with qtbot.waitSignal(dialog.finished):
            qtbot.mouseClick(quick_button(dialog, "Exact 275.000 ₫"), Qt.MouseButton.LeftButton)
            enter(qtbot, dialog)
        assert printer.started.wait(5) and printer.printed == []  # the receipt is stuck in the printer
        qtbot.waitUntil(lambda: window.cashier.payment_dialog is None and window.sell.scan_field.hasFocus())
        scan(qtbot, window, TEA)  # the next customer is rung up meanwhile
        assert [line.item.barcode for line in window.model.cart.lines] == [TEA]
        assert window.cashier.printing.busy and printer.printed == []
        with qtbot.waitSignal(window.cashier.printing.idle, timeout=5_000):
            printer.release.set()
        assert printer.printed == ["Q1-000001"]
        assert threading.main_thread().name not in printer.threads
        assert window.sell.banner.text == ""
    finally:
        printer.release.set()
        window.stop_listening()


def test_the_cash_drawer_opens_with_a_cash_sales_receipt_and_stays_shut_for_a_card_sale(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"  # a thermal printer on a device file, its drawer on the printer's socket
    printer = EscposPrinter(file_port(str(device)), ui_shop.settings.shop, raster=False)
    window = open_window(qtbot, ui_shop, dialogs, printer)
    try:
        dialog = open_payment(qtbot, window)
        with qtbot.waitSignal(window.cashier.printing.printed, timeout=5_000):
            qtbot.mouseClick(quick_button(dialog, "Exact 275.000 ₫"), Qt.MouseButton.LeftButton)
            enter(qtbot, dialog)
        assert DRAWER_KICK in device.read_bytes() and b"Q1-000001" in device.read_bytes()
        qtbot.waitUntil(lambda: window.cashier.payment_dialog is None)
        dialog = open_payment(qtbot, window)
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F2)
        with qtbot.waitSignal(window.cashier.printing.printed, timeout=5_000):
            enter(qtbot, dialog)  # the whole sum by card
            enter(qtbot, dialog)
        assert b"Q1-000002" in device.read_bytes() and DRAWER_KICK not in device.read_bytes()
    finally:
        window.stop_listening()


def test_f12_on_an_empty_cart_opens_nothing(qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs) -> None:
    press(qtbot, window, Qt.Key.Key_F12)
    assert window.cashier.payment_dialog is None and dialogs.presented == []


# --- the dialog on its own ----------------------------------------------------------------
def refusing(tenders: Sequence[Tender]) -> Receipt:
    raise InvalidInput("The till is closed.")


def test_a_refused_sale_shows_why_and_the_dialog_stays(qtbot: QtBot, styled: None) -> None:
    dialog = PaymentDialog(50_000, refusing, BankAccount(), "Shop 1200")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cash_field.setText("50.000")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    completed: list[object] = []
    dialog.completed.connect(completed.append)
    qtbot.keyClick(dialog.complete_button, Qt.Key.Key_Return)
    assert dialog.error.text() == "The till is closed." and dialog.isVisible()
    assert completed == [] and dialog.receipt is None


def test_without_a_bank_account_the_transfer_tab_says_where_to_set_it(qtbot: QtBot, styled: None) -> None:
    dialog = PaymentDialog(50_000, refusing, BankAccount(), "Shop 1200")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(TRANSFER)
    panel = dialog.transfer
    assert "No bank account is set" in panel.notice.text() and panel.notice.isVisible()
    assert panel.payload == "" and not panel.received.isEnabled()


def test_a_malformed_bank_setting_is_explained_not_crashed_on(qtbot: QtBot, styled: None) -> None:
    dialog = PaymentDialog(50_000, refusing, BankAccount(bin="97043", account="123"), "Shop 1200")
    qtbot.addWidget(dialog)
    assert "6-digit NAPAS BIN" in dialog.transfer.notice.text()
    assert not dialog.transfer.received.isEnabled()


def test_while_paying_the_cart_cannot_change(qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs) -> None:
    dialog = open_payment(qtbot, window)
    assert dialogs.modal == [True]
    assert not any(action.isEnabled() for action in window.cashier.actions.values())
    assert not window.sell.scan_field.isEnabled() and not window.buttons["remove"].isEnabled()
    window.cashier.actions["remove"].trigger()  # a disabled action does nothing
    assert window.model.rowCount() == 2
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert window.cashier.actions["remove"].isEnabled() and window.sell.scan_field.isEnabled()
    qtbot.waitUntil(window.sell.scan_field.hasFocus)
