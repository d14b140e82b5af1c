"""Vietnamese text: kept exact (NFC), folded for search without diacritics."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.text import ascii_text, fold, nfc

DECOMPOSED = unicodedata.normalize("NFD", "Tôm khô Cà Mau")


def test_search_without_accents_finds_the_product() -> None:
    assert "tom kho" in fold("Tôm khô Cà Mau")
    assert fold("Tôm khô  Cà Mau") == "tom kho ca mau"
    assert fold("TÔM KHÔ") == fold("tom kho")


def test_fold_matches_text_typed_in_either_unicode_form() -> None:
    assert DECOMPOSED != "Tôm khô Cà Mau"
    assert fold(DECOMPOSED) == fold("Tôm khô Cà Mau") == "tom kho ca mau"


def test_d_with_stroke_folds_to_d() -> None:
    assert fold("Đặc sản Đà Lạt đậu đỏ") == "dac san da lat dau do"
    assert fold("Đ") == fold("đ") == "d"
    assert ascii_text("Đà Lạt đậu") == "Da Lat dau"


def test_nfc_composes_decomposed_vietnamese() -> None:
    assert nfc(DECOMPOSED) == "Tôm khô Cà Mau"
    assert len(nfc(DECOMPOSED)) == len("Tôm khô Cà Mau")
    assert nfc("Mắm tôm") == "Mắm tôm"


def test_ascii_text_keeps_case_and_drops_only_accents() -> None:
    assert ascii_text("Nước mắm Phú Quốc") == "Nuoc mam Phu Quoc"


@given(st.text())
def test_fold_is_idempotent_and_accent_free(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))
    assert "đ" not in folded


@given(st.text())
def test_nfc_does_not_depend_on_the_input_form(text: str) -> None:
    assert nfc(unicodedata.normalize("NFD", text)) == nfc(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
