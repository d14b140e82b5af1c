"""The till's main window: a header with the shop and till, the sell view, the scanner listening app-wide."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from posapp.devices.printers import ReceiptPrinter
from posapp.i18n import _
from posapp.shop import Shop
from posapp.ui.cart_model import CartModel
from posapp.ui.cashier import Cashier
from posapp.ui.dialogs import Dialogs, QtDialogs
from posapp.ui.scanner_filter import ScannerFilter
from posapp.ui.sell_view import SellView

BUTTON_ORDER = ("search", "quantity", "remove", "discount", "park", "resume", "new_sale")


def window_title(shop: Shop) -> str:
    return _("{shop} — till {till}").format(shop=shop.settings.shop.name, till=shop.settings.till)


class MainWindow(QMainWindow):
    def __init__(self, shop: Shop, printer: ReceiptPrinter, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.shop = shop
        self.setWindowTitle(window_title(shop))
        self.model = CartModel()
        self.sell = SellView(self.model)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        layout.addWidget(self.sell, 1)
        self.setCentralWidget(central)
        self.dialogs: Dialogs = dialogs if dialogs is not None else QtDialogs(self)
        self.cashier = Cashier(shop, self.sell, self.dialogs, printer, self)
        actions = self.cashier.actions
        self.buttons = self.sell.add_buttons([actions[name] for name in BUTTON_ORDER], actions["pay"])
        self.scanner = ScannerFilter(shop.settings.scanner, self)
        self.scanner.barcode_scanned.connect(self.cashier.scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
        self.resize(1366, 768)
        self._settled = False
        self.sell.focus_scan()

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        header.setStyleSheet("#header { background: #0f766e; } #header QLabel { color: white; }")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 8, 16, 8)
        name = QLabel(self.shop.settings.shop.name)
        name.setStyleSheet("font-size: 15pt; font-weight: bold;")
        till = QLabel(_("Till {till}").format(till=self.shop.settings.till))
        till.setStyleSheet("font-size: 12pt;")
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet("font-size: 12pt;")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(name)
        row.addSpacing(18)
        row.addWidget(till)
        row.addStretch(1)
        row.addWidget(self.clock_label)
        self._tick()
        timer = QTimer(header)
        timer.timeout.connect(self._tick)
        timer.start(20_000)
        return header

    def _tick(self) -> None:
        clock = self.shop.clock
        self.clock_label.setText(f"{clock.local(clock.now()):%d/%m/%Y  %H:%M}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sell.focus_scan()
        if not self._settled:
            # Everything built so far (Qt wrappers, the ORM's mappings, the catalogue cache) lives as long
            # as the till: keep it out of the garbage collector's full passes, which would otherwise stall
            # a scan now and then for several milliseconds.
            gc.collect()
            gc.freeze()
            self._settled = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.cashier.parking.park_before_closing():
            event.ignore()
            return
        self.stop_listening()
        super().closeEvent(event)

    def stop_listening(self) -> None:
        """Stop taking scanner keys app-wide (the window is going away)."""
        self.scanner.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
