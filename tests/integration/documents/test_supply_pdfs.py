"""Purchase orders, consignment statements and count sheets as PDFs: exact Vietnamese, the right figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

from pypdf import PdfReader

from posapp.documents.count_sheet import render_count_sheet_pdf
from posapp.documents.purchase_order import render_purchase_order_pdf
from posapp.documents.statement import render_statement_pdf
from posapp.services.dto import CooperativeView
from posapp.services.supply_dto import (
    ConsignmentPaymentView,
    ConsignmentStatement,
    CountLine,
    CountSheet,
    OrderLineView,
    PurchaseOrderView,
    StatementLine,
)
from posapp.settings import ShopProfile

SHOP = ShopProfile(name="Cửa hàng OCOP Hà Nội", address="12 Phố Hàng Bông, Hoàn Kiếm", tax_code="0109876543")
COOP = CooperativeView(
    id=1,
    name="HTX Tôm khô Rạch Gốc",
    province="Cà Mau",
    commune="Xã Tân Ân",
    contact="Chị Nguyễn Thị Hường",
    phone="0290 3880 123",
    email="htx.tomkho@example.vn",
    tax_code="2000123456",
    lead_time_days=10,
    supply_terms="",
    active=True,
)
AT = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def text_of(pdf: bytes) -> tuple[int, list[str]]:
    """Page count and each page's text with runs of whitespace made single spaces."""
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(BytesIO(pdf)).pages
    return len(pages), [" ".join(page.extract_text().split()) for page in pages]


def order(lines: int = 2) -> PurchaseOrderView:
    rows = tuple(
        OrderLineView(
            product_id=i,
            barcode=f"893604120{i:04d}",
            name=f"Tôm khô Cà Mau hộp 200g loại {i}",
            unit="hộp",
            weighed=False,
            qty_ordered_milli=24_000,
            qty_received_milli=0,
            unit_cost=206_000,
            value=4_944_000,
        )
        for i in range(1, lines + 1)
    )
    return PurchaseOrderView(
        po_no="PO-000007",
        status="draft",
        cooperative_id=1,
        cooperative=COOP.name,
        cooperative_email=COOP.email,
        created_at=AT,
        sent_at=None,
        note="Giao trước thứ Sáu",
        last_error="",
        send_attempts=0,
        lines=rows,
        total=4_944_000 * lines,
    )


def test_the_purchase_order_is_in_vietnamese_with_both_parties_and_the_total() -> None:
    pages, (page,) = text_of(render_purchase_order_pdf(order(), SHOP, COOP))
    assert pages == 1
    for expected in (
        "ĐƠN ĐẶT HÀNG",
        "Số đơn PO-000007",
        "Ngày 23/11/2026",
        "Bên mua Cửa hàng OCOP Hà Nội 12 Phố Hàng Bông, Hoàn Kiếm MST: 0109876543",
        "Bên bán HTX Tôm khô Rạch Gốc Xã Tân Ân, Cà Mau Người liên hệ: Chị Nguyễn Thị Hường",
        "Email: htx.tomkho@example.vn",
        "Tôm khô Cà Mau hộp 200g loại 1",
        "206.000 4.944.000",
        "Tổng cộng 9.888.000 ₫",
        "Ghi chú: Giao trước thứ Sáu",
        "Trang 1",
    ):
        assert expected in page, expected


def test_a_long_order_runs_over_pages_each_numbered() -> None:
    pages, texts = text_of(render_purchase_order_pdf(order(60), SHOP, COOP))
    assert pages >= 2
    assert "Trang 2" in texts[1] and "Mã vạch" in texts[1]  # the table heading repeats
    assert "Tôm khô Cà Mau hộp 200g loại 60" in texts[-1]


def test_the_order_can_be_printed_in_english_for_the_shop_itself() -> None:
    _pages, (page,) = text_of(render_purchase_order_pdf(order(), SHOP, COOP, language="en"))
    assert "PURCHASE ORDER" in page and "Order no. PO-000007" in page and "Supplier HTX Tôm khô Rạch Gốc" in page


def test_the_consignment_statement_shows_goods_and_money() -> None:
    statement = ConsignmentStatement(
        cooperative_id=1,
        cooperative="HTX Mây tre Phú Vinh",
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
        lines=(
            StatementLine(
                1,
                "8936041209015",
                "Giỏ mây Phú Vinh",
                "cái",
                False,
                7_000,
                5_000,
                5_000,
                1_000,
                -1_000,
                5_000,
                140_000,
                670_000,
            ),
            StatementLine(
                2, "2000000000015", "Trà sen cân ký", "kg", True, 0, 2_000, 333, 0, 0, 1_667, 799_999, 266_400
            ),
        ),
        opening_balance=190_000,
        owed=936_400,
        paid=500_000,
        balance=626_400,
        payments=(ConsignmentPaymentView(1, 1, "HTX Mây tre Phú Vinh", 500_000, AT, "CK 2511"),),
    )
    _pages, (page,) = text_of(render_statement_pdf(statement, SHOP))
    for expected in (
        "BẢNG KÊ HÀNG KÝ GỬI",
        "Kỳ: 01/11/2026 – 30/11/2026",
        "Hợp tác xã HTX Mây tre Phú Vinh",
        "Giỏ mây Phú Vinh cái 7 5 5 1 -1 5 140.000 670.000",
        "Trà sen cân ký kg 0,000 2,000 0,333 0,000 0,000 1,667 799.999 266.400",
        "Tổng cộng 936.400",
        "Số dư kỳ trước chuyển sang 190.000 ₫",
        "Phải trả cho hàng bán trong kỳ 936.400 ₫",
        "Đã thanh toán trong kỳ 500.000 ₫",
        "Còn phải trả hợp tác xã 626.400 ₫",
        "23/11/2026 500.000 ₫ CK 2511",
    ):
        assert expected in page, expected


def test_the_count_sheet_is_blind_unless_asked() -> None:
    sheet = CountSheet(
        stocktake_id=3,
        status="open",
        started_at=AT,
        cooperative_id=None,
        cooperative="",
        note="",
        lines=(
            CountLine(1, "8936041206014", "Chè Tân Cương hộp 100g", "hộp", False, 20_000, None, 90_000),
            CountLine(2, "2000000000015", "Chè búp cân ký", "kg", True, 5_250, 5_000, 400_000),
        ),
    )
    _pages, (blind,) = text_of(render_count_sheet_pdf(sheet, SHOP, language="vi"))
    assert "PHIẾU KIỂM KÊ" in blind and "Số phiếu 3" in blind and "Sản phẩm Tất cả sản phẩm" in blind
    assert "STT Mã vạch Sản phẩm ĐVT Đếm được Ghi chú" in blind  # no expected column
    assert "Chè Tân Cương hộp 100g hộp 2 2000000000015" in blind  # nothing printed between the unit and the next row
    assert "Chè búp cân ký kg 5,000" in blind  # what was counted already is printed
    _pages, (open_book,) = text_of(render_count_sheet_pdf(sheet, SHOP, show_expected=True, language="vi"))
    assert "Theo sổ" in open_book and "Chè búp cân ký kg 5,250 5,000" in open_book
