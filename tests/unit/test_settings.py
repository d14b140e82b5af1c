"""Settings: a TOML file in the config folder, with the environment having the last word."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp.settings import BankAccount, ScannerTiming, Settings, ShopProfile, load_settings, save_settings

CUSTOM = Settings(
    database_url="postgresql://pos@server/shop",
    till="Q2",
    language="vi",
    timezone="Asia/Ho_Chi_Minh",
    shop=ShopProfile(name="Cửa hàng OCOP Đà Lạt", address="12 Phan Đình Phùng", tax_code="5800000000"),
    bank=BankAccount(bin="970436", account="0071000123456", account_name="NGUYEN VAN A"),
    scanner=ScannerTiming(max_gap_ms=50, min_length=8, suffix="tab"),
)


@pytest.fixture
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("POSAPP_DATABASE_URL", "POSAPP_TILL", "POSAPP_LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("plain_env")
def test_saved_settings_load_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.toml"
    save_settings(CUSTOM, path)
    assert load_settings(path) == CUSTOM
    assert "Đà Lạt" in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0  # the bank account is not for other users


@pytest.mark.usefixtures("plain_env")
def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


@pytest.mark.usefixtures("plain_env")
def test_the_default_place_is_the_config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POSAPP_CONFIG_DIR", str(tmp_path / "cfg"))
    save_settings(CUSTOM)
    assert (tmp_path / "cfg" / "settings.toml").exists()
    assert load_settings() == CUSTOM


@pytest.mark.usefixtures("plain_env")
def test_unknown_keys_are_ignored_and_sections_partly_filled(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('till = "Q3"\nfuture = 1\n[shop]\nname = "Gian hàng"\nlogo = "x.png"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.till == "Q3"
    assert settings.shop == ShopProfile(name="Gian hàng")
    assert settings.bank == BankAccount()


def test_environment_overrides_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(CUSTOM, path)
    monkeypatch.setenv("POSAPP_DATABASE_URL", "sqlite:///elsewhere.sqlite3")
    monkeypatch.setenv("POSAPP_TILL", "Q9")
    monkeypatch.setenv("POSAPP_LANG", "en")
    settings = load_settings(path)
    assert (settings.database_url, settings.till, settings.language) == (
        "sqlite:///elsewhere.sqlite3",
        "Q9",
        "en",
    )
    assert settings.shop == CUSTOM.shop
    # The override is not written back.
    monkeypatch.delenv("POSAPP_DATABASE_URL")
    monkeypatch.delenv("POSAPP_TILL")
    monkeypatch.delenv("POSAPP_LANG")
    assert load_settings(path) == CUSTOM


def test_empty_environment_values_do_not_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(CUSTOM, path)
    monkeypatch.setenv("POSAPP_DATABASE_URL", "")
    monkeypatch.setenv("POSAPP_TILL", "")
    monkeypatch.setenv("POSAPP_LANG", "")
    assert load_settings(path) == CUSTOM
