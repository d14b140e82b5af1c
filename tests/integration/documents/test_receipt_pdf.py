"""The printed receipt: exact Vietnamese, the right amounts, a page that fits its content, a VietQR.

These read the English labels (`EN`); the receipt's languages have their own tests in test_receipt_options.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from posapp.documents.fonts import BOLD, REGULAR, register_fonts
from posapp.documents.receipt import ReceiptOptions, receipt_blocks, render_receipt_pdf
from posapp.documents.roll import QrCode
from posapp.domain import barcodes as bc
from posapp.domain import vietqr
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.text import nfc
from posapp.domain.vat import TaxCategory
from posapp.services.catalog import ProductInput
from posapp.services.checkout import RefundRequest
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile
from posapp.shop import Shop

FISH_SAUCE = bc.with_check_digit("893604120130")
RICE = bc.with_check_digit("893604120131")
SHRIMP_PLU = 101
SHOP = ShopProfile(
    name="Cửa hàng OCOP Hà Nội",
    address="12 Phố Hàng Bông, Hoàn Kiếm, Hà Nội",
    tax_code="0109876543",
    phone="024 3826 1234",
    footer="Cảm ơn quý khách! Thank you!",
)
BANK = BankAccount(bin="970436", account="0011000597979", account_name="CONG TY TNHH OCOP HA NOI")
EN = ReceiptOptions(lang="en")


@pytest.fixture
def stocked(shop: Shop) -> Shop:
    shop.catalog.save_product(
        ProductInput(
            name="Nước mắm Phú Quốc 40 độ đạm chai 500ml",
            cooperative="HTX Nước mắm Phú Quốc",
            origin_province="Kiên Giang",
            price=125_000,
            barcodes=(FISH_SAUCE,),
            ocop_stars=4,
            unit="chai",
        ),
        actor=COMMAND_LINE,
    )
    shop.catalog.save_product(
        ProductInput(
            name="Tôm khô Cà Mau (cân ký)",
            cooperative="HTX Tôm khô Rạch Gốc",
            origin_province="Cà Mau",
            price=1_250_000,
            weighed=True,
            plu=SHRIMP_PLU,
            unit="kg",
            ocop_stars=5,
        ),
        actor=COMMAND_LINE,
    )
    shop.catalog.save_product(
        ProductInput(
            name="Gạo ST25 Sóc Trăng túi 5kg",
            cooperative="HTX Nông nghiệp Hồ Quang Cua",
            origin_province="Sóc Trăng",
            price=210_000,
            barcodes=(RICE,),
            unit="túi",
            tax_category=TaxCategory.EXEMPT,
        ),
        actor=COMMAND_LINE,
    )
    return shop


def sell(shop: Shop, *codes: str, transfer: int = 0) -> Receipt:
    cart = Cart()
    for code in codes:
        shop.checkout.scan(cart, code)
    tenders = [Tender(PaymentMethod.TRANSFER, transfer)] if transfer else []
    tenders.append(Tender(PaymentMethod.CASH, cart.total - transfer + 20_000))
    return shop.checkout.complete_sale(
        cart, tenders, "Q1", at=datetime(2026, 3, 2, 9, 41), cashier="Nguyễn Thị Lan", actor=COMMAND_LINE
    )


def text_of(document: bytes) -> str:
    return PdfReader(BytesIO(document)).pages[0].extract_text()


def page_size(document: bytes) -> tuple[float, float]:
    box = PdfReader(BytesIO(document)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_receipt_shows_names_amounts_and_origin_exactly(stocked: Shop) -> None:
    receipt = sell(stocked, FISH_SAUCE, FISH_SAUCE, bc.weighed_code(SHRIMP_PLU, 350), RICE)
    text = text_of(render_receipt_pdf(receipt, SHOP, BANK, EN))

    for expected in (
        "Cửa hàng OCOP Hà Nội",
        "Tax code: 0109876543",
        "SALES RECEIPT",
        receipt.receipt_no,
        "02/03/2026 09:41",
        "Nguyễn Thị Lan",
        "Nước mắm Phú Quốc",
        "Tôm khô Cà Mau",
        "Gạo ST25 Sóc Trăng",
        "2 chai × 125.000",
        "0,350 kg × 1.250.000",
        "437.500",
        "HTX Tôm khô Rạch Gốc · Cà Mau",
        "OCOP ★★★★★",
        "OCOP ★★★★",
        format_vnd(receipt.total),
        "Exempt",
        "Cash",
        "Change",
        "20.000",
        "Cảm ơn quý khách! Thank you!",
    ):
        assert nfc(expected) in text, expected
    assert format_vnd(receipt.total) == "897.500 ₫"


def test_vat_is_shown_per_rate(stocked: Shop) -> None:
    receipt = sell(stocked, FISH_SAUCE, RICE)
    text = text_of(render_receipt_pdf(receipt, SHOP, options=EN))
    standard = next(group for group in receipt.vat if group.rate == 8)
    assert f"8%\n{standard.net:,}\n{standard.vat:,}".replace(",", ".") in text
    assert "Exempt\n210.000\n0" in text


def test_line_and_sale_discounts_are_printed(stocked: Shop) -> None:
    cart = Cart()
    stocked.checkout.scan(cart, FISH_SAUCE)
    cart.set_line_discount(0, 15_000)
    cart.set_discount(1000)
    receipt = stocked.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", actor=COMMAND_LINE)
    text = text_of(render_receipt_pdf(receipt, SHOP, options=EN))
    assert "Discount\n-15.000" in text
    assert "Subtotal\n110.000" in text
    assert "Sale discount\n-11.000" in text
    assert "99.000 ₫" in text


def test_page_is_roll_wide_and_as_tall_as_its_content(stocked: Shop) -> None:
    short = sell(stocked, RICE)
    long = sell(stocked, FISH_SAUCE, RICE, bc.weighed_code(SHRIMP_PLU, 200))
    width, short_height = page_size(render_receipt_pdf(short, SHOP))
    assert width == pytest.approx(80 * mm)
    assert page_size(render_receipt_pdf(short, SHOP, width_mm=58))[0] == pytest.approx(58 * mm)
    _, long_height = page_size(render_receipt_pdf(long, SHOP))
    assert 60 * mm < short_height < long_height < 250 * mm


def test_a_58mm_receipt_keeps_every_name_whole(stocked: Shop) -> None:
    receipt = sell(stocked, FISH_SAUCE, bc.weighed_code(SHRIMP_PLU, 350))
    text = " ".join(text_of(render_receipt_pdf(receipt, SHOP, width_mm=58)).split())
    assert "Nước mắm Phú Quốc 40 độ đạm chai 500ml" in text
    assert "Tôm khô Cà Mau (cân ký)" in text
    assert format_vnd(receipt.total) in text


def test_transfer_payment_gets_a_vietqr_for_the_amount_transferred(stocked: Shop) -> None:
    receipt = sell(stocked, FISH_SAUCE, RICE, transfer=200_000)
    [qr] = [block for block in receipt_blocks(receipt, SHOP, BANK, options=EN) if isinstance(block, QrCode)]
    fields = vietqr.parse(qr.payload)
    assert vietqr.crc_ok(qr.payload)
    assert fields["54"] == "200000"
    assert vietqr.parse(vietqr.parse(fields["38"])["01"]) == {"00": "970436", "01": "0011000597979"}
    assert vietqr.parse(fields["62"]) == {"08": receipt.receipt_no}
    text = text_of(render_receipt_pdf(receipt, SHOP, BANK, EN))
    assert "Scan to pay by bank transfer" in text
    assert "Account\n0011000597979" in text
    assert "Transfer amount\n200.000 ₫" in text
    assert f"Transfer note\n{receipt.receipt_no}" in text


@pytest.mark.parametrize(
    ("bank", "transfer"),
    [(BANK, 0), (None, 200_000), (BankAccount(), 200_000), (BankAccount(bin="97043", account="1"), 200_000)],
)
def test_no_vietqr_without_a_transfer_or_usable_bank_details(
    stocked: Shop, bank: BankAccount | None, transfer: int
) -> None:
    receipt = sell(stocked, FISH_SAUCE, RICE, transfer=transfer)
    assert not [block for block in receipt_blocks(receipt, SHOP, bank) if isinstance(block, QrCode)]
    assert "Scan to pay" not in text_of(render_receipt_pdf(receipt, SHOP, bank, EN))


def test_refund_receipt_names_the_original_and_shows_sums_handed_back(stocked: Shop) -> None:
    sale = sell(stocked, FISH_SAUCE, FISH_SAUCE, RICE)
    refund = stocked.checkout.refund(sale.receipt_no, [RefundRequest(FISH_SAUCE, 1000)], "Q1", actor=COMMAND_LINE)
    text = text_of(render_receipt_pdf(refund, SHOP, BANK, EN))
    assert "REFUND RECEIPT" in text
    assert f"Refund of receipt\n{sale.receipt_no}" in text
    assert "1 chai × 125.000\n125.000" in text
    assert "TOTAL REFUNDED\n125.000 ₫" in text
    assert "Refunded by cash\n125.000" in text
    assert "Scan to pay" not in text


def test_fonts_register_once_and_carry_the_ocop_star() -> None:
    assert register_fonts() == register_fonts() == (REGULAR, BOLD)
    for name in (REGULAR, BOLD):
        face = pdfmetrics.getFont(name).face
        assert ord("★") in face.charToGlyph
        assert ord("₫") in face.charToGlyph
        assert ord("ễ") in face.charToGlyph


def test_receipt_embeds_dejavu(stocked: Shop) -> None:
    page = PdfReader(BytesIO(render_receipt_pdf(sell(stocked, RICE), SHOP))).pages[0]
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    font_table = resources["/Font"].get_object()
    assert isinstance(font_table, DictionaryObject)
    fonts = {str(font.get_object()["/BaseFont"]) for font in font_table.values()}
    assert any("DejaVuSans" in name for name in fonts)
    assert all("Helvetica" not in name for name in fonts)


@pytest.mark.parametrize("width", [40, 200])
def test_impossible_paper_width_is_refused(stocked: Shop, width: int) -> None:
    with pytest.raises(InvalidInput, match="paper width"):
        render_receipt_pdf(sell(stocked, RICE), SHOP, width_mm=width)
