"""The customer's receipt on roll paper: shop, lines with their cooperative and OCOP stars, VAT, payments.

`receipt_blocks` says what is printed, section by section, in the receipt's own language(s); the
renderers draw it: `render_receipt_pdf` here, `raster.render_receipt_image` for thermal printers.
A gift receipt leaves out every amount; a reprint says so at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from posapp.documents.phrases import Phrasebook, Voice, check_language
from posapp.documents.roll import Align, Block, Columns, Gap, QrCode, Row, Rule, Text, check_width, render_roll_pdf
from posapp.domain import vietqr
from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_qty, format_vnd
from posapp.domain.ocop import stars_text
from posapp.domain.tender import PaymentMethod
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.clock import SHOP_TIMEZONE
from posapp.services.dto import Receipt, ReceiptLine
from posapp.settings import BankAccount, ShopProfile

SHOP_ZONE = ZoneInfo(SHOP_TIMEZONE)
STORY_QR_MM = 16.0


@dataclass(frozen=True)
class ReceiptOptions:
    """How a receipt is printed: roll width, language(s) (vi, en, vi+en), gift (no prices), reprint mark."""

    width_mm: int = 80
    lang: str = "vi"
    gift: bool = False
    reprint: bool = False

    def __post_init__(self) -> None:
        check_width(self.width_mm)
        check_language(self.lang)


def amount(value: int) -> str:
    """An amount in a column: `1.250.000` (the dong sign only on totals)."""
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".")


def ocop_stars(stars: int | None) -> str:
    return f"OCOP {stars_text(stars)}" if stars else ""


def _method(voice: Voice, method: str) -> str:
    labels = {
        PaymentMethod.CASH: voice._("Cash"),
        PaymentMethod.CARD: voice._("Card"),
        PaymentMethod.TRANSFER: voice._("Bank transfer"),
    }
    return labels[PaymentMethod(method)]


def _paid_by(voice: Voice, method: str, refund: bool) -> str:
    label = _method(voice, method)
    return voice._("Refunded by {method}").format(method=label.lower()) if refund else label


def _header(shop: ShopProfile, say: Phrasebook) -> list[Block]:
    blocks: list[Block] = [Text(nfc(shop.name), align="center", size="large", bold=True)]
    if shop.address:
        blocks.append(Text(nfc(shop.address), align="center", size="small"))
    # Label and value joined outside the message, so a bilingual receipt says `MST / Tax code: 0109…`.
    details = ((say._("Tax code"), shop.tax_code), (say._("Phone"), shop.phone))
    blocks += [Text(f"{label}: {value}", align="center", size="small") for label, value in details if value]
    return blocks


def _title(receipt: Receipt, say: Phrasebook, options: ReceiptOptions, timezone: ZoneInfo) -> list[Block]:
    refund = receipt.kind == "refund"
    blocks: list[Block] = [Gap(1.0)]
    if options.reprint:
        # Whoever reads it (a customer, a tax inspector), a copy must not pass for the original.
        blocks += [Text(Phrasebook("vi+en")._("REPRINT"), align="center", size="large", bold=True), Gap(0.5)]
    title = say._("REFUND RECEIPT") if refund else say._("SALES RECEIPT")
    if options.gift:
        title = say._("GIFT RECEIPT")
    blocks += [Text(title, align="center", size="large", bold=True), Gap(1.0)]
    blocks.append(Row(say._("Receipt no."), receipt.receipt_no))
    if refund and receipt.original_receipt_no:
        blocks.append(Row(say._("Refund of receipt"), receipt.original_receipt_no))
    blocks.append(Row(say._("Date"), receipt.at.astimezone(timezone).strftime("%d/%m/%Y %H:%M")))
    blocks.append(Row(say._("Till"), receipt.till))
    if receipt.cashier:
        blocks.append(Row(say._("Cashier"), nfc(receipt.cashier)))
    return blocks


def _names(line: ReceiptLine, lang: str) -> list[str]:
    """The product's name as the receipt's language wants it: Vietnamese, English where set, or both."""
    name, english = nfc(line.name), nfc(line.name_en).strip()
    if lang == "en":
        return [english or name]
    if lang == "vi+en" and english and english != name:
        return [name, english]
    return [name]


def _line(line: ReceiptLine, sign: int, say: Phrasebook, options: ReceiptOptions) -> list[Block]:
    quantity = f"{format_qty(sign * line.qty_milli, line.weighed)} {nfc(line.unit)}"
    name, *english = _names(line, options.lang)
    blocks: list[Block] = [Text(name, bold=True), *(Text(text, size="small") for text in english)]
    if options.gift:
        blocks.append(Row(quantity, "", indent=True))
    else:
        blocks.append(Row(f"{quantity} × {amount(line.unit_price)}", amount(sign * line.gross), indent=True))
    origin = " · ".join(part for part in (nfc(line.cooperative), nfc(line.province)) if part)
    if origin or line.ocop_stars:
        blocks.append(Row(origin, ocop_stars(line.ocop_stars), size="small", indent=True))
    if line.discount and not options.gift:
        blocks.append(Row(say._("Discount"), amount(-sign * line.discount), size="small", indent=True))
    if line.story_url:
        caption = say._("Scan for the story of this product")
        blocks.append(QrCode(line.story_url, size_mm=STORY_QR_MM, below=caption))
    return blocks


def _lines(receipt: Receipt, sign: int, say: Phrasebook, options: ReceiptOptions) -> list[Block]:
    blocks: list[Block] = []
    for index, line in enumerate(receipt.lines):
        if index:
            blocks.append(Gap(1.0))
        blocks.extend(_line(line, sign, say, options))
    return blocks


def _totals(receipt: Receipt, sign: int, say: Phrasebook) -> list[Block]:
    blocks: list[Block] = []
    if receipt.discount:
        blocks.append(Row(say._("Subtotal"), amount(sign * receipt.subtotal)))
        blocks.append(Row(say._("Sale discount"), amount(-sign * receipt.discount)))
    label = say._("TOTAL REFUNDED") if receipt.kind == "refund" else say._("TOTAL")
    blocks.append(Row(label, format_vnd(sign * receipt.total), size="large", bold=True))
    return blocks


def _vat(receipt: Receipt, sign: int, say: Phrasebook) -> list[Block]:
    widths = (0.3, 0.4, 0.3)
    aligns: tuple[Align, ...] = ("left", "right", "right")
    header = (say._("VAT rate"), say._("Before VAT"), say._("VAT"))
    blocks: list[Block] = [
        Gap(1.0),
        Text(say._("Prices include VAT."), size="small"),
        Columns(header, widths, aligns, bold=True),
    ]
    for group in receipt.vat:
        rate = say._("Exempt") if group.rate == 0 else f"{group.rate}%"
        blocks.append(Columns((rate, amount(sign * group.net), amount(sign * group.vat)), widths, aligns))
    return blocks


def _payments(receipt: Receipt, sign: int, say: Phrasebook) -> list[Block]:
    refund = receipt.kind == "refund"
    blocks: list[Block] = []
    for payment in receipt.payments:
        label = say.join(partial(_paid_by, method=payment.method, refund=refund))
        if payment.reference:
            label = f"{label} ({payment.reference})"
        blocks.append(Row(label, amount(sign * payment.amount)))
    if receipt.change:
        blocks.append(Row(say._("Change"), amount(receipt.change), bold=True))
    return blocks


def _transfer_qr(receipt: Receipt, bank: BankAccount | None, say: Phrasebook) -> list[Block]:
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
    blocks: list[Block] = [Rule(), QrCode(payload, above=say._("Scan to pay by bank transfer"))]
    if bank.account_name:
        blocks.append(Text(nfc(bank.account_name), align="center", size="small", bold=True))
    blocks.append(Row(say._("Account"), bank.account, size="small"))
    blocks.append(Row(say._("Transfer amount"), format_vnd(transferred), size="small"))
    blocks.append(Row(say._("Transfer note"), receipt.receipt_no, size="small"))
    return blocks


def receipt_blocks(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    timezone: ZoneInfo = SHOP_ZONE,
    options: ReceiptOptions | None = None,
) -> list[Block]:
    """What the receipt says, top to bottom. A refund prints its amounts as positive sums handed back."""
    options = options or ReceiptOptions()
    if options.gift and receipt.kind != "sale":
        raise InvalidInput(_("A gift receipt is printed for a sale, not for a refund."))
    say = Phrasebook(options.lang)
    sign = -1 if receipt.kind == "refund" else 1
    blocks = [*_header(shop, say), Rule(dashed=False), *_title(receipt, say, options, timezone), Rule()]
    blocks += _lines(receipt, sign, say, options)
    if not options.gift:
        blocks += [Rule(), *_totals(receipt, sign, say), *_vat(receipt, sign, say), Rule()]
        blocks += [*_payments(receipt, sign, say), *_transfer_qr(receipt, bank, say)]
    if shop.footer:
        blocks += [Rule(dashed=False), Text(nfc(shop.footer), align="center", size="small")]
    return blocks


def resolve_options(options: ReceiptOptions | None, width_mm: int | None) -> ReceiptOptions:
    """The options, with the older `width_mm=` argument still honoured."""
    options = options or ReceiptOptions()
    if width_mm is not None and width_mm != options.width_mm:
        return ReceiptOptions(width_mm, options.lang, options.gift, options.reprint)
    return options


def receipt_title(receipt: Receipt, options: ReceiptOptions) -> str:
    return Phrasebook(options.lang).first._("Receipt {number}").format(number=receipt.receipt_no)


def render_receipt_pdf(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    options: ReceiptOptions | None = None,
    timezone: ZoneInfo = SHOP_ZONE,
    *,
    width_mm: int | None = None,
) -> bytes:
    """The receipt as a one-page PDF as wide as the roll (80 or 58 mm), exactly as tall as it needs."""
    options = resolve_options(options, width_mm)
    return render_roll_pdf(
        receipt_blocks(receipt, shop, bank, timezone, options),
        options.width_mm,
        title=receipt_title(receipt, options),
        author=nfc(shop.name),
    )
