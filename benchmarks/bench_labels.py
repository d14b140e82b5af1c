"""Label sheets at scale: 100 labels resolved from the big catalogue and drawn into one PDF.

`bench_label_sheet(context)` returns rows for benchmarks/run.py. There is no raw-SQL floor: the time goes into
drawing, not the database (its floor shows as "–").
"""

from __future__ import annotations

import statistics
from functools import partial
from typing import TYPE_CHECKING

from posapp.documents.labels import render_labels_pdf
from posapp.services.labels import LabelService

LABELS = 100
RUNS = 15
BUDGET_MS = 1000.0

if TYPE_CHECKING:
    from benchmarks.run import Context, Result


def sheet_of(service: LabelService, items: list[tuple[str, int]], sheet: str) -> bytes:
    return render_labels_pdf(service.labels(items), sheet)


def bench_label_sheet(context: Context) -> list[Result]:
    # Imported here: run.py imports this module to list it, and this module would otherwise import run.py back.
    from benchmarks.run import Result, percentile, piece_codes, timed

    service = LabelService(context.shop.sessions)
    codes = piece_codes(context.shop, LABELS, seed=23)
    items = [(code, 1) for code in codes]
    results = []
    for sheet in ("a4-3x8", "roll-50x30"):
        render_labels_pdf(service.labels(items[:5]), sheet)  # warm: fonts registered, queries prepared
        timings = timed(partial(sheet_of, service, items, sheet), RUNS)
        median = statistics.median(timings)
        results.append(
            Result(
                f"label sheet, {len(items)} labels ({sheet})",
                median,
                percentile(timings, 0.95),
                None,
                f"median ≤ {BUDGET_MS:.0f} ms",
                median <= BUDGET_MS,
                f"{len(items)} different products looked up by barcode and drawn; {RUNS} runs",
            )
        )
    return results
