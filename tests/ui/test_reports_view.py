"""The reports screen: a period's sales by cooperative with change, drill-down, charts, sellers, presets."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.periods import Preset
from posapp.domain.staff import Actor, Role
from posapp.services.report_dto import Grouping
from posapp.shop import Shop
from posapp.ui.report_saving import FileKind
from posapp.ui.reports_view import ReportsView
from tests.ui.conftest import HONEY, TEA
from tests.ui.report_helpers import (
    EA_TU,
    KEO_DUA,
    NOVEMBER,
    OCTOBER,
    SEN,
    HeldReports,
    column_texts,
    local,
    open_reports,
    sell,
    sell_november,
    show_period,
)

REVENUE, CHANGE = 2, 7  # columns of the cooperative table (name, province, revenue … change)


def double_click(qtbot: QtBot, view: ReportsView, row: int) -> None:
    table = view.table
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.is_busy)


def test_november_by_cooperative_with_totals_and_change(
    qtbot: QtBot, styled: None, ui_shop: Shop, qtmodeltester: ModelTester
) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    show_period(qtbot, view, *NOVEMBER)
    model = view.sales_model
    qtmodeltester.check(model)
    assert column_texts(model, 0) == [EA_TU, KEO_DUA, SEN, "Total"]
    assert column_texts(model, REVENUE) == ["540.000 ₫", "135.000 ₫", "95.000 ₫", "770.000 ₫"]
    assert column_texts(model, CHANGE) == ["▲ 200,0 %", "▼ 25,0 %", "new", "▲ 113,9 %"]
    assert column_texts(model, 4) == ["2", "1", "1", "3"]  # receipts: the 3 November sales
    assert "Total: <b>770.000 ₫</b>" in view.totals_label.text()
    assert view.period_label.text() == "01/11/2025 – 30/11/2025 · compared with 02/10/2025 – 31/10/2025"
    assert view.banner.text == ""


def test_clicking_a_column_sorts_it_and_the_totals_stay_last(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    show_period(qtbot, view, *NOVEMBER)
    header = view.table.horizontalHeader()
    revenue_header = QPoint(header.sectionViewportPosition(REVENUE) + 8, 8)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=revenue_header)
    assert column_texts(view.sales_model, REVENUE) == ["95.000 ₫", "135.000 ₫", "540.000 ₫", "770.000 ₫"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=revenue_header)
    assert column_texts(view.sales_model, REVENUE) == ["540.000 ₫", "135.000 ₫", "95.000 ₫", "770.000 ₫"]
    assert column_texts(view.sales_model, 0)[-1] == "Total"


def test_drill_from_a_cooperative_to_its_products_to_the_receipts_and_back(
    qtbot: QtBot, ui_shop: Shop, qtmodeltester: ModelTester
) -> None:
    receipts = sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    show_period(qtbot, view, *NOVEMBER)
    assert view.hint.isVisible()

    double_click(qtbot, view, 0)  # HTX Cà phê Ea Tu
    assert view.crumb_titles() == ["All sales", EA_TU]
    assert view.sales_model.by is Grouping.PRODUCT
    assert column_texts(view.sales_model, 0) == ["Mật ong hoa cà phê Đắk Lắk chai 500ml", "Total"]
    assert view.back_button.isEnabled() and not view.filters.grouping.isEnabled()

    double_click(qtbot, view, 0)  # the honey
    assert view.table.model() is view.receipts_model
    qtmodeltester.check(view.receipts_model)
    assert column_texts(view.receipts_model, 0) == [receipts[2].receipt_no, receipts[0].receipt_no]  # newest first
    assert column_texts(view.receipts_model, 1) == ["05/11/2025 16:00", "03/11/2025 10:00"]
    assert column_texts(view.receipts_model, 3) == ["Minh", "Lan"]
    assert not view.export_buttons[next(iter(view.export_buttons))].isEnabled()
    assert not view.hint.isVisible()

    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.crumb_titles() == ["All sales", EA_TU] and view.table.model() is view.sales_model

    crumbs = [button for button in view.findChildren(QPushButton, "crumb") if button.isVisible()]
    qtbot.mouseClick(next(b for b in crumbs if b.text() == "All sales"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.crumb_titles() == ["All sales"] and not view.back_button.isEnabled()
    assert column_texts(view.sales_model, 0) == [EA_TU, KEO_DUA, SEN, "Total"]


def test_a_product_grouping_drills_straight_to_receipts(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    view.filters.set_grouping(Grouping.PRODUCT)
    show_period(qtbot, view, *NOVEMBER)
    assert view.sales_model.column_headers()[:2] == ["Product", "Cooperative"]
    double_click(qtbot, view, 0)
    assert view.table.model() is view.receipts_model and view.receipts_model.rowCount() == 2


def test_groupings_without_a_drill_down_ignore_double_clicks(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    view.filters.set_grouping(Grouping.PAYMENT)
    show_period(qtbot, view, *NOVEMBER)
    assert column_texts(view.sales_model, 0) == ["Cash", "Card", "Total"]
    assert not view.hint.isVisible()
    double_click(qtbot, view, 0)
    assert view.crumb_titles() == ["All sales"]


def test_charts_and_sellers_show_the_periods_figures(
    qtbot: QtBot, ui_shop: Shop, qtmodeltester: ModelTester
) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    show_period(qtbot, view, *NOVEMBER)
    assert view.charts.bars.values() == [(EA_TU, 540_000), (KEO_DUA, 135_000), (SEN, 95_000)]
    days = view.charts.line.values()
    assert len(days) == 30 and days[0] == (date(2025, 11, 1), 0)
    assert [entry for entry in days if entry[1]] == [(date(2025, 11, 3), 455_000), (date(2025, 11, 5), 315_000)]
    assert view.charts.shares.values() == [("Food · 100,0 %", 770_000)]
    sellers = view.sellers
    for model in (sellers.top_model, sellers.bottom_model, sellers.slow_model):
        qtmodeltester.check(model)
    assert column_texts(sellers.top_model, 0)[0] == "Mật ong hoa cà phê Đắk Lắk chai 500ml"
    assert column_texts(sellers.bottom_model, 0)[0] == "Trà tim sen Tháp Mười hộp 100g"
    assert column_texts(sellers.slow_model, 0) == ["Nước mắm Phú Quốc 40 độ đạm chai 500ml"]
    assert column_texts(sellers.slow_model, 4) == ["never"]
    assert sellers.tabText(2) == "Slow movers (1)"


def test_presets_are_counted_in_the_shops_days(qtbot: QtBot, ui_shop: Shop) -> None:
    clock = ui_shop.clock
    today = clock.local_day(clock.now())
    sell(ui_shop, local(ui_shop, today - timedelta(days=1), 10), (HONEY, 1))
    sell(ui_shop, None, (TEA, 1))
    view = open_reports(qtbot, ui_shop)
    view.refresh()  # opens on today
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.filters.current_preset() is Preset.TODAY
    assert column_texts(view.sales_model, REVENUE) == ["95.000 ₫", "95.000 ₫"]

    combo = view.filters.preset
    combo.setCurrentIndex(combo.findData(Preset.YESTERDAY.value))
    combo.activated.emit(combo.currentIndex())  # as when the manager picks it
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.filters.first.day() == view.filters.last.day() == today - timedelta(days=1)
    assert column_texts(view.sales_model, REVENUE) == ["180.000 ₫", "180.000 ₫"]

    view.filters.first.set_day(today - timedelta(days=1))  # typing a date makes the period custom
    qtbot.waitUntil(lambda: not view.is_busy)
    view.filters.last.set_day(today)
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.filters.current_preset() is Preset.CUSTOM
    assert view.sales_model.text(view.sales_model.rowCount() - 1, REVENUE) == "275.000 ₫"


def test_the_screen_stays_responsive_while_a_report_runs(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    reports = HeldReports(ui_shop)
    view = open_reports(qtbot, ui_shop, reports=reports)
    view.filters.set_custom(*NOVEMBER)
    view.refresh()
    assert reports.holding.wait(10)
    ticks: list[int] = []
    timer = QTimer(view)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3)  # the event loop turns while the report is held
    assert view.is_busy and view.busy_bar.isVisible()
    qtbot.mouseClick(view.sellers.tabBar(), Qt.MouseButton.LeftButton, pos=view.sellers.tabBar().tabRect(2).center())
    assert view.sellers.currentIndex() == 2  # and the manager can still click about
    assert view.sales_model.rowCount() == 0
    reports.release.set()
    qtbot.waitUntil(lambda: not view.is_busy)
    timer.stop()
    assert not view.busy_bar.isVisible()
    assert column_texts(view.sales_model, 0) == [EA_TU, KEO_DUA, SEN, "Total"]


def test_a_newer_period_supersedes_a_report_still_running(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    reports = HeldReports(ui_shop, holds=lambda first, last: (first, last) == OCTOBER)
    view = open_reports(qtbot, ui_shop, reports=reports)
    view.filters.set_custom(*OCTOBER)
    view.refresh()
    assert reports.holding.wait(10)
    show_period(qtbot, view, *NOVEMBER)  # October is still running
    assert column_texts(view.sales_model, REVENUE)[-1] == "770.000 ₫"
    reports.release.set()  # October's answers now arrive: too late to be shown
    qtbot.waitUntil(lambda: view.table_runner.dropped == 1 and view.overview_runner.dropped == 1)
    assert column_texts(view.sales_model, REVENUE)[-1] == "770.000 ₫"
    assert view.charts.bars.values()[0] == (EA_TU, 540_000)


def test_someone_without_the_right_reads_why_on_the_screen(qtbot: QtBot, ui_shop: Shop) -> None:
    view = open_reports(qtbot, ui_shop, actor=Actor(user_id=3, name="Lan", role=Role.CASHIER))
    view.refresh()
    qtbot.waitUntil(lambda: not view.is_busy)
    assert view.banner.text == "Lan may not see reports: a manager must approve."
    assert view.sales_model.rowCount() == 0


def test_exports_write_the_table_where_the_manager_chose(qtbot: QtBot, ui_shop: Shop, tmp_path: Path) -> None:
    sell_november(ui_shop)
    asked: list[tuple[str, str]] = []

    def save_path(suggested: str, file_filter: str) -> Path:
        asked.append((suggested, file_filter))
        return tmp_path / suggested.rsplit(".", 1)[0]  # typed without the extension: it is added

    view = open_reports(qtbot, ui_shop, save_path=save_path)
    show_period(qtbot, view, *NOVEMBER)
    for kind in FileKind:
        qtbot.mouseClick(view.export_buttons[kind], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.is_busy)
    assert [name for name, _filter in asked] == [
        "sales-cooperative-20251101-20251130.csv",
        "sales-cooperative-20251101-20251130.xlsx",
        "sales-cooperative-20251101-20251130.pdf",
    ]
    assert asked[2][1] == "PDF document (*.pdf)"
    stem = tmp_path / "sales-cooperative-20251101-20251130"
    csv_text = stem.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert all(name in csv_text for name in (EA_TU, SEN, KEO_DUA))
    sheet = load_workbook(stem.with_suffix(".xlsx")).active
    assert sheet is not None
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert {EA_TU, SEN, KEO_DUA} <= cells
    pdf_text = "".join(page.extract_text() for page in PdfReader(stem.with_suffix(".pdf")).pages)
    assert EA_TU in pdf_text and "Cửa hàng thử" in pdf_text
    assert view.banner.text == f"Report saved: {stem.with_suffix('.pdf')}"


def test_a_cancelled_export_writes_nothing(qtbot: QtBot, ui_shop: Shop, tmp_path: Path) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop, save_path=lambda suggested, file_filter: None)
    show_period(qtbot, view, *NOVEMBER)
    qtbot.mouseClick(view.export_buttons[FileKind.CSV], Qt.MouseButton.LeftButton)
    assert not view.is_busy and view.banner.text == "" and not list(tmp_path.glob("sales-*"))


def test_a_period_without_sales_says_so(qtbot: QtBot, ui_shop: Shop) -> None:
    sell_november(ui_shop)
    view = open_reports(qtbot, ui_shop)
    show_period(qtbot, view, date(2025, 9, 1), date(2025, 9, 7))
    assert view.totals_label.text() == "No sales in this period."
    assert view.sales_model.rowCount() == 0 and not view.hint.isVisible()
    assert view.charts.bars.values() == [] and view.charts.bars.empty.isVisible()
