"""Labels from the catalogue: barcodes and counts resolved into what each label shows, saved whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp.documents.labels import SHEETS
from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidBarcode, InvalidInput, NotFound, PosError, UnknownBarcode
from posapp.domain.staff import COMMAND_LINE
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView
from posapp.services.labels import LabelService, parse_item
from posapp.shop import Shop
from tests.helpers.label_raster import cell_image, decode, rasterise

TEA = bc.with_check_digit("893612080107")
CANDY8 = bc.with_check_digit("8936153")
SHRIMP_PLU = 101
UNKNOWN = bc.with_check_digit("893699999999")


def add(shop: Shop, data: ProductInput) -> ProductView:
    return shop.catalog.save_product(data, actor=COMMAND_LINE)


@pytest.fixture
def stocked(shop: Shop) -> dict[str, ProductView]:
    return {
        "tea": add(
            shop,
            ProductInput(
                name="Trà tim sen Tháp Mười hộp 100g",
                name_en="Lotus embryo tea, 100 g box",
                cooperative="HTX Sen Tháp Mười",
                origin_province="Đồng Tháp",
                price=95_000,
                barcodes=(TEA,),
                ocop_stars=3,
                unit="hộp",
            ),
        ),
        "candy": add(
            shop,
            ProductInput(
                name="Kẹo dừa Bến Tre vị sữa",
                cooperative="Cơ sở Kẹo dừa Mỏ Cày",
                price=45_000,
                barcodes=(CANDY8,),
                ocop_stars=4,
                unit="gói",
            ),
        ),
        "shrimp": add(  # no barcode of its own: the shop gives it an in-store 20… code
            shop,
            ProductInput(
                name="Tôm khô Cà Mau loại 1 (cân ký)",
                cooperative="HTX Tôm khô Rạch Gốc",
                origin_province="Cà Mau",
                price=1_250_000,
                weighed=True,
                plu=SHRIMP_PLU,
                ocop_stars=4,
            ),
        ),
    }


def test_items_become_labels_in_order_with_the_catalogues_facts(
    shop: Shop, stocked: dict[str, ProductView]
) -> None:
    shrimp_code = stocked["shrimp"].barcode
    assert shrimp_code.startswith("20")
    labels = LabelService(shop.sessions).labels([(TEA, 2), (shrimp_code, 1), (CANDY8, 1)])
    assert [label.code for label in labels] == [TEA, TEA, shrimp_code, CANDY8]
    tea = labels[0]
    assert (tea.name, tea.name_en, tea.price, tea.unit, tea.stars, tea.cooperative, tea.province) == (
        "Trà tim sen Tháp Mười hộp 100g",
        "Lotus embryo tea, 100 g box",
        95_000,
        "hộp",
        3,
        "HTX Sen Tháp Mười",
        "Đồng Tháp",
    )
    assert (labels[2].weighed, labels[2].unit, labels[2].price) == (True, "kg", 1_250_000)


def test_a_scale_label_names_the_product_and_its_own_code_is_printed(
    shop: Shop, stocked: dict[str, ProductView]
) -> None:
    labels = LabelService(shop.sessions).labels([(bc.weighed_code(SHRIMP_PLU, 350), 1)])
    assert labels[0].code == stocked["shrimp"].barcode


def test_labels_for_product_ids_use_each_products_main_barcode(
    shop: Shop, stocked: dict[str, ProductView]
) -> None:
    labels = LabelService(shop.sessions).labels_for_products([(stocked["candy"].id, 3), (stocked["tea"].id, 1)])
    assert [label.code for label in labels] == [CANDY8] * 3 + [TEA]


@pytest.mark.parametrize(
    ("code", "error", "message"),
    [
        (UNKNOWN, UnknownBarcode, f"No product has barcode {UNKNOWN}"),
        ("8936120801078", InvalidBarcode, "wrong check digit"),
        (bc.weighed_code(999, 500), UnknownBarcode, "No weighed product has PLU 999"),
    ],
)
def test_an_unknown_or_mistyped_barcode_is_named(
    shop: Shop, stocked: dict[str, ProductView], code: str, error: type[PosError], message: str
) -> None:
    with pytest.raises(error, match=message):
        LabelService(shop.sessions).labels([(TEA, 1), (code, 1)])


def test_no_labels_for_a_product_no_longer_sold(shop: Shop, stocked: dict[str, ProductView]) -> None:
    shop.catalog.set_product_active(stocked["tea"].id, False, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="no longer sold"):
        LabelService(shop.sessions).labels([(TEA, 1)])


def test_counts_are_kept_within_reason(shop: Shop, stocked: dict[str, ProductView]) -> None:
    service = LabelService(shop.sessions)
    with pytest.raises(InvalidInput, match="between 1 and 1000"):
        service.labels([(TEA, 0)])
    with pytest.raises(InvalidInput, match="at most 5000"):
        service.labels([(TEA, 1000)] * 6)
    with pytest.raises(NotFound):
        service.labels_for_products([(999_999, 1)])


def test_saved_sheet_scans_back_to_the_catalogues_barcodes(
    shop: Shop, stocked: dict[str, ProductView], tmp_path: Path
) -> None:
    service = LabelService(shop.sessions)
    codes = [TEA, CANDY8, stocked["shrimp"].barcode]
    saved = service.save(service.labels([(code, 1) for code in codes]), "a4-4x10", tmp_path / "nhãn.pdf")
    assert (saved.labels, saved.pages, saved.sheet) == (3, 1, "a4-4x10")
    page = rasterise(saved.path.read_bytes(), 300)[0]
    found = [decode(cell_image(page, SHEETS["a4-4x10"], slot, 300)) for slot in range(3)]
    assert found == [[("EAN13", TEA)], [("EAN8", CANDY8)], [("EAN13", codes[2])]]


def test_a_file_that_cannot_be_written_leaves_nothing_behind(
    shop: Shop, stocked: dict[str, ProductView], tmp_path: Path
) -> None:
    service = LabelService(shop.sessions)
    out = tmp_path / "out"
    (out / "labels.pdf").mkdir(parents=True)  # the PDF is written, then cannot take the name
    with pytest.raises(PosError, match="could not be saved"):
        service.save(service.labels([(TEA, 1)]), "a4-3x8", out / "labels.pdf")
    assert [p.name for p in out.iterdir()] == ["labels.pdf"]
    assert (out / "labels.pdf").is_dir()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8936210401218x5", ("8936210401218", 5)),
        (" 8936210401218 ", ("8936210401218", 1)),
        ("89361535X12", ("89361535", 12)),
    ],
)
def test_items_are_read_as_barcode_and_count(text: str, expected: tuple[str, int]) -> None:
    assert parse_item(text) == expected


@pytest.mark.parametrize(
    "text", ["", "x5", "8936210401218x", "8936210401218x5x2", "8936210401218x-1", "trà", "8936 x5"]
)
def test_malformed_items_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a label item"):
        parse_item(text)
