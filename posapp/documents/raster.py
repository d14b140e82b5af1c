"""Roll documents as a 1-bit image at a thermal printer's dot width, drawn with DejaVu: exact Vietnamese.

Thermal printers print 8 dots per mm (203 dpi): 576 dots on an 80 mm roll, 384 on a 58 mm roll.
Their own fonts know no Vietnamese, so the receipt travels as a picture of itself.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw
from reportlab.lib.units import mm

from posapp.documents.fonts import pillow_font
from posapp.documents.receipt import SHOP_ZONE, ReceiptOptions, receipt_blocks
from posapp.documents.roll import (
    Block,
    Layout,
    Metrics,
    Modules,
    Run,
    Stroke,
    check_width,
    dark_runs,
    lay_out,
    type_sizes,
)
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile

DOTS_PER_MM = 8
_ANCHORS = {"left": "ls", "right": "rs", "center": "ms"}
# FreeType faces and the glyph cache are not safe to share between threads; receipts are small, one at a time.
_drawing = threading.Lock()


def printer_dots(width_mm: int) -> int:
    """The printable dots across a roll: 576 on 80 mm paper, 384 on 58 mm (the head is narrower than the roll)."""
    check_width(width_mm)
    return 576 if width_mm >= 70 else 384


def raster_metrics(width_mm: int, dots: int) -> Metrics:
    """The printable strip in points; the printer keeps its own blank edge, so no side margin here."""
    return Metrics(width=dots / DOTS_PER_MM * mm, margin=0.5 * mm, sizes=type_sizes(width_mm), end=2.0 * mm)


def draw_layout(layout: Layout, dots: int) -> Image.Image:
    """The laid-out roll as a black-on-white 1-bit image `dots` wide."""
    scale = dots / layout.width
    image = Image.new("1", (dots, max(1, round(layout.height * scale))), 1)
    draw = ImageDraw.Draw(image)
    with _drawing:
        for ink in layout.inks:
            if isinstance(ink, Run):
                _text(image, draw, ink, scale)
            elif isinstance(ink, Stroke):
                _stroke(draw, ink, scale)
            else:
                _modules(draw, ink, scale)
    return image


@lru_cache(maxsize=4096)
def _glyph(bold: bool, pixels: float, char: str) -> tuple[Image.Image | None, int, int, float]:
    """One character drawn once: its 1-bit mask, its offset from the pen on the baseline, its advance."""
    font = pillow_font(bold, pixels)
    left, top, right, bottom = (int(edge) for edge in font.getbbox(char, anchor="ls"))
    advance = font.getlength(char)
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("1", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=1, anchor="ls")
    return mask, left, top, advance


def _text(image: Image.Image, draw: ImageDraw.ImageDraw, ink: Run, scale: float) -> None:
    pixels = round(ink.size * scale, 1)
    if any(unicodedata.combining(char) for char in ink.text):  # a mark NFC could not fold: let FreeType place it
        font = pillow_font(ink.bold, pixels)
        draw.text((ink.x * scale, ink.baseline * scale), ink.text, fill=0, font=font, anchor=_ANCHORS[ink.align])
        return
    # Glyph by glyph from a cache: a receipt repeats the same few dozen characters, and rasterising each
    # once instead of every time makes the picture several times faster. Advances add up as reportlab's
    # do (no kerning), so the picture keeps the layout's measures.
    glyphs = [_glyph(ink.bold, pixels, char) for char in ink.text]
    width = sum(glyph[3] for glyph in glyphs)
    x = ink.x * scale - {"left": 0.0, "right": width, "center": width / 2}[ink.align]
    baseline = round(ink.baseline * scale)
    for mask, left, top, advance in glyphs:
        if mask is not None:
            image.paste(0, (round(x) + left, baseline + top), mask)
        x += advance


def _stroke(draw: ImageDraw.ImageDraw, ink: Stroke, scale: float) -> None:
    y, left, right = round(ink.y * scale), round(ink.left * scale), round(ink.right * scale)
    if not ink.dashed:
        draw.rectangle((left, y, right - 1, y + 1), fill=0)
        return
    on, off = round(2 * scale), round(1.5 * scale)
    for x in range(left, right, on + off):
        draw.rectangle((x, y, min(x + on, right) - 1, y + 1), fill=0)


def _modules(draw: ImageDraw.ImageDraw, ink: Modules, scale: float) -> None:
    count = len(ink.matrix)
    # Whole dots per module: a scanner reads sharp, even squares far better than resampled ones.
    module = max(2, int(ink.side * scale) // count)
    side = module * count
    left, top = round(ink.centre * scale) - side // 2, round(ink.top * scale + (ink.side * scale - side) / 2)
    for r, row in enumerate(ink.matrix):
        y = top + r * module
        for start, length in dark_runs(row):
            x = left + start * module
            draw.rectangle((x, y, x + length * module - 1, y + module - 1), fill=0)


def render_roll_image(blocks: Sequence[Block], width_mm: int = 80, dots: int | None = None) -> Image.Image:
    """The blocks as a 1-bit image for a thermal printer `dots` wide (by default the roll's usual head)."""
    dots = dots or printer_dots(width_mm)
    return draw_layout(lay_out(blocks, raster_metrics(width_mm, dots)), dots)


def render_receipt_image(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    options: ReceiptOptions | None = None,
    timezone: ZoneInfo = SHOP_ZONE,
    dots: int | None = None,
) -> Image.Image:
    """The receipt as the thermal printer prints it: 1 bit per dot, black on white."""
    options = options or ReceiptOptions()
    blocks = receipt_blocks(receipt, shop, bank, timezone, options)
    return render_roll_image(blocks, options.width_mm, dots)
