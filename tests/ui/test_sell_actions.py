"""The cashier's keys on the sell view: quantity, remove, discounts, search, new sale, park and resume."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.shop import Shop, open_shop
from posapp.ui.cart_model import Column
from posapp.ui.dialogs import DiscountRequest, ParkedChoice
from posapp.ui.main_window import MainWindow
from tests.ui.conftest import (
    CANDY,
    HONEY,
    TEA,
    FakeDialogs,
    SwitchablePrinter,
    open_window,
    press,
    scan,
    ui_settings,
)


def lines(window: MainWindow) -> list[tuple[str, int, int]]:
    return [(line.item.barcode, line.qty_milli, line.discount) for line in window.model.cart.lines]


def test_f3_sets_the_quantity_of_the_selected_line(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    window.sell.select_row(0)
    press(qtbot, window, Qt.Key.Key_F3)
    field = window.sell.qty_field
    assert field.hasFocus() and field.selectedText() == "1"
    qtbot.keyClicks(field, "3")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert lines(window) == [(HONEY, 3_000, 0), (TEA, 1_000, 0)]
    assert window.sell.scan_field.hasFocus()
    assert window.sell.totals.total.text() == "635.000 ₫"


def test_a_fractional_quantity_of_a_piece_item_is_refused_and_nothing_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    scan(qtbot, window, HONEY)
    press(qtbot, window, Qt.Key.Key_F3)
    window.sell.qty_field.setText("1,5")
    qtbot.keyClick(window.sell.qty_field, Qt.Key.Key_Return)
    assert lines(window) == [(HONEY, 1_000, 0)]
    assert "whole number" in window.sell.banner.text
    qtbot.keyClick(window.sell.qty_field, Qt.Key.Key_Escape)
    assert window.sell.scan_field.hasFocus() and window.sell.qty_field.text() == ""


def test_double_clicking_a_line_edits_its_quantity(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    table = window.sell.table
    where = table.visualRect(window.model.index(0, Column.QUANTITY)).center()
    # A real double click: the first click's press and release come before the double-click event.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.sell.qty_field.hasFocus()
    window.sell.qty_field.setText("2")
    qtbot.keyClick(window.sell.qty_field, Qt.Key.Key_Return)
    assert lines(window) == [(HONEY, 2_000, 0), (TEA, 1_000, 0)]


def test_f4_and_delete_remove_the_selected_line(qtbot: QtBot, window: MainWindow) -> None:
    for code in (HONEY, TEA, CANDY):
        scan(qtbot, window, code)
    window.sell.select_row(1)
    press(qtbot, window, Qt.Key.Key_F4)
    assert [code for code, _qty, _discount in lines(window)] == [HONEY, CANDY]
    window.sell.select_row(0)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert [code for code, _qty, _discount in lines(window)] == [CANDY]
    assert window.sell.totals.total.text() == "45.000 ₫"


def test_arrow_keys_in_the_scan_field_move_the_selected_line(qtbot: QtBot, window: MainWindow) -> None:
    for code in (HONEY, TEA, CANDY):
        scan(qtbot, window, code)
    assert window.sell.current_row() == 2
    press(qtbot, window, Qt.Key.Key_Up)
    press(qtbot, window, Qt.Key.Key_Up)
    assert window.sell.current_row() == 0
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.sell.current_row() == 1


def test_f5_gives_line_and_sale_discounts_by_percent_or_amount(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    scan(qtbot, window, HONEY)  # 180.000
    scan(qtbot, window, TEA)  # 95.000
    window.sell.select_row(0)
    dialogs.discount_answer = DiscountRequest(whole_sale=False, percent=True, value="10")
    press(qtbot, window, Qt.Key.Key_F5)
    window.sell.select_row(1)
    dialogs.discount_answer = DiscountRequest(whole_sale=False, percent=False, value="5.000")
    press(qtbot, window, Qt.Key.Key_F5)
    assert lines(window) == [(HONEY, 1_000, 18_000), (TEA, 1_000, 5_000)]
    dialogs.discount_answer = DiscountRequest(whole_sale=True, percent=True, value="5")
    press(qtbot, window, Qt.Key.Key_F5)
    cart = window.model.cart
    assert cart.subtotal == 252_000 and cart.discount == 12_600 and cart.total == 239_400
    totals = window.sell.totals
    assert totals.subtotal.text() == "275.000 ₫"
    assert totals.discount.text() == "−35.600 ₫"
    assert totals.total.text() == "239.400 ₫"
    assert "VAT" in totals.vat.text()
    dialogs.discount_answer = DiscountRequest(whole_sale=True, percent=False, value="25.123")
    press(qtbot, window, Qt.Key.Key_F5)
    assert cart.discount == 25_123  # a discount in dong is kept to the dong, not rounded to a percentage
    assert totals.total.text() == "226.877 ₫"


def test_a_discount_larger_than_the_line_is_refused(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    scan(qtbot, window, CANDY)
    dialogs.discount_answer = DiscountRequest(whole_sale=False, percent=False, value="50.000")
    press(qtbot, window, Qt.Key.Key_F5)
    assert lines(window) == [(CANDY, 1_000, 0)]
    assert "between zero" in window.sell.banner.text


def test_search_enter_adds_the_selected_product_and_closes(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    search = window.cashier.search_dialog
    assert search is not None
    qtbot.waitUntil(search.field.hasFocus)
    with qtbot.waitSignal(search.searched, timeout=2_000):
        qtbot.keyClicks(search.field, "mat ong")
    assert search.model.rowCount() == 1
    with qtbot.waitSignal(search.finished):
        qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert lines(window) == [(HONEY, 1_000, 0)]
    qtbot.waitUntil(lambda: window.cashier.search_dialog is None and window.sell.scan_field.hasFocus())


def test_search_finds_by_cooperative_moves_with_arrows_and_asks_a_weight(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    window.cashier.search("")
    search = window.cashier.search_dialog
    assert search is not None
    with qtbot.waitSignal(search.searched, timeout=2_000):
        qtbot.keyClicks(search.field, "rach goc")  # the cooperative's name, no accents
    names = [search.model.product(row).name for row in range(search.model.rowCount())]
    assert names == ["Tôm khô Cà Mau loại 1 (cân ký)"]
    dialogs.weight_answer = "0,35"
    qtbot.keyClick(search.field, Qt.Key.Key_Down)
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert [(line.item.name, line.qty_milli) for line in window.model.cart.lines] == [(names[0], 350)]


def test_search_escape_closes_without_adding(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    search = window.cashier.search_dialog
    assert search is not None
    with qtbot.waitSignal(search.finished):
        qtbot.keyClick(search.field, Qt.Key.Key_Escape)
    assert window.model.rowCount() == 0


def test_new_sale_asks_first_when_the_cart_has_lines(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    scan(qtbot, window, HONEY)
    dialogs.confirm_answer = False
    press(qtbot, window, Qt.Key.Key_F9)
    assert window.model.rowCount() == 1
    dialogs.confirm_answer = True
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 0
    assert len(dialogs.asked) == 2
    press(qtbot, window, Qt.Key.Key_F9)  # an empty cart: nothing to ask
    assert len(dialogs.asked) == 2


def test_a_parked_sale_survives_a_restart_and_resumes_with_the_same_lines(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, printer: SwitchablePrinter, sqlite_url: str
) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    window.model.set_line_discount(1, 5_000)
    window.model.set_sale_discount(1_000)
    parked_lines, parked_total = lines(window), window.model.cart.total
    dialogs.text_answer = "Chị Lan"
    press(qtbot, window, Qt.Key.Key_F6)
    assert window.model.rowCount() == 0
    assert "parked" in window.sell.status.text()
    window.close()
    window.shop.close()

    shop: Shop = open_shop(ui_settings(sqlite_url), migrate=False)
    try:
        again = FakeDialogs()
        second = open_window(qtbot, shop, again, printer)
        press(qtbot, second, Qt.Key.Key_F7)
        assert len(again.parked_seen) == 1 and "Chị Lan" in again.parked_seen[0].label
        assert lines(second) == parked_lines
        assert second.model.cart.discount_bp == 1_000
        assert second.model.cart.total == parked_total
        assert shop.parking.parked() == []
        second.stop_listening()
    finally:
        shop.close()


def test_resume_waits_for_an_empty_cart_and_discard_throws_a_parked_sale_away(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    scan(qtbot, window, CANDY)
    press(qtbot, window, Qt.Key.Key_F6)
    scan(qtbot, window, TEA)
    press(qtbot, window, Qt.Key.Key_F7)
    assert "park the current sale" in window.sell.banner.text
    assert lines(window) == [(TEA, 1_000, 0)]
    dialogs.confirm_answer = True
    press(qtbot, window, Qt.Key.Key_F9)
    dialogs.parked_answer = lambda options: ParkedChoice(options[0].parked_id, discard=True)
    press(qtbot, window, Qt.Key.Key_F7)
    assert window.model.rowCount() == 0
    assert window.shop.parking.parked() == []


def test_closing_the_till_with_an_open_sale_parks_it(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, HONEY)
    scan(qtbot, window, TEA)
    window.close()
    parked = window.shop.parking.parked()
    assert [(p.lines, p.total, p.note) for p in parked] == [(2, 275_000, "Open when the till was closed")]
    assert window.model.rowCount() == 0


def test_escape_in_the_scan_field_dismisses_the_message(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, "8936999999991")
    assert window.sell.banner.text
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.sell.banner.text == ""
