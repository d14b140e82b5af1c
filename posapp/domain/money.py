"""Money is an integer number of dong; this module rounds and formats it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from posapp.domain.errors import InvalidInput
from posapp.i18n import _

QTY_SCALE = 1000
"""Quantities are stored in thousandths of a unit: 1 piece = 1000, 1 g of a weighed item = 1."""
TYPED_MAX = 10**15
"""No amount (dong) or quantity (thousandths) a person types gets near this; it keeps sums in 64 bits."""


def div_round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    if denominator == 0:
        raise ZeroDivisionError("division by zero")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def format_vnd(amount: int) -> str:
    """`1234000` -> `1.234.000 ₫` (Vietnamese grouping with dots)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " ₫"


_AMOUNT = re.compile(r"-?(\d{1,3}([., ]\d{3})+|\d+)")


def parse_vnd(text: str) -> int:
    """Read an amount typed by a person: `185000`, `185.000`, `185.000 ₫`, `185,000đ`, `1 250 000`.

    Dots, commas and spaces only group thousands: `12.5` is refused rather than read as 125.
    """
    cleaned = text.strip()
    for suffix in ("₫", "đ", "VND", "vnd"):
        cleaned = cleaned.removesuffix(suffix).strip()
    if not cleaned.isascii() or not _AMOUNT.fullmatch(cleaned):
        raise InvalidInput(_("“{text}” is not an amount in dong.").format(text=text.strip()))
    value = int(re.sub(r"[., ]", "", cleaned))
    if abs(value) > TYPED_MAX:
        raise InvalidInput(_("“{text}” is too large an amount.").format(text=text.strip()))
    return value


def format_qty(qty_milli: int, weighed: bool = False) -> str:
    """Show a quantity: `3` for pieces, `0,350` kg for weighed goods (Vietnamese decimal comma)."""
    if not weighed and qty_milli % QTY_SCALE == 0:
        return str(qty_milli // QTY_SCALE)
    text = f"{Decimal(qty_milli) / QTY_SCALE:.3f}"
    return text.replace(".", ",")


def parse_qty(text: str, weighed: bool = False) -> int:
    """Read a quantity in units (kg for weighed goods) into thousandths; pieces must be whole."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("“{text}” is not a quantity.").format(text=text.strip())) from None
    milli = value * QTY_SCALE
    if not value.is_finite() or milli != milli.to_integral_value():
        raise InvalidInput(_("“{text}” is not a quantity.").format(text=text.strip()))
    if not weighed and value != value.to_integral_value():
        raise InvalidInput(_("This item is sold by the piece: the quantity must be a whole number."))
    if abs(milli) > TYPED_MAX:
        raise InvalidInput(_("“{text}” is too large a quantity.").format(text=text.strip()))
    return int(milli)


def qty_to_number(qty_milli: int) -> int | float:
    """A quantity for JSON: a whole number when whole, else a decimal (kg)."""
    if qty_milli % QTY_SCALE == 0:
        return qty_milli // QTY_SCALE
    return qty_milli / QTY_SCALE


def line_amount(unit_price: int, qty_milli: int) -> int:
    """Price times quantity, rounded half up to the dong (weighed: price per kg × grams / 1000)."""
    return div_round_half_up(unit_price * qty_milli, QTY_SCALE)


def parse_percent(text: str) -> int:
    """A discount percentage like `10` or `7,5` into basis points (hundredths of a percent)."""
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("“{text}” is not a percentage.").format(text=text.strip())) from None
    bp = value * 100
    if not value.is_finite() or bp != bp.to_integral_value() or not 0 <= value <= 100:
        raise InvalidInput(_("A discount must be between 0 and 100 percent."))
    return int(bp)


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` over `weights` in proportion, rounded so the parts add up to `total` exactly.

    Largest remainder method; ties go to the earlier weight. All weights zero: nothing is allocated.
    """
    weight_sum = sum(weights)
    if weight_sum == 0 or total == 0:
        return [0] * len(weights)
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    floors = [magnitude * w // weight_sum for w in weights]
    remainders = [magnitude * w % weight_sum for w in weights]
    left = magnitude - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [sign * part for part in floors]
