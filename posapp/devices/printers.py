"""Receipt printers: where a finished receipt goes. A PDF file printer now; system and ESC/POS later."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from posapp.documents.receipt import render_receipt_pdf
from posapp.documents.roll import metrics_for
from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile


def file_name(receipt_no: str) -> str:
    """The receipt number made safe as a file name on every system (`Q1-000042` stays as it is)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", receipt_no) or "receipt"


class PrinterError(PosError):
    """The receipt could not be printed or saved (no paper, folder not writable, printer offline)."""


class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> str:
        """Print the receipt; returns a short description of where it went (a file path, a printer name)."""
        ...


class PdfFilePrinter:
    """Saves each receipt as `<folder>/<receipt_no>.pdf`, whole or not at all."""

    def __init__(
        self, folder: Path, shop: ShopProfile, bank: BankAccount | None = None, width_mm: int = 80
    ) -> None:
        metrics_for(width_mm)  # a wrong paper width is refused now, not at the first sale
        self.folder = folder
        self.shop = shop
        self.bank = bank
        self.width_mm = width_mm

    def print_receipt(self, receipt: Receipt) -> str:
        document = render_receipt_pdf(receipt, self.shop, self.bank, self.width_mm)
        name = file_name(receipt.receipt_no)
        target = self.folder / f"{name}.pdf"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write beside the target, then rename: a reader never sees half a receipt.
            handle, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(document)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise PrinterError(
                _("The receipt could not be saved in {folder}: {reason}").format(
                    folder=self.folder, reason=error.strerror or error
                )
            ) from error
        return str(target)
