"""The day's close on screen: takings, refunds, payment methods, VAT by rate; its PDF printed or saved."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod
from posapp.services.checkout import RefundRequest
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.daily_summary_view import DailySummaryView
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs
from tests.ui.report_helpers import column_texts, local, sell


def sell_today(shop: Shop) -> None:
    """Today: 360.000 ₫ cash and 95.000 ₫ by card, one honey of the cash sale refunded; a sale yesterday."""
    today = shop.clock.local_day(shop.clock.now())
    sell(shop, local(shop, today - timedelta(days=1), 10), (CANDY, 2))
    cash = sell(shop, None, (HONEY, 2))
    sell(shop, None, (TEA, 1), method=PaymentMethod.CARD)
    shop.checkout.refund(cash.receipt_no, [RefundRequest(HONEY, 1_000)], till="Q1", actor=COMMAND_LINE)


def open_summary(qtbot: QtBot, shop: Shop, opened: list[Path], save_to: Path | None = None) -> DailySummaryView:
    view = DailySummaryView(
        ViewContext(shop, FakeDialogs(), lambda: COMMAND_LINE),
        save_path=lambda suggested, file_filter: None if save_to is None else save_to / suggested,
        open_file=opened.append,
    )
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.summary is not None and not view.runner.is_busy)
    return view


def test_the_days_figures(qtbot: QtBot, styled: None, ui_shop: Shop, qtmodeltester: ModelTester) -> None:
    sell_today(ui_shop)
    view = open_summary(qtbot, ui_shop, [])
    assert view.figure("revenue") == "275.000 ₫"
    assert view.figure("sales") == "455.000 ₫"
    assert view.figure("refunds") == "-180.000 ₫"
    assert view.figure("receipts") == "2" and view.figure("refund_receipts") == "1"
    assert view.figure("average") == "227.500 ₫"
    for model in (view.payments, view.vat, view.cooperatives):
        qtmodeltester.check(model)
    payments = dict(zip(column_texts(view.payments, 0), column_texts(view.payments, 2), strict=True))
    assert payments == {"Cash": "180.000 ₫", "Card": "95.000 ₫"}
    assert column_texts(view.vat, 0) == ["8 %"] and column_texts(view.vat, 1) == ["275.000 ₫"]
    assert column_texts(view.cooperatives, 0) == ["HTX Cà phê Ea Tu", "HTX Sen Tháp Mười"]
    assert view.banner.text == ""


def test_the_day_before_is_one_click_away(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_today(ui_shop)
    view = open_summary(qtbot, ui_shop, [])
    qtbot.mouseClick(view.earlier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summary is not None and view.summary.day == view.day.day() and not view.is_busy)
    assert view.figure("revenue") == "90.000 ₫" and view.figure("receipts") == "1"
    assert column_texts(view.payments, 0) == ["Cash"]


def test_print_opens_the_summary_pdf_and_save_writes_where_asked(
    qtbot: QtBot, ui_shop: Shop, tmp_path: Path
) -> None:
    sell_today(ui_shop)
    opened: list[Path] = []
    view = open_summary(qtbot, ui_shop, opened, save_to=tmp_path)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    text = "".join(page.extract_text() for page in PdfReader(opened[0]).pages)
    assert "Cửa hàng thử" in text and "275.000" in text
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_busy and "saved" in view.banner.text)
    saved = list(tmp_path.glob("*.pdf"))
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"%PDF")
    assert opened == [opened[0]]  # saving does not open the file
