"""Which symbology a code is printed in, and how wide its modules are on a printer's dots."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from posapp.documents.barcode_draw import (
    MIN_MODULE,
    NOMINAL_MODULE,
    OFFICE_GRID,
    THERMAL_203_DPI,
    module_width,
    symbol_for,
)
from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidBarcode, InvalidInput


@pytest.mark.parametrize(
    ("code", "kind", "quiet"),
    [
        (bc.with_check_digit("893621040121"), "EAN-13", (11, 7)),
        (bc.in_store_code(42), "EAN-13", (11, 7)),  # the shop's own 20… codes are EAN-13 too
        (bc.with_check_digit("8936153"), "EAN-8", (7, 7)),
        ("8936210401218", "Code 128", (10, 10)),  # a wrong check digit is no EAN: printed as it is
        ("HTX-0042", "Code 128", (10, 10)),
    ],
)
def test_gtins_are_ean_and_other_codes_code_128(code: str, kind: str, quiet: tuple[int, int]) -> None:
    symbol = symbol_for(code)
    assert (symbol.kind, symbol.code, (symbol.quiet_left, symbol.quiet_right)) == (kind, code, quiet)
    assert symbol.modules[0] != "0" and symbol.modules[-1] != "0"  # bars start and end the symbol


def test_ean_modules_have_the_standard_length_and_guards() -> None:
    ean13 = symbol_for(bc.with_check_digit("893621040121")).modules
    ean8 = symbol_for(bc.with_check_digit("8936153")).modules
    assert (len(ean13), len(ean8)) == (95, 67)
    assert ean13[:3] == ean13[-3:] == "G0G" and ean13[45:50] == "0G0G0"


def test_a_upc_a_is_printed_as_its_ean_13() -> None:
    assert symbol_for("036000291452").code == "0036000291452"


def test_a_code_with_letters_beyond_latin_is_refused() -> None:
    with pytest.raises(InvalidBarcode):
        symbol_for("Trà-01")


def test_modules_are_nominal_when_they_fit_and_whole_dots_on_a_thermal_head() -> None:
    ean = symbol_for(bc.with_check_digit("893621040121"))
    office = module_width(ean, 60 * mm, OFFICE_GRID)
    assert round(office / OFFICE_GRID.pitch, 6) == 4  # 0.339 mm: whole dots at 300, 600 and 1200 dpi
    thermal = module_width(ean, 46 * mm, THERMAL_203_DPI)
    assert round(thermal / THERMAL_203_DPI.pitch, 6) == 3  # 0.375 mm: 2 dots would be under the EAN minimum
    assert module_width(ean, 60 * mm) == pytest.approx(NOMINAL_MODULE)


def test_a_narrow_space_shrinks_modules_to_the_minimum_and_no_further() -> None:
    code128 = symbol_for("HTX-NM-0042-A")
    width = module_width(code128, 40 * mm)
    assert MIN_MODULE["Code 128"] <= width < NOMINAL_MODULE
    with pytest.raises(InvalidInput, match="too long to fit"):
        module_width(code128, 30 * mm, THERMAL_203_DPI)
