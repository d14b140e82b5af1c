"""Benchmark runner: builds scale data, measures each figure beside its raw-SQL floor, writes the table.

    python benchmarks/run.py                       # 100,000 products, 365 days (~1,000,000 sale lines)
    python benchmarks/run.py --quick               # 5,000 products, 30 days: a smoke run of the harness
    python benchmarks/run.py --database sqlite:///path.sqlite3   # reuse a database built earlier

Each benchmark returns result records; the table goes to stdout and into benchmarks/README.md between the
results markers. No figure here is asserted by the test suite: benchmarks measure, tests assert.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from posapp.domain.staff import COMMAND_LINE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from posapp.db.models import Barcode, Product, SaleLine
from posapp.domain.cart import Cart
from posapp.domain.tender import PaymentMethod, Tender
from posapp.i18n import set_language
from posapp.services.demo import load_demo
from posapp.settings import Settings
from posapp.shop import Shop, open_shop

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


@dataclass
class Context:
    """What every benchmark gets: the shop at scale, its URL and SQLite file (for the raw floors)."""

    shop: Shop
    url: str
    path: str
    products: int
    sale_lines: int


@dataclass(frozen=True)
class Result:
    operation: str
    median_ms: float
    p95_ms: float
    floor_ms: float | None
    budget: str
    met: bool
    note: str = ""


WARM_UP = 50  # untimed calls before a write benchmark: steady state, not a connection's first use


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def side_by_side(
    service: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Time `service` and its `floor` alternately, so a machine that slows down mid-run slows both alike."""
    service_ms: list[float] = []
    floor_ms: list[float] = []
    for _ in range(runs):
        service_ms += timed(service, 1)
        floor_ms += timed(floor, 1)
    return service_ms, floor_ms


def raw_connection(path: str) -> sqlite3.Connection:
    """The floor's connection: plain sqlite3 with the app's durability (WAL, synchronous=FULL)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


RAW_LOOKUP = """
SELECT p.id, p.name, p.name_en, p.unit, p.weighed, p.price, p.cost, p.tax_category, p.cooperative_id,
       p.origin_province, p.ocop_stars, p.ocop_group, p.supply_kind, p.payout, p.active, c.name, c.province,
       (SELECT b.code FROM barcodes b WHERE b.product_id = p.id ORDER BY b.is_primary DESC, b.code LIMIT 1)
FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
WHERE p.id = (SELECT product_id FROM barcodes WHERE code = ?)
"""


def piece_codes(shop: Shop, count: int, seed: int = 7) -> list[str]:
    with shop.sessions() as session:
        codes = list(
            session.scalars(
                select(Barcode.code).join(Product).where(Product.weighed.is_(False), Product.active.is_(True))
            )
        )
    return random.Random(seed).sample(codes, min(count, len(codes)))


def bench_lookup(context: Context) -> list[Result]:
    shop, catalogue = context.shop, context.products
    codes = piece_codes(shop, 2000)
    raw = raw_connection(context.path)
    for code in codes[:200]:  # warm both paths alike
        shop.catalog.lookup(code)
        raw.execute(RAW_LOOKUP, (code,)).fetchall()
    service, floor = side_by_side(
        iter_calls(shop.catalog.lookup, codes),
        iter_calls(lambda code: raw.execute(RAW_LOOKUP, (code,)).fetchall(), codes),
        len(codes),
    )
    raw.close()
    median = statistics.median(service)
    return [
        Result(
            "barcode lookup (CatalogService.lookup)",
            median,
            percentile(service, 0.95),
            statistics.median(floor),
            "median ≤ 0.5 ms",
            median <= 0.5,
            f"{catalogue:,} products, {len(codes):,} random barcodes",
        )
    ]


def iter_calls(action: Callable[[str], object], codes: list[str]) -> Callable[[], object]:
    it = iter(codes)
    return lambda: action(next(it))


SALE_ROUNDS = 3


def bench_complete_sale(context: Context, runs: int = 300, rounds: int = SALE_ROUNDS) -> list[Result]:
    shop, path = context.shop, context.path
    sales = runs * rounds + WARM_UP
    # Each side sells its own products: selling the same ones, whichever goes second would find the pages
    # of those products and their index entries already read from disk by the first.
    codes = piece_codes(shop, 2 * 5 * sales, seed=11)
    items = [shop.catalog.lookup(code).item for code in codes]
    carts = []
    for index in range(2 * sales):
        cart = Cart()
        for item in items[5 * index : 5 * index + 5]:
            cart.add(item)
        carts.append(cart)
    carts_iter = iter(carts[:sales])

    def service_sale() -> None:
        cart = next(carts_iter)
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total + 50_000)], "B1", actor=COMMAND_LINE)

    raw = raw_connection(path)
    raw.execute("INSERT OR IGNORE INTO tills (code, name, last_seq) VALUES ('R1', 'R1', 0)")
    raw_carts = iter(carts[sales:])
    when = "2026-11-23 03:00:00.000000"

    def raw_sale() -> None:
        cart = next(raw_carts)
        raw.execute("BEGIN")
        seq = raw.execute("UPDATE tills SET last_seq = last_seq + 1 WHERE code = 'R1' RETURNING last_seq").fetchone()[0]
        sale_id = raw.execute(
            "INSERT INTO sales (receipt_no, till_code, seq, kind, at, subtotal, discount_bp, discount, total,"
            " change, cashier) VALUES (?, 'R1', ?, 'sale', ?, ?, 0, 0, ?, 50000, '')",
            (f"R1-{seq:06d}", seq, when, cart.subtotal, cart.total),
        ).lastrowid
        line_ids = []
        for position, priced in enumerate(cart.priced_lines(date(2026, 11, 23)), start=1):
            item = priced.line.item
            line_ids.append(
                (
                    raw.execute(
                        "INSERT INTO sale_lines (sale_id, position, at, product_id, barcode, name, name_en, unit,"
                        " weighed, qty_milli, unit_price, gross, line_discount, discount_share, total, vat_rate,"
                        " tax_category, cooperative_id, cooperative_name, province, ocop_group, ocop_stars,"
                        " unit_cost, supply_kind, payout) VALUES"
                        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            sale_id,
                            position,
                            when,
                            item.product_id,
                            item.barcode,
                            item.name,
                            item.name_en,
                            item.unit,
                            item.weighed,
                            priced.line.qty_milli,
                            item.unit_price,
                            priced.line.gross,
                            priced.total,
                            priced.vat_rate,
                            item.tax_category.value,
                            item.cooperative_id,
                            item.cooperative,
                            item.province,
                            item.ocop_group,
                            item.ocop_stars,
                            item.unit_cost,
                            item.supply_kind,
                            item.payout,
                        ),
                    ).lastrowid,
                    item.product_id,
                    priced.line.qty_milli,
                )
            )
        raw.execute(
            "INSERT INTO payments (sale_id, method, amount, reference) VALUES (?, 'cash', ?, '')",
            (sale_id, cart.total + 50_000),
        )
        for line_id, product_id, qty in line_ids:
            raw.execute(
                "INSERT INTO stock_movements (product_id, at, kind, qty_milli, reason, sale_line_id)"
                " VALUES (?, ?, 'sale', ?, '', ?)",
                (product_id, when, -qty, line_id),
            )
            raw.execute("UPDATE products SET on_hand_milli = on_hand_milli - ? WHERE id = ?", (qty, product_id))
        raw.execute("COMMIT")

    side_by_side(service_sale, raw_sale, WARM_UP)  # both connections past their first-use costs
    # The till keeps its startup heap out of full garbage collections (MainWindow freezes it once shown);
    # so does this measure, or the catalogue and scale data loaded above would be walked mid-sale.
    gc.collect()
    gc.freeze()
    # A commit waits for the disk, whose speed drifts on a shared machine: several rounds, and the table
    # shows the middle one (each round times service and floor alternately, so both see the same disk).
    measured = sorted(
        (statistics.median(service) / statistics.median(floor), service, floor)
        for service, floor in (side_by_side(service_sale, raw_sale, runs) for _ in range(rounds))
    )
    gc.unfreeze()
    raw.close()
    ratio, service, floor = measured[len(measured) // 2]
    median, floor_median = statistics.median(service), statistics.median(floor)
    ratios = ", ".join(f"{r:.2f}×" for r, _service, _floor in measured)
    return [
        Result(
            "complete_sale, 5 lines, cash",
            median,
            percentile(service, 0.95),
            floor_median,
            "≤ 1.5× floor",
            ratio <= 1.5,
            f"{rounds} rounds of {runs} sales (ratios {ratios}, the middle one shown); floor = the same writes"
            " in raw sqlite3, WAL + synchronous=FULL",
        )
    ]


def bench_cashier_screen(context: Context) -> list[Result]:
    from benchmarks.bench_cashier import bench_cashier

    results = []
    for record in bench_cashier(context.url):
        unit, value = record["unit"], record["value"]
        results.append(
            Result(
                f"cashier: {record['name'].removeprefix('cashier.').replace('_', ' ')} ({unit})",
                float("nan"),  # the screen reports its p95 only
                value,
                record["floor"],
                f"{'p95 ' if unit == 'ms' else ''}≤ {record['budget']} {unit}",
                bool(record["ok"]),
                record["note"],
            )
        )
    return results


def build(url: str, products: int, days: int) -> tuple[Shop, float]:
    shop = open_shop(Settings(database_url=url, till="B1", language="en"))
    with shop.sessions() as session:
        present = session.scalar(select(func.count()).select_from(Product)) or 0
    seconds = 0.0
    if not present:
        start = time.perf_counter()
        load_demo(shop, products=products, days=days)
        seconds = time.perf_counter() - start
        # Measure as a till that starts on this database does, not on the loader's connections, and not
        # while the system is still writing the freshly built file out (that slows every fsync for minutes).
        shop.close()
        os.sync()
        shop = open_shop(Settings(database_url=url, till="B1", language="en"))
    return shop, seconds


def fmt(value: float | None) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def table(results: list[Result]) -> str:
    rows = [
        "| operation | median ms | p95 | floor median ms | ratio | budget | met |",
        "|---|---:|---:|---:|---:|---|:---:|",
    ]
    for r in results:
        ratio = f"{r.median_ms / r.floor_ms:.2f}×" if r.floor_ms and r.median_ms == r.median_ms else "–"
        rows.append(
            f"| {r.operation} | {fmt(r.median_ms)} | {fmt(r.p95_ms)} | {fmt(r.floor_ms)} | {ratio} | {r.budget} "
            f"| {'yes' if r.met else '**no**'} |"
        )
    return "\n".join(rows)


def write_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    block = f"{START}\n{report}\n{END}"
    text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    README.write_text(text, encoding="utf-8")


def bench_reorder_suggestions(context: Context) -> list[Result]:
    from benchmarks.bench_reorder import bench_reorder

    return bench_reorder(context)


def bench_documents(context: Context) -> list[Result]:
    from benchmarks.bench_documents import bench_receipt_documents
    from benchmarks.bench_labels import bench_label_sheet

    return bench_receipt_documents(context) + bench_label_sheet(context)


def bench_receipts_search(context: Context) -> list[Result]:
    from benchmarks.bench_receipts import bench_receipt_search

    return bench_receipt_search(context)


def bench_manager_reports(context: Context) -> list[Result]:
    from benchmarks.bench_reports import bench_reports

    return bench_reports(context)


BENCHES: list[Callable[[Context], list[Result]]] = [
    bench_lookup,
    bench_complete_sale,
    bench_cashier_screen,
    bench_documents,
    bench_receipts_search,
    bench_reorder_suggestions,
    bench_manager_reports,
]
"""Each benchmark takes the context and returns its rows of the table; a new one is added here."""


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    models = [
        line.split(":", 1)[1].strip()
        for line in (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
        if line.startswith("model name")
    ]
    model = models[0] if models else platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--quick", action="store_true", help="5,000 products over 30 days")
    parser.add_argument("--database", help="an SQLite URL to build into or reuse (default: a temporary file)")
    parser.add_argument("--no-screen", action="store_true", help="skip the cashier-screen figures")
    parser.add_argument("--no-write", action="store_true", help="print the table without updating README.md")
    parser.add_argument("--only", metavar="TEXT", help="run only the benchmarks whose name contains TEXT")
    args = parser.parse_args(argv)
    if args.quick:
        args.products, args.days = 5_000, 30
    set_language("en")
    with tempfile.TemporaryDirectory(prefix="posapp-bench-") as folder:
        url = args.database or f"sqlite:///{folder}/bench.sqlite3"
        path = make_url(url).database
        if make_url(url).get_backend_name() != "sqlite" or not path:
            parser.error("the floors are measured with sqlite3: give an SQLite database")
        shop, build_seconds = build(url, args.products, args.days)
        try:
            with shop.sessions() as session:
                catalogue = session.scalar(select(func.count()).select_from(Product)) or 0
                lines = session.scalar(select(func.count()).select_from(SaleLine)) or 0
            built = f"built by load_demo in {build_seconds:.0f} s" if build_seconds else "reused"
            print(f"{catalogue:,} products, {lines:,} sale lines ({built}).", flush=True)
            context = Context(shop=shop, url=url, path=path, products=catalogue, sale_lines=lines)
            results: list[Result] = []
            for bench in BENCHES:
                if args.no_screen and bench is bench_cashier_screen:
                    continue
                if args.only and args.only not in bench.__name__:
                    continue
                results += bench(context)
                print(table(results[-1:]).splitlines()[-1], flush=True)
        finally:
            shop.close()
    report = (
        f"Measured {date.today():%Y-%m-%d} on {machine()}.\n"
        f"Scale: {catalogue:,} products, {lines:,} sale lines over {args.days} days ({built}).\n\n" + table(results)
    )
    print()
    print(report)
    if not args.no_write:
        write_readme(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
