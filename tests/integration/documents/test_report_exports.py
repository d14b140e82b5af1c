"""Report exports open in the programs people use, with numbers as numbers and Vietnamese names exact."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from posapp.documents import report_pdf
from posapp.domain.staff import COMMAND_LINE
from posapp.services import report_export
from posapp.services.report_dto import Grouping, SalesReport
from posapp.services.reports import ReportService
from posapp.shop import Shop
from tests.helpers.report_history import FIRST, HA_GIANG, LAST, PHU_CAM, SOC_TRANG, TAN_CUONG, build_history

SHOP = "Cửa hàng OCOP Phố Cổ"


@pytest.fixture
def reports(shop: Shop) -> ReportService:
    build_history(shop)
    return ReportService(shop.sessions, shop.clock)


@pytest.fixture
def by_cooperative(reports: ReportService) -> SalesReport:
    return reports.sales(Grouping.COOPERATIVE, FIRST, LAST, actor=COMMAND_LINE)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_xlsx_numbers_are_numbers_with_dong_formats(by_cooperative: SalesReport, tmp_path: Path) -> None:
    path = report_export.write_sales_xlsx(by_cooperative, tmp_path / "report.xlsx", SHOP)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert (sheet["A1"].value, sheet["A1"].font.b) == (SHOP, True)
    assert sheet["B3"].value == "01/06/2026 – 02/06/2026"
    header = [cell.value for cell in sheet[5]]
    assert header[:7] == ["Key", "Cooperative", "Detail", "Revenue", "Units", "Receipts", "Gross margin"]
    assert all(cell.font.b for cell in sheet[5])
    first = sheet[6]
    assert [c.value for c in first[1:7]] == [HA_GIANG, "Hà Giang", 270_000, 2, 2, 70_000]
    assert isinstance(first[3].value, int)
    assert (first[3].number_format, first[6].number_format, first[7].number_format) == (
        '#,##0 "₫"',
        '#,##0 "₫"',
        "0.0%",
    )
    tea = sheet[7]
    assert (tea[1].value, tea[4].value) == (TAN_CUONG, pytest.approx(0.35))
    total = sheet[10]
    assert (total[1].value, total[3].value, total[6].value) == ("Total", 529_250, 141_748)
    assert total[3].font.b and total[3].number_format == '#,##0 "₫"'
    assert sheet.max_row == 10


def test_csv_reads_back_exactly(by_cooperative: SalesReport) -> None:
    rows = list(csv.DictReader(io.StringIO(report_export.sales_csv(by_cooperative))))
    assert [(r["Cooperative"], int(r["Revenue"]), Decimal(r["Units"])) for r in rows] == [
        (HA_GIANG, 270_000, Decimal(2)),
        (TAN_CUONG, 140_000, Decimal("0.35")),
        (PHU_CAM, 72_000, Decimal(1)),
        (SOC_TRANG, 47_250, Decimal(1)),
    ]


def test_the_sales_pdf_prints_vietnamese_names_in_its_charts_and_table(
    reports: ReportService, by_cooperative: SalesReport
) -> None:
    text = pdf_text(report_export.sales_pdf(reports, by_cooperative, SHOP, actor=COMMAND_LINE))
    for name in (SHOP, HA_GIANG, TAN_CUONG, PHU_CAM, SOC_TRANG, "Thừa Thiên Huế", "529.250 ₫", "Handicraft"):
        assert name in text
    assert "Revenue day by day" in text
    assert "01/06" in text  # the daily revenue line's axis


def test_a_long_report_lists_its_best_rows_and_says_how_many_more(
    reports: ReportService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_pdf, "PDF_ROWS", 2)
    products = reports.sales(Grouping.PRODUCT, FIRST, LAST, actor=COMMAND_LINE)
    text = pdf_text(report_export.sales_pdf(reports, products, SHOP, actor=COMMAND_LINE))
    assert "Mật ong bạc hà" in text and "Chè Tân Cương" in text
    assert "Gạo ST25" not in text
    assert "… and 2 more rows" in text


def test_the_day_close_pdf(reports: ReportService) -> None:
    summary = reports.daily_summary(FIRST, actor=COMMAND_LINE)
    text = pdf_text(report_export.daily_pdf(summary, SHOP))
    for expected in ("Day close 01/06/2026", "426.500 ₫", "288.250 ₫", "24.593 ₫", "Bank transfer", TAN_CUONG):
        assert expected in text
