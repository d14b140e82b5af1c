"""The till's printer comes from the settings; settings that cannot work are refused when the till starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from posapp.devices.escpos_printer import EscposPrinter
from posapp.devices.factory import printer_from_settings
from posapp.devices.printers import PdfFilePrinter, PrinterError
from posapp.documents.receipt import ReceiptOptions
from posapp.documents.roll import Row, Text
from posapp.domain.errors import InvalidInput
from posapp.settings import PrinterSettings, Settings
from tests.integration.documents.samples import SHOP, receipt


def settings(**printer: object) -> Settings:
    return Settings(shop=SHOP, printer=PrinterSettings(**printer))  # type: ignore[arg-type]


def test_by_default_receipts_are_pdf_files_in_the_shop_language(tmp_path: Path) -> None:
    printer = printer_from_settings(settings(), tmp_path)
    assert isinstance(printer, PdfFilePrinter)
    assert printer.options == ReceiptOptions(width_mm=80, lang="vi")
    where = printer.print_receipt(receipt())
    text = PdfReader(where).pages[0].extract_text()
    assert "HÓA ĐƠN BÁN LẺ" in text
    assert "02/03/2026 09:41" in text
    assert not printer.has_drawer
    with pytest.raises(PrinterError, match="no cash drawer"):
        printer.open_drawer()


def test_the_printer_settings_choose_width_language_and_the_shop_clock(tmp_path: Path) -> None:
    chosen = Settings(shop=SHOP, timezone="UTC", printer=PrinterSettings(width_mm=58, receipt_language="vi+en"))
    printer = printer_from_settings(chosen, tmp_path)
    assert printer.options == ReceiptOptions(width_mm=58, lang="vi+en")
    text = PdfReader(printer.print_receipt(receipt())).pages[0].extract_text()
    assert "Tiền mặt / Cash" in text
    assert "02/03/2026 02:41" in text


def test_a_reprint_and_a_gift_receipt_do_not_replace_the_original_file(tmp_path: Path) -> None:
    printer = printer_from_settings(settings(), tmp_path)
    printer.print_receipt(receipt())
    printer.print_receipt(receipt(), ReceiptOptions(reprint=True))
    printer.print_receipt(receipt(), ReceiptOptions(gift=True))
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "Q1-000042-gift.pdf",
        "Q1-000042-reprint.pdf",
        "Q1-000042.pdf",
    ]


def test_a_roll_document_is_saved_beside_the_receipts(tmp_path: Path) -> None:
    printer = printer_from_settings(settings(width_mm=58), tmp_path)
    where = printer.print_document([Text("BÁO CÁO CA Z", bold=True), Row("Tiền mặt", "1.250.000")], "shift-7-z")
    assert where == str(tmp_path / "shift-7-z.pdf")
    page = PdfReader(where).pages[0]
    assert page.extract_text().split() == ["BÁO", "CÁO", "CA", "Z", "Tiền", "mặt", "1.250.000"]
    assert float(page.mediabox.width) == pytest.approx(58 / 25.4 * 72)


@pytest.mark.parametrize(
    ("printer", "where"),
    [
        ({"kind": "escpos-network", "host": "192.168.1.50"}, "192.168.1.50:9100"),
        ({"kind": "escpos-network", "host": "10.0.0.7", "port": 9101}, "10.0.0.7:9101"),
        ({"kind": "escpos-usb", "usb_vendor": 0x0416, "usb_product": 0x5011}, "USB 0416:5011"),
        ({"kind": "escpos-serial", "serial_device": "/dev/ttyUSB0", "baudrate": 19200}, "/dev/ttyUSB0"),
        ({"kind": "escpos-file", "file_path": "/dev/usb/lp0"}, "/dev/usb/lp0"),
    ],
)
def test_thermal_printers_are_reached_where_the_settings_say(
    tmp_path: Path, printer: dict[str, object], where: str
) -> None:
    chosen = printer_from_settings(settings(**printer, raster=False, cash_drawer=False), tmp_path)
    assert isinstance(chosen, EscposPrinter)
    assert chosen.port.where == where
    assert not chosen.raster
    assert not chosen.has_drawer


def test_a_file_printer_from_the_settings_gets_the_whole_job(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.touch()
    printer = printer_from_settings(settings(kind="escpos-file", file_path=str(device)), tmp_path)
    printer.print_receipt(receipt(payments=(("cash", 1_000_000),)))
    job = device.read_bytes()
    assert job.startswith(b"\x1b@") and b"\x1bp" in job and b"\x1dv0" in job and b"\x1dV" in job


@pytest.mark.parametrize(
    ("printer", "message"),
    [
        ({"kind": "escpos-network"}, "host"),
        ({"kind": "escpos-usb", "usb_vendor": 0x0416}, "usb_product"),
        ({"kind": "escpos-serial"}, "serial_device"),
        ({"kind": "escpos-file"}, "file_path"),
        ({"kind": "escpos-bluetooth"}, "Unknown receipt printer “escpos-bluetooth”"),
        ({"kind": "fax"}, "Unknown receipt printer “fax”"),
        ({"width_mm": 300}, "paper width"),
        ({"receipt_language": "fr"}, "vi, en or vi\\+en"),
    ],
)
def test_settings_that_cannot_work_are_refused_at_start(
    tmp_path: Path, printer: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        printer_from_settings(settings(**printer), tmp_path)
