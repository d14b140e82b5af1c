"""Receipt printers: where a finished receipt goes. The small interfaces, the error and the PDF file printer.

The ESC/POS thermal printers live in `escpos_printer.py`, the system (Qt) printer in `system_printer.py`;
`factory.printer_from_settings` picks one from the settings.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from posapp.documents.receipt import SHOP_ZONE, ReceiptOptions, render_receipt_pdf, resolve_options
from posapp.documents.roll import Block, render_roll_pdf
from posapp.domain.errors import PosError
from posapp.domain.tender import PaymentMethod
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile


def file_name(receipt_no: str) -> str:
    """The receipt number made safe as a file name on every system (`Q1-000042` stays as it is)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", receipt_no) or "receipt"


def takes_cash(receipt: Receipt) -> bool:
    """Cash changes hands (paid in, or handed back on a refund): the drawer must open."""
    return any(p.method == PaymentMethod.CASH.value and p.amount != 0 for p in receipt.payments)


class PrinterError(PosError):
    """The receipt could not be printed or saved (no paper, folder not writable, printer offline)."""


class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> str:
        """Print the receipt; returns a short description of where it went (a file path, a printer name)."""
        ...


class RollPrinter(ReceiptPrinter, Protocol):
    """A configured receipt printer: its usual options, and a cash drawer where one is attached.

    `print_receipt(receipt, replace(printer.options, reprint=True))` prints a marked copy;
    `open_drawer()` raises PrinterError when `has_drawer` is false.
    """

    options: ReceiptOptions
    has_drawer: bool

    def print_receipt(self, receipt: Receipt, options: ReceiptOptions | None = None) -> str: ...

    def print_document(self, blocks: Sequence[Block], name: str) -> str:
        """Print any roll document (a shift report) at the printer's width; `name` names the job or file."""
        ...

    def open_drawer(self) -> None: ...


def no_drawer() -> PrinterError:
    return PrinterError(_("This receipt printer has no cash drawer attached."))


def write_whole(target: Path, document: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file. OSError if it cannot."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(document)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class PdfFilePrinter:
    """Saves each receipt as `<folder>/<receipt_no>.pdf`, whole or not at all."""

    has_drawer = False

    def __init__(
        self,
        folder: Path,
        shop: ShopProfile,
        bank: BankAccount | None = None,
        width_mm: int | None = None,
        options: ReceiptOptions | None = None,
        timezone: ZoneInfo = SHOP_ZONE,
    ) -> None:
        # A wrong paper width or language is refused now, not at the first sale.
        self.options = resolve_options(options, width_mm)
        self.folder = folder
        self.shop = shop
        self.bank = bank
        self.timezone = timezone

    @property
    def width_mm(self) -> int:
        return self.options.width_mm

    def print_receipt(self, receipt: Receipt, options: ReceiptOptions | None = None) -> str:
        options = options or self.options
        document = render_receipt_pdf(receipt, self.shop, self.bank, options, self.timezone)
        suffix = "-gift" if options.gift else "-reprint" if options.reprint else ""
        return self._save(f"{file_name(receipt.receipt_no)}{suffix}.pdf", document)

    def print_document(self, blocks: Sequence[Block], name: str) -> str:
        document = render_roll_pdf(blocks, self.options.width_mm, title=name, author=self.shop.name)
        return self._save(f"{file_name(name)}.pdf", document)

    def _save(self, name: str, document: bytes) -> str:
        target = self.folder / name
        try:
            write_whole(target, document)
        except OSError as error:
            raise PrinterError(
                _("The receipt could not be saved in {folder}: {reason}").format(
                    folder=self.folder, reason=error.strerror or error
                )
            ) from error
        return str(target)

    def open_drawer(self) -> None:
        raise no_drawer()
