"""Goods in against an order (partial deliveries, backorders) or without one; lots and their best-before dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineInput, PurchaseOrderView, ReceivedItem
from posapp.shop import Shop
from tests.helpers.supply import cooperative, local, product, sell

CHA, MAT, TOM_KG = "8936041206014", "8936041207011", "2000000000015"


@pytest.fixture
def order(shop: Shop) -> PurchaseOrderView:
    coop = cooperative(shop, "HTX Chè Tân Cương", province="Thái Nguyên", email="che@example.vn")
    cha = product(shop, "Chè Tân Cương hộp 100g", coop.name, CHA, cost=90_000)
    mat = product(shop, "Mật ong rừng chai 500ml", coop.name, MAT, cost=180_000)
    kg = product(shop, "Chè búp khô cân ký", coop.name, "", weighed=True, plu=101, cost=400_000)
    return PurchasingService(shop.sessions, shop.clock).create_order(
        coop.id,
        [OrderLineInput(cha.id, 20_000, 85_000), OrderLineInput(mat.id, 6_000), OrderLineInput(kg.id, 2_500)],
        actor=COMMAND_LINE,
    )


def test_a_partial_delivery_leaves_a_backorder_and_books_stock_at_the_order_cost(
    shop: Shop, order: PurchaseOrderView
) -> None:
    receiving = ReceivingService(shop.sessions, shop.clock)
    at = local(shop, date(2026, 11, 20), 9)
    after = receiving.receive_order(order.po_no, [ReceivedItem(CHA, 12_000), ReceivedItem(TOM_KG, 1_250)], at)
    assert after.status == "partly_received"
    assert [(line.name, line.qty_received_milli, line.backorder_milli) for line in after.lines] == [
        ("Chè Tân Cương hộp 100g", 12_000, 8_000),
        ("Mật ong rừng chai 500ml", 0, 6_000),
        ("Chè búp khô cân ký", 1_250, 1_250),
    ]
    newest = shop.inventory.movements(CHA)[0]
    assert (newest.kind, newest.qty_milli, newest.unit_cost, newest.reason) == ("receive", 12_000, 85_000, "PO-000001")
    assert newest.at == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert shop.inventory.level(CHA).on_hand_milli == 12_000
    assert shop.catalog.product_by_barcode(CHA).cost == 85_000  # the latest price paid
    # the rest arrives: the order is complete
    done = receiving.receive_order(
        order.po_no.lower(), [ReceivedItem(CHA, 8_000), ReceivedItem(MAT, 6_000), ReceivedItem(TOM_KG, 1_250)]
    )
    assert (done.status, done.received_complete) == ("received", True)
    assert shop.inventory.level(CHA).on_hand_milli == 20_000
    with pytest.raises(InvalidInput, match="PO-000001 is received: nothing more can be received"):
        receiving.receive_order(order.po_no, [ReceivedItem(CHA, 1_000)])


def test_what_was_not_ordered_or_too_much_is_refused_and_nothing_is_written(
    shop: Shop, order: PurchaseOrderView
) -> None:
    receiving = ReceivingService(shop.sessions, shop.clock)
    other = product(shop, "Gạo ST25", "HTX Lúa gạo Thạnh Phú", "8936041202016")
    with pytest.raises(InvalidInput, match="“Gạo ST25” is not on order PO-000001"):
        receiving.receive_order(order.po_no, [ReceivedItem(CHA, 5_000), ReceivedItem(other.barcode, 1_000)])
    with pytest.raises(InvalidInput, match="Only 20 cái of “Chè Tân Cương hộp 100g” are still to come"):
        receiving.receive_order(order.po_no, [ReceivedItem(CHA, 21_000)])
    with pytest.raises(InvalidInput, match="whole units"):
        receiving.receive_order(order.po_no, [ReceivedItem(CHA, 1_500)])
    with pytest.raises(InvalidInput, match="Say what arrived"):
        receiving.receive_order(order.po_no, [])
    assert shop.inventory.level(CHA).on_hand_milli == 0
    assert PurchasingService(shop.sessions, shop.clock).order(order.po_no) == order


def test_lots_with_best_before_dates_and_what_is_left_of_them(shop: Shop, order: PurchaseOrderView) -> None:
    receiving = ReceivingService(shop.sessions, shop.clock)
    receiving.receive_order(
        order.po_no,
        [ReceivedItem(MAT, 4_000, lot_code="M-0925", best_before=date(2026, 12, 1))],
        local(shop, date(2026, 11, 1)),
    )
    receiving.receive_goods(
        [ReceivedItem(MAT, 3_000, lot_code="M-1025", best_before=date(2027, 3, 1), unit_cost=175_000)],
        local(shop, date(2026, 11, 10)),
        reason="giao thêm",
    )
    receiving.receive_goods([ReceivedItem(CHA, 5_000, best_before=date(2026, 11, 20))], local(shop, date(2026, 11, 2)))
    assert shop.catalog.product_by_barcode(MAT).cost == 175_000
    # 2 of the 7 honey sold: first in, first out leaves 2 of the older lot of 4 (and all 3 of the newer)
    sell(shop, date(2026, 11, 15), (MAT, 2_000))
    lots = receiving.expiring_lots(30, today=date(2026, 11, 23))
    assert [(lot.name, lot.lot_code, lot.remaining_milli, lot.days_left, lot.expired, lot.po_no) for lot in lots] == [
        ("Chè Tân Cương hộp 100g", "", 5_000, -3, True, None),
        ("Mật ong rừng chai 500ml", "M-0925", 2_000, 8, False, "PO-000001"),
    ]
    sell(shop, date(2026, 11, 16), (MAT, 2_000))  # the older lot is sold out
    assert [lot.name for lot in receiving.expiring_lots(30, today=date(2026, 11, 23))] == ["Chè Tân Cương hộp 100g"]
    assert [lot.lot_code for lot in receiving.expiring_lots(120, today=date(2026, 11, 23))][-1] == "M-1025"


def test_receiving_without_an_order_checks_its_input(shop: Shop, order: PurchaseOrderView) -> None:
    receiving = ReceivingService(shop.sessions, shop.clock)
    with pytest.raises(InvalidInput, match="more than zero"):
        receiving.receive_goods([ReceivedItem(CHA, 0)])
    with pytest.raises(InvalidInput, match="50 characters"):
        receiving.receive_goods([ReceivedItem(CHA, 1_000, lot_code="L" * 51)])
    levels = receiving.receive_goods([ReceivedItem(CHA, 2_000), ReceivedItem(MAT, 1_000), ReceivedItem(CHA, 1_000)])
    assert [(level.barcode, level.on_hand_milli) for level in levels] == [(CHA, 3_000), (MAT, 1_000)]
