"""`posapp labels ITEM... -o FILE.pdf`: a label sheet that scans, or a clear error and no file at all."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from posapp.documents.labels import SHEETS
from tests.helpers.label_raster import cell_image, decode, rasterise
from tests.integration.cli.helpers import GAO, TOM, TOM_KG, Cli


def test_labels_are_saved_with_the_counts_asked_for(stocked: Cli, tmp_path: Path) -> None:
    target = tmp_path / "nhãn" / "labels.pdf"
    result = stocked("labels", f"{TOM}x2", GAO, f"{TOM_KG}x1", "-o", str(target)).json()
    assert result == {"file": str(target), "sheet": "a4-3x8", "labels": 4, "pages": 1}
    page = rasterise(target.read_bytes(), 300)[0]
    found = [decode(cell_image(page, SHEETS["a4-3x8"], slot, 300)) for slot in range(5)]
    assert found == [[("EAN13", TOM)], [("EAN13", TOM)], [("EAN13", GAO)], [("EAN13", TOM_KG)], []]
    text = " ".join(PdfReader(BytesIO(target.read_bytes())).pages[0].extract_text().split())
    assert "Tôm khô Cà Mau hộp 200g" in text and "265.000 ₫" in text
    assert "Tôm khô Cà Mau cân ký" in text and "1.250.000 ₫/kg" in text


def test_thermal_labels_one_per_page(stocked: Cli, tmp_path: Path) -> None:
    target = tmp_path / "roll.pdf"
    result = stocked("labels", f"{GAO}x3", "--sheet", "roll-50x30", "-o", str(target)).json()
    assert (result["labels"], result["pages"]) == (3, 3)
    assert [decode(page) for page in rasterise(target.read_bytes(), 203)] == [[("EAN13", GAO)]] * 3


def test_shelf_tags_after_used_positions(stocked: Cli, tmp_path: Path) -> None:
    target = tmp_path / "tags.pdf"
    result = stocked("labels", TOM, GAO, "--sheet", "shelf-a4", "--skip", "9", "-o", str(target)).json()
    assert (result["labels"], result["pages"]) == (2, 2)
    pages = rasterise(target.read_bytes(), 300)
    assert decode(cell_image(pages[0], SHEETS["shelf-a4"], 9, 300)) == [("EAN13", TOM)]
    assert decode(cell_image(pages[1], SHEETS["shelf-a4"], 0, 300)) == [("EAN13", GAO)]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ((f"{TOM}x",), "is not a label item"),
        ((f"{TOM}x2", "tôm"), "“tôm” is not a label item"),
        ((f"{TOM}x0",), "between 1 and 1000"),
        ((f"{TOM}x2", "8939999999991"), "No product has barcode 8939999999991"),
        (("8936041201070",), "wrong check digit"),
        ((TOM, "--skip", "24"), "skip 0 to 23"),
    ],
)
def test_a_bad_item_exits_1_and_writes_no_file(
    stocked: Cli, tmp_path: Path, items: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out" / "labels.pdf"
    result = stocked("labels", *items, "-o", str(target))
    assert result.status == 1 and result.out == "" and message in result.err
    assert result.err.startswith("Error: ")
    assert not target.parent.exists()


def test_an_unknown_sheet_is_a_usage_error(stocked: Cli, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        stocked("labels", TOM, "--sheet", "a4-5x13", "-o", str(tmp_path / "x.pdf"))
    assert stop.value.code == 2
