"""Roll-paper documents: a list of simple blocks laid out once, then drawn as PDF, raster or painted.

Documents for receipt printers (sales receipts, gift receipts, reprints) describe *what* to print as
blocks; `lay_out` decides *where*, in points from the top of the roll, and each renderer (the PDF
here, the thermal-printer raster in `raster.py`, the system printer's painter) only draws the result.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Literal

import segno
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from posapp.documents.fonts import register_fonts
from posapp.domain.errors import InvalidInput
from posapp.domain.text import nfc
from posapp.i18n import _

Align = Literal["left", "center", "right"]
Size = Literal["small", "normal", "large"]

MIN_WIDTH_MM = 50
MAX_WIDTH_MM = 120
QUIET_MODULES = 4  # the blank border a QR code needs around it to scan
GUTTER = 1.5 * mm  # between a label and its amount, and between table columns


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper width."""

    text: str
    align: Align = "left"
    size: Size = "normal"
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """A label on the left (wrapped if long) and a value on the right of its last line."""

    left: str
    right: str
    size: Size = "normal"
    bold: bool = False
    indent: bool = False


@dataclass(frozen=True)
class Columns:
    """A small table row: columns by fractions of the width; a long cell wraps within its column."""

    cells: tuple[str, ...]
    widths: tuple[float, ...]
    aligns: tuple[Align, ...]
    size: Size = "small"
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    dashed: bool = True


@dataclass(frozen=True)
class Gap:
    mm: float = 1.5


@dataclass(frozen=True)
class QrCode:
    """A QR code, centred, with a heading above and a caption below it (left out with the code)."""

    payload: str
    size_mm: float = 34.0
    above: str = ""
    below: str = ""


Block = Text | Row | Columns | Rule | Gap | QrCode


@dataclass(frozen=True)
class Metrics:
    """The paper in points: its width, the side margin, the top/bottom margin and the three type sizes."""

    width: float
    margin: float
    sizes: dict[str, float]
    end: float = 4.0 * mm

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    def leading(self, size: Size) -> float:
        return self.sizes[size] * 1.28


def check_width(width_mm: int) -> None:
    if not MIN_WIDTH_MM <= width_mm <= MAX_WIDTH_MM:
        raise InvalidInput(
            _("The receipt paper width must be between {low} and {high} mm.").format(
                low=MIN_WIDTH_MM, high=MAX_WIDTH_MM
            )
        )


def type_sizes(width_mm: int) -> dict[str, float]:
    # Narrow (58 mm) rolls get slightly smaller type so amounts still fit on one line.
    scale = 0.9 if width_mm < 70 else 1.0
    return {"small": 7.0 * scale, "normal": 8.6 * scale, "large": 11.5 * scale}


def metrics_for(width_mm: int) -> Metrics:
    check_width(width_mm)
    margin = (2.5 if width_mm < 70 else 4.0) * mm
    return Metrics(width=width_mm * mm, margin=margin, sizes=type_sizes(width_mm), end=margin)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` that fit `width`; words longer than a line are cut where they must be.

    A ` · ` separator that falls at a line break is dropped: `HTX Tôm khô Rạch Gốc` / `Cà Mau`.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        for split in simpleSplit(paragraph, font, size, width) or [""]:
            line = split.removesuffix(" ·").removeprefix("· ")
            while stringWidth(line, font, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines


@lru_cache(maxsize=256)
def qr_matrix(payload: str) -> tuple[tuple[int, ...], ...]:
    """The QR code's modules (1 = dark), computed once per payload: encoding is the slow part."""
    return tuple(tuple(row) for row in segno.make(payload, error="m", micro=False).matrix)


def dark_runs(row: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark modules in a QR matrix row."""
    start: int | None = None
    for index, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None


@dataclass(frozen=True)
class Run:
    """One line of text: `x` is its left edge, right edge or centre as `align` says; y from the top."""

    text: str
    x: float
    baseline: float
    size: float
    bold: bool
    align: Align


@dataclass(frozen=True)
class Stroke:
    left: float
    right: float
    y: float
    dashed: bool


@dataclass(frozen=True)
class Modules:
    """A QR code `side` points wide, centred on `centre`, its dark area starting at `top`."""

    matrix: tuple[tuple[int, ...], ...]
    centre: float
    top: float
    side: float


Ink = Run | Stroke | Modules


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    inks: tuple[Ink, ...]


class _Pen:
    """Walks the blocks top to bottom, placing every line of text (in NFC, as fonts expect), rule and QR code."""

    def __init__(self, m: Metrics) -> None:
        self.m = m
        self.y = m.end
        self.inks: list[Ink] = []
        self.regular, self.bold = register_fonts()

    def font(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    def put(self, text: str, x: float, width: float, align: Align, points: float, bold: bool) -> None:
        if not text:
            return
        anchor = {"left": x, "right": x + width, "center": x + width / 2}[align]
        self.inks.append(Run(text, anchor, self.y + points, points, bold, align))

    def text(self, block: Text) -> None:
        font, points = self.font(block.bold), self.m.sizes[block.size]
        for line in wrap(nfc(block.text), font, points, self.m.inner):
            self.put(line, self.m.margin, self.m.inner, block.align, points, block.bold)
            self.y += self.m.leading(block.size)

    def row(self, block: Row) -> None:
        font, points = self.font(block.bold), self.m.sizes[block.size]
        indent = 3 * mm if block.indent else 0.0
        x, width = self.m.margin + indent, self.m.inner - indent
        left, right = nfc(block.left), nfc(block.right)
        right_width = stringWidth(right, font, points)
        left_lines = wrap(left, font, points, max(width - right_width - GUTTER, width / 3))
        for index, line in enumerate(left_lines):
            self.put(line, x, width, "left", points, block.bold)
            if index == len(left_lines) - 1:
                self.put(right, x, width, "right", points, block.bold)
            self.y += self.m.leading(block.size)

    def columns(self, block: Columns) -> None:
        font, points = self.font(block.bold), self.m.sizes[block.size]
        x, tallest = self.m.margin, 1
        top = self.y
        for cell, fraction, align in zip(block.cells, block.widths, block.aligns, strict=True):
            width = self.m.inner * fraction
            # A gutter on the side a cell meets its neighbour, so two columns never touch.
            inner_x = x + (GUTTER / 2 if align != "left" else 0.0)
            inner_width = width - GUTTER / 2
            lines = wrap(nfc(cell), font, points, inner_width)
            for index, line in enumerate(lines):
                self.y = top + index * self.m.leading(block.size)
                self.put(line, inner_x, inner_width, align, points, block.bold)
            tallest = max(tallest, len(lines))
            x += width
        self.y = top + tallest * self.m.leading(block.size)

    def rule(self, block: Rule) -> None:
        self.y += 1.2 * mm
        self.inks.append(Stroke(self.m.margin, self.m.width - self.m.margin, self.y, block.dashed))
        self.y += 1.6 * mm

    def qr(self, block: QrCode) -> None:
        if block.above:
            self.text(Text(block.above, align="center", bold=True))
        matrix = qr_matrix(block.payload)
        count = len(matrix)
        side = min(block.size_mm * mm, self.m.inner - 2 * QUIET_MODULES * (block.size_mm * mm / count))
        quiet = QUIET_MODULES * side / count
        self.y += quiet
        self.inks.append(Modules(matrix, self.m.width / 2, self.y, side))
        self.y += side + quiet
        if block.below:
            self.text(Text(block.below, align="center", size="small"))

    def draw(self, block: Block) -> None:
        if isinstance(block, Text):
            self.text(block)
        elif isinstance(block, Row):
            self.row(block)
        elif isinstance(block, Columns):
            self.columns(block)
        elif isinstance(block, Rule):
            self.rule(block)
        elif isinstance(block, Gap):
            self.y += block.mm * mm
        else:
            self.qr(block)


def lay_out(blocks: Sequence[Block], m: Metrics) -> Layout:
    """Where every line, rule and code of `blocks` goes on paper `m`, and how tall the paper must be."""
    pen = _Pen(m)
    for block in blocks:
        pen.draw(block)
    return Layout(m.width, pen.y + m.end, tuple(pen.inks))


def _draw_pdf(canvas: Canvas, layout: Layout) -> None:
    regular, bold = register_fonts()
    top = layout.height
    for ink in layout.inks:
        if isinstance(ink, Run):
            canvas.setFont(bold if ink.bold else regular, ink.size)
            baseline = top - ink.baseline
            if ink.align == "left":
                canvas.drawString(ink.x, baseline, ink.text)
            elif ink.align == "right":
                canvas.drawRightString(ink.x, baseline, ink.text)
            else:
                canvas.drawCentredString(ink.x, baseline, ink.text)
        elif isinstance(ink, Stroke):
            canvas.saveState()
            canvas.setLineWidth(0.6)
            if ink.dashed:
                canvas.setDash(2, 1.5)
            canvas.line(ink.left, top - ink.y, ink.right, top - ink.y)
            canvas.restoreState()
        else:
            module = ink.side / len(ink.matrix)
            left = ink.centre - ink.side / 2
            # One filled path, not a rectangle per module: no hairline seams when rasterised.
            path = canvas.beginPath()
            for r, row in enumerate(ink.matrix):
                for start, length in dark_runs(row):
                    path.rect(left + start * module, top - ink.top - (r + 1) * module, length * module, module)
            canvas.drawPath(path, stroke=0, fill=1)


def render_roll_pdf(blocks: Sequence[Block], width_mm: int = 80, title: str = "", author: str = "") -> bytes:
    """One PDF page `width_mm` wide and exactly as tall as the blocks need."""
    m = metrics_for(width_mm)
    layout = lay_out(blocks, m)
    buffer = BytesIO()
    regular, _bold = register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=(layout.width, layout.height),
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=m.sizes["normal"],
    )
    canvas.setCreator("posapp")
    canvas.setTitle(title)
    canvas.setAuthor(author)
    _draw_pdf(canvas, layout)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
