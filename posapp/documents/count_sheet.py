"""The printed stock count sheet: one row per product with room to write what was counted (A4 PDF)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from posapp.documents.a4 import Column, facts, gap, grid, para, render_a4, title
from posapp.documents.wording import translator
from posapp.domain.money import format_qty
from posapp.i18n import current_language
from posapp.services.clock import ShopClock
from posapp.services.supply_dto import CountSheet
from posapp.settings import ShopProfile


def render_count_sheet_pdf(
    sheet: CountSheet,
    shop: ShopProfile,
    clock: ShopClock | None = None,
    show_expected: bool = False,
    language: str | None = None,
) -> bytes:
    """Staff count blind by default: the expected figures are printed only when asked for."""
    _ = translator(language or current_language())
    clock = clock or ShopClock()

    def story(width: float) -> list[Flowable]:
        columns = [
            Column(_("No."), 0.06, "right"),
            Column(_("Barcode"), 0.17),
            Column(_("Product"), 0.39 if show_expected else 0.49),
            Column(_("Unit"), 0.08),
        ]
        if show_expected:
            columns.append(Column(_("Expected"), 0.10, "right"))
        columns += [Column(_("Counted"), 0.10, "right"), Column(_("Note"), 0.10)]
        rows = []
        for index, line in enumerate(sheet.lines, start=1):
            row = [str(index), line.barcode, line.name, line.unit]
            if show_expected:
                row.append(format_qty(line.expected_milli, line.weighed))
            counted = "" if line.counted_milli is None else format_qty(line.counted_milli, line.weighed)
            rows.append([*row, counted, ""])
        scope = sheet.cooperative or _("All products")
        started = clock.local(sheet.started_at).strftime("%d/%m/%Y %H:%M")
        return [
            para(shop.name, 10, bold=True),
            title(_("STOCK COUNT SHEET")),
            gap(3),
            facts(
                [(_("Count no."), str(sheet.stocktake_id)), (_("Started"), started), (_("Products"), scope)],
                width * 0.6,
            ),
            gap(4),
            grid(columns, rows, width, row_height_mm=8),
            gap(8),
            facts(
                [
                    (_("Counted by"), "......................................"),
                    (_("Checked by"), "......................................"),
                ],
                width * 0.6,
            ),
        ]

    return render_a4(
        story,
        lambda page: _("Page {page}").format(page=page),
        title_text=_("Stock count {number}").format(number=sheet.stocktake_id),
        author=shop.name,
    )
