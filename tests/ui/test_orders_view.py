"""Purchase orders on screen: what is low -> an order in the cooperative's inbox (real SMTP) -> stock received."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.services.catalog import CooperativeInput
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineInput
from posapp.shop import Shop, open_shop
from posapp.ui.order_detail import BEST_BEFORE_COLUMN, LOT_COLUMN, RECEIVE_COLUMN
from posapp.ui.orders_view import OrdersView
from posapp.ui.reorder_view import ORDER_COLUMN, ReorderView
from tests.ui.conftest import HONEY, FakeDialogs, stock_products
from tests.ui.supply_helpers import (
    MANAGER,
    Inbox,
    SavePaths,
    change_product,
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
