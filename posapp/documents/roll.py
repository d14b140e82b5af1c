"""Roll-paper documents: a list of simple blocks drawn on a page exactly as tall as its content.

Documents for receipt printers (sales receipts, later gift receipts, reprints, shift reports) describe
*what* to print as blocks; this module decides *how* on a PDF page. Another renderer (ESC/POS text)
can walk the same blocks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Literal

import segno
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from posapp.documents.fonts import register_fonts
from posapp.domain.errors import InvalidInput
from posapp.i18n import _

Align = Literal["left", "center", "right"]
Size = Literal["small", "normal", "large"]

MIN_WIDTH_MM = 50
MAX_WIDTH_MM = 120
QUIET_MODULES = 4  # the blank border a QR code needs around it to scan


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
    """One line split into columns by fractions of the width (a small table row)."""

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
    payload: str
    size_mm: float = 34.0


Block = Text | Row | Columns | Rule | Gap | QrCode


@dataclass(frozen=True)
class Metrics:
    width: float
    margin: float
    sizes: dict[str, float]

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    def leading(self, size: Size) -> float:
        return self.sizes[size] * 1.28


def metrics_for(width_mm: int) -> Metrics:
    if not MIN_WIDTH_MM <= width_mm <= MAX_WIDTH_MM:
        raise InvalidInput(
            _("The receipt paper width must be between {low} and {high} mm.").format(
                low=MIN_WIDTH_MM, high=MAX_WIDTH_MM
            )
        )
    # Narrow (58 mm) rolls get slightly smaller type and margins so amounts still fit on one line.
    narrow = width_mm < 70
    scale = 0.9 if narrow else 1.0
    return Metrics(
        width=width_mm * mm,
        margin=(2.5 if narrow else 4.0) * mm,
        sizes={"small": 7.0 * scale, "normal": 8.6 * scale, "large": 11.5 * scale},
    )


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


def _dark_runs(row: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark modules in a QR matrix row."""
    start: int | None = None
    for index, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None


class _Pen:
    """Walks the blocks top to bottom; with no canvas it only measures the height they need."""

    def __init__(self, m: Metrics, canvas: Canvas | None, top: float) -> None:
        self.m = m
        self.canvas = canvas
        self.y = top
        self.regular, self.bold = register_fonts()

    def font(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    def line(self, text: str, x: float, width: float, align: Align, size: Size, bold: bool) -> None:
        if self.canvas is None:
            return
        font, points = self.font(bold), self.m.sizes[size]
        self.canvas.setFont(font, points)
        baseline = self.y - points
        if align == "left":
            self.canvas.drawString(x, baseline, text)
        elif align == "right":
            self.canvas.drawRightString(x + width, baseline, text)
        else:
            self.canvas.drawCentredString(x + width / 2, baseline, text)

    def text(self, block: Text) -> None:
        font, points = self.font(block.bold), self.m.sizes[block.size]
        for line in wrap(block.text, font, points, self.m.inner):
            self.line(line, self.m.margin, self.m.inner, block.align, block.size, block.bold)
            self.y -= self.m.leading(block.size)

    def row(self, block: Row) -> None:
        font, points = self.font(block.bold), self.m.sizes[block.size]
        indent = 3 * mm if block.indent else 0.0
        x, width = self.m.margin + indent, self.m.inner - indent
        right_width = stringWidth(block.right, font, points)
        left_lines = wrap(block.left, font, points, max(width - right_width - 2 * mm, width / 3))
        for index, line in enumerate(left_lines):
            self.line(line, x, width, "left", block.size, block.bold)
            if index == len(left_lines) - 1:
                self.line(block.right, x, width, "right", block.size, block.bold)
            self.y -= self.m.leading(block.size)

    def columns(self, block: Columns) -> None:
        x = self.m.margin
        for cell, fraction, align in zip(block.cells, block.widths, block.aligns, strict=True):
            width = self.m.inner * fraction
            self.line(cell, x, width, align, block.size, block.bold)
            x += width
        self.y -= self.m.leading(block.size)

    def rule(self, block: Rule) -> None:
        self.y -= 1.2 * mm
        if self.canvas is not None:
            self.canvas.saveState()
            self.canvas.setLineWidth(0.6)
            if block.dashed:
                self.canvas.setDash(2, 1.5)
            self.canvas.line(self.m.margin, self.y, self.m.width - self.m.margin, self.y)
            self.canvas.restoreState()
        self.y -= 1.6 * mm

    def qr(self, block: QrCode) -> None:
        matrix = segno.make(block.payload, error="m", micro=False).matrix
        count = len(matrix)
        side = min(block.size_mm * mm, self.m.inner - 2 * QUIET_MODULES * (block.size_mm * mm / count))
        module = side / count
        self.y -= QUIET_MODULES * module
        if self.canvas is not None:
            left = (self.m.width - side) / 2
            # One filled path, not a rectangle per module: no hairline seams when rasterised.
            path = self.canvas.beginPath()
            for r, row in enumerate(matrix):
                for start, length in _dark_runs(row):
                    path.rect(left + start * module, self.y - (r + 1) * module, length * module, module)
            self.canvas.drawPath(path, stroke=0, fill=1)
        self.y -= side + QUIET_MODULES * module

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
            self.y -= block.mm * mm
        else:
            self.qr(block)


def render_roll_pdf(blocks: Sequence[Block], width_mm: int = 80, title: str = "", author: str = "") -> bytes:
    """One PDF page `width_mm` wide and exactly as tall as the blocks need."""
    m = metrics_for(width_mm)
    top_margin = bottom_margin = m.margin
    measure = _Pen(m, None, 0.0)
    for block in blocks:
        measure.draw(block)
    height = top_margin + (-measure.y) + bottom_margin
    buffer = BytesIO()
    regular, _bold = register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=(m.width, height),
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=m.sizes["normal"],
    )
    canvas.setCreator("posapp")
    canvas.setTitle(title)
    canvas.setAuthor(author)
    pen = _Pen(m, canvas, height - top_margin)
    for block in blocks:
        pen.draw(block)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
