"""Cashier screen timings on a big catalogue: scan to visible line, keystrokes dropped, window ready to scan.

`bench_cashier(db_url)` returns one dict per figure (name, value, unit, budget, ok, floor, note); the floor is
the raw-SQL barcode lookup the scan figure can never beat. Runs offscreen. Alone:

    python benchmarks/bench_cashier.py [DB_URL]      # default: a temporary SQLite file, filled once
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import func, select, text

from posapp.db.models import Barcode, Product
from posapp.services.dto import Receipt
from posapp.settings import Settings
from posapp.shop import Shop, open_shop
from posapp.ui.dialogs import DiscountRequest, ParkedChoice, ParkedOption
from posapp.ui.main_window import MainWindow
from posapp.ui.style import apply_style

PRODUCTS = 100_000
CART_LINES = 200
SAMPLES = 300
BURST_SCANS = 200
KEY_GAP_MS = 1
BUDGET_SCAN_P95_MS = 16.0
BUDGET_READY_S = 2.0


class NoPrinter:
    def print_receipt(self, receipt: Receipt) -> str:
        return ""


class NoDialogs:
    """The benchmark never asks the cashier anything."""

    def confirm(self, title: str, question: str) -> bool:
        return True

    def ask_text(self, title: str, label: str) -> str | None:
        return ""

    def ask_weight(self, product: str) -> str | None:
        return None

    def ask_discount(self, line: str | None) -> DiscountRequest | None:
        return None

    def choose_parked(self, options: Sequence[ParkedOption]) -> ParkedChoice | None:
        return None

    def present(self, dialog: QDialog, modal: bool = False) -> None:
        dialog.show()


class PaintWatch(QObject):
    """Counts paint events of one widget (the cart's viewport): a line is visible once it was painted."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self.inserted_at: int | None = None

    def mark(self) -> None:
        """A row went into the model: from now on, the next paint shows it."""
        self.inserted_at = self.paints

    def painted_since_insert(self) -> bool:
        return self.inserted_at is not None and self.paints > self.inserted_at

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def ensure_catalogue(shop: Shop, wanted: int) -> int:
    """Fill an empty shop with `wanted` generated products; returns how many products the shop has."""
    with shop.sessions() as session:
        count = session.scalar(select(func.count()).select_from(Product)) or 0
    if count == 0:
        from posapp.services.demo import load_demo

        load_demo(shop, products=wanted, days=1)
        with shop.sessions() as session:
            count = session.scalar(select(func.count()).select_from(Product)) or 0
    return int(count)


def piece_barcodes(shop: Shop, count: int) -> list[str]:
    """Barcodes of `count` distinct piece products, spread evenly over the catalogue."""
    with shop.sessions() as session:
        codes = list(
            session.scalars(
                select(Barcode.code)
                .join(Product, Product.id == Barcode.product_id)
                .where(Product.weighed.is_(False), Product.active.is_(True), Barcode.is_primary.is_(True))
                .order_by(Product.id)
            )
        )
    step = max(1, len(codes) // count)
    return codes[::step][:count]


def post_scan(target: QWidget, code: str, start_ms: int, gap_ms: int = KEY_GAP_MS) -> int:
    """Post a scanner's key events (digits then Enter, `gap_ms` apart); returns the next free timestamp."""
    at = start_ms
    for char in code:
        event = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_0 + int(char), Qt.KeyboardModifier.NoModifier, char
        )
        event.setTimestamp(at)
        QApplication.postEvent(target, event)
        at += gap_ms
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    enter.setTimestamp(at)
    QApplication.postEvent(target, enter)
    return at + gap_ms


def spin_until(condition: Callable[[], bool], limit_s: float = 5.0) -> None:
    deadline = time.perf_counter() + limit_s
    while not condition():
        QApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sql_floor_ms(shop: Shop, codes: list[str]) -> float:
    """p95 of the bare barcode lookup on the driver connection: the part of a scan no UI work can remove."""
    timings = []
    with shop.engine.connect() as connection:
        query = text(
            "SELECT p.id, p.name, p.price FROM products p"
            " JOIN barcodes b ON b.product_id = p.id WHERE b.code = :code"
        )
        for code in codes:
            start = time.perf_counter()
            connection.execute(query, {"code": code}).fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    return percentile(timings, 0.95)


def figure(
    name: str, value: float, unit: str, budget: float, ok: bool, floor: float | None, note: str
) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "budget": budget,
        "ok": ok,
        "floor": None if floor is None else round(floor, 3),
        "note": note,
    }


def bench_cashier(
    db_url: str, products: int = PRODUCTS, cart_lines: int = CART_LINES
) -> list[dict[str, Any]]:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0]])
    apply_style(app)
    shop = open_shop(Settings(database_url=db_url, till="B1", language="en"))
    try:
        catalogue = ensure_catalogue(shop, products)
        codes = piece_barcodes(shop, cart_lines + SAMPLES + BURST_SCANS)
        if len(codes) < cart_lines + SAMPLES + BURST_SCANS:
            raise RuntimeError(f"the catalogue has only {len(codes)} piece products to scan")
        base, samples, burst = codes[:cart_lines], codes[cart_lines:-BURST_SCANS], codes[-BURST_SCANS:]

        started = time.perf_counter()
        window = MainWindow(shop, NoPrinter(), NoDialogs())
        window.show()
        window.activateWindow()
        spin_until(window.sell.scan_field.hasFocus)
        ready_s = time.perf_counter() - started

        for code in base:
            window.cashier.scan(code)
        spin_until(lambda: window.model.rowCount() == cart_lines)
        QApplication.processEvents()
        watch = PaintWatch()
        window.sell.table.viewport().installEventFilter(watch)
        field = window.sell.scan_field
        stamp = 1_000
        timings = []
        window.model.rowsInserted.connect(watch.mark)
        for code in samples:
            watch.inserted_at = None
            start = time.perf_counter()
            stamp = post_scan(field, code, stamp) + 100
            spin_until(watch.painted_since_insert)
            timings.append((time.perf_counter() - start) * 1000)
            window.model.remove(window.model.rowCount() - 1)  # keep the cart at its size; not timed
            QApplication.processEvents()
        p95 = percentile(timings, 0.95)

        window.model.clear()
        stamp += 1_000
        for code in burst:  # every scan straight after the one before, 1 ms between all keys
            stamp = post_scan(field, code, stamp)
        with contextlib.suppress(TimeoutError):  # scans that never landed are counted below
            spin_until(lambda: window.model.rowCount() >= len(burst), limit_s=30)
        landed = sum(line.qty_milli for line in window.model.cart.lines) // 1000
        stray = len(field.text())  # keys of a broken scan that ended up typed into the field
        dropped = (len(burst) - landed) * (len(burst[0]) + 1)

        floor = sql_floor_ms(shop, samples)
        window.model.clear()  # closing with an open sale would park it in the measured shop
        window.stop_listening()
        window.close()
        note = f"{catalogue} products, cart of {cart_lines} lines, {len(samples)} scans"
        return [
            figure(
                "cashier.scan_to_line_visible_p95",
                p95,
                "ms",
                BUDGET_SCAN_P95_MS,
                p95 <= BUDGET_SCAN_P95_MS,
                floor,
                note + f"; median {statistics.median(timings):.2f} ms",
            ),
            figure(
                "cashier.dropped_keystrokes_1ms",
                dropped,
                "keys",
                0,
                dropped == 0,
                None,
                f"{len(burst)} scans (digits + Enter) posted back to back, {KEY_GAP_MS} ms between keys; "
                f"{stray} keys typed into the field",
            ),
            figure(
                "cashier.ready_to_scan",
                ready_s,
                "s",
                BUDGET_READY_S,
                ready_s <= BUDGET_READY_S,
                None,
                "main window construction to focus in the scan field",
            ),
        ]
    finally:
        shop.close()


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        url = argv[1]
    else:
        folder = Path(tempfile.gettempdir()) / "posapp-bench"
        folder.mkdir(exist_ok=True)
        url = f"sqlite:///{folder / 'cashier.sqlite3'}"  # kept: the 100,000 products are generated once
    results = bench_cashier(url)
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
