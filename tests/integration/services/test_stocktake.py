"""Stocktake: a snapshot, counts entered by hand or from the sheet's CSV, variances, committed to the ledger."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from posapp.db.models import Product, StockMovement
from posapp.domain.errors import InvalidInput, NotFound, PermissionRequired, UnknownBarcode
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.services.stocktake import StocktakeService
from posapp.shop import Shop
from tests.helpers.supply import cooperative, local, product, sell

CHA, MAT, GAO = "8936041206014", "8936041207011", "8936041202016"


@pytest.fixture
def stocked(shop: Shop) -> Shop:
    cooperative(shop, "HTX Chè Tân Cương")
    product(shop, "Chè Tân Cương hộp 100g", "HTX Chè Tân Cương", CHA, cost=90_000)
    product(shop, "Mật ong rừng", "HTX Chè Tân Cương", MAT, cost=180_000)
    product(shop, "Gạo ST25", "HTX Lúa gạo Thạnh Phú", GAO, cost=150_000)
    product(shop, "Chè búp cân ký", "HTX Chè Tân Cương", "", weighed=True, plu=101, cost=400_000)
    for code, qty in ((CHA, 20_000), (MAT, 10_000), (GAO, 30_000), ("2000000000015", 5_000)):
        shop.inventory.receive(code, qty, at=local(shop, date(2026, 11, 1)))
    return shop


def ledger_matches_on_hand(shop: Shop) -> bool:
    with shop.sessions() as session:
        sums = dict(
            session.execute(
                select(StockMovement.product_id, func.sum(StockMovement.qty_milli)).group_by(StockMovement.product_id)
            ).all()
        )
        return all(sums.get(p.id, 0) == p.on_hand_milli for p in session.scalars(select(Product)))


def test_a_count_commits_its_variances_and_keeps_sales_made_while_counting(stocked: Shop) -> None:
    stocktake = StocktakeService(stocked.sessions, stocked.clock)
    sheet = stocktake.start(note="Kiểm kê cuối tháng", at=local(stocked, date(2026, 11, 30), 18))
    assert [(line.name, line.expected_milli, line.counted_milli) for line in sheet.lines] == [
        ("Chè búp cân ký", 5_000, None),
        ("Chè Tân Cương hộp 100g", 20_000, None),
        ("Gạo ST25", 30_000, None),
        ("Mật ong rừng", 10_000, None),
    ]
    assert (sheet.cooperative, sheet.uncounted) == ("", 4)
    sell(stocked, date(2026, 11, 30), (CHA, 2_000), hour=19)  # sold while the count is open
    stocktake.enter_counts(sheet.stocktake_id, {CHA: 17_000, "2000000000015": 5_250, MAT: 9_000})
    sheet = stocktake.enter_counts(sheet.stocktake_id, {MAT: 10_000})  # counted again: the second count stands
    assert (sheet.counted, sheet.uncounted) == (3, 1)
    report = stocktake.variance(sheet.stocktake_id)
    assert [(line.name, line.variance_milli, line.variance_value) for line in report.lines] == [
        ("Chè búp cân ký", 250, 100_000),
        ("Chè Tân Cương hộp 100g", -3_000, -270_000),
    ]
    assert (report.uncounted, report.units_short_milli, report.units_over_milli, report.value) == (
        1,
        3_000,
        250,
        -170_000,
    )
    committed = stocktake.commit(sheet.stocktake_id, at=local(stocked, date(2026, 11, 30), 21), actor=COMMAND_LINE)
    assert committed.status == "committed" and committed.lines == report.lines
    # 20 − 2 sold while counting − 3 missing = 15; the uncounted rice is left alone
    assert stocked.inventory.level(CHA).on_hand_milli == 15_000
    assert stocked.inventory.level(GAO).on_hand_milli == 30_000
    assert stocked.inventory.level(MAT).on_hand_milli == 10_000
    movement = stocked.inventory.movements(CHA)[0]
    assert (movement.kind, movement.qty_milli, movement.reason, movement.on_hand_after_milli) == (
        "count",
        -3_000,
        "stocktake",
        15_000,
    )
    assert ledger_matches_on_hand(stocked)
    with pytest.raises(InvalidInput, match="no longer open"):
        stocktake.commit(sheet.stocktake_id, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="no longer open"):
        stocktake.enter_counts(sheet.stocktake_id, {CHA: 1_000})


def test_one_cooperatives_count_and_its_csv_round_trip(stocked: Shop) -> None:
    stocktake = StocktakeService(stocked.sessions, stocked.clock)
    tea = {c.name: c.id for c in stocked.catalog.cooperatives()}["HTX Chè Tân Cương"]
    sheet = stocktake.start(tea)
    assert sheet.cooperative == "HTX Chè Tân Cương" and len(sheet.lines) == 3
    with pytest.raises(InvalidInput, match="already open"):
        stocktake.start()
    text = stocktake.sheet_csv(sheet.stocktake_id)
    assert text.splitlines()[:2] == ["barcode,name,unit,expected,counted", "2000000000015,Chè búp cân ký,kg,5,"]
    filled = text.replace("2000000000015,Chè búp cân ký,kg,5,", "2000000000015,Chè búp cân ký,kg,5,4.5")
    filled = filled.replace(f"{CHA},Chè Tân Cương hộp 100g,cái,20,", f"{CHA},Chè Tân Cương hộp 100g,cái,20,20")
    sheet = stocktake.read_counts_csv(sheet.stocktake_id, "\ufeff" + filled)
    assert [line.counted_milli for line in sheet.lines] == [4_500, 20_000, None]
    assert stocktake.open_counts()[0].counted == 2
    with pytest.raises(InvalidInput, match="“Gạo ST25” is not part of this count"):
        stocktake.enter_counts(sheet.stocktake_id, {GAO: 1_000})
    with pytest.raises(InvalidInput, match="whole units"):
        stocktake.enter_counts(sheet.stocktake_id, {CHA: 1_500})
    with pytest.raises(UnknownBarcode):
        stocktake.enter_counts(sheet.stocktake_id, {"8930000000002": 1_000})
    with pytest.raises(InvalidInput, match="barcode and counted"):
        stocktake.read_counts_csv(sheet.stocktake_id, "ma,so\n1,2\n")
    stocktake.cancel(sheet.stocktake_id)
    assert stocktake.open_counts() == []
    assert stocked.inventory.level("2000000000015").on_hand_milli == 5_000  # cancelled: nothing moved
    with pytest.raises(NotFound):
        stocktake.sheet(999)


def test_committing_a_count_needs_a_manager(stocked: Shop) -> None:
    stocktake = StocktakeService(stocked.sessions, stocked.clock)
    sheet = stocktake.start()
    stocktake.enter_counts(sheet.stocktake_id, {CHA: 1_000})
    with pytest.raises(PermissionRequired, match="Lan may not adjust stock alone"):
        stocktake.commit(sheet.stocktake_id, actor=Actor(user_id=None, name="Lan", role=Role.CASHIER))
    assert stocktake.open_counts()[0].stocktake_id == sheet.stocktake_id  # still open, nothing moved
    assert stocked.inventory.level(CHA).on_hand_milli == 20_000
