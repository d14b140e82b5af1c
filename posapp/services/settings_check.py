"""Checks on settings before they are saved: every problem named with the field it belongs to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from posapp.domain import vietqr
from posapp.domain.errors import InvalidInput, PosError
from posapp.i18n import LANGUAGES, _
from posapp.services.ledger import check_till
from posapp.settings import Settings

PRINTER_KINDS = ("pdf", "system", "escpos-network", "escpos-usb", "escpos-serial", "escpos-file")
PAPER_WIDTHS = (80, 58)
RECEIPT_LANGUAGES = ("vi", "en", "vi+en")
SCANNER_SUFFIXES = ("enter", "tab", "enter,tab")
BAUDRATES = (9600, 19200, 38400, 57600, 115200)

_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
_PHONE = re.compile(r"\+?[\d .-]+")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[?[0-9A-Fa-f:]+\]?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

Need = Callable[[bool, str, str], None]  # need(ok, field, message): note a problem unless ok


@dataclass(frozen=True)
class Problem:
    field: str  # "section.name" as in Settings, e.g. "bank.bin"
    message: str


class SettingsRejected(InvalidInput):
    """Settings with mistakes; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.message for problem in problems))
        self.problems = problems


def settings_problems(settings: Settings) -> list[Problem]:
    """Every mistake in `settings`, in the order the settings screen shows its fields."""
    problems: list[Problem] = []

    def need(ok: bool, field: str, message: str) -> None:
        if not ok:
            problems.append(Problem(field, message))

    shop = settings.shop
    need(bool(shop.name.strip()), "shop.name", _("The shop needs a name: it heads every receipt."))
    need(len(shop.name) <= 100, "shop.name", _("The shop's name is too long (at most 100 characters)."))
    need(
        not shop.tax_code or bool(_TAX_CODE.fullmatch(shop.tax_code)),
        "shop.tax_code",
        _("A tax code is 10 digits, or 10 digits, a dash and 3 digits (0312345678-001)."),
    )
    digits = sum(ch.isdigit() for ch in shop.phone)
    need(
        not shop.phone or (bool(_PHONE.fullmatch(shop.phone)) and 8 <= digits <= 15),
        "shop.phone",
        _("A phone number is 8 to 15 digits (spaces, dots and a leading + are fine)."),
    )
    _check_bank(settings, need)
    _check_printer(settings, need)
    try:
        check_till(settings.till)
    except PosError as error:
        problems.append(Problem("till", str(error)))
    need(settings.language in LANGUAGES, "language", _("Choose Vietnamese or English."))
    scanner = settings.scanner
    need(
        5 <= scanner.max_gap_ms <= 500,
        "scanner.max_gap_ms",
        _("The gap between a scanner's keys is 5 to 500 milliseconds."),
    )
    need(
        1 <= scanner.min_length <= 48,
        "scanner.min_length",
        _("The shortest barcode is 1 to 48 characters."),
    )
    need(scanner.suffix in SCANNER_SUFFIXES, "scanner.suffix", _("The scanner ends a code with Enter or Tab."))
    _check_mail(settings, need)
    backup = settings.backup
    need(
        not backup.folder or Path(backup.folder).expanduser().is_absolute(),
        "backup.folder",
        _("The backup folder must be a full path, like /home/shop/backups or D:\\Backups."),
    )
    need(1 <= backup.keep <= 365, "backup.keep", _("Keep 1 to 365 backups."))
    staff = settings.staff
    need(
        0 <= staff.discount_limit_bp <= 10_000,
        "staff.discount_limit_bp",
        _("The discount a cashier may give alone is 0 to 100 %."),
    )
    need(1 <= staff.lockout_attempts <= 20, "staff.lockout_attempts", _("Lock after 1 to 20 wrong PINs."))
    need(
        1 <= staff.lockout_minutes <= 1_440,
        "staff.lockout_minutes",
        _("A lock lasts 1 minute to 24 hours."),
    )
    return problems


def check_settings(settings: Settings) -> Settings:
    """`settings` when they have no mistakes; otherwise SettingsRejected listing them all."""
    problems = settings_problems(settings)
    if problems:
        raise SettingsRejected(problems)
    return settings


def _check_bank(settings: Settings, need: Need) -> None:
    bank = settings.bank
    if not (bank.bin or bank.account or bank.account_name):
        return  # no transfers: the payment screen says how to set them up
    need(
        len(bank.bin) == 6 and bank.bin.isascii() and bank.bin.isdigit(),
        "bank.bin",
        _("The bank code (BIN) is 6 digits: choose the bank from the list."),
    )
    need(
        1 <= len(bank.account) <= vietqr.ACCOUNT_MAX and bank.account.isascii() and bank.account.isdigit(),
        "bank.account",
        _("The account number is digits only, at most 19."),
    )
    need(len(bank.account_name) <= 50, "bank.account_name", _("The account name is at most 50 characters."))


def _check_printer(settings: Settings, need: Need) -> None:
    printer = settings.printer
    need(printer.kind in PRINTER_KINDS, "printer.kind", _("Choose how the receipts are printed."))
    need(printer.width_mm in PAPER_WIDTHS, "printer.width_mm", _("The paper is 80 mm or 58 mm wide."))
    need(
        printer.receipt_language in RECEIPT_LANGUAGES,
        "printer.receipt_language",
        _("Receipts are in Vietnamese, English or both."),
    )
    if printer.kind == "escpos-network":
        need(
            bool(_HOST.fullmatch(printer.host)),
            "printer.host",
            _("Type the printer's network address, like 192.168.1.50."),
        )
        need(1 <= printer.port <= 65_535, "printer.port", _("A network port is 1 to 65535 (printers use 9100)."))
    elif printer.kind == "escpos-usb":
        need(
            0 < printer.usb_vendor <= 0xFFFF,
            "printer.usb_vendor",
            _("Type the printer's USB vendor ID, 4 hex digits like 04B8."),
        )
        need(
            0 < printer.usb_product <= 0xFFFF,
            "printer.usb_product",
            _("Type the printer's USB product ID, 4 hex digits like 0202."),
        )
    elif printer.kind == "escpos-serial":
        need(
            bool(printer.serial_device.strip()),
            "printer.serial_device",
            _("Type the serial port, like /dev/ttyUSB0 or COM3."),
        )
        need(printer.baudrate in BAUDRATES, "printer.baudrate", _("Choose the printer's speed (baud rate)."))
    elif printer.kind == "escpos-file":
        need(
            bool(printer.file_path.strip()),
            "printer.file_path",
            _("Type the device file the printer is on, like /dev/usb/lp0."),
        )


def _check_mail(settings: Settings, need: Need) -> None:
    mail = settings.mail
    if not mail.host:
        return  # no mail: purchase orders are printed or saved instead
    need(bool(_HOST.fullmatch(mail.host)), "mail.host", _("Type the mail server's name, like smtp.gmail.com."))
    need(1 <= mail.port <= 65_535, "mail.port", _("A mail port is 1 to 65535 (usually 587)."))
    need(
        bool(_EMAIL.fullmatch(mail.sender)),
        "mail.sender",
        _("Type the address mail is sent from, like shop@example.vn."),
    )
