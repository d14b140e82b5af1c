"""The reorder screen: suggestions grouped by cooperative, quantities edited, draft orders approved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.services.purchasing import PurchasingService
from posapp.shop import Shop
from posapp.ui.reorder_view import ORDER_COLUMN, GroupRow, LineRow, ReorderView
from tests.ui.conftest import FakeDialogs
from tests.ui.supply_helpers import change_product, find_row, manager_context, type_into_cell

VALUE_COLUMN = 9


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs) -> ReorderView:
    view = ReorderView(manager_context(shop, dialogs))
    qtbot.addWidget(view)
    view.show()
    return view


def test_suggestions_are_grouped_under_their_cooperative(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    qtmodeltester.check(view.model, force_py=True)
    rows = view.model.rows()
    groups = [r for r in rows if isinstance(r, GroupRow)]
    assert len(groups) == 5  # nothing in stock and no reorder points: one pack of everything
    honey_group = find_row(view.model, 0, "HTX Cà phê Ea Tu")
    assert "no email" in view.model.text(honey_group, 0)
    assert view.model.is_group(honey_group) and not view.model.is_group(honey_group + 1)
    assert isinstance(rows[honey_group + 1], LineRow)
    assert view.model.text(honey_group + 1, ORDER_COLUMN) == "1 chai"
    assert view.total.text().startswith("5 products from 5 cooperatives")


def test_an_edited_quantity_changes_the_line_and_its_cooperative_value(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    change_product(ui_shop, "mat ong", cost=120_000)
    view = open_view(qtbot, ui_shop, dialogs)
    row = find_row(view.model, 0, "Mật ong")
    group = find_row(view.model, 0, "HTX Cà phê Ea Tu")
    assert type_into_cell(view.table, row, ORDER_COLUMN, "6")
    assert view.model.text(row, ORDER_COLUMN) == "6 chai"
    assert view.model.text(row, VALUE_COLUMN) == "720.000 ₫"
    assert view.model.text(group, VALUE_COLUMN) == "720.000 ₫"
    assert not type_into_cell(view.table, row, ORDER_COLUMN, "1,5")
    assert view.banner.text == "This item is sold by the piece: the quantity must be a whole number."
    assert not type_into_cell(view.table, group, ORDER_COLUMN, "3")  # a cooperative row takes no quantity
    assert view.model.text(row, ORDER_COLUMN) == "6 chai"


def test_approving_creates_draft_orders_with_the_edited_quantities(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    honey = find_row(view.model, 0, "Mật ong")
    assert type_into_cell(view.table, honey, ORDER_COLUMN, "6")
    candy = find_row(view.model, 0, "Kẹo dừa Bến Tre")
    assert type_into_cell(view.table, candy, ORDER_COLUMN, "0")  # left out: its cooperative gets no order
    dialogs.confirm_answer = False
    view.approve_all()
    assert PurchasingService(ui_shop.sessions, ui_shop.clock).orders() == []
    dialogs.confirm_answer = True
    with qtbot.waitSignal(view.orders_created) as created:
        view.approve_all()
    assert dialogs.asked[-1].startswith("Create 4 draft orders worth")
    orders = PurchasingService(ui_shop.sessions, ui_shop.clock).orders()
    assert sorted(o.po_no for o in orders) == sorted(created.args[0])
    by_coop = {o.cooperative: o for o in orders}
    assert "Cơ sở Kẹo dừa Mỏ Cày" not in by_coop
    honey_order = by_coop["HTX Cà phê Ea Tu"]
    assert [(line.name, line.qty_ordered_milli) for line in honey_order.lines] == [
        ("Mật ong hoa cà phê Đắk Lắk chai 500ml", 6_000)
    ]
    assert all(o.status == "draft" for o in orders)
    assert "Orders screen" in view.banner.text
    # Now on order: only the candy is still suggested.
    assert [r.line.name for r in view.model.rows() if isinstance(r, LineRow)] == ["Kẹo dừa Bến Tre vị sữa gói 400g"]


def test_one_cooperative_can_be_ordered_alone(qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.approve_selected()
    assert view.banner.text == "Choose a cooperative or one of its products first."
    view.table.selectRow(find_row(view.model, 0, "Trà tim sen"))
    view.approve_selected()
    orders = PurchasingService(ui_shop.sessions, ui_shop.clock).orders()
    assert [o.cooperative for o in orders] == ["HTX Sen Tháp Mười"]


def test_a_quantity_is_typed_into_the_table_like_a_manager_does(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.resize(1366, 700)
    qtbot.waitExposed(view)
    view.activateWindow()
    row = find_row(view.model, 0, "Trà tim sen")
    index = view.model.index(row, ORDER_COLUMN)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "1 hộp"
    qtbot.waitUntil(editor.hasFocus)
    editor.selectAll()
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: view.model.text(row, ORDER_COLUMN) == "12 hộp")
    assert view.total.text().startswith("5 products from 5 cooperatives")
