"""The purchase order a cooperative receives: shop and cooperative, the lines at cost, the total (A4 PDF)."""

from __future__ import annotations

import csv
import io

from reportlab.platypus import Flowable

from posapp.documents.a4 import Column, facts, gap, grid, para, render_a4, side_by_side, title
from posapp.documents.wording import translator
from posapp.domain.money import format_qty, format_vnd, qty_to_number
from posapp.services.clock import ShopClock
from posapp.services.dto import CooperativeView
from posapp.services.supply_dto import PurchaseOrderView
from posapp.settings import ShopProfile


def amount(value: int) -> str:
    """An amount in a column: `1.250.000` (the dong sign only on the total)."""
    return format_vnd(value).removesuffix(" ₫")


def render_purchase_order_pdf(
    order: PurchaseOrderView,
    shop: ShopProfile,
    cooperative: CooperativeView,
    clock: ShopClock | None = None,
    language: str = "vi",
) -> bytes:
    """An A4 purchase order in `language` (Vietnamese for the cooperatives)."""
    _ = translator(language)
    clock = clock or ShopClock()

    def story(width: float) -> list[Flowable]:
        buyer = [para(_("Buyer"), 8, bold=True), para(shop.name, 11, bold=True)]
        for line in (
            shop.address,
            _("Tax code: {code}").format(code=shop.tax_code) if shop.tax_code else "",
            _("Phone: {phone}").format(phone=shop.phone) if shop.phone else "",
        ):
            if line:
                buyer.append(para(line, 9))
        supplier = [para(_("Supplier"), 8, bold=True), para(cooperative.name, 11, bold=True)]
        place = ", ".join(part for part in (cooperative.commune, cooperative.province) if part)
        for line in (
            place,
            _("Contact: {name}").format(name=cooperative.contact) if cooperative.contact else "",
            _("Phone: {phone}").format(phone=cooperative.phone) if cooperative.phone else "",
            _("Email: {email}").format(email=cooperative.email) if cooperative.email else "",
            _("Tax code: {code}").format(code=cooperative.tax_code) if cooperative.tax_code else "",
        ):
            if line:
                supplier.append(para(line, 9))
        columns = [
            Column(_("No."), 0.06, "right"),
            Column(_("Barcode"), 0.18),
            Column(_("Product"), 0.30),
            Column(_("Unit"), 0.08),
            Column(_("Quantity"), 0.10, "right"),
            Column(_("Unit cost"), 0.13, "right"),
            Column(_("Amount"), 0.15, "right"),
        ]
        rows = [
            [
                str(index),
                line.barcode,
                line.name,
                line.unit,
                format_qty(line.qty_ordered_milli, line.weighed),
                amount(line.unit_cost),
                amount(line.value),
            ]
            for index, line in enumerate(order.lines, start=1)
        ]
        total = ["", "", _("Total"), "", "", "", format_vnd(order.total)]
        created = clock.local(order.created_at).strftime("%d/%m/%Y")
        parts: list[Flowable] = [
            title(_("PURCHASE ORDER")),
            gap(3),
            facts([(_("Order no."), order.po_no), (_("Date"), created)], width * 0.5),
            gap(4),
            side_by_side(buyer, supplier, width),
            gap(6),
            grid(columns, rows, width, footer=[total]),
        ]
        if order.note:
            parts += [gap(4), para(_("Note: {note}").format(note=order.note), 9)]
        parts += [
            gap(6),
            para(_("Please confirm this order and the delivery date by replying to this email or by phone."), 9),
        ]
        return parts

    return render_a4(
        story,
        lambda page: _("Page {page}").format(page=page),
        title_text=_("Purchase order {po_no}").format(po_no=order.po_no),
        author=shop.name,
    )


def render_purchase_order_csv(order: PurchaseOrderView) -> str:
    """The order's lines for a spreadsheet: stable English column names, numbers without grouping."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["po_no", "barcode", "name", "unit", "ordered", "received", "backorder", "unit_cost", "value"])
    for line in order.lines:
        writer.writerow(
            [
                order.po_no,
                line.barcode,
                line.name,
                line.unit,
                qty_to_number(line.qty_ordered_milli),
                qty_to_number(line.qty_received_milli),
                qty_to_number(line.backorder_milli),
                line.unit_cost,
                line.value,
            ]
        )
    return out.getvalue()
