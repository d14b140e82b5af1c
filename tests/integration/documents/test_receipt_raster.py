"""The receipt as a thermal printer's picture: the head's width in dots, accents drawn, QR codes that scan."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from posapp.documents.plain import plain, roll_lines
from posapp.documents.raster import render_receipt_image, render_roll_image
from posapp.documents.receipt import ReceiptOptions, receipt_blocks
from posapp.documents.roll import Text
from posapp.domain import vietqr
from tests.integration.documents.samples import BANK, FISH_SAUCE, SHOP, STORY, TYPICAL_LINES, line, receipt


def scanned(image: Image.Image) -> set[str]:
    return {result.text for result in zxingcpp.read_barcodes(image.convert("L"))}


def ink_rows(image: Image.Image) -> int:
    """How many pixel rows carry any black."""
    grey = image.convert("L")
    return sum(1 for y in range(grey.height) if grey.crop((0, y, grey.width, y + 1)).getextrema()[0] == 0)


@pytest.mark.parametrize(("width", "dots"), [(80, 576), (58, 384)])
def test_the_picture_is_as_wide_as_the_print_head(width: int, dots: int) -> None:
    image = render_receipt_image(receipt(), SHOP, BANK, ReceiptOptions(width_mm=width))
    assert image.mode == "1"
    assert image.width == dots
    assert image.height > image.width  # a roll, not a label


@pytest.mark.parametrize("width", [80, 58])
def test_both_qr_codes_scan_off_the_thermal_print(width: int) -> None:
    sale = receipt([line(story_url=STORY), *TYPICAL_LINES[1:]], payments=(("transfer", 2_000_000),))
    image = render_receipt_image(sale, SHOP, BANK, ReceiptOptions(width_mm=width))
    expected = vietqr.payload(BANK.bin, BANK.account, 2_000_000, sale.receipt_no)
    assert scanned(image) == {STORY, expected}


def test_vietnamese_accents_are_drawn_not_dropped() -> None:
    accented = render_roll_image([Text("ỆỆỆ Ộ")])
    bare = render_roll_image([Text("EEE O")])
    # The circumflex above and the dot below take rows the bare capitals leave blank.
    assert ink_rows(accented) > ink_rows(bare) + 4


def test_plain_text_keeps_every_word_without_accents() -> None:
    blocks = receipt_blocks(receipt(), SHOP, BANK, options=ReceiptOptions(lang="vi+en"))
    printed = roll_lines(blocks, 48)
    assert all(len(printed_line.text) <= 48 for printed_line in printed)
    text = "\n".join(printed_line.text for printed_line in printed)
    assert plain(FISH_SAUCE) == "Nuoc mam Phu Quoc 40 do dam"
    assert "Nuoc mam Phu Quoc 40 do dam" in text
    assert "OCOP ****" in text
    assert text.isascii()
