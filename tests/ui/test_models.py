"""The Qt models over the cart and over search results, checked by Qt's own model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.cart import Cart, SaleItem
from posapp.domain.errors import InvalidInput
from posapp.domain.vat import TaxCategory
from posapp.shop import Shop
from posapp.ui.cart_model import CartModel, Column, stars
from posapp.ui.cart_view import cart_table
from posapp.ui.search_model import Column as SearchColumn
from posapp.ui.search_model import SearchResultsModel


def item(product_id: int, price: int, weighed: bool = False, name: str = "Trà sen") -> SaleItem:
    return SaleItem(
        product_id=product_id,
        barcode=f"89360000000{product_id:02d}",
        name=name,
        name_en="",
        unit="kg" if weighed else "hộp",
        weighed=weighed,
        unit_price=price,
        tax_category=TaxCategory.STANDARD,
        cooperative_id=1,
        cooperative="HTX Sen Tháp Mười",
        province="Đồng Tháp",
        ocop_stars=3,
        ocop_group="food",
        unit_cost=0,
        supply_kind="purchase",
        payout=None,
    )


def test_the_cart_model_passes_the_model_tester_through_every_change(qtmodeltester: ModelTester) -> None:
    model = CartModel()
    model.add(item(9, 10_000))
    qtmodeltester.check(model, force_py=True)  # stays connected: every change below is checked too
    model.add(item(1, 95_000))
    model.add(item(2, 1_250_000, weighed=True), 350)
    model.add(item(1, 95_000))
    model.add(item(3, 45_000))
    model.set_quantity(2, 4_000)
    model.set_line_discount(0, 10_000)
    model.set_line_discount_percent(2, 1_000)
    model.set_sale_discount(500)
    model.remove(1)
    model.replace(Cart(lines=list(model.cart.lines)))
    model.clear()
    model.add(item(5, 20_000))


def test_the_cart_model_shows_what_the_customer_reads() -> None:
    model = CartModel()
    model.add(item(1, 95_000))
    model.add(item(1, 95_000))
    model.add(item(2, 1_250_000, weighed=True, name="Tôm khô"), 350)
    model.set_line_discount(0, 10_000)

    def cell(row: int, column: Column) -> str:
        return str(model.data(model.index(row, column)))

    assert [cell(0, c) for c in Column] == [
        "None",  # the line number is drawn by the view from the row: it is not the line's data
        "Trà sen",
        "HTX Sen Tháp Mười",
        "★★★☆☆",
        "2 hộp",
        "95.000 ₫",
        "−10.000 ₫",
        "180.000 ₫",
    ]
    assert cell(1, Column.QUANTITY) == "0,350 kg" and cell(1, Column.TOTAL) == "437.500 ₫"
    assert model.data(model.index(1, Column.DISCOUNT)) == ""
    assert model.headerData(Column.TOTAL, Qt.Orientation.Horizontal) == "Amount"
    assert (
        model.data(model.index(0, Column.PRICE), Qt.ItemDataRole.TextAlignmentRole)
        & Qt.AlignmentFlag.AlignRight
    )


def test_a_refused_change_leaves_the_model_and_its_rows_alone() -> None:
    model = CartModel()
    model.add(item(1, 95_000))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    for refused in (
        lambda: model.add(item(4, 10_000), 1_500),  # half a piece
        lambda: model.set_quantity(0, 0),
        lambda: model.set_line_discount(0, 100_000),
        lambda: model.set_sale_discount(10_001),
        lambda: model.remove(3),
    ):
        try:
            refused()
        except InvalidInput:
            pass
        else:
            raise AssertionError("the change should have been refused")
    assert model.rowCount() == 1 and inserted == []
    assert model.cart.lines[0].qty_milli == 1_000 and model.cart.total == 95_000


def test_totals_change_signal_follows_every_change() -> None:
    model = CartModel()
    seen: list[int] = []
    model.totals_changed.connect(lambda: seen.append(model.cart.total))
    model.add(item(1, 95_000))
    model.set_sale_discount(1_000)
    model.clear()
    assert seen == [95_000, 85_500, 0]


def test_the_search_results_model_passes_the_model_tester(qtmodeltester: ModelTester, ui_shop: Shop) -> None:
    model = SearchResultsModel()
    model.set_products(ui_shop.catalog.search("tra"))
    qtmodeltester.check(model, force_py=True)
    model.set_products(ui_shop.catalog.search("a"))
    assert model.rowCount() >= 3
    shrimp = ui_shop.catalog.search("tom kho")
    model.set_products(shrimp)
    assert model.data(model.index(0, SearchColumn.PRICE)) == "1.250.000 ₫ / kg"
    assert model.data(model.index(0, SearchColumn.STARS)) == "★★★★☆"
    assert model.data(model.index(0, SearchColumn.ON_HAND)) == "0,000 kg"
    model.set_products([])


def test_the_cart_table_paints_numbers_names_and_amounts(qtbot: QtBot, styled: None) -> None:
    model = CartModel()
    model.add(item(1, 95_000, name="Trà sen Tháp Mười"))
    model.add(item(2, 45_000, name="Kẹo dừa"))
    model.set_line_discount(1, 5_000)
    table = cart_table(model)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    shot = table.grab().toImage()
    assert model.cells(1)[Column.DISCOUNT] == "−5.000 ₫"

    def inked(column: Column, row: int) -> int:
        """Dark pixels in a cell: text was drawn there."""
        rect = table.visualRect(model.index(row, column)).translated(table.viewport().pos())
        return sum(
            1
            for x in range(rect.left(), rect.right(), 2)
            for y in range(rect.top(), rect.bottom(), 2)
            if QColor(shot.pixel(x, y)).lightness() < 140
        )

    for column in (Column.NUMBER, Column.PRODUCT, Column.STARS, Column.QUANTITY, Column.TOTAL):
        assert inked(column, 0) > 5, column
    assert inked(Column.DISCOUNT, 0) == 0 and inked(Column.DISCOUNT, 1) > 5


def test_stars() -> None:
    assert (stars(None), stars(0), stars(5)) == ("", "", "★★★★★")


def test_the_day_has_no_effect_on_the_model() -> None:
    # VAT comes from the totals panel; the model's cells are the same whatever the day.
    model = CartModel()
    model.add(item(1, 95_000))
    assert model.cart.vat(date(2025, 1, 1))[0].rate == 10
    assert model.cart.vat(date(2025, 8, 1))[0].rate == 8
