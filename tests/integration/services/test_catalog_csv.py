"""The catalogue CSV service: each rule on the column to fix, all or nothing, updates that keep the rest."""

from __future__ import annotations

import io

import pytest

from posapp.domain.barcodes import weighed_code
from posapp.domain.cart import Cart
from posapp.domain.errors import ImportRejected
from posapp.domain.staff import COMMAND_LINE
from posapp.services.catalog import ProductInput
from posapp.services.catalog_csv import COLUMNS, ImportSummary, export_catalogue, import_catalogue
from posapp.shop import Shop

HEADER = (
    "barcode,name,cooperative,price,weighed,plu,tax,ocop_group,supply,payout,reorder_point,safety_stock,pack_size,"
    "unit\n"
)
GOOD = "8934563138165,Chè Shan Tuyết,HTX Chè Hà Giang,185000,0,,standard,food,purchase,,10,4,10,gói\n"


def load(shop: Shop, text: str) -> ImportSummary:
    return import_catalogue(shop.sessions, io.StringIO(text, newline=""))


def rejected(shop: Shop, text: str) -> list[str]:
    """The problems reported for `text`, after checking the catalogue did not change at all."""
    before = shop.catalog.products(), shop.catalog.cooperatives()
    with pytest.raises(ImportRejected) as error:
        load(shop, text)
    assert (shop.catalog.products(), shop.catalog.cooperatives()) == before
    return error.value.problems


def row(**changes: str) -> str:
    cells = {"name": "A", "cooperative": "HTX A", "price": "1", "weighed": "0"} | changes
    return ",".join(cells.get(column, "") for column in HEADER.strip().split(",")) + "\n"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"barcode": "8934563138160"}, "barcode: Barcode “8934563138160” has a wrong check digit"),
        ({"barcode": "2100101003509"}, "barcode: Barcodes starting with 21 are scale labels"),
        ({"name": " "}, "name: This column must not be empty."),
        ({"cooperative": ""}, "cooperative: This column must not be empty."),
        ({"price": ""}, "price: Every product needs a price."),
        ({"price": "185000.5"}, "price: “185000.5” is not a whole number of dong."),
        ({"price": "-1"}, "price: An amount cannot be negative."),
        ({"price": "99999999999999999999"}, "price: “99999999999999999999” is too large."),
        ({"reorder_point": "1e20"}, "reorder_point: “1e20” is too large."),
        ({"weighed": "maybe"}, "weighed: “maybe” is not yes or no; write 1 or 0."),
        ({"weighed": "1"}, "plu: A product sold by weight needs a PLU for the scale."),
        ({"plu": "7"}, "plu: Only products sold by weight have a PLU."),
        ({"weighed": "1", "plu": "100000"}, "plu: “100000” is not a whole number from 1 to 99999."),
        ({"tax": "vat10"}, "tax: Unknown tax category “vat10”"),
        ({"ocop_group": "candy"}, "ocop_group: Unknown OCOP group “candy”"),
        ({"supply": "loan"}, "supply: Unknown supply kind “loan”"),
        ({"supply": "consignment"}, "payout: A consignment product needs the payout"),
        ({"reorder_point": "1.5"}, "reorder_point: This product is counted in whole units."),
        ({"safety_stock": "0.5"}, "safety_stock: This product is counted in whole units."),
        ({"safety_stock": "-2"}, "safety_stock: “-2” is not a quantity."),
        ({"pack_size": "0"}, "pack_size: The pack size must be more than zero."),
        ({"pack_size": "ten"}, "pack_size: “ten” is not a quantity."),
        ({"unit": "x" * 21}, "unit: This is longer than 20 characters."),
    ],
)
def test_each_bad_value_is_reported_on_its_column(shop: Shop, changes: dict[str, str], problem: str) -> None:
    problems = rejected(shop, HEADER + GOOD + row(**changes))
    assert len(problems) == 1 and problems[0].startswith(f"line 3: {problem}")


def test_values_are_read_the_way_shopkeepers_write_them(shop: Shop) -> None:
    text = (
        "name,cooperative,price,cost,payout,weighed,plu,supply,ocop_stars,reorder_point,pack_size,lead_time_days\n"
        'Nấm hương cân ký,HTX Nấm Đà Lạt,1.250.000,"900,000",,Có,00042,purchase,4,"2,5",0.5,7\n'
        "Tranh gà,Cơ sở Tranh Đông Hồ,350000 ₫,0,280.000,KHÔNG,,consignment,,3,1,\n"
    )
    assert load(shop, text) == ImportSummary(created=2, updated=0)
    mushroom, painting = shop.catalog.products()
    assert (mushroom.price, mushroom.cost, mushroom.weighed, mushroom.plu, mushroom.unit) == (
        1_250_000,
        900_000,
        True,
        42,
        "kg",
    )
    assert (mushroom.reorder_point_milli, mushroom.pack_size_milli) == (2_500, 500)
    assert mushroom.lead_time_days == 7
    assert (mushroom.ocop_stars, mushroom.barcode[:2]) == (4, "20")
    assert (painting.price, painting.payout, painting.supply_kind, painting.weighed) == (
        350_000,
        280_000,
        "consignment",
        False,
    )
    cart = Cart()
    shop.checkout.scan(cart, weighed_code(42, 250))  # the PLU works on the scale label
    assert cart.total == 312_500


def test_physical_line_numbers_count_lines_inside_quoted_cells(shop: Shop) -> None:
    text = 'name,cooperative,price\n"Rượu ngô\nMèo Vạc\n40 độ",HTX Mèo Vạc,120000\n\nMật ong,HTX Ong,abc\n'
    assert rejected(shop, text) == ["line 6: price: “abc” is not a whole number of dong."]


def test_duplicates_within_the_file(shop: Shop) -> None:
    text = (
        "barcode,name,cooperative,price,weighed,plu\n"
        "8934563138165,Chè,HTX Chè,1,0,\n"
        "8934563138165,Chè búp,HTX Chè,1,0,\n"
        ",Tôm cân ký,HTX Tôm,1,1,5\n"
        ",Tôm cân ký loại 2,HTX Tôm,1,1,5\n"
        ",Mật ong,HTX Ong,1,0,\n"
        ",Mật ong,htx ong,2,0,\n"
    )
    assert rejected(shop, text) == [
        "line 3: barcode: The same barcode is on line 2.",
        "line 5: plu: The same PLU is on line 4.",
        "line 7: name: The same name and cooperative are on line 6.",
    ]


def test_header_problems(shop: Shop) -> None:
    assert rejected(shop, "name,price,price,colour\nA,1,1,red\n") == [
        "line 1: price: This column appears twice.",
        f"line 1: colour: Unknown column; the columns are: {', '.join(COLUMNS)}.",
        "line 1: cooperative: This required column is missing.",
    ]
    assert rejected(shop, "name,cooperative,price\nA,B,1,oops\n") == [
        "line 2: price: This row has more values than the header has columns."
    ]


def test_update_keeps_what_the_file_does_not_say(shop: Shop) -> None:
    saved = shop.catalog.save_product(
        ProductInput(
            name="Chè Shan Tuyết",
            cooperative="HTX Chè Hà Giang",
            price=185_000,
            barcodes=("8934563138165",),
            story="Cây chè cổ thụ trên 100 năm.",
            story_url="https://ocop.vn/che-shan-tuyet",
            cost=120_000,
            reorder_point_milli=12_000,
            safety_stock_milli=5_000,
        ),
        actor=COMMAND_LINE,
    )
    shop.catalog.set_product_active(saved.id, False, actor=COMMAND_LINE)
    # a file from before safety stock had a column: it imports, and the safety stock stays
    text = "price,barcode,name,cooperative\n195000,8934563138165,Chè Shan Tuyết,HTX Chè Hà Giang\n"
    assert load(shop, text) == ImportSummary(created=0, updated=1)
    after = shop.catalog.product(saved.id)
    assert (after.price, after.story, after.cost, after.reorder_point_milli, after.active) == (
        195_000,
        "Cây chè cổ thụ trên 100 năm.",
        120_000,
        12_000,
        False,
    )
    assert (after.safety_stock_milli, after.story_url) == (5_000, "https://ocop.vn/che-shan-tuyet")


def test_safety_stock_goes_out_and_comes_back_beside_the_reorder_point(shop: Shop) -> None:
    load(shop, HEADER + GOOD + row(name="Nấm hương", weighed="1", plu="42", safety_stock="2.5", reorder_point="1"))
    tea, mushroom = shop.catalog.products()
    assert (tea.reorder_point_milli, tea.safety_stock_milli) == (10_000, 4_000)
    assert (mushroom.reorder_point_milli, mushroom.safety_stock_milli) == (1_000, 2_500)
    out = io.StringIO()
    export_catalogue(shop.sessions, out)
    header, *rows = out.getvalue().splitlines()
    assert ",reorder_point,safety_stock,pack_size," in header
    assert rows[0].endswith(",purchase,,10,4,10,") and rows[1].endswith(",purchase,,1,2.5,1,")
    # the export imports back unchanged
    assert load(shop, out.getvalue()) == ImportSummary(created=0, updated=2)
    assert shop.catalog.products() == [tea, mushroom]


def test_a_plu_already_taken_is_refused_unless_the_file_moves_it(shop: Shop) -> None:
    for name, plu in (("Tôm loại 1", 1), ("Tôm loại 2", 2)):
        shop.catalog.save_product(ProductInput(name, "HTX Tôm", price=1, weighed=True, plu=plu), actor=COMMAND_LINE)
    taken = rejected(shop, "name,cooperative,price,weighed,plu\nMực,HTX Mực,1,1,2\n")
    assert taken == ["line 2: plu: PLU 2 is already used by “Tôm loại 2”."]
    swap = "name,cooperative,price,weighed,plu\nTôm loại 1,HTX Tôm,1,1,2\nTôm loại 2,HTX Tôm,1,1,1\n"
    assert load(shop, swap) == ImportSummary(created=0, updated=2)
    assert {p.name: p.plu for p in shop.catalog.products()} == {"Tôm loại 1": 2, "Tôm loại 2": 1}


def test_a_failed_import_leaves_earlier_products_alone(shop: Shop) -> None:
    load(shop, HEADER + GOOD)
    before = shop.catalog.products()
    problems = rejected(shop, HEADER + GOOD.replace("185000", "1") + row(name="Mới", price="abc"))
    assert problems == ["line 3: price: “abc” is not a whole number of dong."]
    assert shop.catalog.products() == before and len(shop.catalog.cooperatives()) == 1


def test_semicolons_from_a_comma_decimal_excel_and_a_stream_export(shop: Shop) -> None:
    load(shop, "name;cooperative;price;weighed;plu;reorder_point\nNấm;HTX Nấm;500.000;1;3;1,5\n")
    out = io.StringIO()
    assert export_catalogue(shop.sessions, out) == 1
    header, row = out.getvalue().splitlines()
    assert header == ",".join(COLUMNS)
    assert row.endswith(",Nấm,,HTX Nấm,,,food,,,kg,1,00003,500000,0,standard,purchase,,1.5,0,1,")
