"""`posapp report sales|daily` on the hand-worked history of tests/helpers/report_history."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from posapp.settings import Settings
from posapp.shop import open_shop
from tests.helpers.report_history import HA_GIANG, PHU_CAM, SOC_TRANG, TAN_CUONG, build_history
from tests.integration.cli.helpers import Cli


@pytest.fixture
def history_cli(cli: Cli, database_url: str) -> Cli:
    shop = open_shop(Settings(database_url=database_url), migrate=False)
    try:
        build_history(shop)
    finally:
        shop.close()
    return cli


def test_sales_by_cooperative_as_json(history_cli: Cli) -> None:
    data = history_cli("report", "sales", "--by", "cooperative", "--from", "2026-06-01", "--to", "2026-06-02").json()
    assert (data["from"], data["to"], data["by"]) == ("2026-06-01", "2026-06-02", "cooperative")
    assert {"key", "revenue", "units", "receipts", "gross_margin", "share"} <= set(data["rows"][0])
    assert [(r["label"], r["revenue"], r["units"], r["receipts"], r["gross_margin"]) for r in data["rows"]] == [
        (HA_GIANG, 270_000, 2, 2, 70_000),
        (TAN_CUONG, 140_000, 0.35, 1, 52_498),
        (PHU_CAM, 72_000, 1, 1, 12_000),
        (SOC_TRANG, 47_250, 1, 1, 7_250),
    ]
    total = data["total"]
    assert (total["revenue"], total["units"], total["receipts"], total["gross_margin"]) == (529_250, 4.35, 3, 141_748)
    assert total["previous_revenue"] == 150_000
    assert sum(r["share"] for r in data["rows"]) == pytest.approx(1.0)


def test_payments_have_no_units_or_margin(history_cli: Cli) -> None:
    data = history_cli("report", "sales", "--by", "payment", "--from", "2026-06-01", "--to", "2026-06-02").json()
    assert [(r["key"], r["revenue"], r["units"], r["gross_margin"]) for r in data["rows"]] == [
        ("card", 317_250, None, None),
        ("cash", 112_000, None, None),
        ("transfer", 100_000, None, None),
    ]


def test_csv_to_the_screen(history_cli: Cli) -> None:
    run = history_cli(
        "report", "sales", "--by", "group", "--from", "2026-06-01", "--to", "2026-06-02", "--format", "csv"
    )
    assert run.status == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("Key,OCOP group,Detail,Revenue,Units,Receipts,Gross margin,Share")
    assert lines[1] == "food,Food,,317250,3,2,77250,0.599433,150000,167250,1.115000"
    assert lines[2].startswith("beverage,Beverage,,140000,0.35,1,52498,")


def test_xlsx_and_pdf_files(history_cli: Cli, tmp_path: Path) -> None:
    xlsx, pdf = tmp_path / "sales.xlsx", tmp_path / "sales.pdf"
    args = ("report", "sales", "--by", "product", "--from", "2026-06-01", "--to", "2026-06-02")
    run = history_cli(*args, "--format", "xlsx", "-o", str(xlsx))
    assert (run.status, run.out.strip()) == (0, str(xlsx))
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    names = [row[1] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert names == ["Mật ong bạc hà", "Chè Tân Cương", "Nón lá bài thơ", "Gạo ST25", "Total"]
    assert history_cli(*args, "--format", "pdf", "-o", str(pdf)).status == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    for name in ("Mật ong bạc hà", "Chè Tân Cương", "Nón lá bài thơ", "Gạo ST25", HA_GIANG):
        assert name in text


def test_daily_as_json_and_pdf(history_cli: Cli, tmp_path: Path) -> None:
    data = history_cli("report", "daily", "--date", "2026-06-01").json()
    assert (data["sales"], data["refunds"], data["revenue"], data["receipts"]) == (576_500, -150_000, 426_500, 2)
    assert data["discounts"] == {"lines": 8_000, "receipts": 40_500, "total": 48_500}
    assert data["vat"] == [
        {"rate": 8, "gross": 332_000, "net": 307_407, "vat": 24_593},
        {"rate": 5, "gross": 94_500, "net": 90_000, "vat": 4_500},
    ]
    assert data["top_cooperatives"][0] == {"name": TAN_CUONG, "revenue": 140_000}
    pdf = tmp_path / "close.pdf"
    run = history_cli("report", "daily", "--date", "2026-06-01", "--format", "pdf", "-o", str(pdf))
    assert (run.status, run.out.strip()) == (0, str(pdf))
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "01/06/2026" in text
    assert TAN_CUONG in text


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (("--from", "2026-06-31", "--to", "2026-07-01"), "“2026-06-31” is not a date"),
        (("--from", "2026-06-02", "--to", "2026-06-01"), "starts on 02/06/2026 after it ends on 01/06/2026"),
    ],
)
def test_bad_dates_are_a_clear_error(history_cli: Cli, dates: tuple[str, ...], message: str) -> None:
    run = history_cli("report", "sales", "--by", "cooperative", *dates)
    assert run.status == 1
    assert run.err.startswith("Error: ")
    assert message in run.err
    assert "Traceback" not in run.err
