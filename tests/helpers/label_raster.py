"""Label PDFs as a scanner sees them: pages rasterised at a printer's resolution, cells cut out and decoded."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pypdfium2
import zxingcpp
from PIL import Image

from posapp.documents.labels import Sheet

DARK = 128


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of the PDF in grey at `dpi`, as a printer of that resolution would put it on paper."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            pages.append(bitmap.to_pil().convert("L"))
            page.close()
        return pages
    finally:
        document.close()


def cell_image(page: Image.Image, sheet: Sheet, slot: int, dpi: int) -> Image.Image:
    """The part of the page one label (one die-cut cell) covers; nothing beyond its edges."""
    x, y, width, height = sheet.cell(slot)
    scale = dpi / 72
    return page.crop(
        (
            round(x * scale),
            round(page.height - (y + height) * scale),
            round((x + width) * scale),
            round(page.height - y * scale),
        )
    )


def decode(image: Image.Image) -> list[tuple[str, str]]:
    """(format, text) of every barcode zxing-cpp finds in the image."""
    return [(result.format.name, result.text) for result in zxingcpp.read_barcodes(image)]


def bar_row(image: Image.Image) -> tuple[int, int]:
    """First and last dark pixel of the bars: the row pattern most repeated among rows with many bars."""
    width = image.width
    pixels = image.load()
    assert pixels is not None
    patterns: Counter[tuple[bool, ...]] = Counter()
    for y in range(image.height):
        row = tuple(bool(pixels[x, y] < DARK) for x in range(width))  # type: ignore[operator]
        if sum(1 for a, b in pairwise(row) if a != b) >= 40:
            patterns[row] += 1
    assert patterns, "no row crosses the bars"
    row, _count = patterns.most_common(1)[0]
    return row.index(True), width - 1 - row[::-1].index(True)
