"""Label sheets as printed: every barcode scans back to its product's code, inside its quiet zones, on its cell."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from posapp.documents.barcode_draw import symbol_for
from posapp.documents.labels import SHEETS, LabelData, pages_needed, render_labels_pdf
from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidBarcode, InvalidInput
from tests.helpers.label_raster import bar_row, cell_image, decode, rasterise

HONEY = LabelData(
    code=bc.with_check_digit("893621040121"),
    name="Mật ong hoa cà phê Đắk Lắk chai 500ml",
    name_en="Coffee blossom honey, 500 ml bottle",
    price=180_000,
    unit="chai",
    weighed=False,
    stars=4,
    cooperative="HTX Cà phê Ea Tu",
    province="Đắk Lắk",
)
CANDY = LabelData(
    code=bc.with_check_digit("8936153"),  # EAN-8
    name="Kẹo dừa Bến Tre vị sữa",
    name_en="Coconut candy with milk",
    price=45_000,
    unit="gói",
    weighed=False,
    stars=5,
    cooperative="Cơ sở Kẹo dừa Mỏ Cày",
    province="Bến Tre",
)
SHRIMP = LabelData(
    code=bc.in_store_code(1),  # the shop's own 20… code: an EAN-13 too
    name="Tôm khô Cà Mau loại 1 (cân ký)",
    name_en="Dried shrimp, grade 1",
    price=1_250_000,
    unit="kg",
    weighed=True,
    stars=4,
    cooperative="HTX Tôm khô Rạch Gốc",
    province="Cà Mau",
)
SAUCE = LabelData(
    code="HTX-NM-0042",  # a cooperative's own code, not a GTIN: Code 128
    name="Nước mắm Phú Quốc 40 độ đạm chai 500ml",
    name_en="Phu Quoc fish sauce 40°N, 500 ml",
    price=95_000,
    unit="chai",
    weighed=False,
    stars=None,
    cooperative="Cơ sở Nước mắm Hàm Ninh",
    province="Kiên Giang",
)
ALL = (HONEY, CANDY, SHRIMP, SAUCE)
FORMATS = {HONEY.code: "EAN13", CANDY.code: "EAN8", SHRIMP.code: "EAN13", SAUCE.code: "Code128"}
# Light modules each symbology needs on its left and right to scan (GS1; ISO/IEC 15417 for Code 128).
QUIET = {"EAN13": (11, 7), "EAN8": (7, 7), "Code128": (10, 10)}
# Office printers print A4 at 300 dpi or better; label printers at 203 dpi.
DPI = {"a4-3x8": 300, "a4-4x10": 300, "roll-50x30": 203, "shelf-a4": 300}


def page_and_slot(index: int, sheet: str, skip: int = 0) -> tuple[int, int]:
    return divmod(index + skip, SHEETS[sheet].per_page)


@pytest.mark.parametrize("sheet", ["a4-3x8", "a4-4x10", "roll-50x30", "shelf-a4"])
def test_every_barcode_on_the_sheet_scans_as_its_products_code(sheet: str) -> None:
    labels = [label for label in ALL for _ in range(3)]
    pdf = render_labels_pdf(labels, sheet)
    pages = rasterise(pdf, DPI[sheet])
    assert len(pages) == pages_needed(len(labels), sheet)
    for index, label in enumerate(labels):
        page, slot = page_and_slot(index, sheet)
        found = decode(cell_image(pages[page], SHEETS[sheet], slot, DPI[sheet]))
        assert found == [(FORMATS[label.code], label.code)], (index, label.name)


@pytest.mark.parametrize("sheet", ["a4-3x8", "a4-4x10", "roll-50x30", "shelf-a4"])
@pytest.mark.parametrize("label", ALL, ids=lambda label: FORMATS[label.code])
def test_the_quiet_zones_stay_clear_and_inside_the_label(sheet: str, label: LabelData) -> None:
    dpi = DPI[sheet]
    cell = cell_image(rasterise(render_labels_pdf([label], sheet), dpi)[0], SHEETS[sheet], 0, dpi)
    first, last = bar_row(cell)
    module = (last - first + 1) / len(symbol_for(label.code).modules)
    assert module >= 0.19 * dpi / 25.4 * 0.95  # never thinner than a printer can draw and a scanner read
    left, right = QUIET[FORMATS[label.code]]
    assert first >= left * module - 1, "left quiet zone cut by the label edge or other ink"
    assert cell.width - 1 - last >= right * module - 1, "right quiet zone cut"


def test_labels_carry_the_exact_vietnamese_names_prices_stars_and_cooperatives() -> None:
    pdf = render_labels_pdf(list(ALL), "a4-3x8")
    text = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
    for label in ALL:
        assert label.name in text
        assert label.cooperative in text
    assert "180.000 ₫" in text and "1.250.000 ₫/kg" in text and "45.000 ₫" in text
    assert "OCOP ★★★★" in text and "OCOP ★★★★★" in text


def test_shelf_tags_are_in_vietnamese_and_english_with_unit_and_origin() -> None:
    pdf = render_labels_pdf([HONEY, SHRIMP], "shelf-a4")
    text = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
    for label in (HONEY, SHRIMP):
        assert label.name in text and label.name_en in text
        assert f"Producer: {label.cooperative}" in text and f"Origin: {label.province}" in text
    assert "180.000 ₫ / chai" in text and "1.250.000 ₫ / kg" in text
    assert "Giá · Price" in text and "OCOP ★★★★" in text


def test_a_long_name_shrinks_and_wraps_but_stays_whole_on_the_small_label() -> None:
    long = LabelData(
        code=HONEY.code,
        name="Trà hoa vàng Ba Chẽ Quảng Ninh hộp quà tặng cao cấp 50 bông",
        name_en="",
        price=650_000,
        unit="hộp",
        weighed=False,
        stars=5,
        cooperative="HTX Trà hoa vàng Ba Chẽ",
        province="Quảng Ninh",
    )
    pdf = render_labels_pdf([long], "a4-4x10")
    assert long.name in " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
    cell = cell_image(rasterise(pdf, 300)[0], SHEETS["a4-4x10"], 0, 300)
    assert decode(cell) == [("EAN13", HONEY.code)]


def test_thermal_labels_are_one_50_by_30_mm_label_per_page() -> None:
    reader = PdfReader(BytesIO(render_labels_pdf([HONEY, CANDY, SAUCE], "roll-50x30")))
    assert len(reader.pages) == 3
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width) / mm, 1), round(float(box.height) / mm, 1)) == (50.0, 30.0)


def test_thermal_bars_are_whole_printer_dots_wide() -> None:
    # At exactly 203 dpi every bar edge falls on a pixel edge: no grey, half-printed dots.
    cell = rasterise(render_labels_pdf([HONEY], "roll-50x30"), 203)[0]
    first, last = bar_row(cell)
    assert (last - first + 1) % len(symbol_for(HONEY.code).modules) == 0


def test_used_positions_on_a_sheet_are_skipped() -> None:
    pages = rasterise(render_labels_pdf([HONEY, CANDY], "a4-3x8", skip=23), 300)
    assert len(pages) == 2
    assert decode(cell_image(pages[0], SHEETS["a4-3x8"], 0, 300)) == []
    assert decode(cell_image(pages[0], SHEETS["a4-3x8"], 23, 300)) == [("EAN13", HONEY.code)]
    assert decode(cell_image(pages[1], SHEETS["a4-3x8"], 0, 300)) == [("EAN8", CANDY.code)]


@pytest.mark.parametrize(
    ("labels", "sheet", "skip", "message"),
    [
        ([HONEY], "a4-5x13", 0, "Unknown label sheet"),
        ([HONEY], "a4-3x8", 24, "skip 0 to 23"),
        ([], "a4-3x8", 0, "no labels"),
    ],
)
def test_impossible_requests_are_refused(labels: list[LabelData], sheet: str, skip: int, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        render_labels_pdf(labels, sheet, skip)


def test_a_code_that_no_barcode_can_carry_is_refused() -> None:
    with pytest.raises(InvalidBarcode, match="cannot be printed as a barcode"):
        render_labels_pdf([LabelData("Mã-đặc-biệt", "Mật ong", "", 1, "chai", False, None, "HTX", "")], "a4-3x8")


def test_a_code_too_long_for_the_label_is_refused() -> None:
    with pytest.raises(InvalidInput, match="too long to fit"):
        render_labels_pdf([LabelData("X" * 40, "Mật ong", "", 1, "chai", False, None, "HTX", "")], "roll-50x30")
