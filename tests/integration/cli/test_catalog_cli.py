"""`posapp catalog import|export`: a spreadsheet in, all or nothing; the same spreadsheet out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from posapp.paths import RESOURCES
from posapp.services.catalog_csv import COLUMNS
from posapp.shop import Shop
from tests.integration.cli.helpers import CATALOGUE, GAO, TOM, TOM_KG, Cli


def write(tmp_path: Path, text: str, name: str = "catalogue.csv", bom: bool = False) -> str:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def test_import_creates_products_and_cooperatives(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    result = cli("catalog", "import", write(tmp_path, CATALOGUE))
    assert (result.status, result.out, result.err) == (0, "Imported 3 products (3 new, 0 updated).\n", "")
    tom = shop.catalog.product_by_barcode(TOM)
    assert (tom.name, tom.price, tom.cost, tom.unit, tom.reorder_point_milli, tom.pack_size_milli) == (
        "Tôm khô Cà Mau hộp 200g",
        265_000,
        206_000,
        "hộp",
        10_000,
        10_000,
    )
    weighed = shop.catalog.product_by_barcode(TOM_KG)  # an in-store code was handed out
    assert (weighed.weighed, weighed.plu, weighed.reorder_point_milli) == (True, 101, 2_500)
    assert shop.catalog.product_by_barcode(GAO).tax_category == "essential"
    assert [(c.name, c.province) for c in shop.catalog.cooperatives()] == [
        ("HTX Lúa gạo Thạnh Phú", "Sóc Trăng"),
        ("HTX Tôm khô Rạch Gốc", "Cà Mau"),
    ]


def test_bad_rows_are_all_reported_and_nothing_is_imported(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    text = (
        "name,cooperative,price,barcode,weighed,plu,tax,ocop_stars,supply,payout,ocop_expires\n"
        "Chè Shan Tuyết,HTX Chè Hà Giang,185000,8934563138165,0,,standard,5,purchase,,2027-01-31\n"  # good
        "Mật ong,HTX Ong Mèo Vạc,150000,8934563138166,0,,standard,,purchase,,\n"  # line 3: check digit
        '"Rượu ngô\nMèo Vạc",HTX Ong Mèo Vạc,12.5,,0,,luxury,6,purchase,,\n'  # lines 4-5: price, tax, stars
        "Nấm hương,HTX Nấm Đà Lạt,-90000,,yes,,standard,,consignment,,2027-02-30\n"  # line 6
        "Chè búp,HTX Chè Hà Giang,200000,8934563138165,0,,standard,,purchase,,\n"  # line 7: duplicate barcode
    )
    result = cli("catalog", "import", write(tmp_path, text))
    assert result.status == 1 and result.out == ""
    assert result.err.splitlines() == [
        "line 3: barcode: Barcode “8934563138166” has a wrong check digit: it was probably mistyped.",
        "line 4: price: “12.5” is not a whole number of dong.",
        "line 4: tax: Unknown tax category “luxury”: use standard, essential, exempt or excise.",
        "line 4: ocop_stars: OCOP stars must be 3, 4 or 5.",
        "line 6: price: An amount cannot be negative.",
        "line 6: ocop_expires: “2027-02-30” is not a date; write it as YYYY-MM-DD.",
        "line 6: plu: A product sold by weight needs a PLU for the scale.",
        "line 6: payout: A consignment product needs the payout per unit owed to the cooperative.",
        "line 7: barcode: The same barcode is on line 2.",
    ]
    assert shop.catalog.products() == [] and shop.catalog.cooperatives() == []


def test_cross_column_rules_are_reported_on_the_column_to_fix(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    text = (
        "name,cooperative,price,weighed,plu,supply,payout\n"
        "Nấm hương cân ký,HTX Nấm Đà Lạt,900000,có,,purchase,\n"
        "Tranh Đông Hồ,Cơ sở Tranh Đông Hồ,350000,không,,consignment,\n"
    )
    result = cli("catalog", "import", write(tmp_path, text))
    assert result.status == 1
    assert result.err.splitlines() == [
        "line 2: plu: A product sold by weight needs a PLU for the scale.",
        "line 3: payout: A consignment product needs the payout per unit owed to the cooperative.",
    ]
    assert shop.catalog.products() == []


def test_a_bom_from_excel_is_accepted(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    result = cli("catalog", "import", write(tmp_path, CATALOGUE, bom=True))
    assert result.status == 0, result.err
    assert len(shop.catalog.products()) == 3


def test_reimport_updates_the_product_with_that_barcode(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    cli("catalog", "import", write(tmp_path, CATALOGUE))
    changed = (
        "barcode,name,cooperative,price,ocop_stars,ocop_expires\n"
        f"{TOM},Tôm khô Cà Mau hộp 200g (mới),HTX Tôm khô Rạch Gốc,275000,4,2029-10-08\n"
        ",Tôm khô Cà Mau cân ký,HTX Tôm khô Rạch Gốc,1300000,,\n"  # no barcode: found by name and cooperative
    )
    result = cli("catalog", "import", write(tmp_path, changed, name="prices.csv"))
    assert result.out == "Imported 2 products (0 new, 2 updated).\n"
    tom = shop.catalog.product_by_barcode(TOM)
    assert (tom.name, tom.price, tom.ocop_stars, tom.ocop_expires) == (
        "Tôm khô Cà Mau hộp 200g (mới)",
        275_000,
        4,
        date(2029, 10, 8),
    )
    assert (tom.cost, tom.reorder_point_milli) == (206_000, 10_000)  # columns not in the file are kept
    assert shop.catalog.product_by_barcode(TOM_KG).price == 1_300_000
    assert len(shop.catalog.products()) == 3


def test_export_then_import_changes_nothing(cli: Cli, shop: Shop, tmp_path: Path) -> None:
    demo = cli("catalog", "import", str(RESOURCES / "demo" / "catalogue.csv"))
    assert demo.out == "Imported 74 products (74 new, 0 updated).\n"
    before = shop.catalog.products()
    exported = tmp_path / "export.csv"
    result = cli("catalog", "export", str(exported))
    assert result.out == f"Exported 74 products to {exported}.\n"
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")
    assert "Tôm khô Cà Mau loại 1 hộp 200g".encode() in data
    again = cli("catalog", "import", str(exported))
    assert again.out == "Imported 74 products (0 new, 74 updated).\n"
    assert shop.catalog.products() == before
    second = tmp_path / "second.csv"
    cli("catalog", "export", str(second))
    assert second.read_bytes() == data


def test_file_problems_are_one_line_errors(cli: Cli, tmp_path: Path) -> None:
    missing = cli("catalog", "import", str(tmp_path / "nowhere.csv"))
    assert missing.status == 1 and missing.err == f"Error: There is no file {tmp_path / 'nowhere.csv'}.\n"
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("name,cooperative,price\nCà phê,HTX Cà phê,90000\n".encode("cp1258"))
    not_utf8 = cli("catalog", "import", str(latin))
    assert not_utf8.status == 1 and "is not UTF-8 text" in not_utf8.err
    unknown = cli("catalog", "import", write(tmp_path, "name,cooperative,price,colour\nA,B,1\n"))
    assert unknown.status == 1
    assert unknown.err.startswith("line 1: colour: Unknown column; the columns are: barcode, name,")
