"""Roll documents as fixed-width lines without accents, for printers that take no images.

Vietnamese without its accents is still read correctly by a cashier; the star rating becomes `*`.
QR codes are left out (such printers cannot draw them); the transfer details print as text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from posapp.documents.roll import Align, Block, Columns, Gap, QrCode, Row, Rule, Text
from posapp.domain.text import ascii_text, nfc

FONT_A_DOTS = 12  # the printer's own font is 12 dots wide: 48 characters on 576 dots, 32 on 384
_SYMBOLS = str.maketrans({"★": "*", "₫": "d", "×": "x", "·": "-", "–": "-", "—": "-", "“": '"', "”": '"', "°": "o"})


@dataclass(frozen=True)
class PlainLine:
    text: str
    bold: bool = False
    large: bool = False


def plain(text: str) -> str:
    """`Nước mắm ★★★★ 125.000 ₫` -> `Nuoc mam **** 125.000 d`."""
    return ascii_text(nfc(text).translate(_SYMBOLS))


def columns_for(dots: int) -> int:
    return dots // FONT_A_DOTS


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(1, width), break_on_hyphens=False) or [""]


def _place(text: str, width: int, align: Align) -> str:
    if align == "right":
        return text.rjust(width)
    if align == "center":
        return text.center(width).rstrip()
    return text


def _row(block: Row, width: int) -> list[str]:
    indent = "  " if block.indent else ""
    room = width - len(indent)
    right = plain(block.right)
    lines = _wrap(plain(block.left), max(room - len(right) - 1, room // 3))
    last = lines[-1]
    if len(last) + len(right) + 1 > room:
        lines.append("")
        last = ""
    lines[-1] = last + right.rjust(room - len(last))
    return [(indent + line).rstrip() for line in lines]


def _columns(block: Columns, width: int) -> list[str]:
    widths = [max(1, int(width * fraction)) for fraction in block.widths]
    widths[-1] = width - sum(widths[:-1])
    cells = [
        _wrap(plain(cell), cell_width - (0 if align == "left" else 1))
        for cell, cell_width, align in zip(block.cells, widths, block.aligns, strict=True)
    ]
    lines = []
    for index in range(max(len(cell) for cell in cells)):
        parts = [
            _place(cell[index] if index < len(cell) else "", cell_width, align).ljust(cell_width)
            for cell, cell_width, align in zip(cells, widths, block.aligns, strict=True)
        ]
        lines.append("".join(parts).rstrip())
    return lines


def roll_lines(blocks: Sequence[Block], width: int) -> list[PlainLine]:
    """The blocks as lines of at most `width` ASCII characters."""
    out: list[PlainLine] = []
    for block in blocks:
        if isinstance(block, Text):
            large = block.size == "large"
            out += [
                PlainLine(_place(line, width, block.align), block.bold, large)
                for line in _wrap(plain(block.text), width)
            ]
        elif isinstance(block, Row):
            out += [PlainLine(line, block.bold, block.size == "large") for line in _row(block, width)]
        elif isinstance(block, Columns):
            out += [PlainLine(line, block.bold) for line in _columns(block, width)]
        elif isinstance(block, Rule):
            out.append(PlainLine(("-" if block.dashed else "=") * width))
        elif isinstance(block, Gap):
            if block.mm >= 1.5:
                out.append(PlainLine(""))
        elif isinstance(block, QrCode):
            continue
    return out
