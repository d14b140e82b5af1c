"""The demo shop: a believable OCOP catalogue and a history whose books add up like real sales."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from posapp.db.models import Barcode, Cooperative, Payment, Product, Sale, SaleLine, StockMovement, Till
from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart, SaleItem
from posapp.domain.errors import InvalidInput
from posapp.domain.ocop import OcopGroup
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.vat import TaxCategory, vat_rate
from posapp.services.catalog import CooperativeInput, ProductInput, search_text
from posapp.services.clock import ShopClock
from posapp.services.demo import DemoSummary, load_demo
from posapp.settings import Settings
from posapp.shop import Shop, open_shop
from tests.helpers.databases import fresh_sqlite_url

NOW = datetime(2026, 3, 14, 5, 30, tzinfo=UTC)  # a Saturday, 12:30 in the shop


@dataclasses.dataclass(frozen=True)
class FixedClock(ShopClock):
    instant: datetime = NOW

    def now(self) -> datetime:
        return self.instant


def at_noon(shop: Shop) -> Shop:
    """The same shop with its clock stopped at NOW, so the demo's history ends at a known moment."""
    return dataclasses.replace(shop, clock=FixedClock())


def rows(shop: Shop, *columns: Any, order: Any = None) -> list[Any]:
    with shop.sessions() as session:
        return list(session.execute(select(*columns).order_by(order if order is not None else columns[0])).all())


def assert_books_balance(shop: Shop) -> None:
    """The invariants checkout.complete_sale keeps, over the whole history."""
    with shop.sessions() as session:
        totals = select(StockMovement.product_id, func.sum(StockMovement.qty_milli)).group_by(StockMovement.product_id)
        moved = {product_id: int(total) for product_id, total in session.execute(totals)}
        for product_id, on_hand in session.execute(select(Product.id, Product.on_hand_milli)):
            assert on_hand == moved.get(product_id, 0), product_id
        lines: dict[int, list[SaleLine]] = defaultdict(list)
        for line in session.scalars(select(SaleLine).order_by(SaleLine.id)):
            lines[line.sale_id].append(line)
        paid: dict[int, int] = defaultdict(int)
        for payment in session.scalars(select(Payment)):
            paid[payment.sale_id] += payment.amount
        movements = {m.sale_line_id: m for m in session.scalars(select(StockMovement)) if m.sale_line_id}
        sales = session.scalars(select(Sale).order_by(Sale.id)).all()
        for sale in sales:
            mine = lines[sale.id]
            assert [line.position for line in mine] == list(range(1, len(mine) + 1))
            assert sale.subtotal == sum(line.gross - line.line_discount for line in mine)
            assert sale.total == sale.subtotal - sale.discount == sum(line.total for line in mine)
            assert sale.discount == sum(line.discount_share for line in mine)
            assert sale.total == paid[sale.id] - sale.change
            for line in mine:
                assert line.at == sale.at
                movement = movements[line.id]
                assert (movement.kind, movement.qty_milli, movement.at) == (
                    sale.kind,
                    -line.qty_milli,
                    sale.at,
                )
        assert len(movements) == sum(len(mine) for mine in lines.values())
        seqs: dict[str, list[int]] = defaultdict(list)
        for sale in sales:
            assert sale.receipt_no == f"{sale.till_code}-{sale.seq:06d}"
            seqs[sale.till_code].append(sale.seq)
        tills = dict(session.execute(select(Till.code, Till.last_seq)).all())
        assert set(seqs) == set(tills) == {"Q1", "Q2"}
        for till, numbers in seqs.items():
            assert sorted(numbers) == list(range(1, tills[till] + 1))


@pytest.fixture
def demo(shop: Shop) -> tuple[Shop, DemoSummary]:
    summary = load_demo(at_noon(shop), days=14)
    return shop, summary


def test_small_demo_is_a_believable_ocop_shop(demo: tuple[Shop, DemoSummary]) -> None:
    shop, summary = demo
    cooperatives = shop.catalog.cooperatives()
    products = shop.catalog.products()
    assert summary.cooperatives == len(cooperatives) >= 12
    assert len({c.province for c in cooperatives}) >= 8
    assert all(c.phone and c.tax_code and c.lead_time_days for c in cooperatives)
    assert summary.products == len(products) >= 60
    assert {p.ocop_group for p in products} == {g.value for g in OcopGroup}
    assert {p.tax_category for p in products} == {t.value for t in TaxCategory}
    assert {p.ocop_stars for p in products} == {3, 4, 5}
    assert any(p.weighed and p.plu for p in products)
    assert any(p.supply_kind == "consignment" and p.payout is not None for p in products)
    codes = [code for p in products for code in p.barcodes]
    assert len(codes) == len(set(codes)) >= len(products)
    for code in codes:
        bc.validate_product_code(code)  # raises on a bad check digit or a scale-label prefix

    sales = rows(
        shop, Sale.id, Sale.kind, Sale.at, Sale.discount_bp, Sale.change, Sale.original_sale_id, Sale.till_code
    )
    assert summary.sales == len(sales)
    assert summary.sale_lines == len(rows(shop, SaleLine.id))
    local = [shop.clock.local(s.at) for s in sales]
    assert all(s.at <= NOW for s in sales)
    assert {t.date() for t in local} == {(NOW - timedelta(days=d)).date() for d in range(14)}
    assert all(8 <= t.hour < 21 for t in local)
    per_day = Counter(t.date() for t in local)
    weekend = [n for day, n in per_day.items() if day.weekday() >= 5 and day != NOW.date()]
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5]
    assert sum(weekend) / len(weekend) > 1.2 * sum(weekdays) / len(weekdays)
    assert {s.till_code for s in sales} == {"Q1", "Q2"}
    assert {500, 1000} <= {s.discount_bp for s in sales}
    assert any(s.change > 0 for s in sales)
    by_id = {s.id: s for s in sales}
    refunds = [s for s in sales if s.kind == "refund"]
    assert 1 <= len(refunds) <= len(sales) // 20
    for refund in refunds:
        original = by_id[refund.original_sale_id]
        assert original.kind == "sale" and original.at < refund.at
    assert {p.method for p in rows(shop, Payment.id, Payment.method)} == {m.value for m in PaymentMethod}
    lines = rows(shop, SaleLine.id, SaleLine.weighed, SaleLine.qty_milli, SaleLine.cooperative_id, SaleLine.sale_id)
    assert any(line.weighed and line.qty_milli % 1000 for line in lines)
    cooperatives_in_sale = defaultdict(set)
    for line in lines:
        cooperatives_in_sale[line.sale_id].add(line.cooperative_id)
    assert max(len(c) for c in cooperatives_in_sale.values()) >= 3
    assert 1 <= len(shop.inventory.needing_count()) <= 2


def test_small_demo_keeps_the_books_of_real_sales(demo: tuple[Shop, DemoSummary]) -> None:
    shop, _summary = demo
    assert_books_balance(shop)
    movements = rows(
        shop, StockMovement.id, StockMovement.kind, StockMovement.at, StockMovement.unit_cost, StockMovement.product_id
    )
    first = min(m.at for m in movements)
    opening = [m for m in movements if m.kind == "receive" and m.at == first]
    assert len({m.product_id for m in opening}) == len(shop.catalog.products())
    assert all(m.unit_cost is not None for m in opening)
    assert any(m.kind == "receive" and m.at > first for m in movements)  # restocks during the history

    # Each line is a snapshot of the product exactly as the till rings it up, with the day's VAT rate.
    with shop.sessions() as session:
        sold = {line.product_id: line for line in session.scalars(select(SaleLine).where(SaleLine.qty_milli > 0))}
    assert len(sold) >= 40
    for line in sold.values():
        assert shop.catalog.lookup(line.barcode).item == SaleItem(
            product_id=line.product_id,
            barcode=line.barcode,
            name=line.name,
            name_en=line.name_en,
            unit=line.unit,
            weighed=line.weighed,
            unit_price=line.unit_price,
            tax_category=TaxCategory(line.tax_category),
            cooperative_id=line.cooperative_id,
            cooperative=line.cooperative_name,
            province=line.province,
            ocop_stars=line.ocop_stars,
            ocop_group=line.ocop_group,
            unit_cost=line.unit_cost,
            supply_kind=line.supply_kind,
            payout=line.payout,
        )
        assert line.vat_rate == vat_rate(line.tax_category, shop.clock.local_day(line.at))

    # The till carries on where the demo stopped.
    last = dict(rows(shop, Till.code, Till.last_seq))
    product = next(p for p in shop.catalog.products() if not p.weighed and p.on_hand_milli > 0)
    cart = Cart()
    shop.checkout.scan(cart, product.barcode)
    receipt = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 2_000_000)], "Q1", actor=COMMAND_LINE)
    assert receipt.receipt_no == f"Q1-{last['Q1'] + 1:06d}"
    assert shop.catalog.product(product.id).on_hand_milli == product.on_hand_milli - 1000
    assert_books_balance(shop)

    # And the demo never goes into a shop that already trades.
    before = len(rows(shop, Sale.id))
    with pytest.raises(InvalidInput):
        load_demo(at_noon(shop), days=3)
    assert len(rows(shop, Sale.id)) == before


def dump(shop: Shop) -> dict[str, list[tuple[Any, ...]]]:
    tables = {
        "products": Product,
        "barcodes": Barcode,
        "sales": Sale,
        "sale_lines": SaleLine,
        "payments": Payment,
        "stock_movements": StockMovement,
        "tills": Till,
    }
    result = {}
    with shop.sessions() as session:
        for name, model in tables.items():
            columns = [c for c in model.__table__.columns]
            result[name] = [tuple(r) for r in session.execute(select(*columns).order_by(*model.__table__.primary_key))]
    return result


def test_the_same_seed_gives_the_same_shop(shop: Shop, sqlite_template: Path, tmp_path: Path) -> None:
    for folder in ("other", "third"):
        (tmp_path / folder).mkdir()
    other = open_shop(Settings(database_url=fresh_sqlite_url(sqlite_template, tmp_path / "other")), migrate=False)
    third = open_shop(Settings(database_url=fresh_sqlite_url(sqlite_template, tmp_path / "third")), migrate=False)
    try:
        load_demo(at_noon(shop), days=5, seed=7)
        load_demo(at_noon(other), days=5, seed=7)
        load_demo(at_noon(third), days=5, seed=8)
        assert dump(shop) == dump(other)
        assert dump(third)["sale_lines"] != dump(other)["sale_lines"]
    finally:
        other.close()
        third.close()


def test_a_big_demo_scales_the_catalogue_and_history(shop: Shop) -> None:
    summary = load_demo(at_noon(shop), products=300, days=20)
    products = shop.catalog.products()
    cooperatives = shop.catalog.cooperatives()
    assert summary.products == len(products) == 300
    assert summary.cooperatives == len(cooperatives) > 26
    assert {p.ocop_group for p in products} == {g.value for g in OcopGroup}
    codes = [code for p in products for code in p.barcodes]
    assert len(codes) == len(set(codes)) == 300
    for code in codes:
        assert bc.symbology(code) is bc.Symbology.EAN13
        bc.validate_product_code(code)
    plus = [p.plu for p in products if p.weighed]
    assert len(plus) == len(set(plus)) > 6
    by_coop = {c.id: c for c in cooperatives}
    for p in products:
        assert p.origin_province
        with shop.sessions() as session:
            stored = session.scalar(select(Product.search_text).where(Product.id == p.id))
        assert stored == search_text(p.name, p.name_en, by_coop[p.cooperative_id].name)
    assert 0.7 * 3000 <= summary.sale_lines <= 1.3 * 3000  # about ten lines a product
    assert_books_balance(shop)
    # Explicit ids left the database's own numbering intact (PostgreSQL sequences were moved on).
    shop.catalog.save_cooperative(CooperativeInput(name="HTX Mới sau demo", province="Huế"), actor=COMMAND_LINE)
    made = shop.catalog.save_product(
        ProductInput(name="Sản phẩm mới", cooperative="HTX Mới sau demo", price=50_000), actor=COMMAND_LINE
    )
    shop.inventory.receive(made.barcode, 5000, unit_cost=30_000)
    cart = Cart()
    shop.checkout.scan(cart, made.barcode)
    receipt = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CARD, 50_000)], "Q2", actor=COMMAND_LINE)
    assert receipt.receipt_no == f"Q2-{dict(rows(shop, Till.code, Till.last_seq))['Q2']:06d}"
    assert_books_balance(shop)


@pytest.mark.parametrize(("products", "days"), [(0, 10), (None, 0), (None, 100_000), (2_000_000, 10)])
def test_nonsense_sizes_are_refused(shop: Shop, products: int | None, days: int) -> None:
    with pytest.raises(InvalidInput):
        load_demo(shop, products=products, days=days)
    assert not rows(shop, Cooperative.id)
