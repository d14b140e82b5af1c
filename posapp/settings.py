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
class Settings:
    database_url: str = ""
    till: str = "Q1"
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    shop: ShopProfile = field(default_factory=ShopProfile)
    bank: BankAccount = field(default_factory=BankAccount)
    scanner: ScannerTiming = field(default_factory=ScannerTiming)


_SECTIONS = {"shop": ShopProfile, "bank": BankAccount, "scanner": ScannerTiming}


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
