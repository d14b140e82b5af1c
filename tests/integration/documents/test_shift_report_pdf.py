"""The X/Z shift report on roll paper: the figures a manager checks against the drawer, on 80 and 58 mm rolls."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from posapp.documents.roll import Row, Text
from posapp.documents.shift_report import render_shift_report_pdf, shift_report_blocks
from posapp.domain.vat import VatGroup
from posapp.services.shifts import ZReport
from posapp.settings import ShopProfile

SHOP = ShopProfile(name="Cửa hàng OCOP Hà Nội")
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
OPEN = ZReport(
    shift_id=7,
    till="Q1",
    opened_at=datetime(2026, 11, 23, 1, 0, tzinfo=UTC),
    opened_by="Nguyễn Thị Lan",
    closed_at=None,
    closed_by="",
    float_amount=500_000,
    sales_count=3,
    by_method={"cash": 200_000, "card": 50_000, "transfer": 180_000},
    refunds_count=1,
    refunds_amount=100_000,
    refunds_by_method={"cash": 100_000, "card": 0, "transfer": 0},
    discounts=20_000,
    net_sales=330_000,
    vat=(VatGroup(8, 190_000, 175_926, 14_074), VatGroup(5, 140_000, 133_333, 6_667)),
    cash_in=100_000,
    cash_out=30_000,
    expected_cash=670_000,
    counted_cash=None,
    variance=None,
    counts={},
    first_receipt="Q1-000002",
    last_receipt="Q1-000005",
)
CLOSED = replace(
    OPEN,
    closed_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
    closed_by="Minh",
    counted_cash=660_000,
    variance=-10_000,
    counts={500_000: 1, 100_000: 1, 50_000: 1, 10_000: 1},
)


def row_list(report: ZReport) -> list[tuple[str, str]]:
    return [(b.left, b.right) for b in shift_report_blocks(report, SHOP, ZONE) if isinstance(b, Row)]


def rows(report: ZReport) -> dict[str, str]:
    """Label → value; of labels shown twice (a method's takings, then its refunds), the first."""
    shown: dict[str, str] = {}
    for left, right in row_list(report):
        shown.setdefault(left, right)
    return shown


def test_the_x_report_shows_the_figures_so_far_and_nothing_counted() -> None:
    blocks = shift_report_blocks(OPEN, SHOP, ZONE)
    assert Text("X REPORT · SHIFT OPEN", align="center", size="large", bold=True) in blocks
    shown = rows(OPEN)
    assert shown["Opened"] == "23/11/2026 08:00"
    assert shown["Sales (3)"] == "430.000"
    assert (shown["Cash"], shown["Card"], shown["Bank transfer"]) == ("200.000", "50.000", "180.000")
    listed = row_list(OPEN)
    refunds = listed.index(("Refunds (1)", "-100.000"))
    assert listed[refunds + 1] == ("Cash", "-100.000")  # refunded in cash, the only method with refunds
    assert (shown["Refunds (1)"], shown["Discounts given"], shown["Net sales"]) == ("-100.000", "20.000", "330.000 ₫")
    assert shown["Expected in drawer"] == "670.000 ₫"
    assert shown["Receipts"] == "Q1-000002 – Q1-000005"
    assert "Counted" not in shown and "Closed" not in shown


def test_the_z_report_adds_the_count_and_what_is_short() -> None:
    shown = rows(CLOSED)
    assert (shown["Closed"], shown["Closed by"]) == ("23/11/2026 17:00", "Minh")
    assert (shown["1 × 500.000"], shown["Counted"], shown["Short"]) == ("500.000", "660.000 ₫", "-10.000 ₫")
    assert "Over" not in shown
    assert rows(replace(CLOSED, counted_cash=680_000, variance=10_000))["Over"] == "10.000 ₫"


@pytest.mark.parametrize("width", [80, 58])
def test_the_pdf_is_one_roll_page_with_every_figure(width: int) -> None:
    reader = PdfReader(BytesIO(render_shift_report_pdf(CLOSED, SHOP, width, ZONE)))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(width / 25.4 * 72)
    text = reader.pages[0].extract_text()
    for expected in ("Z REPORT", "Cửa hàng OCOP Hà Nội", "Nguyễn Thị Lan", "14.074", "6.667", "660.000", "Short"):
        assert expected in text, expected
    assert reader.metadata is not None and reader.metadata.title == "Z report, shift 7"
