"""`posapp receipt`: a stored receipt written again as a PDF or as ESC/POS bytes, with the print options."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from tests.integration.cli.helpers import TOM, Cli

TOM_NAME = "Tôm khô Cà Mau hộp 200g"


@pytest.fixture
def sold(stocked: Cli) -> str:
    receipt = stocked("sell", "--till", "Q1", "--at", "2026-11-23T09:30", TOM, "--pay", "cash:300.000").json()
    receipt_no: str = receipt["receipt_no"]
    return receipt_no


def pdf(path: Path) -> tuple[float, str]:
    page = PdfReader(BytesIO(path.read_bytes())).pages[0]
    return float(page.mediabox.width), page.extract_text()


def test_a_receipt_is_written_as_the_customer_got_it(stocked: Cli, sold: str, tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    result = stocked("receipt", sold, "--format", "pdf", "-o", str(target)).json()
    assert result["receipt_no"] == sold == "Q1-000001"
    assert result["file"] == str(target)
    width, text = pdf(target)
    assert width == pytest.approx(80 * mm)
    assert TOM_NAME in text.splitlines()
    assert "HÓA ĐƠN BÁN LẺ" in text  # the settings' receipt language: Vietnamese
    assert "23/11/2026 09:30" in text
    assert "265.000 ₫" in text


def test_options_for_width_language_reprint_and_gift(stocked: Cli, sold: str, tmp_path: Path) -> None:
    copy, gift = tmp_path / "copy.pdf", tmp_path / "gift.pdf"
    assert stocked("receipt", sold.lower(), "-o", str(copy), "--width", "58", "--lang", "en", "--reprint").status == 0
    width, text = pdf(copy)
    assert width == pytest.approx(58 * mm)
    assert "REPRINT" in text and "SALES RECEIPT" in text and "265.000 ₫" in text
    assert stocked("receipt", sold, "-o", str(gift), "--gift", "--lang", "vi+en").status == 0
    _width, text = pdf(gift)
    assert TOM_NAME in text
    assert re.search(r"\d\.\d{3}", text) is None


def test_escpos_bytes_for_a_thermal_printer(stocked: Cli, sold: str, tmp_path: Path) -> None:
    target = tmp_path / "receipt.bin"
    result = stocked("receipt", sold, "--format", "escpos", "-o", str(target), "--width", "58").json()
    data = target.read_bytes()
    assert result["bytes"] == len(data)
    assert data.startswith(b"\x1b@")
    raster = data.index(b"\x1dv0")
    assert int.from_bytes(data[raster + 4 : raster + 6], "little") == 384 // 8
    assert b"\x1dV" in data
    assert b"\x1bp" not in data  # a receipt written later never opens the drawer


def test_escpos_plain_text_for_printers_without_images(stocked: Cli, sold: str, tmp_path: Path) -> None:
    target = tmp_path / "receipt.txt.bin"
    assert stocked("receipt", sold, "--format", "escpos", "--text", "-o", str(target)).status == 0
    data = target.read_bytes()
    assert b"Tom kho Ca Mau hop 200g" in data
    assert b"\x1dv0" not in data
    assert data.isascii()


def test_an_unknown_receipt_is_an_error_and_writes_nothing(stocked: Cli, tmp_path: Path) -> None:
    target = tmp_path / "nothing.pdf"
    run = stocked("receipt", "Q9-000999", "-o", str(target))
    assert run.status == 1
    assert run.err == "Error: There is no receipt Q9-000999.\n"
    assert not target.exists()


def test_an_unwritable_output_is_an_error(stocked: Cli, sold: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    run = stocked("receipt", sold, "-o", str(blocker / "receipt.pdf"))
    assert run.status == 1
    assert run.err.startswith("Error: The receipt could not be written to")
