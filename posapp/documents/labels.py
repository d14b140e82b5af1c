"""Barcode labels and bilingual shelf price tags: A4 label sheets, 50×30 mm thermal labels, an A4 sheet of tags."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from posapp.documents.barcode_draw import (
    OFFICE_GRID,
    THERMAL_203_DPI,
    DotGrid,
    Symbol,
    block_width,
    draw_symbol,
    module_width,
    symbol_for,
    text_height,
)
from posapp.documents.fonts import register_fonts
from posapp.documents.roll import wrap
from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd
from posapp.domain.ocop import stars_text
from posapp.domain.text import nfc
from posapp.i18n import _

MIN_BAR_HEIGHT = 6 * mm  # below this a handheld scanner starts to miss the bars
STAR_GOLD = (0.66, 0.47, 0.0)


@dataclass(frozen=True)
class LabelData:
    """What one label or shelf tag shows; built by the labels service from the catalogue."""

    code: str
    name: str
    name_en: str
    price: int
    unit: str
    weighed: bool
    stars: int | None
    cooperative: str
    province: str


@dataclass(frozen=True)
class Sheet:
    """A page of equal cells, measured in mm from the page's top-left corner."""

    key: str
    page_mm: tuple[float, float]
    columns: int
    rows: int
    cell_mm: tuple[float, float]
    left_mm: float
    top_mm: float
    gap_mm: tuple[float, float] = (0.0, 0.0)
    padding_mm: float = 1.5
    shelf: bool = False
    grid: DotGrid = OFFICE_GRID  # the printer's dots: bars are made whole dots wide
    name_pt: float = 8.0
    price_pt: float = 12.0
    small_pt: float = 6.0
    bar_max_mm: float = 12.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        return self.page_mm[0] * mm, self.page_mm[1] * mm

    def cell(self, slot: int) -> tuple[float, float, float, float]:
        """x, y (bottom-left, in points) and width, height of the cell at `slot` (left to right, top down)."""
        row, column = divmod(slot, self.columns)
        width, height = self.cell_mm
        x = self.left_mm + column * (width + self.gap_mm[0])
        top = self.top_mm + row * (height + self.gap_mm[1])
        return x * mm, (self.page_mm[1] - top - height) * mm, width * mm, height * mm


_A4 = (A4[0] / mm, A4[1] / mm)
SHEETS: dict[str, Sheet] = {
    # 24 labels 63.5 × 33.9 mm, the common "L7159" layout.
    "a4-3x8": Sheet(
        "a4-3x8", _A4, 3, 8, (63.5, 33.9), 7.25, 12.9, (2.5, 0.0), name_pt=8.5, price_pt=13, bar_max_mm=13
    ),
    # 40 labels 48.5 × 25.4 mm.
    "a4-4x10": Sheet(
        "a4-4x10", _A4, 4, 10, (48.5, 25.4), 8.0, 21.5, padding_mm=1.25, name_pt=7.0, price_pt=10, small_pt=5.6
    ),
    # One 50 × 30 mm label per page for a 203 dpi thermal label printer.
    "roll-50x30": Sheet("roll-50x30", (50.0, 30.0), 1, 1, (50.0, 30.0), 0.0, 0.0, grid=THERMAL_203_DPI, name_pt=7.5),
    # 10 shelf tags 95 × 55 mm on plain A4, with cut lines.
    "shelf-a4": Sheet(
        "shelf-a4", _A4, 2, 5, (95.0, 55.0), 10.0, 11.0, padding_mm=4.0, shelf=True, name_pt=14, price_pt=28
    ),
}
SHELF_SHEET = "shelf-a4"


def sheet_title(key: str) -> str:
    titles = {
        "a4-3x8": _("A4 sheet of 24 labels, 63.5 × 33.9 mm (3 × 8)"),
        "a4-4x10": _("A4 sheet of 40 labels, 48.5 × 25.4 mm (4 × 10)"),
        "roll-50x30": _("Thermal labels 50 × 30 mm, one per page"),
        "shelf-a4": _("Shelf price tags in Vietnamese and English, 10 per A4 sheet"),
    }
    return titles[key]


def sheet_named(key: str) -> Sheet:
    try:
        return SHEETS[key.strip().lower()]
    except KeyError:
        raise InvalidInput(
            _("Unknown label sheet “{key}”: use {choices}.").format(key=key, choices=", ".join(SHEETS))
        ) from None


def pages_needed(count: int, key: str, skip: int = 0) -> int:
    return math.ceil((count + skip) / sheet_named(key).per_page)


def check_skip(sheet: Sheet, skip: int) -> None:
    if not 0 <= skip < sheet.per_page:
        raise InvalidInput(
            _("A sheet has {count} positions: you can skip 0 to {last} used ones.").format(
                count=sheet.per_page, last=sheet.per_page - 1
            )
        )


def price_text(label: LabelData) -> str:
    return f"{format_vnd(label.price)}/{label.unit}" if label.weighed else format_vnd(label.price)


def ocop_text(stars: int | None) -> str:
    return f"OCOP {stars_text(stars)}" if stars else ""


def fit_lines(
    text: str, font: str, largest: float, smallest: float, width: float, max_lines: int
) -> tuple[float, list[str]]:
    """The largest size from `largest` down to `smallest` at which `text` wraps into `max_lines`; cut with … if none."""
    size = largest
    while True:
        lines = wrap(text, font, size, width)
        if len(lines) <= max_lines:
            return size, lines
        if size - 0.25 < smallest:
            break
        size -= 0.25
    lines = lines[:max_lines]
    last = lines[-1]
    while last and stringWidth(last.rstrip() + "…", font, size) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return size, lines


def fit_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    needed = stringWidth(text, font, largest)
    return largest if needed <= width else max(smallest, largest * width / needed)


class _Painter:
    """Draws labels and tags into a canvas; symbols are computed once per code."""

    def __init__(self, canvas: Canvas, sheet: Sheet) -> None:
        self.canvas = canvas
        self.sheet = sheet
        self.regular, self.bold = register_fonts()
        self._symbols: dict[str, Symbol] = {}

    def symbol(self, code: str) -> Symbol:
        if code not in self._symbols:
            self._symbols[code] = symbol_for(code)
        return self._symbols[code]

    def text(self, text: str, x: float, y: float, font: str, size: float, align: str = "left") -> None:
        self.canvas.setFont(font, size)
        if align == "right":
            self.canvas.drawRightString(x, y, text)
        elif align == "center":
            self.canvas.drawCentredString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)

    def label(self, label: LabelData, x: float, y: float, width: float, height: float) -> None:
        """A product label: name, price and OCOP stars, cooperative, then the barcode across the bottom."""
        s = self.sheet
        pad = s.padding_mm * mm
        inner = width - 2 * pad
        symbol = self.symbol(label.code)
        module = module_width(symbol, inner, s.grid)
        digits = text_height(module)
        price = price_text(label)
        price_size = fit_size(price, self.bold, s.price_pt, s.price_pt * 0.6, inner * 0.62)
        stars = ocop_text(label.stars)
        stars_room = inner - stringWidth(price, self.bold, price_size) - mm
        stars_size = fit_size(stars, self.regular, price_size * 0.72, 4.0, stars_room)
        coop_size, coop_lines = fit_lines(
            nfc(label.cooperative), self.regular, s.small_pt, s.small_pt * 0.85, inner, 1
        )
        for max_lines in (2, 1):  # a long name gives up its second line before the bars get too short to scan
            name_size, name_lines = fit_lines(
                nfc(label.name), self.bold, s.name_pt, s.name_pt * 0.75, inner, max_lines
            )
            text_block = len(name_lines) * name_size * 1.12 + price_size * 1.2 + coop_size * 1.3
            room = height - 2 * pad - text_block - digits - mm
            if room >= MIN_BAR_HEIGHT:
                break
        bars = min(s.bar_max_mm * mm, room)
        cursor = y + height - pad
        for line in name_lines:
            cursor -= name_size * 0.95
            self.text(line, x + pad, cursor, self.bold, name_size)
            cursor -= name_size * 0.17
        cursor -= price_size * 1.0
        self.text(price, x + pad, cursor, self.bold, price_size)
        if stars:
            self.text(stars, x + width - pad, cursor, self.regular, stars_size, "right")
        cursor -= price_size * 0.2 + coop_size * 1.05  # clear of the ₫ sign's bar
        self.text(coop_lines[0], x + pad, cursor, self.regular, coop_size)
        block = block_width(symbol, module)
        spare = (room - bars) / 2  # bars at their tallest leave room: centre them under the text
        draw_symbol(self.canvas, symbol, x + (width - block) / 2, y + pad + spare, module, bars, self.regular, s.grid)

    def shelf_tag(self, label: LabelData, x: float, y: float, width: float, height: float) -> None:
        """A shelf price tag in Vietnamese and English: names, price per unit, stars, producer, origin, barcode."""
        s = self.sheet
        c = self.canvas
        pad = s.padding_mm * mm
        inner = width - 2 * pad
        c.setStrokeGray(0.7)
        c.setLineWidth(0.3)
        c.rect(x, y, width, height, stroke=1, fill=0)  # where to cut
        top = y + height - pad
        stars = ocop_text(label.stars)
        stars_w = stringWidth(stars, self.bold, 10) + 3 * mm if stars else 0.0
        if stars:
            c.setFillColorRGB(*STAR_GOLD)
            self.text(stars, x + width - pad, top - 10, self.bold, 10, "right")
            c.setFillGray(0)
        name_size, name_lines = fit_lines(nfc(label.name), self.bold, s.name_pt, 9, inner - stars_w, 2)
        cursor = top
        for line in name_lines:
            cursor -= name_size * 0.95
            self.text(line, x + pad, cursor, self.bold, name_size)
            cursor -= name_size * 0.2
        if label.name_en:
            en_size, en_lines = fit_lines(nfc(label.name_en), self.regular, 9.5, 7, inner, 2)
            c.setFillGray(0.3)
            for line in en_lines:
                cursor -= en_size * 1.15
                self.text(line, x + pad, cursor, self.regular, en_size)
            c.setFillGray(0)
        symbol = self.symbol(label.code)
        module = module_width(symbol, inner * 0.45, s.grid)
        block = block_width(symbol, module)
        bars = 8 * mm
        # The right quiet zone may reach into the padding: it stays inside the tag.
        left = x + width - pad - block + symbol.quiet_right * module
        draw_symbol(c, symbol, left, y + pad, module, bars, self.regular, s.grid)
        footer_w = inner - block
        # Printed in both languages whatever the screen's language, so these captions are not translated.
        facts = [
            f"Sản xuất · Producer: {nfc(label.cooperative)}",
            f"Xuất xứ · Origin: {nfc(label.province)}" if label.province else "",
        ]
        line_y = y + pad + 1
        for fact in reversed([f for f in facts if f]):
            size, lines = fit_lines(fact, self.regular, 7.5, 6, footer_w, 1)
            self.text(lines[0], x + pad, line_y, self.regular, size)
            line_y += size * 1.3
        price = format_vnd(label.price)
        unit = f" / {label.unit}" if label.unit else ""
        unit_size = 12.0
        price_size = fit_size(price, self.bold, s.price_pt, 14, inner - stringWidth(unit, self.regular, unit_size))
        baseline = max(line_y + 2.5 * mm, y + pad + text_height(module) + bars + 2 * mm)
        self.text(price, x + pad, baseline, self.bold, price_size)
        self.text(unit, x + pad + stringWidth(price, self.bold, price_size), baseline, self.regular, unit_size)
        c.setFillGray(0.35)
        self.text("Giá · Price", x + pad, baseline + price_size * 0.78, self.regular, 7)
        c.setFillGray(0)


def render_labels_pdf(labels: Sequence[LabelData], sheet_key: str, skip: int = 0, title: str = "") -> bytes:
    """Labels in order across and down the sheet's cells, starting after `skip` used positions on the first page."""
    sheet = sheet_named(sheet_key)
    check_skip(sheet, skip)
    if not labels:
        raise InvalidInput(_("There are no labels to print."))
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=sheet.page_size, pageCompression=1, invariant=1)
    canvas.setTitle(title or sheet_title(sheet.key))
    canvas.setCreator("posapp")
    painter = _Painter(canvas, sheet)
    slot = skip
    for label in labels:
        if slot == sheet.per_page:
            canvas.showPage()
            slot = 0
        x, y, width, height = sheet.cell(slot)
        (painter.shelf_tag if sheet.shelf else painter.label)(label, x, y, width, height)
        slot += 1
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
