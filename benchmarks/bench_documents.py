"""Receipt documents: 10 demo sale lines drawn as the PDF and as the ESC/POS raster a thermal printer gets.

`bench_receipt_documents(context)` returns rows for benchmarks/run.py. There is no raw-SQL floor: the time
goes into layout and drawing, not the database (the floor shows as "–"). The receipt is read once; each run
renders it, as a reprint or the till's print after a sale does.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from posapp.db.models import Sale, SaleLine
from posapp.devices.escpos_printer import escpos_bytes
from posapp.documents.receipt import ReceiptOptions, render_receipt_pdf
from posapp.documents.roll import qr_matrix
from posapp.domain.vat import vat_breakdown
from posapp.services.dto import PaymentView, Receipt, ReceiptLine
from posapp.settings import BankAccount, ShopProfile

if TYPE_CHECKING:
    from benchmarks.run import Context, Result

LINES = 10
RUNS = 200
PDF_BUDGET_MS = 30.0
RASTER_BUDGET_MS = 50.0
# The demo settings leave the shop's details blank; a real receipt carries them, and a bank for VietQR.
SHOP = ShopProfile(
    name="Cửa hàng OCOP Hà Nội",
    address="12 Phố Hàng Bông, Hoàn Kiếm, Hà Nội",
    tax_code="0109876543",
    phone="024 3826 1234",
)
BANK = BankAccount(bin="970436", account="0011000597979", account_name="CONG TY TNHH OCOP HA NOI")


def typical_receipt(context: Context) -> Receipt:
    """A `LINES`-line receipt from the demo history, paid by transfer (so it carries a VietQR code).

    Demo sales have up to about seven lines; the longest ones are joined, line snapshots unchanged,
    until there are `LINES`, and the totals, VAT and payment are those of the joined lines.
    """
    with context.shop.sessions() as session:
        counts = select(SaleLine.sale_id, func.count().label("lines")).group_by(SaleLine.sale_id).subquery()
        longest = session.scalars(
            select(Sale.receipt_no)
            .join(counts, counts.c.sale_id == Sale.id)
            .where(Sale.kind == "sale")
            .order_by(counts.c.lines.desc(), Sale.id)
            .limit(LINES)
        ).all()
    if not longest:
        raise SystemExit("the benchmark database holds no sale")
    lines: list[ReceiptLine] = []
    for receipt_no in longest:
        lines += context.shop.checkout.receipt(receipt_no).lines
        if len(lines) >= LINES:
            break
    lines = lines[:LINES]
    first = context.shop.checkout.receipt(longest[0])
    total = sum(line.total for line in lines)
    return replace(
        first,
        lines=tuple(lines),
        subtotal=total,
        discount=0,
        total=total,
        vat=tuple(vat_breakdown((line.vat_rate, line.total) for line in lines)),
        payments=(PaymentView("transfer", total, ""),),
        change=0,
    )


def bench_receipt_documents(context: Context) -> list[Result]:
    # Imported here: run.py imports this module to list it, and this module would otherwise import run.py back.
    from benchmarks.run import Result, percentile, timed

    receipt = typical_receipt(context)
    options = ReceiptOptions(width_mm=80, lang="vi")
    note = f"{len(receipt.lines)} lines from demo sales, paid by transfer (VietQR encoded every run); {RUNS} runs"
    raster_note = f"{note}; glyphs cached as in a running till; GS v 0, cut, drawer kick"

    def pdf() -> object:
        qr_matrix.cache_clear()  # each sale has its own VietQR: encode it every time, as the till must
        return render_receipt_pdf(receipt, SHOP, BANK, options)

    def raster() -> object:
        qr_matrix.cache_clear()
        return escpos_bytes(receipt, SHOP, BANK, options, drawer=True)

    figures: list[tuple[str, Callable[[], object], float, str]] = [
        ("receipt PDF, 80 mm", pdf, PDF_BUDGET_MS, note),
        ("receipt ESC/POS raster, 576 dots", raster, RASTER_BUDGET_MS, raster_note),
    ]
    results = []
    for operation, render, budget, detail in figures:
        for _ in range(10):  # warm: fonts registered, sizes loaded, glyphs drawn once
            render()
        timings = timed(render, RUNS)
        median = statistics.median(timings)
        results.append(
            Result(
                operation,
                median,
                percentile(timings, 0.95),
                None,
                f"median ≤ {budget:.0f} ms",
                median <= budget,
                detail,
            )
        )
    return results
