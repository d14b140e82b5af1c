"""The catalogue: products and their barcodes, PLUs for the scale, search without diacritics."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from sqlalchemy import func, select

from posapp.db.models import Barcode, Product
from posapp.domain.barcodes import check_digit, in_store_code, weighed_code
from posapp.domain.errors import InvalidBarcode, InvalidInput, NotFound, UnknownBarcode
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.vat import TaxCategory
from posapp.services.audit import AuditService
from posapp.services.catalog import CooperativeInput, ProductInput
from posapp.services.dto import ProductView
from posapp.shop import Shop

TEA_EAN = "8934563138165"
UPC = "036000291452"


def save(shop: Shop, name: str = "Trà shan tuyết", price: int = 185_000, **fields: Any) -> ProductView:
    fields.setdefault("cooperative", "HTX Chè Shan Tuyết Hà Giang")
    return shop.catalog.save_product(ProductInput(name=name, price=price, **fields), actor=COMMAND_LINE)


def product_count(shop: Shop) -> int:
    with shop.sessions() as session:
        return session.scalar(select(func.count()).select_from(Product)) or 0


def test_a_saved_product_is_found_by_its_barcode(shop: Shop) -> None:
    view = save(
        shop,
        barcodes=(TEA_EAN,),
        name_en="Shan tuyet tea",
        ocop_stars=5,
        tax_category=TaxCategory.STANDARD,
        origin_province="Hà Giang",
    )
    assert view.barcodes == (TEA_EAN,)
    assert (view.cooperative, view.origin_province, view.on_hand_milli, view.unit) == (
        "HTX Chè Shan Tuyết Hà Giang",
        "Hà Giang",
        0,
        "cái",
    )
    scanned = shop.catalog.lookup(f" {TEA_EAN} ")
    assert (scanned.item.name, scanned.item.unit_price, scanned.qty_milli) == (
        "Trà shan tuyết",
        185_000,
        1000,
    )
    assert scanned.item.tax_category is TaxCategory.STANDARD
    assert shop.catalog.product_by_barcode(TEA_EAN) == view
    assert [c.name for c in shop.catalog.cooperatives()] == ["HTX Chè Shan Tuyết Hà Giang"]


def test_names_are_stored_in_nfc(shop: Shop) -> None:
    # Typed on a keyboard that sends decomposed accents.
    view = save(
        shop,
        name=unicodedata.normalize("NFD", "Tôm khô Cà Mau"),
        cooperative=unicodedata.normalize("NFD", "HTX Tôm"),
    )
    assert view.name == "Tôm khô Cà Mau"
    assert view.cooperative == "HTX Tôm"


def test_updating_a_product_changes_it_in_place(shop: Shop) -> None:
    view = save(shop, barcodes=(TEA_EAN,))
    updated = shop.catalog.save_product(
        ProductInput(
            name="Trà shan tuyết cổ thụ",
            cooperative="HTX Chè Shan Tuyết Hà Giang",
            price=195_000,
            barcodes=(TEA_EAN, UPC),
        ),
        product_id=view.id,
        actor=COMMAND_LINE,
    )
    assert updated.id == view.id
    assert (updated.name, updated.price) == ("Trà shan tuyết cổ thụ", 195_000)
    assert updated.barcodes == (TEA_EAN, "0" + UPC)  # the first code stays the primary one
    assert shop.catalog.lookup(UPC).item.product_id == view.id  # a UPC-A is found as its EAN-13
    assert shop.catalog.lookup("0" + UPC).item.product_id == view.id
    assert product_count(shop) == 1
    with pytest.raises(NotFound):
        shop.catalog.save_product(ProductInput(name="x", cooperative="y", price=1), product_id=999, actor=COMMAND_LINE)


def test_a_barcode_belongs_to_one_product(shop: Shop) -> None:
    save(shop, barcodes=(TEA_EAN,))
    with pytest.raises(InvalidInput, match=f"Barcode {TEA_EAN} already belongs to “Trà shan tuyết”"):
        save(shop, name="Mật ong", barcodes=("4006381333931", TEA_EAN))
    assert product_count(shop) == 1
    with shop.sessions() as session:
        assert session.get(Barcode, "4006381333931") is None


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"barcodes": ("8934563138166",)}, InvalidBarcode, "check digit"),
        ({"barcodes": (weighed_code(12, 100),)}, InvalidBarcode, "scale labels"),
        ({"name": "  "}, InvalidInput, "needs a name"),
        ({"cooperative": ""}, InvalidInput, "cooperative"),
        ({"price": -1}, InvalidInput, "negative"),
        ({"ocop_stars": 2}, InvalidInput, "3, 4 or 5"),
        ({"weighed": True}, InvalidInput, "needs a PLU"),
        ({"weighed": True, "plu": 0}, InvalidInput, "1 to 99999"),
        ({"weighed": True, "plu": 100_000}, InvalidInput, "1 to 99999"),
        ({"plu": 5}, InvalidInput, "Only products sold by weight"),
        ({"safety_stock_milli": -1_000}, InvalidInput, "safety stock cannot be negative"),
        ({"story_url": "ocop.vn/che-shan"}, InvalidInput, "web address starting with https://"),
        ({"story_url": "https://"}, InvalidInput, "web address"),
        ({"story_url": "https://ocop.vn/chè shan"}, InvalidInput, "web address"),
        ({"story_url": "javascript:alert(1)"}, InvalidInput, "web address"),
        ({"story_url": "https://ocop.vn/" + "x" * 490}, InvalidInput, "at most 500 characters"),
    ],
)
def test_bad_products_are_refused(
    shop: Shop, fields: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        save(shop, **fields)
    assert product_count(shop) == 0


def test_weighed_products_have_a_unique_plu_and_are_sold_by_scale_label(shop: Shop) -> None:
    shrimp = save(shop, name="Tôm khô Cà Mau", price=1_250_000, weighed=True, plu=12, cooperative="HTX Tôm")
    assert shrimp.unit == "kg"
    assert shrimp.plu == 12
    scanned = shop.catalog.lookup(weighed_code(12, 350))
    assert (scanned.item.product_id, scanned.item.weighed, scanned.qty_milli) == (shrimp.id, True, 350)
    with pytest.raises(InvalidInput, match="PLU 12 is already used by “Tôm khô Cà Mau”"):
        save(shop, name="Mực khô", weighed=True, plu=12)
    with pytest.raises(UnknownBarcode, match="PLU 13"):
        shop.catalog.lookup(weighed_code(13, 350))
    body = "210001200000"
    with pytest.raises(InvalidBarcode, match="no weight"):
        shop.catalog.lookup(body + str(check_digit(body)))
    # Saving it again under its own id keeps its PLU.
    again = shop.catalog.save_product(
        ProductInput(
            name="Tôm khô Cà Mau loại 1", cooperative="HTX Tôm", price=1_300_000, weighed=True, plu=12
        ),
        product_id=shrimp.id,
        actor=COMMAND_LINE,
    )
    assert (again.plu, again.price) == (12, 1_300_000)


def test_products_without_a_barcode_get_the_next_in_store_code(shop: Shop) -> None:
    first = save(shop, name="Nón lá Huế")
    taken = in_store_code(2)
    save(shop, name="Mật ong", barcodes=(taken,))  # someone already printed code number 2 by hand
    third = save(shop, name="Bánh pía")
    assert first.barcodes == (in_store_code(1),)
    assert third.barcodes == (in_store_code(3),)
    assert shop.catalog.lookup(third.barcode).item.name == "Bánh pía"
    again = shop.catalog.save_product(
        ProductInput(name="Nón lá Huế", cooperative="HTX Nón", price=90_000), product_id=first.id, actor=COMMAND_LINE
    )
    assert again.barcodes == first.barcodes  # an update does not hand out another code


@pytest.fixture
def stocked(shop: Shop) -> dict[str, ProductView]:
    return {
        "shrimp": save(
            shop, name="Tôm khô Cà Mau", price=1_250_000, weighed=True, plu=12, cooperative="HTX Tôm Đất Mũi"
        ),
        "tea": save(shop, barcodes=(TEA_EAN,), name_en="Ancient Shan Tuyet tea"),
        "sauce": save(shop, name="Nước mắm Phú Quốc", price=120_000, cooperative="HTX Nước mắm Phú Quốc"),
        "old": save(shop, name="Tôm khô loại cũ", price=1, cooperative="HTX Tôm Đất Mũi", active=False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tom kho", ["shrimp"]),
        ("TÔM  KHÔ", ["shrimp"]),
        ("dat mui", ["shrimp"]),  # by the cooperative, đ folded to d
        ("shan tuyet", ["tea"]),
        ("ancient", ["tea"]),
        ("3138", ["tea"]),  # barcode digits
        ("phu quoc", ["sauce"]),
        ("htx", ["sauce", "shrimp", "tea"]),
        ("tom tea", []),
        ("", ["sauce", "shrimp", "tea"]),
    ],
)
def test_search_ignores_diacritics_and_case(
    shop: Shop, stocked: dict[str, ProductView], text: str, expected: list[str]
) -> None:
    names = {view.name: key for key, view in stocked.items()}
    assert [names[v.name] for v in shop.catalog.search(text)] == sorted(
        expected, key=lambda k: stocked[k].name
    )


def test_inactive_products_are_hidden_from_the_till(shop: Shop, stocked: dict[str, ProductView]) -> None:
    assert [v.name for v in shop.catalog.search("tom", include_inactive=True)] == [
        "Tôm khô Cà Mau",
        "Tôm khô loại cũ",
    ]
    with pytest.raises(UnknownBarcode, match="no longer sold"):
        shop.catalog.lookup(stocked["old"].barcode)
    shop.catalog.set_product_active(stocked["old"].id, True, actor=COMMAND_LINE)
    assert shop.catalog.lookup(stocked["old"].barcode).item.name == "Tôm khô loại cũ"
    assert len(shop.catalog.products(include_inactive=False)) == 4


def test_renaming_a_cooperative_renames_it_in_search(shop: Shop, stocked: dict[str, ProductView]) -> None:
    coop_id = stocked["sauce"].cooperative_id
    shop.catalog.save_cooperative(
        CooperativeInput(name="HTX Hải sản An Thới", province="Kiên Giang"), coop_id, actor=COMMAND_LINE
    )
    assert [v.name for v in shop.catalog.search("an thoi")] == ["Nước mắm Phú Quốc"]
    for clash in (
        "HTX Tôm Đất Mũi",
        "htx tôm đất mũi",
        "HTX TÔM ĐẤT MŨI",
        "htx hải sản an thới",
        " HTX Hải sản  An Thới ",
    ):
        with pytest.raises(InvalidInput, match="already exists"):
            shop.catalog.save_cooperative(CooperativeInput(name=clash), actor=COMMAND_LINE)
    # A product naming an existing cooperative joins it rather than making another.
    joined = save(shop, name="Mắm ruốc", price=50_000, cooperative="htx TÔM Đất mũi")
    assert joined.cooperative_id == stocked["shrimp"].cooperative_id
    assert len(shop.catalog.cooperatives()) == 3


def test_unknown_and_malformed_codes(shop: Shop) -> None:
    with pytest.raises(UnknownBarcode, match=TEA_EAN):
        shop.catalog.lookup(TEA_EAN)
    with pytest.raises(InvalidBarcode):
        shop.catalog.lookup("12345")


def test_safety_stock_and_the_story_link_are_kept_and_audited(shop: Shop) -> None:
    view = save(shop, barcodes=(TEA_EAN,), safety_stock_milli=4_000, story_url=" https://ocop.vn/che-shan-tuyet ")
    assert (view.safety_stock_milli, view.story_url) == (4_000, "https://ocop.vn/che-shan-tuyet")
    assert shop.catalog.lookup(TEA_EAN).item.story_url == "https://ocop.vn/che-shan-tuyet"  # for the receipt
    changed = shop.catalog.save_product(
        ProductInput(
            name=view.name,
            cooperative=view.cooperative,
            price=view.price,
            barcodes=view.barcodes,
            safety_stock_milli=6_000,
            story_url=view.story_url,
        ),
        product_id=view.id,
        actor=COMMAND_LINE,
    )
    assert shop.catalog.product(view.id) == changed and changed.safety_stock_milli == 6_000
    entry = AuditService(shop.sessions, shop.clock).entries(limit=1)[0]
    assert entry.detail["changes"] == {"safety_stock_milli": [4_000, 6_000]}
