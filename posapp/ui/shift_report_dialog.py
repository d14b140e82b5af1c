"""An X or Z report on screen as it prints on the roll, with Print and Save as PDF."""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from posapp.documents.roll import Block, Columns, Gap, QrCode, Row, Rule, Text
from posapp.documents.shift_report import render_shift_report_pdf, shift_report_blocks
from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.paths import data_dir
from posapp.services.shifts import ZReport
from posapp.settings import Settings

SIZES = {"small": "10pt", "normal": "12pt", "large": "15pt"}


@runtime_checkable
class DocumentPrinter(Protocol):
    """A receipt printer that can also print any roll document (shift reports, reprints)."""

    def print_document(self, blocks: Sequence[Block], name: str) -> str: ...


def report_name(report: ZReport) -> str:
    kind = "z" if report.closed_at is not None else "x"
    return f"shift-{report.shift_id}-{kind}"


def report_title(report: ZReport) -> str:
    if report.closed_at is None:
        text = _("X report — till {till}, shift {shift} (still open)")
        return text.format(till=report.till, shift=report.shift_id)
    return _("Z report — till {till}, shift {shift}").format(till=report.till, shift=report.shift_id)


def blocks_html(blocks: Sequence[Block]) -> str:
    """The roll's blocks as simple HTML for the preview (the print itself is drawn by the printer)."""
    parts = ['<table width="100%" cellspacing="0" cellpadding="1">']
    for block in blocks:
        if isinstance(block, Text):
            weight = "bold" if block.bold else "normal"
            style = f"font-size:{SIZES[block.size]}; font-weight:{weight}; text-align:{block.align}"
            text = html.escape(block.text).replace("\n", "<br>")
            parts.append(f'<tr><td colspan="2" style="{style}">{text}</td></tr>')
        elif isinstance(block, Row):
            weight = "bold" if block.bold else "normal"
            style = f"font-size:{SIZES[block.size]}; font-weight:{weight}"
            indent = "&nbsp;&nbsp;&nbsp;" if block.indent else ""
            parts.append(
                f'<tr><td style="{style}">{indent}{html.escape(block.left)}</td>'
                f'<td align="right" style="{style}">{html.escape(block.right)}</td></tr>'
            )
        elif isinstance(block, Columns):
            style = f"font-size:{SIZES[block.size]}; font-weight:{'bold' if block.bold else 'normal'}"
            cells = "".join(
                f'<td align="{align}" width="{round(width * 100)}%">{html.escape(cell)}</td>'
                for cell, width, align in zip(block.cells, block.widths, block.aligns, strict=False)
            )
            table = f'<table width="100%" style="{style}"><tr>{cells}</tr></table>'
            parts.append(f'<tr><td colspan="2">{table}</td></tr>')
        elif isinstance(block, Rule):
            parts.append('<tr><td colspan="2"><hr></td></tr>')
        elif isinstance(block, Gap):
            parts.append('<tr><td colspan="2" style="font-size:4pt">&nbsp;</td></tr>')
        elif isinstance(block, QrCode):
            continue  # shift reports carry none; a QR code cannot be checked on screen anyway
    parts.append("</table>")
    return "".join(parts)


def save_report_pdf(report: ZReport, settings: Settings, folder: Path | None = None) -> Path:
    """The report as a roll PDF in the shop's reports folder, written whole or not at all."""
    folder = folder or data_dir() / "reports"
    document = render_shift_report_pdf(report, settings.shop, settings.printer.width_mm, timezone=_zone(settings))
    target = folder / f"{report_name(report)}.pdf"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(document)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        message = _("The report could not be saved in {folder}: {reason}")
        raise PosError(message.format(folder=folder, reason=error.strerror or error)) from error
    return target


def _zone(settings: Settings) -> ZoneInfo:
    return ZoneInfo(settings.timezone)


class ShiftReportDialog(QDialog):
    """Shows the report; Print sends it to the receipt printer, Save writes the PDF into the reports folder."""

    def __init__(
        self,
        report: ZReport,
        settings: Settings,
        printer: object | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.settings = settings
        self.printer = printer if isinstance(printer, DocumentPrinter) else None
        self.folder = folder
        self.setWindowTitle(report_title(report))
        self.resize(560, 700)  # fits a 768-pixel till; the report scrolls
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        heading = QLabel(report_title(report))
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.blocks = shift_report_blocks(report, settings.shop, _zone(settings))
        self.preview = QTextBrowser()
        self.preview.setHtml(blocks_html(self.blocks))
        layout.addWidget(self.preview, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        self.save_button = QPushButton(_("Save as PDF"))
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(_("Print"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(self.print_report)
        self.print_button.setVisible(self.printer is not None)
        row.addWidget(close)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.saved: Path | None = None

    def save(self) -> None:
        try:
            self.saved = save_report_pdf(self.report, self.settings, self.folder)
        except PosError as error:
            self._say(str(error), error=True)
            return
        self._say(_("Saved as {path}").format(path=self.saved))

    def print_report(self) -> None:
        if self.printer is None:
            return
        try:
            where = self.printer.print_document(self.blocks, report_name(self.report))
        except PosError as error:
            self._say(_("The report could not be printed: {reason}").format(reason=error), error=True)
            return
        self._say(_("Printed: {where}").format(where=where))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
