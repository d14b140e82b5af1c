"""Reorder suggestions from real sales, refunds and open orders; draft purchase orders, editing line by line,
cancelling."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest
from sqlalchemy import event

from posapp.domain.errors import InvalidInput, NotFound, PermissionRequired
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.services.audit import AuditService
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineInput, OrderRequest, PurchaseOrderView, ReceivedItem
from posapp.shop import Shop
from tests.helpers.supply import cooperative, local, product, refund, sell, set_product

TOM, GAO, NUOC, OLD, FULL = "8936041201071", "8936041202016", "8936041203013", "8936041204010", "8936041205017"
TODAY = date(2026, 11, 23)  # the 28-day window is 27 Oct .. 23 Nov


@pytest.fixture
def scene(shop: Shop) -> Shop:
    cooperative(shop, "HTX Tôm khô Rạch Gốc", province="Cà Mau", lead_time_days=10, email="tom@example.vn")
    cooperative(shop, "HTX Lúa gạo Thạnh Phú", province="Sóc Trăng")
    tom = product(
        shop,
        "Tôm khô hộp 200g",
        "HTX Tôm khô Rạch Gốc",
        TOM,
        cost=206_000,
        pack_size_milli=10_000,
        reorder_point_milli=10_000,
    )
    gao = product(
        shop,
        "Gạo ST25 túi 5kg",
        "HTX Lúa gạo Thạnh Phú",
        GAO,
        unit="túi",
        cost=150_000,
        pack_size_milli=5_000,
        reorder_point_milli=5_000,
    )
    product(
        shop,
        "Nước mắm chai 500ml",
        "HTX Lúa gạo Thạnh Phú",
        NUOC,
        cost=80_000,
        pack_size_milli=6_000,
        reorder_point_milli=4_000,
        lead_time_days=2,
    )
    old = product(shop, "Mắm cũ", "HTX Lúa gạo Thạnh Phú", OLD, cost=1_000)
    product(shop, "Gạo lứt đầy kho", "HTX Lúa gạo Thạnh Phú", FULL, cost=1_000)
    set_product(shop, gao.id, safety_stock_milli=3_000)
    receive = shop.inventory.receive
    receive(TOM, 60_000, at=local(shop, date(2026, 10, 1)))
    receive(GAO, 20_000, at=local(shop, date(2026, 10, 1)))
    receive(NUOC, 4_000, at=local(shop, date(2026, 10, 1)))
    receive(FULL, 500_000, at=local(shop, date(2026, 10, 1)))
    # 50 sold late on the day before the window: outside it (the window starts at local midnight).
    sell(shop, date(2026, 10, 26), (TOM, 50_000), hour=23)
    sell(shop, date(2026, 10, 27), (TOM, 8_000), (GAO, 4_000), hour=0)
    sold = sell(shop, date(2026, 11, 10), (TOM, 10_000), (GAO, 10_000), (OLD, 3_000))
    sell(shop, TODAY, (TOM, 10_000))
    refund(shop, sold.receipt_no, date(2026, 11, 12), TOM, 4_000)
    shop.catalog.set_product_active(old.id, False, actor=COMMAND_LINE)
    purchasing, receiving = PurchasingService(shop.sessions, shop.clock), ReceivingService(shop.sessions, shop.clock)
    sent = purchasing.create_order(tom.cooperative_id, [OrderLineInput(tom.id, 10_000)], actor=COMMAND_LINE)
    partly = purchasing.create_order(tom.cooperative_id, [OrderLineInput(tom.id, 20_000)], actor=COMMAND_LINE)
    receiving.receive_order(partly.po_no, [ReceivedItem(TOM, 15_000)], at=local(shop, date(2026, 11, 20)))
    dropped = purchasing.create_order(tom.cooperative_id, [OrderLineInput(tom.id, 100_000)], actor=COMMAND_LINE)
    purchasing.cancel(dropped.po_no, actor=COMMAND_LINE)
    assert sent.status == "draft"  # a draft counts as on order too: approving twice must not order twice
    return shop


def test_suggestions_per_cooperative_with_exact_maths(scene: Shop) -> None:
    groups = PurchasingService(scene.sessions, scene.clock).reorder_suggestions(TODAY)
    assert [(g.cooperative, [(line.barcode, line.suggested_milli) for line in g.lines], g.value) for g in groups] == [
        # gạo: 14 sold = 0.5/day × (7 days default lead + 14 cover) + 3 safety = 13.5 − 6 on hand = 7.5 → packs of 5
        # nước mắm: nothing sold, but 4 on hand is at its reorder point: one pack of 6
        ("HTX Lúa gạo Thạnh Phú", [(GAO, 10_000), (NUOC, 6_000)], 10 * 150_000 + 6 * 80_000),
        # tôm: 28 sold − 4 refunded = 24 in 28 days × (10 days cooperative lead + 14) = 20.57 − 1 on hand
        # − 15 on order (10 draft + 5 backordered) = 4.57 → one pack of 10
        ("HTX Tôm khô Rạch Gốc", [(TOM, 10_000)], 10 * 206_000),
    ]
    tom = groups[1].lines[0]
    assert (tom.on_hand_milli, tom.on_order_milli, tom.sold_milli, tom.lead_time_days) == (1_000, 15_000, 24_000, 10)
    assert tom.velocity_milli == Fraction(24_000, 28)
    assert tom.target_milli == Fraction(24_000 * 24, 28)
    assert round(tom.velocity, 3) == 0.857
    nuoc = groups[0].lines[1]
    assert (nuoc.lead_time_days, nuoc.sold_milli, nuoc.velocity_milli) == (2, 0, Fraction(0))


def test_the_window_moves_with_the_day_asked_for(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    # On 26 Oct the 50 sold that evening are in the window (and nothing after): tôm sold 50 in 28 days.
    groups = {g.cooperative: g for g in purchasing.reorder_suggestions(date(2026, 10, 26))}
    tom = groups["HTX Tôm khô Rạch Gốc"].lines[0]
    assert tom.sold_milli == 50_000
    # 50/28 × 24 = 42.86 − 1 − 15 = 26.86 → 30 in packs of 10
    assert tom.suggested_milli == 30_000
    only_rice = purchasing.reorder_suggestions(TODAY, cooperative_id=groups["HTX Lúa gạo Thạnh Phú"].cooperative_id)
    assert [g.cooperative for g in only_rice] == ["HTX Lúa gạo Thạnh Phú"]


def test_sales_and_orders_are_added_up_in_one_statement(scene: Shop) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(scene.engine, "before_cursor_execute", count)
    try:
        PurchasingService(scene.sessions, scene.clock).reorder_suggestions(TODAY)
    finally:
        event.remove(scene.engine, "before_cursor_execute", count)
    # one statement adds up the window's sales and the open orders of every product; one more fetches the
    # names and barcodes of the few products suggested
    assert [("sale_lines" in s, "po_lines" in s) for s in statements if s.lstrip().upper().startswith("SELECT")] == [
        (True, True),
        (False, False),
    ]


def test_approving_suggestions_drafts_one_order_per_cooperative(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    groups = purchasing.reorder_suggestions(TODAY)
    rice = groups[0]
    edited = OrderRequest(
        rice.cooperative_id, (OrderLineInput(rice.lines[0].product_id, 15_000, 149_000),), note="Giao sáng thứ Hai"
    )
    orders = purchasing.create_orders([edited], actor=COMMAND_LINE)
    assert [(o.po_no, o.status, o.cooperative, o.note, o.total) for o in orders] == [
        ("PO-000004", "draft", "HTX Lúa gạo Thạnh Phú", "Giao sáng thứ Hai", 15 * 149_000)
    ]
    # now on order, the rice is no longer suggested
    again = {g.cooperative: g for g in purchasing.reorder_suggestions(TODAY)}
    assert [line.barcode for line in again["HTX Lúa gạo Thạnh Phú"].lines] == [NUOC]
    made = purchasing.orders_from_suggestions(today=TODAY, actor=COMMAND_LINE)
    assert [(o.po_no, [(line.barcode, line.qty_ordered_milli) for line in o.lines]) for o in made] == [
        ("PO-000005", [(NUOC, 6_000)]),
        ("PO-000006", [(TOM, 10_000)]),
    ]
    with pytest.raises(InvalidInput, match="Nothing needs ordering"):
        purchasing.orders_from_suggestions(today=TODAY, actor=COMMAND_LINE)


def test_a_draft_is_kept_checked_edited_and_read_back(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    rice = {c.name: c.id for c in scene.catalog.cooperatives()}["HTX Lúa gạo Thạnh Phú"]
    gao, tom = scene.catalog.product_by_barcode(GAO), scene.catalog.product_by_barcode(TOM)
    with pytest.raises(InvalidInput, match="comes from HTX Tôm khô Rạch Gốc, not from HTX Lúa gạo Thạnh Phú"):
        purchasing.create_order(rice, [OrderLineInput(tom.id, 1_000)], actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="whole units"):
        purchasing.create_order(rice, [OrderLineInput(gao.id, 1_500)], actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="more than zero"):
        purchasing.create_order(rice, [OrderLineInput(gao.id, 0)], actor=COMMAND_LINE)
    order = purchasing.create_order(
        rice, [OrderLineInput(gao.id, 5_000), OrderLineInput(gao.id, 5_000)], actor=COMMAND_LINE
    )
    assert [(line.qty_ordered_milli, line.unit_cost) for line in order.lines] == [(10_000, 150_000)]
    assert purchasing.orders(status="draft", cooperative_id=rice) == [order]
    edited = purchasing.update_draft(
        order.po_no, [OrderLineInput(gao.id, 20_000, 140_000)], note="giá mới", actor=COMMAND_LINE
    )
    assert (edited.total, edited.note) == (2_800_000, "giá mới")
    assert purchasing.order(order.po_no.lower()) == edited
    assert "PO-000004,8936041202016,Gạo ST25 túi 5kg,túi,20,0,20,140000,2800000" in purchasing.order_csv(order.po_no)


def test_cancelling_is_for_orders_nothing_was_received_against(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    cancelled = purchasing.cancel("PO-000001", actor=COMMAND_LINE)
    assert cancelled.status == "cancelled"
    with pytest.raises(InvalidInput, match="PO-000002 cannot be cancelled"):
        purchasing.cancel("PO-000002", actor=COMMAND_LINE)  # partly received
    with pytest.raises(InvalidInput, match="Only a draft order can be changed; PO-000001 is cancelled"):
        purchasing.update_draft("PO-000001", [], actor=COMMAND_LINE)
    # the cancelled order no longer counts as on order
    tom = next(g for g in purchasing.reorder_suggestions(TODAY) if g.cooperative == "HTX Tôm khô Rạch Gốc").lines[0]
    assert tom.on_order_milli == 5_000


def test_order_times_are_kept_in_utc(scene: Shop) -> None:
    order = PurchasingService(scene.sessions, scene.clock).order("PO-000001")
    assert order.created_at.tzinfo is not None
    assert order.created_at <= datetime.now(order.created_at.tzinfo)


def test_a_cashier_may_not_order_alone_and_nothing_is_drafted(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    cashier = Actor(user_id=None, name="Lan", role=Role.CASHIER)
    gao = scene.catalog.product_by_barcode(GAO)
    with pytest.raises(PermissionRequired, match="Lan may not order from and pay cooperatives alone") as refused:
        purchasing.create_order(gao.cooperative_id, [OrderLineInput(gao.id, 5_000)], actor=cashier)
    assert refused.value.permission == "purchasing"
    with pytest.raises(PermissionRequired):
        purchasing.cancel("PO-000001", actor=cashier)
    assert [o.po_no for o in purchasing.orders()] == ["PO-000003", "PO-000002", "PO-000001"]
    assert purchasing.order("PO-000001").status == "draft"
    manager = Actor(user_id=None, name="Hoa", role=Role.MANAGER)
    assert purchasing.create_order(gao.cooperative_id, [OrderLineInput(gao.id, 5_000)], actor=manager).po_no == (
        "PO-000004"
    )


def test_a_draft_is_changed_line_by_line_and_each_change_is_audited(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    audit = AuditService(scene.sessions, scene.clock)
    gao, nuoc = scene.catalog.product_by_barcode(GAO), scene.catalog.product_by_barcode(NUOC)
    order = purchasing.create_order(gao.cooperative_id, [OrderLineInput(gao.id, 5_000)], actor=COMMAND_LINE)

    def shown(view: PurchaseOrderView) -> list[tuple[str, int, int]]:
        return [(line.barcode, line.qty_ordered_milli, line.unit_cost) for line in view.lines]

    changed = purchasing.update_line(order.po_no, gao.id, 10_000, 140_000, actor=COMMAND_LINE)
    assert (shown(changed), changed.total) == ([(GAO, 10_000, 140_000)], 1_400_000)
    assert audit.entries(limit=1)[0].detail["line_changed"] == {
        "product": gao.id,
        "name": "Gạo ST25 túi 5kg",
        "qty_milli": [5_000, 10_000],
        "unit_cost": [150_000, 140_000],
    }
    changed = purchasing.update_line(order.po_no.lower(), gao.id, 15_000, actor=COMMAND_LINE)  # the cost stays
    assert shown(changed) == [(GAO, 15_000, 140_000)]

    added = purchasing.add_line(order.po_no, nuoc.id, 6_000, actor=COMMAND_LINE)  # at the product's cost
    assert shown(added) == [(GAO, 15_000, 140_000), (NUOC, 6_000, 80_000)]
    added = purchasing.add_line(order.po_no, nuoc.id, 6_000, 79_000, actor=COMMAND_LINE)  # on order already
    assert shown(added) == [(GAO, 15_000, 140_000), (NUOC, 12_000, 79_000)]
    assert added.total == 15 * 140_000 + 12 * 79_000
    assert audit.entries(limit=1)[0].detail["line_added"]["qty_milli"] == 6_000

    removed = purchasing.remove_line(order.po_no, gao.id, actor=COMMAND_LINE)
    assert (shown(removed), removed.total) == ([(NUOC, 12_000, 79_000)], 12 * 79_000)
    entry = audit.entries(limit=1)[0]
    assert (entry.action, entry.detail["po_no"], entry.detail["line_removed"]["name"]) == (
        "purchasing",
        order.po_no,
        "Gạo ST25 túi 5kg",
    )
    # the next product added goes after the one left, and the order reads back as written
    again = purchasing.add_line(order.po_no, gao.id, 5_000, actor=COMMAND_LINE)
    assert shown(again) == [(NUOC, 12_000, 79_000), (GAO, 5_000, 150_000)]
    assert purchasing.order(order.po_no) == again
    # what the draft holds now counts as on order: 13.5 − 6 on hand − 5 ordered = 2.5 → one pack of 5 more rice;
    # the 12 bottles ordered cover the fish sauce
    rice = next(g for g in purchasing.reorder_suggestions(TODAY) if g.cooperative == "HTX Lúa gạo Thạnh Phú")
    assert [(line.barcode, line.suggested_milli) for line in rice.lines] == [(GAO, 5_000)]


def test_a_drafts_lines_are_checked_and_a_refused_change_writes_nothing(scene: Shop) -> None:
    purchasing = PurchasingService(scene.sessions, scene.clock)
    audit = AuditService(scene.sessions, scene.clock)
    gao, nuoc, tom = (scene.catalog.product_by_barcode(code) for code in (GAO, NUOC, TOM))
    order = purchasing.create_order(gao.cooperative_id, [OrderLineInput(gao.id, 5_000)], actor=COMMAND_LINE)
    entries = audit.count()
    with pytest.raises(InvalidInput, match="“Gạo ST25 túi 5kg” must be more than zero"):
        purchasing.update_line(order.po_no, gao.id, 0, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="whole units"):
        purchasing.update_line(order.po_no, gao.id, 2_500, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="A cost cannot be negative"):
        purchasing.update_line(order.po_no, gao.id, 5_000, -1, actor=COMMAND_LINE)
    with pytest.raises(NotFound, match=f"no longer on order {order.po_no}"):
        purchasing.update_line(order.po_no, nuoc.id, 5_000, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="comes from HTX Tôm khô Rạch Gốc, not from HTX Lúa gạo Thạnh Phú"):
        purchasing.add_line(order.po_no, tom.id, 10_000, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="must be more than zero"):
        purchasing.add_line(order.po_no, nuoc.id, -6_000, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match=f"at least one product: cancel {order.po_no} instead"):
        purchasing.remove_line(order.po_no, gao.id, actor=COMMAND_LINE)
    # an order no longer a draft stays as it was sent
    with pytest.raises(InvalidInput, match="Only a draft order can be changed; PO-000002 is partly received"):
        purchasing.update_line("PO-000002", tom.id, 30_000, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Only a draft order can be changed; PO-000002 is partly received"):
        purchasing.add_line("PO-000002", tom.id, 10_000, actor=COMMAND_LINE)
    purchasing.cancel("PO-000001", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Only a draft order can be changed; PO-000001 is cancelled"):
        purchasing.remove_line("PO-000001", tom.id, actor=COMMAND_LINE)
    entries = audit.count()
    cashier = Actor(user_id=None, name="Lan", role=Role.CASHIER)
    with pytest.raises(PermissionRequired):
        purchasing.add_line(order.po_no, nuoc.id, 6_000, actor=cashier)
    with pytest.raises(PermissionRequired):
        purchasing.update_line(order.po_no, gao.id, 50_000, actor=cashier)
    assert audit.count() == entries
    assert [(line.barcode, line.qty_ordered_milli) for line in purchasing.order(order.po_no).lines] == [(GAO, 5_000)]
