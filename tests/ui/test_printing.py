"""Receipts printed off the GUI thread: the till hears `printed` or `failed`, in order, and can print again."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from pytestqt.qtbot import QtBot

from posapp.devices.printers import PrinterError
from posapp.services.dto import Receipt
from posapp.ui.printing import ReceiptPrinting
from tests.integration.documents.samples import receipt


@dataclass
class FlakyPrinter:
    """A receipt printer at the device edge: off until switched on; remembers which thread printed."""

    on: bool = False
    broken: bool = False
    printed: list[str] = field(default_factory=list)
    threads: set[str] = field(default_factory=set)

    def print_receipt(self, receipt: Receipt) -> str:
        self.threads.add(threading.current_thread().name)
        if self.broken:
            raise KeyError("driver bug")
        if not self.on:
            raise PrinterError("The receipt printer at 192.168.1.50 does not answer: check it is on and connected.")
        self.printed.append(receipt.receipt_no)
        return "192.168.1.50:9100"


def out_of_paper() -> str:
    raise PrinterError("The printer is out of paper.")


def test_a_receipt_prints_in_the_background(qtbot: QtBot) -> None:
    printer = FlakyPrinter(on=True)
    printing = ReceiptPrinting(printer)
    with qtbot.waitSignal(printing.printed, timeout=5000) as signal:
        printing.print_receipt(receipt())
    assert signal.args == ["192.168.1.50:9100"]
    assert printer.printed == ["Q1-000042"]
    assert threading.current_thread().name not in printer.threads
    qtbot.waitUntil(lambda: not printing.busy)


def test_a_dead_printer_fails_with_its_reason_and_the_receipt_can_print_again(qtbot: QtBot) -> None:
    printer = FlakyPrinter(on=False)
    printing = ReceiptPrinting(printer)
    with qtbot.waitSignal(printing.failed, timeout=5000) as signal:
        printing.print_receipt(receipt())
    reason, receipt_no = signal.args
    assert reason == "The receipt printer at 192.168.1.50 does not answer: check it is on and connected."
    assert receipt_no == "Q1-000042"
    assert printer.printed == []

    printer.on = True  # the cashier switched it on and pressed "Print again"
    with qtbot.waitSignal(printing.printed, timeout=5000):
        printing.print_receipt(receipt())
    assert printer.printed == ["Q1-000042"]


def test_receipts_print_in_order_and_a_failure_does_not_stop_the_queue(qtbot: QtBot) -> None:
    printer = FlakyPrinter(on=True)
    printing = ReceiptPrinting(printer)
    outcomes: list[str] = []
    printing.printed.connect(lambda where: outcomes.append("printed"))
    printing.failed.connect(lambda reason, number: outcomes.append(f"failed {number}"))
    with qtbot.waitSignal(printing.idle, timeout=5000):
        printing.print_receipt(receipt(receipt_no="Q1-000001"))
        printing.submit("Q1-000002", out_of_paper)
        printing.print_receipt(receipt(receipt_no="Q1-000003"))
    assert outcomes == ["printed", "failed Q1-000002", "printed"]
    assert printer.printed == ["Q1-000001", "Q1-000003"]


def test_a_driver_bug_still_tells_the_cashier_the_receipt_did_not_print(qtbot: QtBot) -> None:
    printing = ReceiptPrinting(FlakyPrinter(broken=True))
    with qtbot.waitSignal(printing.failed, timeout=5000) as signal:
        printing.print_receipt(receipt())
    assert signal.args == ["The printer stopped with an unexpected error (KeyError).", "Q1-000042"]
