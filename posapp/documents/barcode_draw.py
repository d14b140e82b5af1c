"""Barcodes drawn as vector bars: EAN-13/EAN-8 for GTINs, Code 128 for other codes, inside their quiet zones.

python-barcode supplies the symbology (which modules are dark); this module only sizes and draws them, so
the encoding is never written by hand here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from barcode import EAN8, EAN13, Code128
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidBarcode, InvalidInput
from posapp.i18n import _

EAN13_KIND, EAN8_KIND, CODE128_KIND = "EAN-13", "EAN-8", "Code 128"
# GS1: an EAN-13 scans at 80 %–200 % of its nominal 0.33 mm module; Code 128 is commonly printed from 0.19 mm.
NOMINAL_MODULE: float = 0.33 * mm
MIN_MODULE: dict[str, float] = {EAN13_KIND: 0.264 * mm, EAN8_KIND: 0.264 * mm, CODE128_KIND: 0.19 * mm}
DIGIT_WIDTH_EM = 0.64  # DejaVu Sans digits are 0.636 em wide
CAP_HEIGHT_EM = 0.73


@dataclass(frozen=True)
class Symbol:
    """A barcode as modules: `1` dark, `0` light, `G` a dark guard bar that reaches down between the digits."""

    kind: str
    code: str  # what a scanner reads back
    modules: str
    quiet_left: int  # light modules the symbol needs on each side to scan
    quiet_right: int

    @property
    def total_modules(self) -> int:
        return self.quiet_left + len(self.modules) + self.quiet_right


def symbol_for(code: str) -> Symbol:
    """EAN-13 for a valid 13-digit code (in-store `20…` codes too), EAN-8 for a valid 8-digit one, else Code 128."""
    code = code.strip()
    kind = _gtin_kind(code)
    if kind is bc.Symbology.EAN13 or kind is bc.Symbology.UPCA:
        full = bc.normalise(code)
        ean = EAN13(full[:12], guardbar=True)
        return _checked(Symbol(EAN13_KIND, full, ean.build()[0], 11, 7), ean.ean)
    if kind is bc.Symbology.EAN8:
        ean8 = EAN8(code[:7], guardbar=True)
        return _checked(Symbol(EAN8_KIND, code, ean8.build()[0], 7, 7), ean8.ean)
    if not code or not all(" " <= ch <= "~" for ch in code):
        raise InvalidBarcode(
            _("“{code}” cannot be printed as a barcode: use digits, Latin letters and signs only.").format(code=code)
        )
    return Symbol(CODE128_KIND, code, Code128(code).build()[0], 10, 10)


def _gtin_kind(code: str) -> bc.Symbology | None:
    try:
        return bc.symbology(code)
    except InvalidBarcode:
        return None


def _checked(symbol: Symbol, encoded: str) -> Symbol:
    # python-barcode recomputes the check digit; it must be the one the code already carries.
    if encoded != symbol.code:
        raise AssertionError(f"{symbol.code} encoded as {encoded}")
    return symbol


@dataclass(frozen=True)
class DotGrid:
    """The printer's dot pitch (points). `strict`: a thermal head, where a bar off the grid prints uneven."""

    pitch: float
    strict: bool = False

    def snap(self, value: float) -> float:
        return round(value / self.pitch) * self.pitch


# Whole dots of a 300 dpi printer are whole dots at 600 and 1200 dpi too: the office printers labels meet.
OFFICE_GRID = DotGrid(72 / 300)
THERMAL_203_DPI = DotGrid(72 / 203, strict=True)


def module_width(symbol: Symbol, available: float, grid: DotGrid | None = None) -> float:
    """The module nearest nominal that fits `available` with the quiet zones, in whole printer dots.

    Bars that are not a whole number of dots wide come out uneven, and an EAN-8 printed so can read as
    another valid code. Off a strict grid, a module between dots is still used when no whole one fits.
    """
    minimum = MIN_MODULE[symbol.kind]
    fit = min(NOMINAL_MODULE, available / symbol.total_modules)
    if grid is not None:
        most = available / symbol.total_modules
        whole = [n * grid.pitch for n in range(1, 40) if minimum <= n * grid.pitch <= most]
        if whole:
            return min(whole, key=lambda width: (abs(width - NOMINAL_MODULE), -width))
        if grid.strict:
            fit = 0.0
    if fit < minimum:
        raise InvalidInput(
            _("Barcode {code} is too long to fit on this label; choose a larger label.").format(code=symbol.code)
        )
    return fit


def digit_size(module: float) -> float:
    """Font size of the digits under the bars: a digit over most of the 7 modules that encode it."""
    return 7 * module * 0.85 / DIGIT_WIDTH_EM


def text_height(module: float) -> float:
    """Height the human-readable digits take under the bars."""
    return digit_size(module) * (CAP_HEIGHT_EM + 0.25)


def block_width(symbol: Symbol, module: float) -> float:
    return symbol.total_modules * module


def draw_symbol(
    canvas: Canvas,
    symbol: Symbol,
    x: float,
    y: float,
    module: float,
    bar_height: float,
    font: str,
    grid: DotGrid | None = None,
) -> None:
    """Draw the symbol with its quiet zones starting at `x`; `y` is the bottom of the digits under the bars."""
    text_h = text_height(module)
    size = digit_size(module)
    bars_x = x + symbol.quiet_left * module
    if grid is not None:
        bars_x = grid.snap(bars_x)  # every bar edge on a dot edge, not only every bar width
    bars_y = y + text_h
    guard_drop = text_h * 0.55 if symbol.kind != CODE128_KIND else 0.0
    path = canvas.beginPath()
    for start, length, guard in _runs(symbol.modules):
        bottom = bars_y - guard_drop if guard else bars_y
        path.rect(bars_x + start * module, bottom, length * module, bar_height + (bars_y - bottom))
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)
    baseline = y + 0.18 * size
    canvas.setFont(font, size)
    if symbol.kind == CODE128_KIND:
        fitted = _fit_size(symbol.code, font, size, len(symbol.modules) * module)
        canvas.setFont(font, fitted)
        canvas.drawCentredString(bars_x + len(symbol.modules) * module / 2, baseline, symbol.code)
        return
    for text, first, last in _digit_groups(symbol):
        centre = bars_x + (first + last + 1) / 2 * module
        canvas.drawCentredString(centre, baseline, text)
    if symbol.kind == EAN13_KIND:
        # The leading digit stands in the left quiet zone, clear of the start guard.
        canvas.drawRightString(bars_x - module, baseline, symbol.code[0])


def _fit_size(text: str, font: str, size: float, width: float) -> float:
    needed = stringWidth(text, font, size)
    return size if needed <= width else math.floor(size * width / needed * 4) / 4


def _digit_groups(symbol: Symbol) -> list[tuple[str, int, int]]:
    """Each half's digits with the first and last module of the half they are printed under.

    An EAN is a 3-module start guard, 7 modules per digit, a 5-module centre guard and a 3-module end guard.
    """
    digits = symbol.code[1:] if symbol.kind == EAN13_KIND else symbol.code
    half = len(digits) // 2
    left, right = 3, 3 + 7 * half + 5
    return [(digits[:half], left, left + 7 * half - 1), (digits[half:], right, right + 7 * half - 1)]


def _runs(modules: str) -> list[tuple[int, int, bool]]:
    """(start, length, is_guard) of each run of dark modules."""
    runs: list[tuple[int, int, bool]] = []
    start: int | None = None
    for index, module in enumerate([*modules, "0"]):
        if module != "0" and start is None:
            start = index
        elif start is not None and (module == "0" or module != modules[start]):
            runs.append((start, index - start, modules[start] == "G"))
            start = index if module != "0" else None
    return runs
