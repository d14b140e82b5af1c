"""The stock screen: goods in with lots, adjustments with a reason, history, a stocktake and expiring lots."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.staff import Actor, Role
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.staffing import staff_service
from posapp.ui.stock_view import StockView
from posapp.ui.stocktake_panel import COUNTED_COLUMN, VARIANCE_COLUMN
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs
from tests.ui.supply_helpers import SavePaths, column_texts, find_row, manager_context, type_into_cell


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, tmp_path: Path) -> tuple[StockView, SavePaths]:
    view = StockView(manager_context(shop, dialogs))
    files = SavePaths(tmp_path)
    view.save_path = files
    view.open_file = files.open
    qtbot.addWidget(view)
    view.show()
    return view, files


def test_goods_in_with_a_lot_then_an_adjustment_show_in_the_history(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    assert not view.receive_button.isEnabled()
    qtbot.keyClicks(view.picker.field, "mat ong")
    qtbot.keyClick(view.picker.field, Qt.Key.Key_Return)
    assert view.picker.product is not None and view.picker.product.barcode == HONEY
    assert view.best_before.isEnabled()  # honey is food: it has a best-before
    qtbot.keyClicks(view.receive_qty, "12")
    qtbot.keyClicks(view.receive_cost, "120.000")
    qtbot.keyClicks(view.lot_code, "MO-2511")
    best_before = ui_shop.clock.local_day(ui_shop.clock.now()) + timedelta(days=20)
    view.best_before.set_value(best_before)
    qtbot.mouseClick(view.receive_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Received 12 chai of “Mật ong hoa cà phê Đắk Lắk chai 500ml”."
    assert ui_shop.inventory.level(HONEY).on_hand_milli == 12_000
    assert ui_shop.catalog.product_by_barcode(HONEY).cost == 120_000
    assert "12 chai on hand" in view.level.text()

    view.direction.setCurrentIndex(view.direction.findData(-1))
    view.reason.setCurrentIndex(view.reason.findData("damaged"))
    qtbot.keyClicks(view.adjust_qty, "2")
    qtbot.keyClicks(view.adjust_note, "vo chai")
    qtbot.mouseClick(view.adjust_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Stock of “Mật ong hoa cà phê Đắk Lắk chai 500ml” adjusted (damaged)."
    assert ui_shop.inventory.level(HONEY).on_hand_milli == 10_000

    qtmodeltester.check(view.movements, force_py=True)
    assert column_texts(view.movements, 1) == ["Adjusted", "Received"]
    assert column_texts(view.movements, 2) == ["-2 chai", "+12 chai"]
    assert column_texts(view.movements, 3) == ["", "120.000 ₫"]
    assert column_texts(view.movements, 4) == ["Damaged: vo chai", ""]
    assert column_texts(view.movements, 5) == ["10 chai", "12 chai"]

    view.tabs.setCurrentIndex(2)
    qtmodeltester.check(view.lots, force_py=True)
    view.refresh_lots()
    assert column_texts(view.lots, 2) == ["MO-2511"]
    assert column_texts(view.lots, 4) == ["20 days left"]
    view.lot_days.setValue(10)
    assert view.lots.rowCount() == 0


def test_bad_quantities_are_refused_in_the_users_words(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    view.picker.search(CANDY)
    view.receive_qty.setText("1,5")
    view.receive()
    assert view.banner.text == "This item is sold by the piece: the quantity must be a whole number."
    view.adjust_qty.setText("0")
    view.adjust()
    assert view.banner.text == "Type how much to remove or add."
    view.picker.search("khong co gi")
    assert view.picker.product is None and not view.adjust_button.isEnabled()
    assert view.picker.matches.currentText() == "No product matches “khong co gi”."
    assert ui_shop.inventory.level(CANDY).on_hand_milli == 0


def test_a_stocktake_from_sheet_to_corrected_stock(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    ui_shop.inventory.receive(HONEY, 10_000, unit_cost=120_000)
    ui_shop.inventory.receive(TEA, 5_000, unit_cost=60_000)
    view, files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    panel = view.stocktake
    view.tabs.setCurrentIndex(1)
    assert not panel.commit_button.isEnabled()
    panel.scope.setCurrentIndex(0)  # all products
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert view.banner.text.startswith("Count No. 1 started: 5 products to count.")
    qtmodeltester.check(panel.model, force_py=True)

    panel.export_pdf()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    assert (tmp_path / "count-1.pdf").read_bytes().startswith(b"%PDF")
    panel.export_csv()
    sheet_csv = (tmp_path / "count-1.csv").read_text(encoding="utf-8-sig")
    assert files.offered == ["count-1.pdf", "count-1.csv"] and HONEY in sheet_csv

    honey = find_row(panel.model, 1, "Mật ong")
    assert type_into_cell(panel.table, honey, COUNTED_COLUMN, "8")
    assert panel.model.text(honey, VARIANCE_COLUMN) == "-2 chai"
    assert not type_into_cell(panel.table, honey, COUNTED_COLUMN, "-1")
    assert view.banner.text == "A count cannot be negative."
    # Counts come back from the filled-in CSV too.
    tea_line = f"{TEA},Trà tim sen Tháp Mười hộp 100g,hộp,5,"
    filled = sheet_csv.replace(tea_line, tea_line + "6")
    (tmp_path / "filled.csv").write_text(filled, encoding="utf-8")
    dialogs.file_answer = tmp_path / "filled.csv"
    panel.import_csv()
    assert view.banner.text == "Counts read: 2 of 5 products counted."
    assert panel.summary.text() == "2 counted, 3 not yet · 2 products differ · net -180.000 ₫ at cost"
    panel.differences.setChecked(True)
    assert column_texts(panel.model, 1) == ["Mật ong hoa cà phê Đắk Lắk chai 500ml", "Trà tim sen Tháp Mười hộp 100g"]

    qtbot.mouseClick(panel.commit_button, Qt.MouseButton.LeftButton)
    assert "2 products change" in dialogs.asked[-1]
    assert view.banner.text == (
        "Stock corrected from count No. 1: 2 products changed, net -180.000 ₫ at cost."
    )
    assert ui_shop.inventory.level(HONEY).on_hand_milli == 8_000
    assert ui_shop.inventory.level(TEA).on_hand_milli == 6_000
    assert ui_shop.inventory.level(CANDY).on_hand_milli == 0  # not counted: left alone
    assert panel.counts.count() == 0 and not panel.commit_button.isEnabled()


def test_a_count_can_be_cancelled(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    panel = view.stocktake
    panel.scope.setCurrentIndex(panel.scope.findText("HTX Sen Tháp Mười"))
    panel.start()
    assert panel.model.rowCount() == 1
    panel.start()
    assert "already open" in view.banner.text
    panel.cancel()
    assert view.banner.text == "Count No. 1 was cancelled." and panel.sheet is None


def test_a_cashier_adjusts_stock_only_with_a_managers_pin(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    staff = staff_service(ui_shop)
    staff.create_owner("Chị Lan", "2468")
    cashier = staff.add_user("Bé Ba", Role.CASHIER, "1357", actor=staff.sign_in("Chị Lan", "2468"))
    ui_shop.inventory.receive(HONEY, 5_000)
    context = ViewContext(ui_shop, dialogs, lambda: Actor(cashier.id, cashier.name, cashier.role))
    view = StockView(context)
    qtbot.addWidget(view)
    view.picker.search(HONEY)
    view.adjust_qty.setText("1")
    view.adjust()  # nobody approves
    assert [request.managers for request in dialogs.approvals_asked] == [("Chị Lan",)]
    assert view.banner.text == "Not done: no manager approved it."
    assert ui_shop.inventory.level(HONEY).on_hand_milli == 5_000
    dialogs.approval_answer = ("Chị Lan", "2468")
    view.adjust()
    assert view.banner.text.startswith("Stock of “Mật ong")
    assert ui_shop.inventory.level(HONEY).on_hand_milli == 4_000
