"""Reorder suggestions over the whole catalogue beside a raw-SQL floor computing the same suggestions.

    python benchmarks/bench_reorder.py --database sqlite:////path/to/bench.sqlite3   # on its own

The floor does all of the maths in one hand-written SQLite statement (integer arithmetic, the same ceilings)
and returns only the suggested lines; the service fetches every active product's facts in one statement and
does the maths in Python (posapp.domain.reorder). Both must agree line for line, or the run stops.
"""

from __future__ import annotations

import statistics
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import Context, Result, percentile, raw_connection, side_by_side
from posapp.domain.reorder import DEFAULT_COVER_DAYS, DEFAULT_LEAD_TIME_DAYS, DEFAULT_WINDOW_DAYS
from posapp.services.purchasing import PurchasingService

BUDGET_MS = 2000.0

RAW_SUGGESTIONS = """
WITH sold AS (
    SELECT product_id, SUM(qty_milli) AS qty FROM sale_lines WHERE at >= :start AND at < :end GROUP BY product_id
), ordered AS (
    SELECT l.product_id, SUM(l.qty_ordered_milli - l.qty_received_milli) AS qty
    FROM po_lines l JOIN purchase_orders o ON o.id = l.po_id
    WHERE o.status IN ('draft', 'sent', 'partly_received') GROUP BY l.product_id
), facts AS (
    SELECT p.id, p.cooperative_id, p.cost, p.pack_size_milli AS pack, p.reorder_point_milli AS point,
           p.on_hand_milli + COALESCE(o.qty, 0) AS have,
           COALESCE(s.qty, 0) * (COALESCE(p.lead_time_days, c.lead_time_days, :lead) + :cover)
             + (p.safety_stock_milli - p.on_hand_milli - COALESCE(o.qty, 0)) * :window AS need_times_window
    FROM products p
    JOIN cooperatives c ON c.id = p.cooperative_id
    LEFT JOIN sold s ON s.product_id = p.id
    LEFT JOIN ordered o ON o.product_id = p.id
    WHERE p.active
), needed AS (
    SELECT id, cooperative_id, cost, pack, point, have,
           CASE WHEN need_times_window > 0 THEN (need_times_window + :window - 1) / :window ELSE 0 END AS qty
    FROM facts
), lifted AS (
    SELECT id, cooperative_id, cost, pack,
           CASE WHEN have <= point AND qty < pack THEN pack ELSE qty END AS qty
    FROM needed
)
SELECT cooperative_id, id,
       (SELECT b.code FROM barcodes b WHERE b.product_id = lifted.id ORDER BY b.is_primary DESC, b.code LIMIT 1),
       (qty + pack - 1) / pack * pack AS suggested, cost
FROM lifted WHERE qty > 0
"""


def stored(at: datetime) -> str:
    """An instant as the app stores it in SQLite: naive UTC text."""
    return at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def bench_reorder(context: Context, runs: int = 7) -> list[Result]:
    shop = context.shop
    purchasing = PurchasingService(shop.sessions, shop.clock)
    today = date(2026, 11, 23)
    start = shop.clock.day_start(today - timedelta(days=DEFAULT_WINDOW_DAYS - 1))
    end = shop.clock.day_start(today + timedelta(days=1))
    params = {
        "start": stored(start),
        "end": stored(end),
        "window": DEFAULT_WINDOW_DAYS,
        "cover": DEFAULT_COVER_DAYS,
        "lead": DEFAULT_LEAD_TIME_DAYS,
    }
    raw = raw_connection(context.path)

    def service() -> object:
        return purchasing.reorder_suggestions(today)

    def floor() -> list[Any]:
        return raw.execute(RAW_SUGGESTIONS, params).fetchall()

    groups = purchasing.reorder_suggestions(today)
    mine = {(line.product_id, line.barcode, line.suggested_milli) for group in groups for line in group.lines}
    theirs = {(row[1], row[2] or "", row[3]) for row in floor()}
    if mine != theirs:
        raise AssertionError(f"the service and the floor disagree on {len(mine ^ theirs)} lines")
    service_ms, floor_ms = side_by_side(service, floor, runs)
    raw.close()
    median = statistics.median(service_ms)
    return [
        Result(
            "reorder suggestions, whole catalogue",
            median,
            percentile(service_ms, 0.95),
            statistics.median(floor_ms),
            f"≤ {BUDGET_MS:.0f} ms",
            median <= BUDGET_MS,
            f"{context.products:,} products, {context.sale_lines:,} sale lines, 28-day window; "
            f"{len(mine):,} lines for {len(groups):,} cooperatives; floor = the maths in one SQLite statement",
        )
    ]


def main() -> int:
    import argparse

    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from benchmarks.run import table
    from posapp.db.models import Product, SaleLine
    from posapp.settings import Settings
    from posapp.shop import open_shop

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="an SQLite URL of a shop built by benchmarks/run.py")
    args = parser.parse_args()
    shop = open_shop(Settings(database_url=args.database, language="en"))
    try:
        with shop.sessions() as session:
            products = session.scalar(select(func.count()).select_from(Product)) or 0
            lines = session.scalar(select(func.count()).select_from(SaleLine)) or 0
        path = make_url(args.database).database or ""
        print(table(bench_reorder(Context(shop, args.database, path, products, lines))))
    finally:
        shop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
