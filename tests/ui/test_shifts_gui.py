"""Shifts in the back office: open with a float, cash in and out, count the drawer note by note, X and Z reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.devices.printers import PrinterError
from posapp.documents.roll import Block
from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.shop import Shop
from posapp.ui.cash_count import CountSheet
from posapp.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from posapp.ui.shift_report_dialog import ShiftReportDialog
from posapp.ui.shift_view import ShiftView
from posapp.ui.staffing import shift_service
from tests.ui.conftest import HONEY, FakeDialogs
from tests.ui.staff_helpers import CASHIER, MANAGER, Staff, add_staff, audit, context_for


@pytest.fixture
def people(ui_shop: Shop) -> Staff:
    return add_staff(ui_shop)


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, people: Staff) -> ShiftView:
    view = ShiftView(context_for(shop, dialogs, people.manager))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def sell_for_cash(shop: Shop, paid: int) -> None:
    cart = Cart()
    cart.add(shop.catalog.lookup(HONEY).item)  # 180.000
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, paid)], "Q1", cashier=CASHIER, actor=COMMAND_LINE)


def test_the_count_sheet_adds_up_each_note_and_shows_the_variance_in_colour(qtbot: QtBot, styled: None) -> None:
    sheet = CountSheet(expected=1_230_000)
    qtbot.addWidget(sheet)
    assert list(sheet.spins)[:3] == [500_000, 200_000, 100_000] and list(sheet.spins)[-1] == 500
    sheet.set_count(500_000, 2)
    sheet.set_count(200_000, 1)
    sheet.set_count(10_000, 3)
    assert sheet.line_totals[500_000].text() == "1.000.000 ₫"
    assert sheet.line_totals[10_000].text() == "30.000 ₫"
    assert sheet.counted_label.text() == "1.230.000 ₫" and sheet.counts() == {500_000: 2, 200_000: 1, 10_000: 3}
    assert (sheet.variance_caption.text(), sheet.variance_label.text()) == ("The drawer is right", "0 ₫")
    assert sheet.variance_frame.property("tone") == "even"
    sheet.set_count(10_000, 1)
    assert (sheet.variance_caption.text(), sheet.variance_label.text()) == ("Short", "−20.000 ₫")
    assert sheet.variance_frame.property("tone") == "short"
    sheet.set_count(500, 4)
    sheet.set_count(50_000, 1)
    assert sheet.variance() == 32_000 and sheet.variance_label.text() == "+32.000 ₫"
    assert sheet.variance_frame.property("tone") == "over"


def test_opening_moving_cash_and_closing_with_a_count_gives_the_z_report(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, people)
    assert view.status.text() == "No shift is open at this till."
    assert not view.close_button.isEnabled() and view.open_button.isEnabled()
    view.open_button.click()
    opening = dialogs.presented[-1]
    assert isinstance(opening, OpenShiftDialog)
    opening.amount.setText("1.000.000")
    with qtbot.waitSignal(opening.finished):
        opening.run()
    assert view.status.text().startswith("Open since") and view.close_button.isEnabled()
    sell_for_cash(ui_shop, 200_000)  # 180.000 stays in the drawer, 20.000 went back as change
    view.cash_out_button.click()
    paying = dialogs.presented[-1]
    assert isinstance(paying, CashMoveDialog)
    paying.amount.setText("50.000")
    paying.run()
    assert paying.error.text() == "Say why the cash moves." and paying.isVisible()
    paying.reason.setEditText("Trả HTX Sen Tháp Mười")
    with qtbot.waitSignal(paying.finished):
        paying.run()
    assert "Recorded: 50.000 ₫" in view.banner.text
    view.close_button.click()
    closing = dialogs.presented[-1]
    assert isinstance(closing, CloseShiftDialog)
    assert closing.sheet.expected_label.text() == "1.130.000 ₫"  # 1.000.000 + 180.000 − 50.000
    closing.sheet.set_count(500_000, 2)
    closing.sheet.set_count(100_000, 1)
    closing.sheet.set_count(20_000, 1)
    closing.run()  # 10.000 short: the first Enter only warns
    assert closing.isVisible() and "short by 10.000 ₫" in closing.error.text()
    assert shift_service(ui_shop).current("Q1") is not None
    with qtbot.waitSignal(closing.finished):
        closing.run()
    assert shift_service(ui_shop).current("Q1") is None
    report_dialog = view.report_dialog
    assert isinstance(report_dialog, ShiftReportDialog) and report_dialog in dialogs.presented
    report = report_dialog.report
    assert (report.expected_cash, report.counted_cash, report.variance) == (1_130_000, 1_120_000, -10_000)
    assert report.counts == {500_000: 2, 100_000: 1, 20_000: 1}
    text = report_dialog.preview.toPlainText()
    assert "Z REPORT" in text.upper() and "1.120.000" in text
    assert report_dialog.saved is not None and report_dialog.saved.read_bytes().startswith(b"%PDF")
    assert [entry.actor for entry in audit(ui_shop, "shift close")] == [MANAGER]
    assert view.status.text() == "No shift is open at this till."


def test_the_x_report_shows_the_figures_so_far_and_leaves_the_shift_open(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff
) -> None:
    shift_service(ui_shop).open("Q1", 300_000, people.cashier)
    sell_for_cash(ui_shop, 180_000)
    view = open_view(qtbot, ui_shop, dialogs, people)
    view.x_button.click()
    shown = dialogs.presented[-1]
    assert isinstance(shown, ShiftReportDialog)
    assert shown.report.closed_at is None and shown.report.expected_cash == 480_000
    assert "X report" in shown.windowTitle()
    assert shift_service(ui_shop).current("Q1") is not None


def test_recent_shifts_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff
) -> None:
    shifts = shift_service(ui_shop)
    shifts.open("Q1", 0, people.cashier)
    shifts.close("Q1", 0, people.cashier)
    shifts.open("Q1", 100_000, people.manager)
    view = open_view(qtbot, ui_shop, dialogs, people)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 2
    rows = [[view.model.index(r, c).data() for c in (2, 3, 4)] for r in range(2)]
    assert rows[0] == [MANAGER, "100.000 ₫", "open"] and rows[1][:2] == [CASHIER, "0 ₫"]


class RollSpy:
    """A receipt printer at the device edge that can print any roll document; records what it was given."""

    def __init__(self) -> None:
        self.printed: list[tuple[str, int]] = []
        self.out_of_paper = False

    def print_document(self, blocks: Sequence[Block], name: str) -> str:
        if self.out_of_paper:
            raise PrinterError("The printer is out of paper.")
        self.printed.append((name, len(blocks)))
        return "printer Q1"


def test_the_z_report_prints_on_the_receipt_printer_and_says_when_it_cannot(
    qtbot: QtBot, styled: None, ui_shop: Shop, people: Staff
) -> None:
    shifts = shift_service(ui_shop)
    shifts.open("Q1", 200_000, people.cashier)
    report = shifts.close("Q1", {100_000: 2}, people.cashier)
    printer = RollSpy()
    dialog = ShiftReportDialog(report, ui_shop.settings, printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_button.isVisible()
    dialog.print_button.click()
    assert printer.printed and printer.printed[0][0] == f"shift-{report.shift_id}-z"
    assert dialog.message.text() == "Printed: printer Q1"
    printer.out_of_paper = True
    dialog.print_button.click()
    assert dialog.message.text() == "The report could not be printed: The printer is out of paper."
    plain = ShiftReportDialog(report, ui_shop.settings, object())  # a printer that prints receipts only
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.print_button.isVisible() and plain.save_button.isVisible()
