"""The SMTP password: kept in the system keyring when there is one, else in the owner-only settings file."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from enum import StrEnum

import keyring
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from posapp.settings import MailSettings

SERVICE = "posapp-mail"


class SecretStorage(StrEnum):
    KEYRING = "keyring"
    FILE = "file"


def keyring_usable() -> bool:
    """Whether a real keyring backend is there (not keyring's "fail" or "null" stand-ins, nor an empty chain)."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return float(backend.priority) > 0


def account(mail: MailSettings) -> str:
    """The keyring entry's user name: one password per SMTP account, as a mail client keeps them."""
    return f"{mail.user}@{mail.host}"


def mail_password(mail: MailSettings) -> str:
    """The password to log in to `mail`'s SMTP server; empty when none is stored."""
    if mail.password:  # stored in the file because there was no keyring when it was saved
        return mail.password
    if not keyring_usable():
        return ""
    try:
        return keyring.get_password(SERVICE, account(mail)) or ""
    except KeyringError:  # a locked or broken keyring reads as "no password"; sending will say so
        return ""


def has_mail_password(mail: MailSettings) -> bool:
    return bool(mail_password(mail))


def store_mail_password(
    mail: MailSettings, password: str | None, previous: MailSettings | None = None
) -> tuple[MailSettings, SecretStorage]:
    """Keep `password` for `mail`'s account; returns the mail settings to write to the file and where it went.

    `password` None keeps the one already stored (moved along if the host or user changed); "" forgets it.
    """
    if password is None:
        password = mail_password(previous if previous is not None else mail)
    old_account = account(previous) if previous is not None else None
    if keyring_usable():
        try:
            if password:
                keyring.set_password(SERVICE, account(mail), password)
            else:
                _forget(account(mail))
            if old_account is not None and old_account != account(mail):
                _forget(old_account)
            return replace(mail, password=""), SecretStorage.KEYRING
        except KeyringError:
            pass  # a keyring that refuses (locked, no session bus): the owner-only file still works
    return replace(mail, password=password), SecretStorage.FILE


def _forget(name: str) -> None:
    with suppress(PasswordDeleteError):  # nothing was stored under that name
        keyring.delete_password(SERVICE, name)
