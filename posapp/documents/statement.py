"""The consignment statement a cooperative receives: goods in, sold, returned, what is owed and paid (A4 PDF)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from posapp.documents.a4 import Column, facts, gap, grid, para, render_a4, side_by_side, title
from posapp.documents.purchase_order import amount
from posapp.documents.wording import translator
from posapp.domain.money import format_qty, format_vnd
from posapp.services.clock import ShopClock
from posapp.services.supply_dto import ConsignmentStatement
from posapp.settings import ShopProfile


def render_statement_pdf(
    statement: ConsignmentStatement, shop: ShopProfile, clock: ShopClock | None = None, language: str = "vi"
) -> bytes:
    """A landscape A4 statement in `language` (Vietnamese for the cooperatives)."""
    _ = translator(language)
    clock = clock or ShopClock()

    def story(width: float) -> list[Flowable]:
        columns = [
            Column(_("No."), 0.04, "right"),
            Column(_("Barcode"), 0.11),
            Column(_("Product"), 0.19),
            Column(_("Unit"), 0.05),
            Column(_("Opening"), 0.075, "right"),
            Column(_("Received"), 0.075, "right"),
            Column(_("Sold"), 0.075, "right"),
            Column(_("Returned"), 0.075, "right"),
            Column(_("Adjusted"), 0.075, "right"),
            Column(_("Closing"), 0.075, "right"),
            Column(_("Payout per unit"), 0.08, "right"),
            Column(_("Owed"), 0.09, "right"),
        ]
        rows = []
        for index, line in enumerate(statement.lines, start=1):
            quantities = (
                line.opening_milli,
                line.received_milli,
                line.sold_milli,
                line.returned_milli,
                line.adjusted_milli,
                line.closing_milli,
            )
            rows.append(
                [str(index), line.barcode, line.name, line.unit]
                + [format_qty(q, line.weighed) for q in quantities]
                + ["" if line.payout_per_unit is None else amount(line.payout_per_unit), amount(line.owed)]
            )
        total = ["", "", _("Total"), "", "", "", "", "", "", "", "", amount(statement.owed)]
        shop_block = [para(_("Shop"), 8, bold=True), para(shop.name, 11, bold=True)]
        shop_block += [para(text, 9) for text in (shop.address, shop.phone) if text]
        coop_block = [para(_("Cooperative"), 8, bold=True), para(statement.cooperative, 11, bold=True)]
        period = f"{statement.date_from:%d/%m/%Y} – {statement.date_to:%d/%m/%Y}"
        money = [
            (_("Balance brought forward"), format_vnd(statement.opening_balance)),
            (_("Owed for goods sold in the period"), format_vnd(statement.owed)),
            (_("Paid in the period"), format_vnd(statement.paid)),
            (_("Balance owed to the cooperative"), format_vnd(statement.balance)),
        ]
        parts: list[Flowable] = [
            title(_("CONSIGNMENT STATEMENT")),
            gap(2),
            para(_("Period: {period}").format(period=period), 10, align="center"),
            gap(4),
            side_by_side(shop_block, coop_block, width),
            gap(5),
            grid(columns, rows, width, footer=[total], size=8),
            gap(3),
            para(_("Adjusted: stock corrections and stocktake counts (+ more, − less)."), 7.5),
            gap(5),
            facts(money, width * 0.6, size=10, label_share=0.6),
        ]
        if statement.payments:
            payment_columns = [Column(_("Date"), 0.2), Column(_("Amount"), 0.25, "right"), Column(_("Note"), 0.55)]
            payment_rows = [
                [clock.local(p.at).strftime("%d/%m/%Y"), format_vnd(p.amount), p.note] for p in statement.payments
            ]
            parts += [
                gap(5),
                para(_("Payments"), 10, bold=True),
                gap(2),
                grid(payment_columns, payment_rows, width * 0.6),
            ]
        return parts

    return render_a4(
        story,
        lambda page: _("Page {page}").format(page=page),
        title_text=_("Consignment statement {cooperative}").format(cooperative=statement.cooperative),
        author=shop.name,
        wide=True,
    )
