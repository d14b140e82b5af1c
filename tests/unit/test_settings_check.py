"""Settings are checked whole before saving: each mistake named with its field, in words a shop owner reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from posapp.services.settings_check import SettingsRejected, check_settings, settings_problems
from posapp.settings import (
    BackupSettings,
    BankAccount,
    MailSettings,
    PrinterSettings,
    ScannerTiming,
    Settings,
    ShopProfile,
    StaffRules,
)

GOOD = Settings(
    till="Q2",
    shop=ShopProfile(name="Cửa hàng OCOP Hội An", tax_code="4000123456-001", phone="+84 235 3861 234"),
    bank=BankAccount(bin="970436", account="0011004237596", account_name="CUA HANG OCOP"),
    mail=MailSettings(host="smtp.gmail.com", port=587, user="shop@gmail.com", sender="shop@gmail.com"),
)


def fields(settings: Settings) -> list[str]:
    return [problem.field for problem in settings_problems(settings)]


def test_good_settings_and_the_defaults_pass() -> None:
    assert check_settings(GOOD) == GOOD
    assert settings_problems(Settings()) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"shop": ShopProfile(name="  ")}, "shop.name"),
        ({"shop": ShopProfile(tax_code="12345")}, "shop.tax_code"),
        ({"shop": ShopProfile(phone="call me")}, "shop.phone"),
        ({"bank": BankAccount(bin="97043", account="0011004237596")}, "bank.bin"),
        ({"bank": BankAccount(bin="970436", account="0011-0042")}, "bank.account"),
        ({"bank": BankAccount(bin="970436", account="")}, "bank.account"),
        ({"till": "Q 1"}, "till"),
        ({"language": "fr"}, "language"),
        ({"scanner": ScannerTiming(max_gap_ms=1)}, "scanner.max_gap_ms"),
        ({"scanner": ScannerTiming(suffix="space")}, "scanner.suffix"),
        ({"printer": PrinterSettings(kind="escpos-network", host="")}, "printer.host"),
        ({"printer": PrinterSettings(kind="escpos-usb", usb_vendor=0x04B8)}, "printer.usb_product"),
        ({"printer": PrinterSettings(kind="escpos-serial", serial_device=" ")}, "printer.serial_device"),
        ({"printer": PrinterSettings(kind="escpos-file")}, "printer.file_path"),
        ({"printer": PrinterSettings(width_mm=76)}, "printer.width_mm"),
        ({"mail": MailSettings(host="smtp.example.vn", sender="not an address")}, "mail.sender"),
        ({"backup": BackupSettings(folder="backups")}, "backup.folder"),
        ({"backup": BackupSettings(keep=0)}, "backup.keep"),
        ({"staff": StaffRules(discount_limit_bp=12_000)}, "staff.discount_limit_bp"),
    ],
)
def test_each_mistake_is_named_with_its_field(change: dict[str, object], field: str) -> None:
    assert fields(replace(GOOD, **change)) == [field]  # type: ignore[arg-type]


def test_fields_of_another_printer_kind_are_not_checked() -> None:
    assert fields(replace(GOOD, printer=PrinterSettings(kind="pdf", host="", port=0))) == []


def test_every_mistake_is_reported_at_once_and_nothing_is_accepted() -> None:
    wrong = replace(GOOD, till="", bank=BankAccount(bin="1", account="x"))
    with pytest.raises(SettingsRejected) as rejected:
        check_settings(wrong)
    assert [p.field for p in rejected.value.problems] == ["bank.bin", "bank.account", "till"]
    assert "6 digits" in str(rejected.value)
