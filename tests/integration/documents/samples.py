"""Receipts as a customer would get them, for the document and printer tests, and ways to read them back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from posapp.documents.fonts import BOLD, REGULAR, register_fonts
from posapp.domain.vat import vat_breakdown
from posapp.services.dto import PaymentView, Receipt, ReceiptLine
from posapp.settings import BankAccount, ShopProfile

SHOP = ShopProfile(
    name="Cửa hàng OCOP Hà Nội",
    address="12 Phố Hàng Bông, Hoàn Kiếm, Hà Nội",
    tax_code="0109876543",
    phone="024 3826 1234",
    footer="Cảm ơn quý khách! Thank you!",
)
BANK = BankAccount(bin="970436", account="0011000597979", account_name="CONG TY TNHH OCOP HA NOI")
FISH_SAUCE = "Nước mắm Phú Quốc 40 độ đạm"
STORY = "https://ocop.example.vn/truy-xuat/nuoc-mam-phu-quoc-40"


def line(
    name: str = FISH_SAUCE,
    name_en: str = "Phu Quoc fish sauce 40°N",
    price: int = 125_000,
    qty_milli: int = 2000,
    unit: str = "chai",
    cooperative: str = "HTX Nước mắm Phú Quốc",
    province: str = "Kiên Giang",
    stars: int | None = 4,
    vat_rate: int = 8,
    story_url: str = "",
) -> ReceiptLine:
    gross = price * qty_milli // 1000
    return ReceiptLine(
        barcode="8936041201071",
        name=name,
        name_en=name_en,
        unit=unit,
        weighed=unit == "kg",
        qty_milli=qty_milli,
        unit_price=price,
        gross=gross,
        discount=0,
        discount_share=0,
        total=gross,
        vat_rate=vat_rate,
        cooperative=cooperative,
        province=province,
        ocop_stars=stars,
        story_url=story_url,
    )


TYPICAL_LINES = (
    line(),
    line(
        "Tôm khô Cà Mau loại 1 (cân ký)",
        "Ca Mau dried shrimp",
        1_250_000,
        350,
        "kg",
        "HTX Tôm khô Rạch Gốc",
        "Cà Mau",
        5,
    ),
    line("Gạo ST25 Sóc Trăng túi 5kg", "", 210_000, 1000, "túi", "HTX Lúa gạo Thạnh Phú", "Sóc Trăng", None, 0),
)


def receipt(
    lines: Sequence[ReceiptLine] = TYPICAL_LINES,
    payments: Sequence[tuple[str, int]] = (("cash", 1_000_000),),
    receipt_no: str = "Q1-000042",
) -> Receipt:
    total = sum(item.total for item in lines)
    paid = sum(amount for _method, amount in payments)
    return Receipt(
        receipt_no=receipt_no,
        kind="sale",
        at=datetime(2026, 3, 2, 2, 41, tzinfo=UTC),
        till="Q1",
        cashier="Nguyễn Thị Lan",
        lines=tuple(lines),
        subtotal=total,
        discount=0,
        total=total,
        vat=tuple(vat_breakdown((item.vat_rate, item.total) for item in lines)),
        payments=tuple(PaymentView(method, amount, "") for method, amount in payments),
        change=max(0, paid - total),
        original_receipt_no=None,
    )


def text_of(document: bytes) -> str:
    return PdfReader(BytesIO(document)).pages[0].extract_text()


@dataclass(frozen=True)
class Placed:
    """A piece of text as drawn on the PDF page: where it starts and ends, on which baseline."""

    text: str
    left: float
    right: float
    baseline: float


def placed_text(document: bytes) -> tuple[float, list[Placed]]:
    """The page width and every piece of text drawn on it, measured with the font it was drawn in."""
    register_fonts()
    page = PdfReader(BytesIO(document)).pages[0]
    placed: list[Placed] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        text = text.strip("\n")
        if not text.strip():
            return
        face = BOLD if str(font["/BaseFont"]).endswith("-Bold") else REGULAR
        left = float(tm[4])
        placed.append(Placed(text, left, left + stringWidth(text, face, size), float(tm[5])))

    page.extract_text(visitor_text=visit)
    return float(page.mediabox.width), placed
