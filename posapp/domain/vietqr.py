"""VietQR (NAPAS 247) transfer payloads: the EMVCo merchant-presented QR a banking app scans."""

from __future__ import annotations

from posapp.domain.errors import InvalidInput
from posapp.domain.text import ascii_text
from posapp.i18n import _

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
PURPOSE_MAX = 25  # EMVCo tag 62.08 "purpose of transaction" holds at most 25 characters
ACCOUNT_MAX = 19
AMOUNT_DIGITS_MAX = 13


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise InvalidInput(_("The QR field {tag} is too long.").format(tag=tag))
    return f"{tag}{len(value):02d}{value}"


def clean_purpose(purpose: str) -> str:
    """The transfer description as banks accept it: ASCII, single spaces, at most 25 characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in ascii_text(purpose))
    return " ".join(printable.split())[:PURPOSE_MAX].rstrip()


def _validate(bank_bin: str, account: str, amount: int | None) -> None:
    if not (len(bank_bin) == 6 and bank_bin.isascii() and bank_bin.isdigit()):
        raise InvalidInput(
            _("The bank code “{bin}” must be the bank's 6-digit NAPAS BIN.").format(bin=bank_bin)
        )
    if not (1 <= len(account) <= ACCOUNT_MAX and account.isascii() and account.isalnum()):
        raise InvalidInput(
            _("The account number “{account}” must be 1 to 19 letters or digits.").format(account=account)
        )
    if amount is not None and (amount <= 0 or len(str(amount)) > AMOUNT_DIGITS_MAX):
        raise InvalidInput(_("The transfer amount must be more than 0 and at most 13 digits."))


def payload(bank_bin: str, account: str, amount: int | None = None, purpose: str = "") -> str:
    """The VietQR text for a transfer to `account` at the bank `bank_bin`; dynamic when an amount is set."""
    bank_bin, account = bank_bin.strip(), account.strip()
    _validate(bank_bin, account, amount)
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant_account = (
        _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TRANSFER_TO_ACCOUNT)
    )
    parts = [
        _tlv("00", "01"),
        _tlv("01", "12" if amount is not None else "11"),
        _tlv("38", merchant_account),
        _tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        parts.append(_tlv("54", str(amount)))
    parts.append(_tlv("58", COUNTRY_VN))
    description = clean_purpose(purpose)
    if description:
        parts.append(_tlv("62", _tlv("08", description)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse(text: str) -> dict[str, str]:
    """Read one level of EMVCo tag-length-value fields; nested templates are parsed by calling again."""
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not head.isdigit():
            message = _("The QR text is malformed at character {position}.")
            raise InvalidInput(message.format(position=position))
        tag, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise InvalidInput(_("The QR field {tag} is cut short.").format(tag=tag))
        fields[tag] = value
        position += 4 + length
    return fields


def crc_ok(text: str) -> bool:
    """True when the payload ends in a `63` CRC field that matches the text before it."""
    if len(text) < 8 or text[-8:-4] != "6304":
        return False
    return f"{crc16_ccitt_false(text[:-4].encode('ascii')):04X}" == text[-4:].upper()
