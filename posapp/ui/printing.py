"""Receipts printed off the GUI thread, one job at a time: a slow or dead printer never freezes the till."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal

from posapp.devices.printers import ReceiptPrinter
from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, Settings, ShopProfile
from posapp.ui.background import BackgroundTask

Job = Callable[[], str]


@runtime_checkable
class ProfiledPrinter(Protocol):
    """A printer that heads each receipt with the shop's profile and bank account (the PDF, system and ESC/POS ones)."""

    shop: ShopProfile
    bank: BankAccount | None


def use_shop_profile(printer: object, settings: Settings) -> bool:
    """The next receipts show the shop's name, address and bank account as just saved; False if `printer` has none.

    A receipt already printing keeps the profile it started with: each job reads the profile once.
    """
    if not isinstance(printer, ProfiledPrinter):
        return False
    printer.shop = settings.shop
    printer.bank = settings.bank
    return True


class ReceiptPrinting(QObject):
    """Queues receipts for one printer; says `printed(where)` or `failed(reason, receipt_no)` for each.

    Jobs run in order: a network printer takes one connection at a time, and a cashier expects the
    receipts in the order of the sales. A failure never stops the jobs queued behind it.
    """

    printed = Signal(str)
    failed = Signal(str, str)
    idle = Signal()

    def __init__(self, printer: ReceiptPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self._queue: deque[tuple[str, Job]] = deque()
        self._task: BackgroundTask | None = None
        self._receipt_no = ""

    @property
    def busy(self) -> bool:
        return self._task is not None

    def print_receipt(self, receipt: Receipt) -> None:
        """Print `receipt` in the background; returns at once."""
        printer = self.printer
        self.submit(receipt.receipt_no, lambda: printer.print_receipt(receipt))

    def submit(self, receipt_no: str, job: Job) -> None:
        """Run any printing call (a reprint with options, a drawer kick) in turn with the others."""
        self._queue.append((receipt_no, job))
        self._next()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running job has finished (for shutting down); its signal still follows."""
        task = self._task
        return task.wait(timeout) if task is not None else True

    def _next(self) -> None:
        if self._task is not None:  # a slot of the last signal already started the next job
            return
        if not self._queue:
            self.idle.emit()
            return
        self._receipt_no, job = self._queue.popleft()
        task = BackgroundTask(job, self)
        task.done.connect(self._done)
        task.failed.connect(self._failed)
        self._task = task
        task.start()

    def _done(self, where: object) -> None:
        self._finish()
        self.printed.emit(str(where))
        self._next()

    def _failed(self, error: object) -> None:
        receipt_no = self._receipt_no
        self._finish()
        if isinstance(error, PosError):
            reason = error.message
        else:
            # A fault in a printer driver is a bug (its traceback is in the log); the cashier still needs
            # to know the receipt did not come out, and that the sale itself is safe.
            reason = _("The printer stopped with an unexpected error ({error}).").format(error=type(error).__name__)
        self.failed.emit(reason, receipt_no)
        self._next()

    def _finish(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
