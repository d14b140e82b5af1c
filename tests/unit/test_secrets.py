"""The SMTP password goes to the system keyring when there is one, else into the owner-only settings file."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from posapp.services.secrets import (
    SERVICE,
    SecretStorage,
    keyring_usable,
    mail_password,
    store_mail_password,
)
from posapp.settings import MailSettings, Settings, load_settings, save_settings
from tests.helpers.keyrings import MemoryKeyring

MAIL = MailSettings(host="smtp.example.vn", port=587, user="cuahang@example.vn", sender="cuahang@example.vn")


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def save_mail(mail: MailSettings, path: Path) -> str:
    save_settings(replace(Settings(), mail=mail), path)
    return path.read_text(encoding="utf-8")


def test_with_a_keyring_the_password_never_reaches_the_settings_file(
    memory: MemoryKeyring, tmp_path: Path
) -> None:
    assert keyring_usable()
    mail, where = store_mail_password(MAIL, "mật-khẩu-123")
    assert where is SecretStorage.KEYRING
    text = save_mail(mail, tmp_path / "settings.toml")
    assert "mật-khẩu-123" not in text
    assert memory.entries == {(SERVICE, "cuahang@example.vn@smtp.example.vn"): "mật-khẩu-123"}
    assert mail_password(load_settings(tmp_path / "settings.toml").mail) == "mật-khẩu-123"


def test_without_a_keyring_the_password_is_in_a_file_only_its_owner_can_read(
    no_keyring: None, tmp_path: Path
) -> None:
    assert not keyring_usable()
    mail, where = store_mail_password(MAIL, "secret-pw")
    assert where is SecretStorage.FILE
    path = tmp_path / "settings.toml"
    save_mail(mail, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert mail_password(load_settings(path).mail) == "secret-pw"


def test_none_keeps_the_stored_password_and_moves_it_when_the_account_changes(memory: MemoryKeyring) -> None:
    mail, _where = store_mail_password(MAIL, "first")
    moved = replace(mail, host="mail.example.vn")
    kept, _where = store_mail_password(moved, None, previous=mail)
    assert mail_password(kept) == "first"
    assert list(memory.entries) == [(SERVICE, "cuahang@example.vn@mail.example.vn")]


def test_an_empty_password_forgets_it(memory: MemoryKeyring) -> None:
    mail, _where = store_mail_password(MAIL, "first")
    cleared, _where = store_mail_password(mail, "", previous=mail)
    assert mail_password(cleared) == "" and memory.entries == {}


def test_a_password_kept_in_the_file_moves_into_a_keyring_that_appears_later(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    in_file = replace(MAIL, password="from-file")  # saved on a machine with no keyring
    mail, where = store_mail_password(in_file, None, previous=in_file)
    assert where is SecretStorage.KEYRING and mail.password == ""
    assert mail_password(mail) == "from-file"


def test_a_locked_keyring_falls_back_to_the_owner_only_file(memory: MemoryKeyring) -> None:
    memory.locked = True
    mail, where = store_mail_password(MAIL, "pw")
    assert where is SecretStorage.FILE and mail.password == "pw"
