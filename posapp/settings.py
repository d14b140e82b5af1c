"""One typed Settings object, read from settings.toml in the config folder and the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from posapp.paths import config_dir


@dataclass(frozen=True)
class ShopProfile:
    name: str = "Cửa hàng OCOP"
    address: str = ""
    tax_code: str = ""
    phone: str = ""
    footer: str = "Cảm ơn quý khách! Thank you!"


@dataclass(frozen=True)
class BankAccount:
    """Where VietQR transfers go: the bank's NAPAS BIN and the account number."""

    bin: str = ""
    account: str = ""
    account_name: str = ""


@dataclass(frozen=True)
class ScannerTiming:
    """A burst of keys closer together than `max_gap_ms`, ending in the suffix key, is a scan."""

    max_gap_ms: int = 30
    min_length: int = 6
    suffix: str = "enter"


@dataclass(frozen=True)
class PrinterSettings:
    """The receipt printer: `kind` is pdf, system, escpos-network, escpos-usb, escpos-serial or escpos-file."""

    kind: str = "pdf"
    width_mm: int = 80
    host: str = ""
    port: int = 9100
    usb_vendor: int = 0
    usb_product: int = 0
    serial_device: str = ""
    baudrate: int = 9600
    file_path: str = ""
    system_name: str = ""
    raster: bool = True  # False: plain text without accents, for printers that cannot take images
    cash_drawer: bool = True
    receipt_language: str = "vi"  # vi, en or vi+en


@dataclass(frozen=True)
class MailSettings:
    """SMTP for sending purchase orders; the password lives in the system keyring where there is one."""

    host: str = ""
    port: int = 587
    starttls: bool = True
    user: str = ""
    sender: str = ""
    password: str = ""  # only where no keyring is available; the settings file is then owner-readable only


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""  # empty: the `backups` folder in the data folder
    keep: int = 14
    daily: bool = True


@dataclass(frozen=True)
class StaffRules:
    """What a cashier may do alone; above these a manager approves."""

    discount_limit_bp: int = 1000  # a discount above 10 % needs a manager
    lockout_attempts: int = 5
    lockout_minutes: int = 5


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    till: str = "Q1"
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    shop: ShopProfile = field(default_factory=ShopProfile)
    bank: BankAccount = field(default_factory=BankAccount)
    scanner: ScannerTiming = field(default_factory=ScannerTiming)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    staff: StaffRules = field(default_factory=StaffRules)


_SECTIONS = {
    "shop": ShopProfile,
    "bank": BankAccount,
    "scanner": ScannerTiming,
    "printer": PrinterSettings,
    "mail": MailSettings,
    "backup": BackupSettings,
    "staff": StaffRules,
}


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def _from_dict(data: dict[str, Any]) -> Settings:
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _SECTIONS and isinstance(value, dict):
            section = _SECTIONS[key]
            names = {f.name for f in fields(section)}
            values[key] = section(**{k: v for k, v in value.items() if k in names})
        elif key in known:
            values[key] = value
    return Settings(**values)


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the file (defaults when missing), then POSAPP_DATABASE_URL, POSAPP_TILL, POSAPP_LANG."""
    path = path or settings_path()
    settings = Settings()
    if path.exists():
        with path.open("rb") as handle:
            settings = _from_dict(tomllib.load(handle))
    overrides: dict[str, Any] = {}
    if url := os.environ.get("POSAPP_DATABASE_URL"):
        overrides["database_url"] = url
    if till := os.environ.get("POSAPP_TILL"):
        overrides["till"] = till
    if language := os.environ.get("POSAPP_LANG"):
        overrides["language"] = language
    return replace(settings, **overrides)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(tomli_w.dumps(asdict(settings)).encode("utf-8"))
    temporary.chmod(0o600)
    temporary.replace(path)
