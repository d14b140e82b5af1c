"""GUI fixtures: a shop on a real SQLite file with a few products, the main window, scripted dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from posapp.devices.printers import PdfFilePrinter, ReceiptPrinter
from posapp.domain import barcodes as bc
from posapp.domain.errors import PosError
from posapp.domain.staff import COMMAND_LINE, Approval
from posapp.paths import data_dir
from posapp.services.catalog import ProductInput
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, Settings, ShopProfile
from posapp.shop import Shop, open_shop
from posapp.ui.dialogs import ApprovalRequest, DiscountRequest, ParkedChoice, ParkedOption
from posapp.ui.main_window import MainWindow
from posapp.ui.style import apply_style

HONEY = bc.with_check_digit("893621040121")
TEA = bc.with_check_digit("893612080107")
CANDY = bc.with_check_digit("893615300107")
SAUCE = bc.with_check_digit("893609150107")
UNKNOWN = bc.with_check_digit("893699999999")
SHRIMP_PLU = 101

PRODUCTS = (
    ProductInput(
        name="Mật ong hoa cà phê Đắk Lắk chai 500ml",
        cooperative="HTX Cà phê Ea Tu",
        price=180_000,
        barcodes=(HONEY,),
        ocop_stars=4,
        unit="chai",
    ),
    ProductInput(
        name="Trà tim sen Tháp Mười hộp 100g",
        cooperative="HTX Sen Tháp Mười",
        price=95_000,
        barcodes=(TEA,),
        ocop_stars=3,
        unit="hộp",
    ),
    ProductInput(
        name="Kẹo dừa Bến Tre vị sữa gói 400g",
        cooperative="Cơ sở Kẹo dừa Mỏ Cày",
        price=45_000,
        barcodes=(CANDY,),
        ocop_stars=4,
        unit="gói",
    ),
    ProductInput(
        name="Nước mắm Phú Quốc 40 độ đạm chai 500ml",
        cooperative="Cơ sở Nước mắm Hàm Ninh",
        price=95_000,
        barcodes=(SAUCE,),
        ocop_stars=4,
        unit="chai",
    ),
    ProductInput(
        name="Tôm khô Cà Mau loại 1 (cân ký)",
        cooperative="HTX Tôm khô Rạch Gốc",
        price=1_250_000,
        weighed=True,
        plu=SHRIMP_PLU,
        ocop_stars=4,
    ),
)


# The offscreen platform (no real windowing system) reports, as warnings, that it cannot resize or stack
# windows. Those are facts about the test platform, not problems in the app; any other warning still fails.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def shrimp_label(grams: int) -> str:
    return bc.weighed_code(SHRIMP_PLU, grams)


@dataclass
class FakeDialogs:
    """Scripted answers instead of modal dialogs; records what was asked."""

    confirm_answer: bool = True
    text_answer: str | None = ""
    weight_answer: str | None = "0,5"
    discount_answer: DiscountRequest | None = None
    parked_answer: Callable[[Sequence[ParkedOption]], ParkedChoice | None] = lambda options: (
        ParkedChoice(options[0].parked_id) if options else None
    )
    asked: list[str] = field(default_factory=list)
    presented: list[QDialog] = field(default_factory=list)
    modal: list[bool] = field(default_factory=list)
    parked_seen: list[ParkedOption] = field(default_factory=list)
    # A manager's (name, PIN) typed into the approval dialog; None: the cashier gives up.
    approval_answer: tuple[str, str] | None = None
    approvals_asked: list[ApprovalRequest] = field(default_factory=list)
    approval_errors: list[str] = field(default_factory=list)  # what the dialog said before giving up
    file_answer: Path | None = None
    folder_answer: Path | None = None

    def confirm(self, title: str, question: str) -> bool:
        self.asked.append(question)
        return self.confirm_answer

    def ask_text(self, title: str, label: str) -> str | None:
        self.asked.append(label)
        return self.text_answer

    def ask_weight(self, product: str) -> str | None:
        self.asked.append(product)
        return self.weight_answer

    def ask_discount(self, line: str | None) -> DiscountRequest | None:
        self.asked.append(f"discount {line}")
        return self.discount_answer

    def choose_parked(self, options: Sequence[ParkedOption]) -> ParkedChoice | None:
        self.parked_seen = list(options)
        return self.parked_answer(options)

    def ask_approval(self, request: ApprovalRequest) -> Approval | None:
        self.approvals_asked.append(request)
        if self.approval_answer is None:
            return None
        try:
            return request.approve(*self.approval_answer)
        except PosError as error:  # the real dialog shows it under the PIN pad; a cashier then cancels
            self.approval_errors.append(str(error))
            return None

    def choose_file(self, title: str, folder: Path, pattern: str) -> Path | None:
        self.asked.append(title)
        return self.file_answer

    def choose_folder(self, title: str, folder: Path) -> Path | None:
        self.asked.append(title)
        return self.folder_answer

    def present(self, dialog: QDialog, modal: bool = False) -> None:
        self.presented.append(dialog)
        self.modal.append(modal)
        dialog.show()  # never modal here: a test drives the dialog and the window behind it


class SwitchablePrinter:
    """The real PDF printer, which a test can make fail like a printer out of paper."""

    def __init__(self, folder: Path, shop: Shop) -> None:
        self.real = PdfFilePrinter(folder, shop.settings.shop, shop.settings.bank)
        self.failing = False
        self.printed: list[str] = []

    def print_receipt(self, receipt: Receipt) -> str:
        if self.failing:
            from posapp.devices.printers import PrinterError

            raise PrinterError("The printer is out of paper.")
        where = self.real.print_receipt(receipt)
        self.printed.append(where)
        return where


def ui_settings(url: str) -> Settings:
    return Settings(
        database_url=url,
        till="Q1",
        language="en",
        shop=ShopProfile(name="Cửa hàng thử"),
        bank=BankAccount(bin="970436", account="0011004237596", account_name="CUA HANG THU"),
    )


def stock_products(shop: Shop) -> None:
    for product in PRODUCTS:
        shop.catalog.save_product(product, actor=COMMAND_LINE)


@pytest.fixture
def styled(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app)


@pytest.fixture
def ui_shop(sqlite_url: str) -> Iterator[Shop]:
    shop = open_shop(ui_settings(sqlite_url), migrate=False)
    stock_products(shop)
    yield shop
    shop.close()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def printer(ui_shop: Shop) -> SwitchablePrinter:
    return SwitchablePrinter(data_dir() / "receipts", ui_shop)


def open_window(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, printer: ReceiptPrinter) -> MainWindow:
    window = MainWindow(shop, printer, dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.sell.scan_field.hasFocus())
    return window


@pytest.fixture
def window(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter
) -> Iterator[MainWindow]:
    opened = open_window(qtbot, ui_shop, dialogs, printer)
    yield opened
    opened.stop_listening()


def scan(qtbot: QtBot, window: MainWindow, code: str, target: object = None) -> None:
    """What a scanner does: the digits at full speed, then Enter, into whatever has the focus."""
    widget = target or window.sell.scan_field
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(window.sell.scan_field, key, modifier)
