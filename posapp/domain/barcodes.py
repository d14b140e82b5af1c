"""Retail barcodes: GTIN check digits, in-store codes and weighed-item codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from posapp.domain.errors import InvalidBarcode
from posapp.i18n import _

IN_STORE_PREFIX = "20"
WEIGHED_PREFIX = "21"
PLU_MAX = 99_999


class Symbology(StrEnum):
    EAN13 = "EAN-13"
    EAN8 = "EAN-8"
    UPCA = "UPC-A"


_LENGTHS = {13: Symbology.EAN13, 8: Symbology.EAN8, 12: Symbology.UPCA}


def check_digit(body: str) -> int:
    """GS1 mod-10 check digit for the digits before it (weights 3,1,3,… from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def symbology(code: str) -> Symbology:
    """Validate a GTIN (EAN-13, EAN-8, UPC-A) and say which it is; InvalidBarcode otherwise."""
    code = code.strip()
    if not code.isdigit() or not code.isascii():
        raise InvalidBarcode(_("Barcode “{code}” must contain digits only.").format(code=code))
    kind = _LENGTHS.get(len(code))
    if kind is None:
        raise InvalidBarcode(
            _("Barcode “{code}” has {n} digits; EAN-13, EAN-8 and UPC-A have 13, 8 or 12.").format(
                code=code, n=len(code)
            )
        )
    if check_digit(code[:-1]) != int(code[-1]):
        raise InvalidBarcode(
            _("Barcode “{code}” has a wrong check digit: it was probably mistyped.").format(code=code)
        )
    return kind


def normalise(code: str) -> str:
    """The form barcodes are stored and looked up in: a UPC-A becomes its EAN-13 (leading 0)."""
    code = code.strip()
    if symbology(code) is Symbology.UPCA:
        return "0" + code
    return code


def with_check_digit(body: str) -> str:
    return body + str(check_digit(body))


def in_store_code(number: int) -> str:
    """The shop's own EAN-13 for a product without a GTIN: `20` + 10 digits + check digit."""
    if not 0 < number < 10**10:
        raise ValueError("in-store number out of range")
    return with_check_digit(f"{IN_STORE_PREFIX}{number:010d}")


@dataclass(frozen=True)
class WeighedCode:
    plu: int
    grams: int


def weighed_code(plu: int, grams: int) -> str:
    """The label a shop scale prints: `21` + 5-digit PLU + 5-digit grams + check digit."""
    if not 0 < plu <= PLU_MAX or not 0 < grams <= 99_999:
        raise ValueError("PLU or weight out of range")
    return with_check_digit(f"{WEIGHED_PREFIX}{plu:05d}{grams:05d}")


def parse_weighed(code: str) -> WeighedCode | None:
    """The PLU and weight in a valid scale label, or None when `code` is not one."""
    if len(code) != 13 or not code.startswith(WEIGHED_PREFIX):
        return None
    symbology(code)
    plu, grams = int(code[2:7]), int(code[7:12])
    if grams == 0:
        raise InvalidBarcode(_("The scale label “{code}” carries no weight.").format(code=code))
    return WeighedCode(plu=plu, grams=grams)


def validate_product_code(code: str) -> str:
    """A barcode a product may carry: a valid GTIN that is not a scale label. Returns the stored form."""
    stored = normalise(code)
    if len(stored) == 13 and stored.startswith(WEIGHED_PREFIX):
        raise InvalidBarcode(
            _("Barcodes starting with 21 are scale labels for weighed goods; give the product a PLU instead.")
        )
    return stored
