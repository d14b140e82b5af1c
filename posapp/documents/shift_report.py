"""The shift report on roll paper: an X report while the shift is open, the Z report once it is closed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from posapp.documents.roll import Align, Block, Columns, Gap, Row, Rule, Text, render_roll_pdf
from posapp.domain.money import format_vnd
from posapp.domain.tender import PaymentMethod, method_label
from posapp.domain.text import nfc
from posapp.domain.vat import vat_rate_label
from posapp.i18n import _
from posapp.services.clock import SHOP_TIMEZONE
from posapp.services.shifts import ZReport
from posapp.settings import ShopProfile

SHOP_ZONE = ZoneInfo(SHOP_TIMEZONE)


def _amount(value: int) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".")


def _when(at: datetime, timezone: ZoneInfo) -> str:
    return at.astimezone(timezone).strftime("%d/%m/%Y %H:%M")


def _title(report: ZReport, timezone: ZoneInfo) -> list[Block]:
    closed = report.closed_at is not None
    blocks: list[Block] = [
        Gap(1.0),
        Text(
            _("Z REPORT · SHIFT CLOSED") if closed else _("X REPORT · SHIFT OPEN"),
            align="center",
            size="large",
            bold=True,
        ),
        Gap(1.0),
        Row(_("Till"), report.till),
        Row(_("Shift"), str(report.shift_id)),
        Row(_("Opened"), _when(report.opened_at, timezone)),
        Row(_("Opened by"), nfc(report.opened_by)),
    ]
    if report.closed_at is not None:
        blocks += [Row(_("Closed"), _when(report.closed_at, timezone)), Row(_("Closed by"), nfc(report.closed_by))]
    if report.first_receipt:
        blocks.append(Row(_("Receipts"), f"{report.first_receipt} – {report.last_receipt}"))
    return blocks


def _takings(report: ZReport) -> list[Block]:
    blocks: list[Block] = [
        Text(_("Takings"), bold=True),
        Row(_("Sales ({n})").format(n=report.sales_count), _amount(report.net_sales + report.refunds_amount)),
    ]
    for method in PaymentMethod:
        blocks.append(Row(method_label(method), _amount(report.by_method.get(method.value, 0)), indent=True))
    blocks.append(Row(_("Discounts given"), _amount(report.discounts)))
    blocks.append(Row(_("Refunds ({n})").format(n=report.refunds_count), _amount(-report.refunds_amount)))
    for method in PaymentMethod:
        if report.refunds_by_method.get(method.value):
            blocks.append(Row(method_label(method), _amount(-report.refunds_by_method[method.value]), indent=True))
    blocks.append(Row(_("Net sales"), format_vnd(report.net_sales), bold=True))
    return blocks


def _vat(report: ZReport) -> list[Block]:
    widths = (0.22, 0.26, 0.26, 0.26)
    aligns: tuple[Align, ...] = ("left", "right", "right", "right")
    blocks: list[Block] = [
        Text(_("VAT by rate"), bold=True),
        Columns((_("Rate"), _("Gross"), _("Net"), _("VAT")), widths, aligns, bold=True),
    ]
    for group in report.vat:
        cells = (vat_rate_label(group.rate), _amount(group.gross), _amount(group.net), _amount(group.vat))
        blocks.append(Columns(cells, widths, aligns))
    return blocks


def _cash(report: ZReport) -> list[Block]:
    blocks: list[Block] = [
        Text(_("Cash drawer"), bold=True),
        Row(_("Opening float"), _amount(report.float_amount)),
        Row(_("Cash sales (less change)"), _amount(report.by_method.get("cash", 0))),
        Row(_("Cash refunds"), _amount(-report.refunds_by_method.get("cash", 0))),
        Row(_("Cash in"), _amount(report.cash_in)),
        Row(_("Cash out"), _amount(-report.cash_out)),
        Row(_("Expected in drawer"), format_vnd(report.expected_cash), bold=True),
    ]
    if report.counted_cash is not None and report.variance is not None:
        for note, count in sorted(report.counts.items(), reverse=True):
            blocks.append(Row(f"{count} × {_amount(note)}", _amount(note * count), size="small", indent=True))
        blocks.append(Row(_("Counted"), format_vnd(report.counted_cash), bold=True))
        label = _("Over") if report.variance > 0 else _("Short") if report.variance < 0 else _("Variance")
        blocks.append(Row(label, format_vnd(report.variance), bold=True))
    return blocks


def shift_report_blocks(report: ZReport, shop: ShopProfile, timezone: ZoneInfo = SHOP_ZONE) -> list[Block]:
    """What the shift report says, top to bottom."""
    blocks: list[Block] = [Text(nfc(shop.name), align="center", size="large", bold=True), Rule(dashed=False)]
    blocks += [*_title(report, timezone), Rule(), *_takings(report), Rule(), *_vat(report), Rule(), *_cash(report)]
    if report.closed_at is not None:
        blocks += [Gap(4.0), Row(_("Signed"), "......................")]
    return blocks


def render_shift_report_pdf(
    report: ZReport, shop: ShopProfile, width_mm: int = 80, timezone: ZoneInfo = SHOP_ZONE
) -> bytes:
    """The shift report as a roll-paper PDF for the receipt printer (or to keep with the day's papers)."""
    title = (_("Z report, shift {number}") if report.closed_at is not None else _("X report, shift {number}")).format(
        number=report.shift_id
    )
    return render_roll_pdf(shift_report_blocks(report, shop, timezone), width_mm, title=title, author=nfc(shop.name))
