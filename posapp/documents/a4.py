"""A4 business documents (purchase orders, statements, count sheets): heading, parties, tables, page numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from posapp.documents.fonts import register_fonts
from posapp.domain.text import nfc

Align = Literal["left", "center", "right"]
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
LINE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # share of the text width
    align: Align = "left"


def style(size: float = 9.0, bold: bool = False, align: Align = "left") -> ParagraphStyle:
    regular, heavy = register_fonts()
    return ParagraphStyle(
        name=f"p{size}{bold}{align}",
        fontName=heavy if bold else regular,
        fontSize=size,
        leading=size * 1.3,
        alignment=_ALIGN[align],
    )


def para(text: str, size: float = 9.0, bold: bool = False, align: Align = "left") -> Paragraph:
    """A paragraph of plain text (escaped: a name with “&” or “<” prints as written)."""
    return Paragraph(escape(nfc(text)).replace("\n", "<br/>"), style(size, bold, align))


def title(text: str) -> Paragraph:
    return para(text, size=15, bold=True, align="center")


def gap(height_mm: float = 4.0) -> Spacer:
    return Spacer(1, height_mm * mm)


def facts(rows: Sequence[tuple[str, str]], width: float, size: float = 9.0, label_share: float = 0.3) -> Table:
    """Label / value pairs, labels in bold: an order's number, date, status."""
    data = [[para(label, size, bold=True), para(value, size)] for label, value in rows]
    table = Table(data, colWidths=[label_share * width, (1 - label_share) * width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def side_by_side(left: Sequence[Flowable], right: Sequence[Flowable], width: float) -> Table:
    """Two blocks next to each other (the shop and the cooperative)."""
    table = Table([[list(left), list(right)]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: float,
    footer: Sequence[Sequence[str]] = (),
    size: float = 8.5,
    row_height_mm: float | None = None,
) -> Table:
    """A ruled table whose heading repeats on every page; `footer` rows (totals) are bold."""
    data: list[list[Any]] = [[para(c.heading, size, bold=True, align=c.align) for c in columns]]
    for row in rows:
        data.append([para(cell, size, align=c.align) for cell, c in zip(row, columns, strict=True)])
    for row in footer:
        data.append([para(cell, size, bold=True, align=c.align) for cell, c in zip(row, columns, strict=True)])
    heights = None if row_height_mm is None else [None] + [row_height_mm * mm] * (len(data) - 1)
    table = Table(data, colWidths=[c.width * width for c in columns], repeatRows=1, rowHeights=heights)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if footer:
        commands.append(("BACKGROUND", (0, len(data) - len(footer)), (-1, -1), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def render_a4(
    story: Callable[[float], list[Flowable]],
    page_label: Callable[[int], str],
    title_text: str = "",
    author: str = "",
    wide: bool = False,
) -> bytes:
    """Lay out `story(text width)` on A4 pages (landscape when `wide`), each numbered at its foot."""
    regular, _bold = register_fonts()
    pagesize = landscape(A4) if wide else A4
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title_text,
        author=author,
        creator="posapp",
        pageCompression=1,
    )

    def number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawCentredString(pagesize[0] / 2, 9 * mm, page_label(doc.page))
        canvas.restoreState()

    document.build(story(document.width), onFirstPage=number, onLaterPages=number)
    return buffer.getvalue()
