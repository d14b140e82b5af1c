"""The receipt on a printer installed in the operating system, through Qt's print support.

The one device module that uses Qt: the factory imports it only when the settings ask for the system
printer. The receipt is laid out as for the PDF and painted with DejaVu Sans, so Vietnamese is exact
on any driver. Painting on a QPrinter is allowed off the GUI thread, so the till never waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPainterPath, QPen
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from posapp.devices.printers import PrinterError, no_drawer
from posapp.documents.fonts import font_file
from posapp.documents.receipt import SHOP_ZONE, ReceiptOptions, receipt_blocks, receipt_title
from posapp.documents.roll import Block, Layout, Modules, Run, Stroke, dark_runs, lay_out, metrics_for
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile

POINTS_PER_MM = 72 / 25.4
_fonts_lock = threading.Lock()
_family: str | None = None


def dejavu_family() -> str:
    """Add the bundled DejaVu faces to Qt's font database once; their family name."""
    global _family
    with _fonts_lock:
        if _family is None:
            families: list[str] = []
            for bold in (False, True):
                font_id = QFontDatabase.addApplicationFont(str(font_file(bold)))
                families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            _family = families[0] if families else "DejaVu Sans"
        return _family


def _printer(name: str, output: Path | None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return printer
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            raise PrinterError(
                _("There is no printer named “{name}” on this computer: check the receipt printer settings.").format(
                    name=name
                )
            )
        raise PrinterError(_("This computer has no default printer: choose the receipt printer in the settings."))
    printer.setPrinterName(info.printerName())
    return printer


def paint(painter: QPainter, layout: Layout, dots_per_point: float, family: str) -> None:
    """Draw the laid-out roll; fonts are sized in points, positions in device dots."""
    fonts: dict[tuple[bool, float], tuple[QFont, QFontMetricsF]] = {}
    device = painter.device()
    for ink in layout.inks:
        if isinstance(ink, Run):
            key = (ink.bold, ink.size)
            if key not in fonts:
                font = QFont(family)
                font.setPointSizeF(ink.size)
                font.setBold(ink.bold)
                fonts[key] = (font, QFontMetricsF(font, device))
            font, metrics = fonts[key]
            painter.setFont(font)
            width = metrics.horizontalAdvance(ink.text)
            shift = {"left": 0.0, "right": width, "center": width / 2}[ink.align]
            painter.drawText(QPointF(ink.x * dots_per_point - shift, ink.baseline * dots_per_point), ink.text)
        elif isinstance(ink, Stroke):
            pen = QPen(Qt.GlobalColor.black, 0.6 * dots_per_point)
            if ink.dashed:
                pen.setDashPattern([2 / 0.6, 1.5 / 0.6])  # in line widths: 2 pt on, 1.5 pt off
            painter.setPen(pen)
            y = ink.y * dots_per_point
            painter.drawLine(QPointF(ink.left * dots_per_point, y), QPointF(ink.right * dots_per_point, y))
            painter.setPen(QPen(Qt.GlobalColor.black))
        else:
            _modules(painter, ink, dots_per_point)


def _modules(painter: QPainter, ink: Modules, dots_per_point: float) -> None:
    module = ink.side * dots_per_point / len(ink.matrix)
    left = (ink.centre - ink.side / 2) * dots_per_point
    top = ink.top * dots_per_point
    path = QPainterPath()
    for r, row in enumerate(ink.matrix):
        for start, length in dark_runs(row):
            path.addRect(QRectF(left + start * module, top + r * module, length * module, module))
    painter.fillPath(path, Qt.GlobalColor.black)


class SystemPrinter:
    """Prints on an installed printer by name (empty: the default one), or into a PDF file via Qt."""

    has_drawer = False

    def __init__(
        self,
        name: str,
        shop: ShopProfile,
        bank: BankAccount | None = None,
        options: ReceiptOptions | None = None,
        *,
        output: Path | None = None,
        timezone: ZoneInfo = SHOP_ZONE,
    ) -> None:
        self.name = name
        self.shop = shop
        self.bank = bank
        self.options = options or ReceiptOptions()
        self.output = output
        self.timezone = timezone
        self.family = dejavu_family()  # now, on the GUI thread, before any job runs in the background

    def print_receipt(self, receipt: Receipt, options: ReceiptOptions | None = None) -> str:
        options = options or self.options
        blocks = receipt_blocks(receipt, self.shop, self.bank, self.timezone, options)
        return self._print(blocks, options.width_mm, receipt_title(receipt, options))

    def print_document(self, blocks: Sequence[Block], name: str) -> str:
        return self._print(blocks, self.options.width_mm, name)

    def _print(self, blocks: Sequence[Block], width_mm: int, name: str) -> str:
        layout = lay_out(blocks, metrics_for(width_mm))
        printer = _printer(self.name, self.output)
        printer.setDocName(name)
        size = QPageSize(
            QSizeF(width_mm, layout.height / POINTS_PER_MM),
            QPageSize.Unit.Millimeter,
            name,
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        )
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            where = self.name or _("the default printer")
            raise PrinterError(
                _("The receipt could not be sent to {printer}: check it is on and has paper.").format(printer=where)
            )
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            paint(painter, layout, printer.resolution() / 72, self.family)
        finally:
            painter.end()
        return str(self.output) if self.output is not None else printer.printerName()

    def open_drawer(self) -> None:
        raise no_drawer()
