"""The till's main window: a header with the shop and till, the sell view, the scanner listening app-wide."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.devices.printers import ReceiptPrinter
from posapp.domain.errors import PosError
from posapp.domain.staff import Actor
from posapp.i18n import _
from posapp.settings import Settings
from posapp.shop import Shop
from posapp.ui.approval import who_label
from posapp.ui.back_office import BackOffice
from posapp.ui.back_office_pages import back_office_pages
from posapp.ui.cart_model import CartModel
from posapp.ui.cashier import Cashier
from posapp.ui.context import ViewContext
from posapp.ui.daily_backup import DailyBackup
from posapp.ui.dialogs import Dialogs, QtDialogs
from posapp.ui.printing import use_shop_profile
from posapp.ui.scanner_filter import ScannerFilter
from posapp.ui.sell_view import SellView
from posapp.ui.sign_in import SignInScreen
from posapp.ui.staffing import staff_service
from posapp.ui.till_staff import NOBODY

BUTTON_ORDER = ("search", "quantity", "remove", "discount", "park", "resume", "new_sale")
PRINT_WAIT_SECONDS = 3.0  # on closing, a receipt being printed gets this long to come out


def window_title(shop: Shop) -> str:
    return _("{shop} — till {till}").format(shop=shop.settings.shop.name, till=shop.settings.till)


class MainWindow(QMainWindow):
    def __init__(self, shop: Shop, printer: ReceiptPrinter, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.shop = shop
        self.printer = printer
        self.setWindowTitle(window_title(shop))
        self.model = CartModel()
        self.sell = SellView(self.model)
        self.dialogs: Dialogs = dialogs if dialogs is not None else QtDialogs(self)
        self.cashier = Cashier(shop, self.sell, self.dialogs, printer, self)
        actions = self.cashier.actions
        self.buttons = self.sell.add_buttons([actions[name] for name in BUTTON_ORDER], actions["pay"])
        context = ViewContext(shop=shop, dialogs=self.dialogs, actor=self.actor, settings_saved=self.settings_saved)
        self.back_office = BackOffice(context, back_office_pages(printer))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sell)
        self.pages.addWidget(self.back_office)
        staff = staff_service(shop)
        self.sign_in = SignInScreen(staff, shop.clock)
        self.sign_in.signed_in.connect(self.signed_in)
        self.sign_in.cancelled.connect(lambda: self.signed_in(self._before_switch or NOBODY))
        self.sign_in.skipped.connect(lambda: self.signed_in(NOBODY))
        self.pages.addWidget(self.sign_in)
        self._before_switch: Actor | None = None
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.scanner = ScannerFilter(shop.settings.scanner, self)
        self.scanner.barcode_scanned.connect(self.cashier.scan)
        self._listening = False
        self._listen(True)
        if staff.has_users():
            self.switch_user(first=True)  # nobody sells before a PIN
        else:  # a new shop: the till works at once; the owner's account can be set up now or later
            self.sell.banner.show_message(
                _("No staff accounts yet: anyone at this till acts as the owner."),
                "info",
                _("Set up the owner"),
                self.switch_user,
            )
        self.daily_backup = DailyBackup(shop, self)
        self.daily_backup.failed.connect(lambda message: self.sell.banner.show_message(message, "warning"))
        self.resize(1366, 768)
        self._settled = False
        self.sell.focus_scan()

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        header.setStyleSheet(
            "#header { background: #0f766e; } #header QLabel { color: white; }"
            " #officeButton { color: white; background: transparent; border: 1px solid #9fd6cf;"
            " border-radius: 6px; padding: 2px 12px; font-size: 11pt; }"
        )
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 8, 16, 8)
        self.shop_label = name = QLabel(self.shop.settings.shop.name)
        name.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.till_label = till = QLabel(_("Till {till}").format(till=self.shop.settings.till))
        till.setStyleSheet("font-size: 12pt;")
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet("font-size: 12pt;")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(name)
        row.addSpacing(18)
        row.addWidget(till)
        row.addStretch(1)
        self.user_label = QLabel()
        self.user_label.setStyleSheet("font-size: 12pt;")
        row.addWidget(self.user_label)
        self.user_button = QPushButton(_("Switch user · F11"))
        self.user_button.setObjectName("officeButton")
        self.user_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.user_button.clicked.connect(lambda: self.switch_user())
        switch = QAction(self)
        switch.setShortcut(QKeySequence("F11"))
        switch.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        switch.triggered.connect(lambda: self.switch_user())
        self.addAction(switch)
        row.addWidget(self.user_button)
        self.office_button = QPushButton()
        self.office_button.setObjectName("officeButton")
        self.office_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.office_button.clicked.connect(self.toggle_back_office)
        toggle = QAction(self)
        toggle.setShortcut(QKeySequence("F10"))
        toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        toggle.triggered.connect(self.toggle_back_office)
        self.addAction(toggle)
        self._label_office_button()
        row.addWidget(self.office_button)
        row.addSpacing(18)
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
        # A receipt on its way to the printer finishes before the app goes; a dead printer is not waited out.
        self.cashier.printing.wait(PRINT_WAIT_SECONDS)
        super().closeEvent(event)

    def start_daily_backup(self) -> bool:
        """The day's automatic backup, in the background once the till is open; a failure only warns."""
        return self.daily_backup.start()

    def settings_saved(self, settings: Settings) -> None:
        """Saved in the back office: the header and the next receipts show the shop as it is now."""
        self.setWindowTitle(window_title(self.shop))
        self.shop_label.setText(settings.shop.name)
        self.till_label.setText(_("Till {till}").format(till=settings.till))
        use_shop_profile(self.printer, settings)

    def actor(self) -> Actor:
        """Who is signed in at this till: the back office acts on their behalf."""
        actor = self.cashier.staff.actor
        if actor is None:
            raise PosError(_("Sign in first."))
        return actor

    def switch_user(self, first: bool = False) -> None:
        """F11: the PIN pad. Until someone signs in, scans are refused and PIN digits never become a scan."""
        if self.cashier.payment_dialog is not None:
            return
        self._before_switch = None if first else self.cashier.staff.actor
        self.cashier.staff.set_actor(None)
        self._listen(False)
        self.sign_in.allow_cancel(not first)
        self.sign_in.refresh()
        self.pages.setCurrentWidget(self.sign_in)
        self._label_office_button()

    def signed_in(self, actor: Actor) -> None:
        self.cashier.staff.set_actor(actor)
        self.user_label.setText(who_label(actor) if actor.user_id is not None else "")
        self.pages.setCurrentWidget(self.sell)
        self._listen(True)
        self._label_office_button()
        self.sell.focus_scan()

    def in_back_office(self) -> bool:
        return self.pages.currentWidget() is self.back_office

    def toggle_back_office(self) -> None:
        """F10: between the till and the back office. In the back office a scanner types into the field
        that has the focus (a product search, a count), like a keyboard; back at the till it sells again."""
        if self.cashier.payment_dialog is not None or self.pages.currentWidget() is self.sign_in:
            return
        going = not self.in_back_office()
        self.pages.setCurrentWidget(self.back_office if going else self.sell)
        self._listen(not going)
        self._label_office_button()
        if going:
            self.back_office.open()
        else:
            self.sell.focus_scan()

    def _label_office_button(self) -> None:
        self.office_button.setText(_("Till · F10") if self.in_back_office() else _("Back office · F10"))

    def _listen(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._listening:
            return
        if on:
            app.installEventFilter(self.scanner)
        else:
            self.scanner.flush()
            app.removeEventFilter(self.scanner)
        self._listening = on

    def stop_listening(self) -> None:
        """Stop taking scanner keys app-wide (the window is going away)."""
        self.scanner.flush()
        self._listen(False)
