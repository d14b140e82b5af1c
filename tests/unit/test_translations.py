"""Every user-facing string has a current Vietnamese translation that keeps its placeholders."""

from __future__ import annotations

import re

import pytest

from posapp.devtools import translations
from posapp.domain import barcodes
from posapp.domain.errors import InvalidBarcode
from posapp.i18n import _, set_language

PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def test_every_message_in_the_source_is_translated_and_compiled() -> None:
    assert translations.problems("vi") == []


def test_translations_keep_every_placeholder() -> None:
    catalog = translations.load("vi")
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, message.id


def test_vietnamese_is_the_default_and_english_is_there_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POSAPP_LANG")
    assert set_language() == "vi"
    with pytest.raises(InvalidBarcode, match="sai số kiểm tra"):
        barcodes.symbology("8930000000018")
    assert _("Cash") == "Tiền mặt"
    set_language("en")
    assert _("Cash") == "Cash"
