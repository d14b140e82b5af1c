"""The PDF file printer: one whole file per receipt, a clear error when the folder cannot take it."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from posapp.devices.printers import PdfFilePrinter, PrinterError, ReceiptPrinter, file_name
from posapp.domain.errors import InvalidInput
from posapp.domain.vat import VatGroup
from posapp.services.dto import PaymentView, Receipt, ReceiptLine
from posapp.settings import BankAccount, ShopProfile

SHOP = ShopProfile(name="Cửa hàng OCOP Đà Lạt", address="5 Khu Hòa Bình, Đà Lạt", footer="Cảm ơn quý khách!")
BANK = BankAccount(bin="970436", account="0011000597979", account_name="HTX OCOP DA LAT")


def receipt(receipt_no: str = "Q1-000042", cashier: str = "Trần Văn Bình") -> Receipt:
    line = ReceiptLine(
        barcode="8936041201071",
        name="Trà Atisô Lâm Đồng hộp 100g",
        name_en="Lam Dong artichoke tea",
        unit="hộp",
        weighed=False,
        qty_milli=2000,
        unit_price=95_000,
        gross=190_000,
        discount=0,
        discount_share=0,
        total=190_000,
        vat_rate=8,
        cooperative="HTX Atisô Đà Lạt",
        province="Lâm Đồng",
        ocop_stars=4,
    )
    return Receipt(
        receipt_no=receipt_no,
        kind="sale",
        at=datetime(2026, 3, 2, 2, 15, tzinfo=UTC),
        till="Q1",
        cashier=cashier,
        lines=(line,),
        subtotal=190_000,
        discount=0,
        total=190_000,
        vat=(VatGroup(rate=8, gross=190_000, net=175_926, vat=14_074),),
        payments=(PaymentView(method="transfer", amount=190_000, reference=""),),
        change=0,
        original_receipt_no=None,
    )


def test_each_receipt_becomes_one_pdf_named_after_it(tmp_path: Path) -> None:
    folder = tmp_path / "receipts" / "2026-03"
    printer: ReceiptPrinter = PdfFilePrinter(folder, SHOP, BANK)
    where = printer.print_receipt(receipt())
    assert where == str(folder / "Q1-000042.pdf")
    assert [p.name for p in folder.iterdir()] == ["Q1-000042.pdf"]  # no temporary file left behind
    text = PdfReader(folder / "Q1-000042.pdf").pages[0].extract_text()
    assert "Trà Atisô Lâm Đồng hộp 100g" in text
    assert "02/03/2026 09:15" in text
    assert "190.000 ₫" in text


def test_printing_again_replaces_the_file_whole(tmp_path: Path) -> None:
    printer = PdfFilePrinter(tmp_path, SHOP, width_mm=58)
    printer.print_receipt(receipt(cashier="Lan"))
    printer.print_receipt(receipt(cashier="Bình"))
    document = PdfReader(BytesIO((tmp_path / "Q1-000042.pdf").read_bytes()))
    assert "Bình" in document.pages[0].extract_text()
    assert float(document.pages[0].mediabox.width) == pytest.approx(58 / 25.4 * 72)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Q1-000042.pdf"]


@pytest.mark.parametrize("blocker", ["folder", "parent"])
def test_a_folder_that_cannot_be_written_is_a_printer_error(tmp_path: Path, blocker: str) -> None:
    # A file where the folder should be: unwritable even for root, on every system.
    occupied = tmp_path / "receipts"
    occupied.write_text("not a folder", encoding="utf-8")
    folder = occupied if blocker == "folder" else occupied / "2026-03"
    with pytest.raises(PrinterError, match="could not be saved in"):
        PdfFilePrinter(folder, SHOP).print_receipt(receipt())
    assert occupied.read_text(encoding="utf-8") == "not a folder"


def test_receipt_numbers_make_safe_file_names() -> None:
    assert file_name("Q1-000042") == "Q1-000042"
    assert file_name("../Q 1/42") == "___Q_1_42"


def test_an_impossible_paper_width_is_refused_when_the_printer_is_set_up(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="paper width"):
        PdfFilePrinter(tmp_path, SHOP, width_mm=300)
