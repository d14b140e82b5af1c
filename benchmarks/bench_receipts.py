"""Receipt search at scale (the back office's receipts list): by number, by day, by amount, each beside raw SQL.

`bench_receipt_search(context)` returns rows for benchmarks/run.py.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from posapp.db.models import Sale
from posapp.services.receipts import ReceiptSearch

if TYPE_CHECKING:
    from benchmarks.run import Context, Result

RUNS = 100
LIMIT = 200
RAW_BY_NUMBER = (
    "SELECT receipt_no, kind, at, till_code, cashier, total FROM sales WHERE till_code = ? AND seq = ?"
    " ORDER BY at DESC, id DESC LIMIT 200"
)
RAW_BY_DAY = (
    "SELECT receipt_no, kind, at, till_code, cashier, total FROM sales WHERE at >= ? AND at < ?"
    " ORDER BY at DESC, id DESC LIMIT 200"
)
RAW_BY_AMOUNT = (
    "SELECT receipt_no, kind, at, till_code, cashier, total FROM sales WHERE total IN (?, ?)"
    " ORDER BY at DESC, id DESC LIMIT 200"
)


def one_by_one(action: Callable[[Any], object], rows: list[Any]) -> Callable[[], object]:
    """Each call runs `action` on the next row."""
    it = iter(rows)
    return lambda: action(next(it))


def bench_receipt_search(context: Context) -> list[Result]:
    # Imported here: run.py imports this module to list it, and this module would otherwise import run.py back.
    from benchmarks.run import Result, percentile, raw_connection, side_by_side

    shop = context.shop
    search = ReceiptSearch(shop.sessions, shop.clock)
    rng = random.Random(31)
    with shop.sessions() as session:
        count = session.scalar(select(func.count()).select_from(Sale)) or 0
        sales = session.execute(
            select(Sale.till_code, Sale.seq, Sale.at, Sale.total).order_by(func.random()).limit(RUNS)
        ).all()
    if not sales:
        return []
    raw = raw_connection(context.path)

    def stamp(at: Any) -> str:
        return str(at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"))

    # (what, service call, raw-SQL floor, budget, whether a (median, floor median) meets it)
    cases: list[tuple[str, Callable[[Any], object], Callable[[Any], object], str, Callable[[float, float], bool]]] = [
        (
            "by number",
            lambda s: search.find_receipts(f"{s.till_code}-{s.seq:06d}"),
            lambda s: raw.execute(RAW_BY_NUMBER, (s.till_code, s.seq)).fetchall(),
            "median ≤ 5 ms",
            lambda median, _floor: median <= 5,
        ),
        (
            "by day",
            lambda s: search.find_receipts(day=shop.clock.local_day(s.at)),
            lambda s: raw.execute(
                RAW_BY_DAY,
                (
                    stamp(shop.clock.day_start(shop.clock.local_day(s.at))),
                    stamp(shop.clock.day_start(shop.clock.local_day(s.at) + timedelta(days=1))),
                ),
            ).fetchall(),
            "median ≤ 20 ms",
            lambda median, _floor: median <= 20,
        ),
        (
            "by amount",
            lambda s: search.find_receipts(amount=s.total),
            lambda s: raw.execute(RAW_BY_AMOUNT, (s.total, -s.total)).fetchall(),
            "median ≤ 1.5× floor",
            lambda median, floor: median <= 1.5 * floor,
        ),
    ]
    results = []
    for name, service, floor, budget, meets in cases:
        rows = list(sales)
        rng.shuffle(rows)
        service_ms, floor_ms = side_by_side(one_by_one(service, rows), one_by_one(floor, rows), len(rows))
        median, floor_median = statistics.median(service_ms), statistics.median(floor_ms)
        results.append(
            Result(
                f"receipts list, search {name}",
                median,
                percentile(service_ms, 0.95),
                floor_median,
                budget,
                meets(median, floor_median),
                f"{count:,} receipts, {len(rows)} random searches, newest {LIMIT}",
            )
        )
    raw.close()
    return results
