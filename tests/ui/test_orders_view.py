"""Purchase orders on screen: what is low -> an order in the cooperative's inbox (real SMTP) -> stock received;
a draft's lines changed before it goes out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain import barcodes as bc
from posapp.services.catalog import CooperativeInput, ProductInput
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineInput, PurchaseOrderView
from posapp.shop import Shop, open_shop
from posapp.ui.order_detail import BEST_BEFORE_COLUMN, COST_COLUMN, LOT_COLUMN, ORDERED_COLUMN, RECEIVE_COLUMN
from posapp.ui.orders_view import OrdersView
from posapp.ui.reorder_view import ORDER_COLUMN, ReorderView
from tests.ui.conftest import HONEY, TEA, FakeDialogs, stock_products
from tests.ui.staff_helpers import MANAGER as MANAGER_NAME
from tests.ui.staff_helpers import MANAGER_PIN, add_staff, audit, context_for
from tests.ui.supply_helpers import (
    MANAGER,
    Inbox,
    SavePaths,
    change_product,
    column_texts,
    find_row,
    mail_settings,
    manager_context,
    smtp_server,
    type_into_cell,
)

BACKORDER_COLUMN = 3
STATUS_COLUMN = 2


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def mail_shop(sqlite_url: str, inbox: Inbox) -> Iterator[Shop]:
    shop = open_shop(mail_settings(sqlite_url, inbox.port), migrate=False)
    stock_products(shop)
    yield shop
    shop.close()


def open_orders(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, tmp_path: Path) -> tuple[OrdersView, SavePaths]:
    view = OrdersView(manager_context(shop, dialogs))
    files = SavePaths(tmp_path)
    view.save_path = files
    view.open_file = files.open
    qtbot.addWidget(view)
    view.show()
    return view, files


def set_email(shop: Shop, name: str, email: str) -> None:
    coop = next(c for c in shop.catalog.cooperatives() if c.name == name)
    data = CooperativeInput(name=coop.name, province=coop.province, email=email, lead_time_days=coop.lead_time_days)
    shop.catalog.save_cooperative(data, coop.id, actor=MANAGER)


def wait_idle(qtbot: QtBot, view: OrdersView) -> None:
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)


def test_low_stock_becomes_an_email_and_then_stock(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, mail_shop: Shop, inbox: Inbox, tmp_path: Path
) -> None:
    dialogs = FakeDialogs()
    change_product(mail_shop, "mat ong", cost=120_000, reorder_point_milli=2_000)
    reorder = ReorderView(manager_context(mail_shop, dialogs))
    qtbot.addWidget(reorder)
    honey_row = find_row(reorder.model, 0, "Mật ong")
    assert type_into_cell(reorder.table, honey_row, ORDER_COLUMN, "6")
    reorder.table.selectRow(honey_row)
    with qtbot.waitSignal(reorder.orders_created) as created:
        reorder.approve_selected()
    (po_no,) = created.args[0]

    view, _files = open_orders(qtbot, mail_shop, dialogs, tmp_path)
    qtmodeltester.check(view.model, force_py=True)
    qtmodeltester.check(view.detail.model, force_py=True)
    assert view.select(po_no)
    assert view.detail.title.text() == f"{po_no} · HTX Cà phê Ea Tu · Draft"

    # The cooperative has no email yet: the order waits in the outbox, with the reason and a Retry.
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert view.busy and view.busy_bar.isVisible()
    wait_idle(qtbot, view)
    assert inbox.messages == []
    assert "email" in view.banner.text and view.banner.action_button.text() == "Retry"
    assert view.model.text(find_row(view.model, 0, po_no), STATUS_COLUMN) == "Outbox: not sent"
    assert view.detail.problem.isVisible() and view.outbox_button.isVisible()
    assert view.send_button.text() == "Send again"

    set_email(mail_shop, "HTX Cà phê Ea Tu", "htx.eatu@example.vn")
    qtbot.mouseClick(view.banner.action_button, Qt.MouseButton.LeftButton)  # Retry
    wait_idle(qtbot, view)
    assert view.banner.text == f"Order {po_no} was sent to htx.eatu@example.vn."
    assert inbox.recipients == [["htx.eatu@example.vn"]]
    message = inbox.messages[0]
    assert po_no in str(message["Subject"])
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{po_no}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert view.detail.title.text() == f"{po_no} · HTX Cà phê Ea Tu · Sent"
    assert not view.outbox_button.isVisible()

    # Four of six arrive, with their lot and best-before.
    assert view.receive_button.isEnabled()
    assert type_into_cell(view.detail.table, 0, RECEIVE_COLUMN, "4")
    assert type_into_cell(view.detail.table, 0, LOT_COLUMN, "L2025-11")
    assert type_into_cell(view.detail.table, 0, BEST_BEFORE_COLUMN, "30/06/2027")
    qtbot.mouseClick(view.receive_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == f"Received into stock. 1 line of {po_no} is still on backorder."
    assert view.detail.title.text() == f"{po_no} · HTX Cà phê Ea Tu · Partly received"
    assert view.detail.model.text(0, BACKORDER_COLUMN) == "2 chai"
    assert mail_shop.inventory.level(HONEY).on_hand_milli == 4_000
    lots = ReceivingService(mail_shop.sessions, mail_shop.clock).expiring_lots(within_days=3650)
    assert [(lot.lot_code, lot.best_before, lot.po_no) for lot in lots] == [("L2025-11", date(2027, 6, 30), po_no)]

    # More than is owed is refused; "All arrived" takes the rest.
    assert type_into_cell(view.detail.table, 0, RECEIVE_COLUMN, "3")
    view.receive_selected()
    assert "Only 2 chai" in view.banner.text
    assert mail_shop.inventory.level(HONEY).on_hand_milli == 4_000
    qtbot.mouseClick(view.fill_button, Qt.MouseButton.LeftButton)
    view.receive_selected()
    assert view.banner.text == f"Received into stock: {po_no} is complete."
    assert mail_shop.inventory.level(HONEY).on_hand_milli == 6_000
    assert not view.receive_button.isEnabled()


def test_a_mail_server_that_is_down_keeps_the_order_in_the_outbox(
    qtbot: QtBot, styled: None, sqlite_url: str, tmp_path: Path
) -> None:
    with smtp_server() as server:
        port = server.port
    shop = open_shop(mail_settings(sqlite_url, port), migrate=False)  # nothing listens there any more
    try:
        stock_products(shop)
        set_email(shop, "HTX Sen Tháp Mười", "htx.sen@example.vn")
        tea = shop.catalog.search("tra tim sen")[0]
        order = PurchasingService(shop.sessions, shop.clock).create_order(
            tea.cooperative_id, [OrderLineInput(tea.id, 10_000)], actor=MANAGER
        )
        dialogs = FakeDialogs()
        view, _files = open_orders(qtbot, shop, dialogs, tmp_path)
        view.select(order.po_no)
        view.send_selected()
        wait_idle(qtbot, view)
        assert "refused the connection" in view.banner.text
        assert "Traceback" not in view.banner.text
        view.status.setCurrentIndex(view.status.findData("outbox"))
        assert [o.po_no for o in view.model.rows()] == [order.po_no]
        assert view.outbox_button.text() == "Send the outbox again (1)"
    finally:
        shop.close()


def test_pdf_csv_preview_and_cancel(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    tea = ui_shop.catalog.search("tra tim sen")[0]
    purchasing = PurchasingService(ui_shop.sessions, ui_shop.clock)
    order = purchasing.create_order(tea.cooperative_id, [OrderLineInput(tea.id, 10_000)], actor=MANAGER)
    view, files = open_orders(qtbot, ui_shop, dialogs, tmp_path)
    view.select(order.po_no)
    view.save_pdf()
    wait_idle(qtbot, view)
    saved = tmp_path / f"{order.po_no}.pdf"
    assert saved.read_bytes().startswith(b"%PDF") and view.banner.text == f"Saved {saved}."
    view.preview_pdf()
    wait_idle(qtbot, view)
    assert files.opened and files.opened[0].read_bytes().startswith(b"%PDF")
    view.save_csv()
    assert "Trà tim sen" in (tmp_path / f"{order.po_no}.csv").read_text(encoding="utf-8-sig")
    dialogs.confirm_answer = True
    view.cancel_selected()
    assert purchasing.order(order.po_no).status == "cancelled"
    assert view.detail.title.text().endswith("Cancelled")
    assert not view.send_button.isEnabled() and not view.cancel_button.isEnabled()


COFFEE = bc.with_check_digit("893621040138")
TOTAL_COLUMN = 5


def honey_draft(shop: Shop) -> PurchaseOrderView:
    """Six bottles of honey at 120.000 ₫ ordered from HTX Cà phê Ea Tu, which also roasts coffee."""
    change_product(shop, "mat ong", cost=120_000)
    shop.catalog.save_product(
        ProductInput(
            name="Cà phê Robusta rang xay gói 500g",
            cooperative="HTX Cà phê Ea Tu",
            price=150_000,
            cost=90_000,
            unit="gói",
            barcodes=(COFFEE,),
        ),
        actor=MANAGER,
    )
    honey = shop.catalog.search("mat ong")[0]
    return PurchasingService(shop.sessions, shop.clock).create_order(
        honey.cooperative_id, [OrderLineInput(honey.id, 6_000)], actor=MANAGER
    )


def stored_lines(shop: Shop, po_no: str) -> list[tuple[str, int, int]]:
    order = PurchasingService(shop.sessions, shop.clock).order(po_no)
    return [(line.barcode, line.qty_ordered_milli, line.unit_cost) for line in order.lines]


def test_a_drafts_lines_are_changed_on_screen_until_it_goes_out(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    order = honey_draft(ui_shop)
    po_no = order.po_no
    view, _files = open_orders(qtbot, ui_shop, dialogs, tmp_path)
    assert view.select(po_no)
    detail = view.detail
    qtmodeltester.check(detail.model, force_py=True)
    assert detail.draft_bar.isVisible() and detail.add_button.isEnabled() and detail.remove_button.isEnabled()

    # What is being received stays typed while the order changes.
    assert type_into_cell(detail.table, 0, RECEIVE_COLUMN, "3")
    assert type_into_cell(detail.table, 0, ORDERED_COLUMN, "10 chai")
    qtbot.waitUntil(lambda: stored_lines(ui_shop, po_no) == [(HONEY, 10_000, 120_000)])
    assert view.banner.text == f"Order {po_no} changed: “Mật ong hoa cà phê Đắk Lắk chai 500ml”, total 1.200.000 ₫."
    assert view.model.text(find_row(view.model, 0, po_no), TOTAL_COLUMN) == "1.200.000 ₫"
    assert [detail.model.text(0, c) for c in (ORDERED_COLUMN, RECEIVE_COLUMN)] == ["10 chai", "3 chai"]
    assert type_into_cell(detail.table, 0, COST_COLUMN, "115.000 ₫")
    qtbot.waitUntil(lambda: stored_lines(ui_shop, po_no) == [(HONEY, 10_000, 115_000)])
    assert detail.model.text(0, COST_COLUMN) == "115.000 ₫" and "1.150.000 ₫" in detail.facts.text()

    # A quantity of nothing is refused in place: a product leaves the order with "Remove line".
    assert not type_into_cell(detail.table, 0, ORDERED_COLUMN, "0")
    assert view.banner.text == "Type a quantity more than zero; “Remove line” takes a product off the order."

    # Adding: the picker offers the cooperative's own products before anything is typed, and only those.
    assert detail.picker.matches.count() == 2
    detail.picker.search(TEA)
    assert detail.picker.product is None
    qtbot.mouseClick(detail.add_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Choose the product to add: scan its barcode or type part of its name."
    detail.picker.search("rang xay")
    qtbot.mouseClick(detail.add_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Type how many to order of “Cà phê Robusta rang xay gói 500g”."
    detail.add_qty.setText("12")
    qtbot.mouseClick(detail.add_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == f"Added “Cà phê Robusta rang xay gói 500g” to order {po_no}: total 2.230.000 ₫."
    assert stored_lines(ui_shop, po_no) == [(HONEY, 10_000, 115_000), (COFFEE, 12_000, 90_000)]
    assert detail.add_qty.text() == ""

    # Removing asks first; the last product stays (the order is cancelled instead).
    qtbot.mouseClick(detail.remove_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Choose the line to take off the order first."
    detail.table.selectRow(0)
    qtbot.mouseClick(detail.remove_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1] == f"Take “Mật ong hoa cà phê Đắk Lắk chai 500ml” off order {po_no}?"
    assert stored_lines(ui_shop, po_no) == [(COFFEE, 12_000, 90_000)]
    assert column_texts(detail.model, 0) == ["Cà phê Robusta rang xay gói 500g"]
    detail.table.selectRow(0)
    view.remove_line()
    assert view.banner.text == f"An order needs at least one product: cancel {po_no} instead."

    # Once goods arrive against it the order is no longer a draft: its lines are read only.
    assert type_into_cell(detail.table, 0, RECEIVE_COLUMN, "5")
    view.receive_selected()
    assert detail.title.text().endswith("Partly received")
    assert not detail.draft_bar.isVisible()
    assert not detail.model.flags(detail.model.index(0, ORDERED_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not detail.model.flags(detail.model.index(0, COST_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not type_into_cell(detail.table, 0, ORDERED_COLUMN, "20")


def test_a_change_nobody_approves_is_taken_back_on_screen(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    order = honey_draft(ui_shop)
    staff = add_staff(ui_shop)
    view = OrdersView(context_for(ui_shop, dialogs, staff.cashier))
    qtbot.addWidget(view)
    view.show()
    assert view.select(order.po_no)
    assert type_into_cell(view.detail.table, 0, ORDERED_COLUMN, "60")
    qtbot.waitUntil(lambda: view.banner.text == "Not done: no manager approved it.")
    assert view.detail.model.text(0, ORDERED_COLUMN) == "6 chai"
    assert stored_lines(ui_shop, order.po_no) == [(HONEY, 6_000, 120_000)]
    dialogs.approval_answer = (MANAGER_NAME, MANAGER_PIN)
    assert type_into_cell(view.detail.table, 0, ORDERED_COLUMN, "60")
    qtbot.waitUntil(lambda: stored_lines(ui_shop, order.po_no) == [(HONEY, 60_000, 120_000)])
    (entry,) = [e for e in audit(ui_shop, "purchasing") if "line_changed" in e.detail]
    assert (entry.actor, entry.detail["approved_by"]) == ("Minh", "Chị Lan")
