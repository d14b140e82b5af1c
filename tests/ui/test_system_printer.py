"""The system printer through Qt: a page as wide as the roll, exact Vietnamese, a clear word when it is missing."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from posapp.devices.factory import printer_from_settings
from posapp.devices.printers import PrinterError
from posapp.devices.system_printer import SystemPrinter
from posapp.documents.receipt import ReceiptOptions
from posapp.documents.roll import Row, Text
from posapp.settings import PrinterSettings, Settings
from tests.integration.documents.samples import BANK, FISH_SAUCE, SHOP, receipt


def page_text(path: Path) -> tuple[float, str]:
    page = PdfReader(BytesIO(path.read_bytes())).pages[0]
    # Qt writes word gaps as tabs; a reader sees spaces.
    return float(page.mediabox.width), " ".join(page.extract_text().split())


@pytest.mark.parametrize("width", [80, 58])
def test_the_receipt_goes_to_the_printer_with_exact_vietnamese(qapp: object, tmp_path: Path, width: int) -> None:
    output = tmp_path / "printed.pdf"
    printer = SystemPrinter("", SHOP, BANK, ReceiptOptions(width_mm=width, lang="vi+en"), output=output)
    assert printer.print_receipt(receipt()) == str(output)
    page_width, text = page_text(output)
    assert page_width == pytest.approx(width * mm, abs=1.0)
    for expected in (FISH_SAUCE, "Tôm khô Cà Mau loại 1 (cân ký)", "Nguyễn Thị Lan", "TỔNG CỘNG / TOTAL", "OCOP ★★★★★"):
        assert expected in text, expected


def test_a_reprint_through_the_system_printer_is_marked(qapp: object, tmp_path: Path) -> None:
    output = tmp_path / "copy.pdf"
    printer = SystemPrinter("", SHOP, options=ReceiptOptions(lang="en"), output=output)
    printer.print_receipt(receipt(), replace(printer.options, reprint=True))
    assert "REPRINT" in page_text(output)[1]


def test_any_roll_document_goes_to_the_system_printer(qapp: object, tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    printer = SystemPrinter("", SHOP, options=ReceiptOptions(width_mm=58), output=output)
    assert printer.print_document([Text("BÁO CÁO CA Z", bold=True), Row("Tiền mặt", "1.250.000")], "z") == str(output)
    width, text = page_text(output)
    assert width == pytest.approx(58 * mm, abs=1.0)
    assert text == "BÁO CÁO CA Z Tiền mặt 1.250.000"


def test_a_printer_name_that_is_not_installed_is_said_plainly(qapp: object, tmp_path: Path) -> None:
    settings = Settings(printer=PrinterSettings(kind="system", system_name="Máy in quầy 9 (không có)"))
    printer = printer_from_settings(settings, tmp_path)
    assert isinstance(printer, SystemPrinter)
    with pytest.raises(PrinterError, match="no printer named “Máy in quầy 9"):
        printer.print_receipt(receipt())
    with pytest.raises(PrinterError, match="no cash drawer"):
        printer.open_drawer()
