"""A demo OCOP shop: the bundled catalogue with stock and months of sales, or a big generated one to measure."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import timedelta
from random import Random

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from posapp.db.models import Product
from posapp.domain.errors import InvalidInput
from posapp.i18n import _
from posapp.services.catalog import save_cooperative, save_product
from posapp.services.demo_bulk import BulkRows, bulk_transaction, indexes_set_aside
from posapp.services.demo_catalogue import add_variants, plan_stock, read_catalogue, read_cooperatives, sale_items
from posapp.services.demo_history import History
from posapp.services.ledger import move_stock
from posapp.shop import Shop

MAX_PRODUCTS, MAX_DAYS = 1_000_000, 3_660
SMALL_LINES_PER_DAY, MAX_LINES_PER_DAY, LINES_PER_PRODUCT = 100, 3_000, 10
OPENING_REASON = "Tồn đầu kỳ"


@dataclass(frozen=True)
class DemoSummary:
    """What load_demo wrote: `sales` counts every receipt (refunds too), `sale_lines` every line on them."""

    cooperatives: int
    products: int
    sales: int
    sale_lines: int


def load_demo(shop: Shop, *, products: int | None = None, days: int = 90, seed: int = 1) -> DemoSummary:
    """Fill an empty shop with a demo: the bundled OCOP catalogue (or `products` of them, generated
    beyond the 74 bundled) with stock, and `days` of sales ending now. The same seed gives the same shop."""
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(_("The demo history must cover 1 to {most} days.").format(most=MAX_DAYS))
    if products is not None and not 1 <= products <= MAX_PRODUCTS:
        raise InvalidInput(_("The demo shop can have 1 to {most} products.").format(most=MAX_PRODUCTS))
    rng = Random(seed)
    clock = shop.clock
    now = clock.now()
    last_day = clock.local_day(now)
    first_day = last_day - timedelta(days=days - 1)
    cooperatives, catalogue = read_cooperatives(), read_catalogue()
    wanted = len(catalogue) if products is None else products
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rows and no cycles: collections would only cost time
    try:
        with bulk_transaction(shop) as session, indexes_set_aside(session):
            if session.scalar(select(func.count()).select_from(Product)):
                raise InvalidInput(_("The demo can only be loaded into an empty shop."))
            rows = BulkRows(session)
            for cooperative in cooperatives:
                save_cooperative(session, cooperative)
            for product in catalogue[:wanted]:
                save_product(session, product)
            made = len(cooperatives)
            if wanted > len(catalogue):
                made += add_variants(session, rows, rng, catalogue, wanted - len(catalogue))
            small = wanted <= len(catalogue)
            lines_per_day = SMALL_LINES_PER_DAY if small else LINES_PER_PRODUCT * wanted / days
            lines_per_day = min(max(lines_per_day, SMALL_LINES_PER_DAY), MAX_LINES_PER_DAY)
            stock = plan_stock(sale_items(session), lines_per_day, rng)
            opening_at = clock.day_start(first_day) + timedelta(hours=7)
            if small:
                for s in stock:
                    move_stock(
                        session,
                        s.item.product_id,
                        s.opening_milli,
                        "receive",
                        opening_at,
                        reason=OPENING_REASON,
                        unit_cost=s.item.unit_cost,
                    )
            history = History(session, rows, clock, rng, stock)
            if not small:
                history.open_stock(opening_at, OPENING_REASON)
            history.write(first_day, last_day, now, lines_per_day)
            history.finish()
            if session.get_bind().dialect.name == "postgresql":
                reset_sequences(session)
    finally:
        if collecting:
            gc.enable()
    return DemoSummary(cooperatives=made, products=wanted, sales=history.sales, sale_lines=history.lines)


def reset_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move: move them past the rows."""
    for name in ("cooperatives", "products", "stock_movements", "sales", "sale_lines", "payments"):
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), coalesce(max(id), 0) + 1, false) FROM {name}")
        )
