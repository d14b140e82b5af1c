"""Scanning at the sell view: every scan lands, wherever the focus is, and nobody's typing is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.errors import InvalidBarcode
from posapp.ui.main_window import MainWindow
from tests.ui.conftest import CANDY, HONEY, SAUCE, TEA, UNKNOWN, FakeDialogs, press, scan, shrimp_label


def quantities(window: MainWindow) -> dict[str, int]:
    return {line.item.barcode: line.qty_milli for line in window.model.cart.lines}


def test_the_window_opens_ready_to_scan(window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.sell.scan_field
    assert "Cửa hàng thử" in window.windowTitle() and "Q1" in window.windowTitle()
    assert window.model.rowCount() == 0
    assert window.sell.totals.total.text() == "0 ₫"


def test_fifty_fast_scans_all_land_with_the_right_quantities(qtbot: QtBot, window: MainWindow) -> None:
    codes = [HONEY, TEA, CANDY, SAUCE, HONEY]
    for number in range(50):
        scan(qtbot, window, codes[number % len(codes)])
    assert quantities(window) == {HONEY: 20_000, TEA: 10_000, CANDY: 10_000, SAUCE: 10_000}
    assert window.model.rowCount() == 4
    assert window.sell.scan_field.text() == ""
    expected = 20 * 180_000 + 10 * 95_000 + 10 * 45_000 + 10 * 95_000
    assert window.model.cart.total == expected
    assert window.sell.totals.total.text() == "5.950.000 ₫"
    assert not window.scanner.pending


def test_a_scale_label_adds_the_weighed_quantity_on_its_own_line(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, shrimp_label(350))
    scan(qtbot, window, shrimp_label(1_205))
    weights = [line.qty_milli for line in window.model.cart.lines]
    assert weights == [350, 1_205]
    assert window.model.cart.lines[0].total == 437_500  # 1.250.000 ₫/kg × 0,350 kg
    assert "0,350 kg" in window.sell.last_item.text() or "1,205 kg" in window.sell.last_item.text()


def test_a_scan_while_the_quantity_field_is_focused_adds_the_item_and_leaves_the_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    scan(qtbot, window, HONEY)
    press(qtbot, window, Qt.Key.Key_F3)
    field = window.sell.qty_field
    assert field.hasFocus() and field.text() == "1"
    scan(qtbot, window, TEA, target=field)
    assert field.text() == "1"
    assert field.hasFocus()
    assert quantities(window) == {HONEY: 1_000, TEA: 1_000}


def test_a_scan_while_the_search_field_is_focused_adds_the_item_and_leaves_the_field(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    search = window.cashier.search_dialog
    assert search is not None and search in dialogs.presented
    qtbot.waitUntil(search.field.hasFocus)
    qtbot.keyClicks(search.field, "mat ong")
    scan(qtbot, window, CANDY, target=search.field)
    assert search.field.text() == "mat ong"
    assert quantities(window) == {CANDY: 1_000}


def test_slow_typing_in_the_search_field_reaches_it_key_by_key(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    search = window.cashier.search_dialog
    assert search is not None
    qtbot.waitUntil(search.field.hasFocus)
    qtbot.keyClicks(search.field, "8936", delay=90)
    qtbot.waitUntil(lambda: search.field.text() == "8936")
    qtbot.keyClicks(search.field, " 12", delay=90)
    qtbot.waitUntil(lambda: search.field.text() == "8936 12")
    assert window.model.rowCount() == 0


def test_a_barcode_typed_by_hand_into_the_scan_field_then_enter_is_rung_up(
    qtbot: QtBot, window: MainWindow
) -> None:
    field = window.sell.scan_field
    qtbot.keyClicks(field, SAUCE, delay=80)
    qtbot.waitUntil(lambda: field.text() == SAUCE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert quantities(window) == {SAUCE: 1_000}
    assert field.text() == ""


def test_an_unknown_barcode_leaves_the_cart_alone_and_offers_search(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    scan(qtbot, window, HONEY)
    before = list(window.model.cart.lines)
    scan(qtbot, window, UNKNOWN)
    banner = window.sell.banner
    assert window.model.cart.lines == before
    assert UNKNOWN in banner.text
    assert banner.action_button.isVisible() and banner.action_button.text() == "Search"
    assert QApplication.activeModalWidget() is None
    scan(qtbot, window, TEA)  # the next scan is not blocked, and it clears the message
    assert quantities(window) == {HONEY: 1_000, TEA: 1_000}
    assert banner.text == ""
    scan(qtbot, window, UNKNOWN)
    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    search = window.cashier.search_dialog
    assert search is not None and search.field.text() == UNKNOWN


def test_a_barcode_with_a_wrong_check_digit_is_refused_in_the_banner(
    qtbot: QtBot, window: MainWindow
) -> None:
    wrong = HONEY[:-1] + str((int(HONEY[-1]) + 1) % 10)
    scan(qtbot, window, wrong)
    assert window.model.rowCount() == 0
    message = window.sell.banner.text
    assert "check digit" in message
    try:
        window.shop.catalog.lookup(wrong)
    except InvalidBarcode as error:
        assert message == str(error)
