"""Consignment statements that reconcile with the stock ledger; payouts from the sale snapshots; balances."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from posapp.db.models import StockMovement
from posapp.domain.errors import InvalidInput, PermissionRequired
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.services.audit import AuditService
from posapp.services.consignment import ConsignmentService, statement_csv
from posapp.services.supply_dto import ConsignmentStatement, ReturnItem
from posapp.shop import Shop
from tests.helpers.supply import consigned, cooperative, local, product, refund, sell, set_product

GIO, TRA, NON = "8936041209015", "2000000000015", "8936041208018"
CASHIER = Actor(user_id=None, name="Lan", role=Role.CASHIER)


@pytest.fixture
def history(shop: Shop) -> Shop:
    """October before the period, November the period, one sale in December after it."""
    coop = cooperative(shop, "HTX Mây tre Phú Vinh", province="Hà Nội")
    gio = consigned(shop, "Giỏ mây Phú Vinh", coop.name, GIO, payout=130_000, price=200_000)
    consigned(shop, "Trà sen cân ký", coop.name, "", payout=799_999, price=1_200_000, weighed=True, plu=101)
    product(shop, "Nón mây (hàng mua đứt)", coop.name, NON, price=150_000)  # bought outright: not on the statement
    service = ConsignmentService(shop.sessions, shop.clock)
    shop.inventory.receive(GIO, 10_000, at=local(shop, date(2026, 10, 5)))
    shop.inventory.receive(NON, 10_000, at=local(shop, date(2026, 10, 5)))
    sell(shop, date(2026, 10, 10), (GIO, 3_000), (NON, 1_000))  # owed 390.000
    service.pay(coop.id, 200_000, at=local(shop, date(2026, 10, 20)), actor=COMMAND_LINE)
    # November
    shop.inventory.receive(GIO, 5_000, at=local(shop, date(2026, 11, 2)))
    shop.inventory.receive(TRA, 2_000, at=local(shop, date(2026, 11, 1)))
    sold = sell(shop, date(2026, 11, 5), (GIO, 4_000), (TRA, 333))
    refund(shop, sold.receipt_no, date(2026, 11, 6), GIO, 1_000)
    set_product(shop, gio.id, payout=140_000)  # the cooperative's price went up mid-month
    sell(shop, date(2026, 11, 30), (GIO, 2_000), hour=23)  # 23:00 local is still the 30th
    service.return_to_cooperative(GIO, 1_000, "nan bị gãy", at=local(shop, date(2026, 11, 20)), actor=COMMAND_LINE)
    shop.inventory.adjust(GIO, -1_000, "damaged", at=local(shop, date(2026, 11, 21)), actor=COMMAND_LINE)
    service.pay(coop.id, 500_000, at=local(shop, date(2026, 11, 25)), note="CK 2511", actor=COMMAND_LINE)
    sell(shop, date(2026, 12, 1), (GIO, 1_000), hour=0)  # 00:30 on 1 Dec: the next period
    return shop


def statement(shop: Shop, first: date, last: date) -> ConsignmentStatement:
    coop = {c.name: c.id for c in shop.catalog.cooperatives()}["HTX Mây tre Phú Vinh"]
    return ConsignmentService(shop.sessions, shop.clock).statement(coop, first, last)


def ledger_on_hand(shop: Shop, product_id: int, before: date) -> int:
    with shop.sessions() as session:
        total = session.scalar(
            select(func.coalesce(func.sum(StockMovement.qty_milli), 0)).where(
                StockMovement.product_id == product_id, StockMovement.at < shop.clock.day_start(before)
            )
        )
    return int(total or 0)


def test_a_month_statement_with_refunds_returns_adjustments_and_a_payout_change(history: Shop) -> None:
    november = statement(history, date(2026, 11, 1), date(2026, 11, 30))
    figures = [
        (
            line.name,
            line.opening_milli,
            line.received_milli,
            line.sold_milli,
            line.returned_milli,
            line.adjusted_milli,
            line.closing_milli,
            line.payout_per_unit,
            line.owed,
        )
        for line in november.lines
    ]
    assert figures == [
        # 4 sold − 1 refunded at 130.000, then 2 at 140.000: 3 × 130.000 + 2 × 140.000; shows the current payout
        ("Giỏ mây Phú Vinh", 7_000, 5_000, 5_000, 1_000, -1_000, 5_000, 140_000, 670_000),
        # 333 g × 799.999 ₫/kg = 266.399,667 ₫ → 266.400 ₫
        ("Trà sen cân ký", 0, 2_000, 333, 0, 0, 1_667, 799_999, 266_400),
    ]
    assert (november.opening_balance, november.owed, november.paid, november.balance) == (
        390_000 - 200_000,
        936_400,
        500_000,
        190_000 + 936_400 - 500_000,
    )
    assert [(p.amount, p.note) for p in november.payments] == [(500_000, "CK 2511")]


def test_every_figure_reconciles_with_the_stock_ledger(history: Shop) -> None:
    for first, last in ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 11, 1), date(2026, 11, 30))):
        for line in statement(history, first, last).lines:
            assert line.opening_milli == ledger_on_hand(history, line.product_id, first)
            assert line.closing_milli == ledger_on_hand(history, line.product_id, last + timedelta(days=1))
            moved = line.received_milli - line.sold_milli - line.returned_milli + line.adjusted_milli
            assert line.opening_milli + moved == line.closing_milli


def test_periods_chain_goods_and_money_carry_forward(history: Shop) -> None:
    october = statement(history, date(2026, 10, 1), date(2026, 10, 31))
    november = statement(history, date(2026, 11, 1), date(2026, 11, 30))
    december = statement(history, date(2026, 12, 1), date(2026, 12, 31))
    assert (october.owed, october.paid, october.balance) == (390_000, 200_000, 190_000)
    assert november.opening_balance == october.balance
    assert december.opening_balance == november.balance
    for before, after in ((october, november), (november, december)):
        closing = {line.product_id: line.closing_milli for line in before.lines}
        assert all(line.opening_milli == closing.get(line.product_id, 0) for line in after.lines)
    gio = next(line for line in december.lines if line.barcode == GIO)
    assert (gio.sold_milli, gio.owed, gio.payout_per_unit) == (1_000, 140_000, 140_000)
    whole = statement(history, date(2026, 10, 1), date(2026, 12, 31))
    assert whole.owed == october.owed + november.owed + december.owed  # per-line rounding adds up
    balances = ConsignmentService(history.sessions, history.clock).balances()
    assert [(b.cooperative, b.owed, b.paid, b.balance) for b in balances] == [
        ("HTX Mây tre Phú Vinh", whole.owed, 700_000, december.balance)
    ]


def test_the_statement_csv_has_stable_columns(history: Shop) -> None:
    text = statement_csv(statement(history, date(2026, 11, 1), date(2026, 11, 30)))
    assert text.splitlines() == [
        "barcode,name,unit,opening,received,sold,returned,adjusted,closing,payout_per_unit,owed",
        f"{GIO},Giỏ mây Phú Vinh,cái,7,5,5,1,-1,5,140000,670000",
        f"{TRA},Trà sen cân ký,kg,0,2,0.333,0,0,1.667,799999,266400",
    ]


def test_payments_returns_and_periods_are_checked(history: Shop) -> None:
    service = ConsignmentService(history.sessions, history.clock)
    coop = {c.name: c.id for c in history.catalog.cooperatives()}["HTX Mây tre Phú Vinh"]
    with pytest.raises(InvalidInput, match="more than zero dong"):
        service.pay(coop, 0, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="first day comes after its last day"):
        service.statement(coop, date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(InvalidInput, match="Say why"):
        service.return_to_cooperative(GIO, 1_000, "  ", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Only 4 cái of “Giỏ mây Phú Vinh” are in stock to return"):
        service.return_to_cooperative(GIO, 5_000, "hết mùa", actor=COMMAND_LINE)
    with pytest.raises(PermissionRequired, match="Lan may not order from and pay cooperatives alone"):
        service.pay(coop, 100_000, actor=CASHIER)
    with pytest.raises(PermissionRequired, match="Lan may not adjust stock alone"):
        service.return_to_cooperative(GIO, 1_000, "hết mùa", actor=CASHIER)
    assert [p.amount for p in service.payments(coop)] == [500_000, 200_000]
    assert history.inventory.level(GIO).on_hand_milli == 4_000


def test_unsold_goods_go_back_together_and_the_statement_counts_them(history: Shop) -> None:
    service = ConsignmentService(history.sessions, history.clock)
    coop = {c.name: c.id for c in history.catalog.cooperatives()}["HTX Mây tre Phú Vinh"]
    # what can go back: the cooperative's consignment goods in stock (the hats were bought outright)
    returnable = service.returnable(coop)
    assert [(level.barcode, level.on_hand_milli) for level in returnable] == [(GIO, 4_000), (TRA, 1_667)]
    gio, tra = (level.product_id for level in returnable)
    levels = service.return_goods(
        coop,
        [ReturnItem(gio, 1_000), ReturnItem(tra, 500), ReturnItem(gio, 1_000)],
        "  hết mùa, trả lại HTX ",
        at=local(history, date(2026, 12, 2)),
        actor=COMMAND_LINE,
    )
    assert [(level.barcode, level.on_hand_milli) for level in levels] == [(GIO, 2_000), (TRA, 1_167)]
    entry = AuditService(history.sessions, history.clock).entries(limit=1)[0]
    assert (entry.action, entry.detail["cooperative"], entry.detail["reason"]) == (
        "stock_adjust",
        "HTX Mây tre Phú Vinh",
        "hết mùa, trả lại HTX",
    )
    assert [(r["name"], r["returned_milli"]) for r in entry.detail["returned"]] == [
        ("Giỏ mây Phú Vinh", 2_000),
        ("Trà sen cân ký", 500),
    ]
    december = statement(history, date(2026, 12, 1), date(2026, 12, 31))
    figures = [(ln.opening_milli, ln.sold_milli, ln.returned_milli, ln.closing_milli) for ln in december.lines]
    assert figures == [(5_000, 1_000, 2_000, 2_000), (1_667, 0, 500, 1_167)]
    assert "returned" in statement_csv(december).splitlines()[0]
    assert december.owed == 140_000  # goods given back are not owed for


def test_a_return_is_checked_whole_and_a_refused_one_writes_nothing(history: Shop) -> None:
    service = ConsignmentService(history.sessions, history.clock)
    coops = {c.name: c.id for c in history.catalog.cooperatives()}
    coop = coops["HTX Mây tre Phú Vinh"]
    gio, tra = (level.product_id for level in service.returnable(coop))
    other = cooperative(history, "HTX Gốm Bát Tràng", province="Hà Nội")
    vase = consigned(history, "Bình gốm men lam", other.name, "", payout=300_000, price=450_000)
    entries = AuditService(history.sessions, history.clock).count()
    with pytest.raises(InvalidInput, match="Only 4 cái of “Giỏ mây Phú Vinh” are in stock to return"):
        service.return_goods(coop, [ReturnItem(tra, 500), ReturnItem(gio, 5_000)], "hết mùa", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="“Bình gốm men lam” is not made by HTX Mây tre Phú Vinh"):
        service.return_goods(coop, [ReturnItem(vase.id, 1_000)], "nhầm", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="whole units"):
        service.return_goods(coop, [ReturnItem(gio, 1_500)], "hết mùa", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="more than zero"):
        service.return_goods(coop, [ReturnItem(gio, 0)], "hết mùa", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Type how much"):
        service.return_goods(coop, [], "hết mùa", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="Say why"):
        service.return_goods(coop, [ReturnItem(gio, 1_000)], " ", actor=COMMAND_LINE)
    with pytest.raises(PermissionRequired, match="Lan may not adjust stock alone"):
        service.return_goods(coop, [ReturnItem(gio, 1_000)], "hết mùa", actor=CASHIER)
    assert AuditService(history.sessions, history.clock).count() == entries
    assert [(level.product_id, level.on_hand_milli) for level in service.returnable(coop)] == [
        (gio, 4_000),
        (tra, 1_667),
    ]
    assert service.returnable(other.id) == []  # nothing of it in stock
