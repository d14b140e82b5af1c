"""The customer's receipt on roll paper: shop, lines with their cooperative and OCOP stars, VAT, payments.

`receipt_blocks` says what is printed, section by section; `render_receipt_pdf` draws it. Variants
(gift receipt, bilingual names, reprint mark, ESC/POS output) add sections or a renderer.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from posapp.documents.roll import Align, Block, Columns, Gap, QrCode, Row, Rule, Text, render_roll_pdf
from posapp.domain import vietqr
from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_qty, format_vnd
from posapp.domain.tender import PaymentMethod, method_label
from posapp.domain.text import nfc
from posapp.domain.vat import vat_rate_label
from posapp.i18n import _
from posapp.services.clock import SHOP_TIMEZONE
from posapp.services.dto import Receipt, ReceiptLine
from posapp.settings import BankAccount, ShopProfile

SHOP_ZONE = ZoneInfo(SHOP_TIMEZONE)
STAR = "★"


def amount(value: int) -> str:
    """An amount in a column: `1.250.000` (the dong sign only on totals)."""
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".")


def ocop_stars(stars: int | None) -> str:
    return f"OCOP {STAR * stars}" if stars else ""


def _header(shop: ShopProfile) -> list[Block]:
    blocks: list[Block] = [Text(nfc(shop.name), align="center", size="large", bold=True)]
    if shop.address:
        blocks.append(Text(nfc(shop.address), align="center", size="small"))
    if shop.tax_code:
        blocks.append(Text(_("Tax code: {code}").format(code=shop.tax_code), align="center", size="small"))
    if shop.phone:
        blocks.append(Text(_("Phone: {phone}").format(phone=shop.phone), align="center", size="small"))
    return blocks


def _title(receipt: Receipt, timezone: ZoneInfo) -> list[Block]:
    refund = receipt.kind == "refund"
    blocks: list[Block] = [
        Gap(1.0),
        Text(_("REFUND RECEIPT") if refund else _("SALES RECEIPT"), align="center", size="large", bold=True),
        Gap(1.0),
        Row(_("Receipt no."), receipt.receipt_no),
    ]
    if refund and receipt.original_receipt_no:
        blocks.append(Row(_("Refund of receipt"), receipt.original_receipt_no))
    blocks.append(Row(_("Date"), receipt.at.astimezone(timezone).strftime("%d/%m/%Y %H:%M")))
    blocks.append(Row(_("Till"), receipt.till))
    if receipt.cashier:
        blocks.append(Row(_("Cashier"), nfc(receipt.cashier)))
    return blocks


def _line(line: ReceiptLine, sign: int) -> list[Block]:
    quantity = format_qty(sign * line.qty_milli, line.weighed)
    unit, price = nfc(line.unit), amount(line.unit_price)
    price_each = _("{qty} {unit} × {price}").format(qty=quantity, unit=unit, price=price)
    origin = " · ".join(part for part in (nfc(line.cooperative), nfc(line.province)) if part)
    blocks: list[Block] = [
        Text(nfc(line.name), bold=True),
        Row(price_each, amount(sign * line.gross), indent=True),
    ]
    if origin or line.ocop_stars:
        blocks.append(Row(origin, ocop_stars(line.ocop_stars), size="small", indent=True))
    if line.discount:
        blocks.append(Row(_("Discount"), amount(-sign * line.discount), size="small", indent=True))
    return blocks


def _lines(receipt: Receipt, sign: int) -> list[Block]:
    blocks: list[Block] = []
    for index, line in enumerate(receipt.lines):
        if index:
            blocks.append(Gap(1.0))
        blocks.extend(_line(line, sign))
    return blocks


def _totals(receipt: Receipt, sign: int) -> list[Block]:
    blocks: list[Block] = []
    if receipt.discount:
        blocks.append(Row(_("Subtotal"), amount(sign * receipt.subtotal)))
        blocks.append(Row(_("Sale discount"), amount(-sign * receipt.discount)))
    label = _("TOTAL REFUNDED") if receipt.kind == "refund" else _("TOTAL")
    blocks.append(Row(label, format_vnd(sign * receipt.total), size="large", bold=True))
    return blocks


def _vat(receipt: Receipt, sign: int) -> list[Block]:
    widths = (0.3, 0.4, 0.3)
    aligns: tuple[Align, ...] = ("left", "right", "right")
    blocks: list[Block] = [
        Gap(1.0),
        Text(_("Prices include VAT."), size="small"),
        Columns((_("VAT rate"), _("Before VAT"), _("VAT")), widths, aligns, bold=True),
    ]
    for group in receipt.vat:
        cells = (vat_rate_label(group.rate), amount(sign * group.net), amount(sign * group.vat))
        blocks.append(Columns(cells, widths, aligns))
    return blocks


def _payments(receipt: Receipt, sign: int) -> list[Block]:
    refund = receipt.kind == "refund"
    blocks: list[Block] = []
    for payment in receipt.payments:
        method = method_label(PaymentMethod(payment.method))
        label = _("Refunded by {method}").format(method=method.lower()) if refund else method
        if payment.reference:
            label = f"{label} ({payment.reference})"
        blocks.append(Row(label, amount(sign * payment.amount)))
    if receipt.change:
        blocks.append(Row(_("Change"), amount(receipt.change), bold=True))
    return blocks


def _transfer_qr(receipt: Receipt, bank: BankAccount | None) -> list[Block]:
    """A VietQR code for the amount paid by transfer, so the customer's banking app fills it in."""
    if receipt.kind != "sale" or bank is None or not (bank.bin and bank.account):
        return []
    transferred = sum(p.amount for p in receipt.payments if p.method == PaymentMethod.TRANSFER.value)
    if transferred <= 0:
        return []
    try:
        payload = vietqr.payload(bank.bin, bank.account, transferred, receipt.receipt_no)
    except InvalidInput:
        # Bank details mistyped in the settings must not stop the receipt; it prints without the code.
        return []
    blocks: list[Block] = [
        Rule(),
        Text(_("Scan to pay by bank transfer"), align="center", bold=True),
        QrCode(payload),
    ]
    if bank.account_name:
        blocks.append(Text(nfc(bank.account_name), align="center", size="small", bold=True))
    blocks.append(Text(_("Account {account}").format(account=bank.account), align="center", size="small"))
    blocks.append(
        Text(
            _("{amount} · note {note}").format(amount=format_vnd(transferred), note=receipt.receipt_no),
            align="center",
            size="small",
        )
    )
    return blocks


def receipt_blocks(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    timezone: ZoneInfo = SHOP_ZONE,
) -> list[Block]:
    """What the receipt says, top to bottom. A refund prints its amounts as positive sums handed back."""
    sign = -1 if receipt.kind == "refund" else 1
    blocks = [*_header(shop), Rule(dashed=False), *_title(receipt, timezone), Rule()]
    blocks += [*_lines(receipt, sign), Rule(), *_totals(receipt, sign), *_vat(receipt, sign), Rule()]
    blocks += [*_payments(receipt, sign), *_transfer_qr(receipt, bank)]
    if shop.footer:
        blocks += [Rule(dashed=False), Text(nfc(shop.footer), align="center", size="small")]
    return blocks


def render_receipt_pdf(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    width_mm: int = 80,
    timezone: ZoneInfo = SHOP_ZONE,
) -> bytes:
    """The receipt as a one-page PDF `width_mm` wide (80 or 58 mm rolls), exactly as tall as it needs."""
    return render_roll_pdf(
        receipt_blocks(receipt, shop, bank, timezone),
        width_mm,
        title=_("Receipt {number}").format(number=receipt.receipt_no),
        author=nfc(shop.name),
    )
