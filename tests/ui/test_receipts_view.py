"""The receipts screen: find a past receipt by number, day or amount, read its lines, print it again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.devices.printers import PdfFilePrinter
from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.dto import Receipt
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.receipts_model import ReceiptLinesModel, ReceiptListModel
from posapp.ui.receipts_view import ReceiptsView
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs, SwitchablePrinter

MORNING = datetime(2026, 6, 1, 1, 30, tzinfo=UTC)  # 08:30 in the shop
EVENING = datetime(2026, 6, 2, 12, 45, tzinfo=UTC)  # 19:45 in the shop


def sell(shop: Shop, at: datetime, *codes: str, cashier: str = "Lan") -> Receipt:
    cart = Cart()
    for code in codes:
        cart.add(shop.catalog.lookup(code).item)
    return shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, cart.total + 5_000)], "Q1", at=at, cashier=cashier, actor=COMMAND_LINE
    )


@pytest.fixture
def view(qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter) -> ReceiptsView:
    sell(ui_shop, MORNING, HONEY, TEA)  # Q1-000001: 275.000 ₫
    sell(ui_shop, EVENING, CANDY, cashier="Minh")  # Q1-000002: 45.000 ₫
    shown = ReceiptsView(ViewContext(ui_shop, dialogs, lambda: COMMAND_LINE), printer=printer)
    qtbot.addWidget(shown)
    shown.show()
    shown.refresh()
    return shown


def cells(model: ReceiptListModel | ReceiptLinesModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_list_shows_newest_first_and_the_first_receipt_opens(
    view: ReceiptsView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.list_model, force_py=True)
    qtmodeltester.check(view.lines_model, force_py=True)
    model = view.list_model
    assert cells(model, ReceiptListModel.NUMBER) == ["Q1-000002", "Q1-000001"]
    first_row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first_row == ["Q1-000002", "02/06/2026 19:45", "Q1", "Minh", "45.000 ₫", "Sale"]
    assert view.title.text() == "Sale receipt Q1-000002"
    assert cells(view.lines_model, ReceiptLinesModel.PRODUCT) == ["Kẹo dừa Bến Tre vị sữa gói 400g"]
    assert "Total 45.000 ₫" in view.totals.text() and "Change 5.000 ₫" in view.totals.text()
    assert view.status.text() == "2 receipts found."


def test_choosing_another_receipt_shows_its_lines(qtbot: QtBot, view: ReceiptsView) -> None:
    view.list.selectRow(1)
    assert view.title.text() == "Sale receipt Q1-000001"
    assert cells(view.lines_model, ReceiptLinesModel.PRODUCT) == [
        "Mật ong hoa cà phê Đắk Lắk chai 500ml",
        "Trà tim sen Tháp Mười hộp 100g",
    ]
    assert cells(view.lines_model, ReceiptLinesModel.AMOUNT) == ["180.000 ₫", "95.000 ₫"]
    assert "Cashier: Lan" in view.facts.text() and "01/06/2026 08:30" in view.facts.text()


def test_search_by_number_day_and_amount(qtbot: QtBot, view: ReceiptsView) -> None:
    qtbot.keyClicks(view.number_field, "1")
    qtbot.keyClick(view.number_field, Qt.Key.Key_Return)
    assert cells(view.list_model, ReceiptListModel.NUMBER) == ["Q1-000001"]
    view.number_field.clear()
    view.day_check.setChecked(True)
    view.day_field.setDate(QDate(2026, 6, 2))
    qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert cells(view.list_model, ReceiptListModel.NUMBER) == ["Q1-000002"]
    view.day_check.setChecked(False)
    qtbot.keyClicks(view.amount_field, "275.000")
    qtbot.keyClick(view.amount_field, Qt.Key.Key_Return)
    assert cells(view.list_model, ReceiptListModel.NUMBER) == ["Q1-000001"]
    view.amount_field.setText("12.345")
    view.run_search()
    assert view.list_model.rowCount() == 0
    assert view.status.text() == "No receipt matches."
    assert view.title.text() == "Choose a receipt to see its lines."
    assert not view.print_button.isEnabled()


def test_a_refund_is_listed_as_one_and_names_its_sale(ui_shop: Shop, view: ReceiptsView) -> None:
    ui_shop.checkout.refund("Q1-000002", at=EVENING, actor=COMMAND_LINE)
    view.refresh()
    assert cells(view.list_model, ReceiptListModel.KIND)[0] == "Refund"
    assert "Refund of receipt Q1-000002" in view.facts.text()
    assert cells(view.list_model, ReceiptListModel.TOTAL)[0] == "-45.000 ₫"


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [("amount_field", "mười nghìn", "is not an amount in dong"), ("number_field", "Q1 2", "not a receipt number")],
)
def test_bad_search_text_is_explained(view: ReceiptsView, field: str, text: str, message: str) -> None:
    getattr(view, field).setText(text)
    view.run_search()
    assert message in view.banner.text
    assert view.list_model.rowCount() == 0


def test_print_again_sends_the_receipt_to_the_printer(
    qtbot: QtBot, view: ReceiptsView, printer: SwitchablePrinter
) -> None:
    view.list.selectRow(1)
    view.print_button.click()
    qtbot.waitUntil(lambda: "printed again" in view.banner.text, timeout=10_000)
    assert len(printer.printed) == 1 and Path(printer.printed[0]).name == "Q1-000001.pdf"
    assert Path(printer.printed[0]).exists()
    assert view.banner.text == f"Receipt Q1-000001 printed again: {printer.printed[0]}"


def test_a_configured_printer_marks_the_copy_as_a_reprint(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    sell(ui_shop, MORNING, HONEY)
    pdf_printer = PdfFilePrinter(tmp_path, ui_shop.settings.shop, ui_shop.settings.bank)
    shown = ReceiptsView(ViewContext(ui_shop, dialogs, lambda: COMMAND_LINE), printer=pdf_printer)
    qtbot.addWidget(shown)
    shown.refresh()
    shown.print_button.click()
    qtbot.waitUntil(lambda: "printed again" in shown.banner.text, timeout=10_000)
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["Q1-000001-reprint.pdf"]


def test_a_printer_out_of_paper_is_reported(qtbot: QtBot, view: ReceiptsView, printer: SwitchablePrinter) -> None:
    printer.failing = True
    view.print_button.click()
    qtbot.waitUntil(lambda: "could not be printed" in view.banner.text, timeout=10_000)
    assert view.banner.text == "Receipt Q1-000002 could not be printed: The printer is out of paper."
