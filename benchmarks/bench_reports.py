"""Grouped sales reports for a month and for the year, each beside a hand-written raw-SQL floor.

    python benchmarks/bench_reports.py --database sqlite:////tmp/bench.sqlite3   # on its own

The floor is one hand-written SQLite statement per report producing the same rows (the same figures for the
same keys, the previous period beside them, in the same order; the catalogue's names where the report shows
them), plus the same small statement for the totals, run with the standard library's `sqlite3`. Service and
floor must agree row for row, or the run stops. Budget: median ≤ 300 ms for a month, ≤ 1 s for the year,
each within 1.3× its floor.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import Context, Result, percentile, raw_connection, side_by_side
from posapp.domain.staff import COMMAND_LINE
from posapp.services.report_dto import Grouping, Period
from posapp.services.reports import ReportService

MONTH_MS, YEAR_MS, RATIO = 300.0, 1000.0, 1.3
MONTH_RUNS, YEAR_RUNS = 11, 5


def figures(line: str = "") -> str:
    """The period's revenue, units, receipts and cost (per line, rounded half away from zero) of `line`."""
    cost = (
        f"({line}qty_milli * CASE WHEN {line}supply_kind = 'consignment' THEN COALESCE({line}payout, 0)"
        f" ELSE {line}unit_cost END * 2 + CASE WHEN {line}qty_milli < 0 THEN -1000 ELSE 1000 END) / 2000"
    )
    return (
        f"SUM({line}total) AS revenue, SUM({line}qty_milli) AS units,"
        f" COUNT(DISTINCT CASE WHEN {line}refund_of_line_id IS NULL THEN {line}sale_id END) AS receipts,"
        f" SUM({cost}) AS cost"
    )


FIGURES = figures()
KEYS = {
    Grouping.COOPERATIVE: "cooperative_id",
    Grouping.PRODUCT: "product_id",
    Grouping.GROUP: "ocop_group",
    Grouping.PROVINCE: "province",
    Grouping.STARS: "ocop_stars",
}
NAMES = {
    Grouping.COOPERATIVE: ("c.name", "c.province", "LEFT JOIN cooperatives c ON c.id = r.k"),
    Grouping.PRODUCT: (
        "p.name",
        "c.name",
        "LEFT JOIN products p ON p.id = r.k LEFT JOIN cooperatives c ON c.id = p.cooperative_id",
    ),
}


def keyed_sql(by: Grouping, whole_history: bool = False) -> str:
    """Per key: the period's figures, the previous period's revenue beside them, best first; the
    catalogue's names for cooperatives and products (the service labels the other keys in Python).
    `whole_history`: a period holding most of the lines is best read by product in product order (`+at`
    keeps SQLite off the time index, as the service does)."""
    if by is Grouping.CASHIER:
        key, source, line = "s.cashier", "sale_lines l JOIN sales s ON s.id = l.sale_id", "l."
    else:
        key, source, line = KEYS[by], "sale_lines", ""
    names, join = "", ""
    if by in NAMES:
        label, detail, join = NAMES[by]
        names = f"COALESCE({label}, ''), COALESCE({detail}, ''), "
    at = f"+{line}at" if whole_history and by is Grouping.PRODUCT else f"{line}at"
    return f"""
SELECT r.k, {names}r.revenue, r.units, r.receipts, r.margin, r.previous
FROM (
    SELECT cur.k, cur.revenue, cur.units, cur.receipts, cur.revenue - cur.cost AS margin,
           COALESCE(prev.revenue, 0) AS previous
    FROM (SELECT {key} AS k, {figures(line)} FROM {source}
          WHERE {at} >= :start AND {at} < :end GROUP BY {key}) cur
    LEFT JOIN (SELECT {key} AS k, SUM({line}total) AS revenue FROM {source}
               WHERE {line}at >= :before AND {line}at < :start GROUP BY {key}) prev ON prev.k = cur.k
) r {join}
ORDER BY r.revenue DESC, r.k
"""


PAYMENTS_SQL = """
SELECT method, SUM(revenue) AS revenue, COUNT(DISTINCT receipt), SUM(previous)
FROM (
    SELECT p.method, p.amount AS revenue, CASE WHEN s.kind = 'sale' THEN p.sale_id END AS receipt,
           0 AS previous, 1 AS current
    FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.at >= :start AND s.at < :end
    UNION ALL SELECT 'cash', -change, NULL, 0, 0 FROM sales WHERE at >= :start AND at < :end AND change <> 0
    UNION ALL SELECT p.method, 0, NULL, p.amount, 0
    FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.at >= :before AND s.at < :start
    UNION ALL SELECT 'cash', 0, NULL, -change, 0 FROM sales WHERE at >= :before AND at < :start AND change <> 0
)
GROUP BY method HAVING SUM(current) > 0
ORDER BY revenue DESC, method
"""


def time_sql(local: str) -> str:
    """Per local hour / weekday / day (`local` turns the UTC hour bucket `b` into it; the shop is UTC+7
    all year, so the floor may hard-code the offset the service reads from the zone)."""
    return f"""
SELECT {local} AS k, SUM(revenue), SUM(units), SUM(receipts), SUM(revenue) - SUM(cost), SUM(previous)
FROM (
    SELECT substr(at, 1, 13) || ':00' AS b, {FIGURES}, 0 AS previous, 1 AS current FROM sale_lines
    WHERE at >= :start AND at < :end GROUP BY substr(at, 1, 13)
    UNION ALL
    SELECT substr(at, 1, 13) || ':00', 0, 0, 0, 0, SUM(total), 0 FROM sale_lines
    WHERE at >= :before AND at < :start GROUP BY substr(at, 1, 13)
)
GROUP BY k HAVING SUM(current) > 0
ORDER BY k
"""


TIME_SQL = {
    Grouping.HOUR: time_sql("CAST(strftime('%H', b, '+7 hours') AS INTEGER)"),
    Grouping.WEEKDAY: time_sql("(CAST(strftime('%w', b, '+7 hours') AS INTEGER) + 6) % 7"),
    # A previous-period day lines up with the day one period later.
    Grouping.DAY: time_sql("date(b, '+7 hours', CASE WHEN current THEN '+0 days' ELSE :shift END)"),
}
TOTALS_SQL = """
SELECT (SELECT COUNT(*) FROM sales WHERE kind = 'sale' AND at >= :start AND at < :end),
       (SELECT COALESCE(SUM(total), 0) FROM sales WHERE at >= :start AND at < :end),
       (SELECT COALESCE(SUM(total), 0) FROM sales WHERE at >= :before AND at < :start)
"""


def stored(at: datetime) -> str:
    """An instant as the app stores it in SQLite: naive UTC text."""
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def floor_sql(by: Grouping, whole_history: bool = False) -> str:
    if by is Grouping.PAYMENT:
        return PAYMENTS_SQL
    return TIME_SQL.get(by) or keyed_sql(by, whole_history)


def periods(context: Context, reports: ReportService) -> list[tuple[str, Period, float, int]]:
    """The last full month of the history and the year ending on its last day."""
    raw = raw_connection(context.path)
    last_at = raw.execute("SELECT MAX(at) FROM sale_lines").fetchone()[0]
    raw.close()
    clock = context.shop.clock
    last = clock.local_day(datetime.fromisoformat(last_at).replace(tzinfo=clock.now().tzinfo))
    month_end = last.replace(day=1) - timedelta(days=1)
    return [
        ("month", Period(month_end.replace(day=1), month_end), MONTH_MS, MONTH_RUNS),
        ("year", Period(last - timedelta(days=364), last), YEAR_MS, YEAR_RUNS),
    ]


def service_rows(reports: ReportService, by: Grouping, period: Period) -> list[tuple[Any, ...]]:
    report = reports.sales(by, period.first, period.last, actor=COMMAND_LINE)
    return [(r.key, r.revenue, r.units_milli, r.receipts, r.gross_margin, r.previous_revenue) for r in report.rows]


def floor_rows(
    raw: sqlite3.Connection, by: Grouping, params: dict[str, str], whole_history: bool = False
) -> list[tuple[Any, ...]]:
    rows = raw.execute(floor_sql(by, whole_history), params).fetchall()
    raw.execute(TOTALS_SQL, params).fetchone()
    if by is Grouping.PAYMENT:
        return [(k, revenue, None, receipts, None, previous) for k, revenue, receipts, previous in rows]
    if by in NAMES:
        return [(k, *figures) for k, _label, _detail, *figures in rows]
    return rows


def comparable(by: Grouping, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Keys as the service gives them: no stars is 0, a missing text key is ""."""
    if by is Grouping.STARS:
        return [(k or 0, *rest) for k, *rest in rows]
    if by in (Grouping.GROUP, Grouping.PROVINCE, Grouping.CASHIER):
        return [("" if k is None else k, *rest) for k, *rest in rows]
    return rows


def bench_reports(context: Context, groupings: tuple[Grouping, ...] = tuple(Grouping)) -> list[Result]:
    reports = ReportService(context.shop.sessions, context.shop.clock)
    raw = raw_connection(context.path)
    results: list[Result] = []
    for name, period, budget_ms, runs in periods(context, reports):
        bounds = reports.bounds(period)
        params = {"before": stored(bounds.before), "start": stored(bounds.start), "end": stored(bounds.end)}
        params["shift"] = f"+{period.days} days"
        whole = name == "year"  # the history is a year long
        for by in groupings:
            mine = service_rows(reports, by, period)  # also warms both paths alike
            theirs = comparable(by, floor_rows(raw, by, params, whole))
            if mine != theirs:
                raise SystemExit(f"report by {by} for the {name}: the service and the floor disagree")
            service = partial(reports.sales, by, period.first, period.last, actor=COMMAND_LINE)
            service_ms, floor_ms = side_by_side(service, partial(floor_rows, raw, by, params, whole), runs)
            median, floor_median = statistics.median(service_ms), statistics.median(floor_ms)
            results.append(
                Result(
                    f"report by {by} for a {name}",
                    median,
                    percentile(service_ms, 0.95),
                    floor_median,
                    f"median ≤ {budget_ms:.0f} ms, ≤ {RATIO}× floor",
                    median <= budget_ms and median <= RATIO * floor_median,
                    f"{len(mine):,} rows, {period.first:%Y-%m-%d} – {period.last:%Y-%m-%d}, {runs} runs",
                )
            )
    raw.close()
    return results


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from benchmarks.run import table
    from posapp.db.models import Product, SaleLine
    from posapp.settings import Settings
    from posapp.shop import open_shop

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="an SQLite URL of a database built by run.py")
    parser.add_argument("--by", nargs="*", choices=[g.value for g in Grouping], help="only these groupings")
    args = parser.parse_args(argv)
    shop = open_shop(Settings(database_url=args.database, language="en"))
    try:
        with shop.sessions() as session:
            products = session.scalar(select(func.count()).select_from(Product)) or 0
            lines = session.scalar(select(func.count()).select_from(SaleLine)) or 0
        context = Context(shop, args.database, str(make_url(args.database).database), products, lines)
        groupings = tuple(Grouping(g) for g in args.by) if args.by else tuple(Grouping)
        print(f"{products:,} products, {lines:,} sale lines.", flush=True)
        print(table(bench_reports(context, groupings)))
    finally:
        shop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
