"""Receipt options a customer notices: the language(s), a gift receipt without prices, the reprint mark."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from reportlab.lib.units import mm

from posapp.documents.phrases import Voice
from posapp.documents.receipt import ReceiptOptions, receipt_blocks, render_receipt_pdf
from posapp.documents.roll import Block, Columns, QrCode, Row, render_roll_pdf
from posapp.domain.errors import InvalidInput
from posapp.services.dto import Receipt
from tests.integration.documents.samples import (
    BANK,
    FISH_SAUCE,
    SHOP,
    STORY,
    TYPICAL_LINES,
    line,
    placed_text,
    receipt,
    text_of,
)

AMOUNT = re.compile(r"\d\.\d{3}")  # 125.000: any amount in dong


def lines_of(document: bytes) -> list[str]:
    return [text.strip() for text in text_of(document).splitlines()]


def test_a_vietnamese_receipt_prints_names_exactly_with_vietnamese_labels() -> None:
    printed = lines_of(render_receipt_pdf(receipt(), SHOP, BANK))
    assert FISH_SAUCE in printed
    assert "Tôm khô Cà Mau loại 1 (cân ký)" in printed
    assert "Gạo ST25 Sóc Trăng túi 5kg" in printed
    text = "\n".join(printed)
    for label in ("HÓA ĐƠN BÁN LẺ", "Số hóa đơn", "Thu ngân", "TỔNG CỘNG", "Tiền mặt", "Tiền thừa trả khách"):
        assert label in text, label
    for english in ("SALES RECEIPT", "TOTAL", "Cash", "Change", "Phu Quoc fish sauce"):
        assert english not in text, english


def test_every_text_is_normalised_to_nfc_before_drawing() -> None:
    decomposed = unicodedata.normalize("NFD", FISH_SAUCE)
    assert decomposed != FISH_SAUCE
    sale = receipt([line(name=decomposed, cooperative=unicodedata.normalize("NFD", "HTX Nước mắm Phú Quốc"))])
    text = text_of(render_receipt_pdf(sale, SHOP))
    assert FISH_SAUCE in text.splitlines()
    assert "HTX Nước mắm Phú Quốc" in text
    assert not any(unicodedata.combining(ch) for ch in text)
    # Whatever a document puts in a block (a payment reference, a column) is drawn in NFC too.
    label, value, cell = (unicodedata.normalize("NFD", word) for word in ("Chuyển khoản", "Mã GD ồ", "Thuế suất"))
    blocks: list[Block] = [Row(label, value), Columns((cell,), (1.0,), ("left",))]
    assert text_of(render_roll_pdf(blocks)).split() == ["Chuyển", "khoản", "Mã", "GD", "ồ", "Thuế", "suất"]


def test_an_english_receipt_uses_english_names_where_the_product_has_one() -> None:
    text = text_of(render_receipt_pdf(receipt(), SHOP, BANK, ReceiptOptions(lang="en")))
    assert "Phu Quoc fish sauce 40°N" in text.splitlines()
    assert FISH_SAUCE not in text
    assert "Gạo ST25 Sóc Trăng túi 5kg" in text  # no English name: the Vietnamese one, not a blank
    for label in ("SALES RECEIPT", "TOTAL", "Cash", "Change"):
        assert label in text
    assert "TỔNG CỘNG" not in text


def test_a_bilingual_receipt_pairs_labels_and_names() -> None:
    printed = lines_of(render_receipt_pdf(receipt(), SHOP, BANK, ReceiptOptions(lang="vi+en")))
    text = "\n".join(printed)
    assert "TỔNG CỘNG / TOTAL" in text
    assert "Tiền mặt / Cash" in text
    assert "Thu ngân / Cashier" in text
    index = printed.index(FISH_SAUCE)
    assert printed[index + 1] == "Phu Quoc fish sauce 40°N"
    assert printed.count("Gạo ST25 Sóc Trăng túi 5kg") == 1


def test_a_gift_receipt_shows_what_was_bought_but_no_amount() -> None:
    sale = receipt(payments=(("transfer", 500_000), ("cash", 500_000)))
    options = ReceiptOptions(lang="en", gift=True)
    text = text_of(render_receipt_pdf(sale, SHOP, BANK, options))
    assert "GIFT RECEIPT" in text
    assert FISH_SAUCE not in text and "Phu Quoc fish sauce 40°N" in text
    assert "2 chai" in text and "0,350 kg" in text
    assert "OCOP ★★★★★" in text and "HTX Tôm khô Rạch Gốc · Cà Mau" in text
    assert AMOUNT.search(text) is None, AMOUNT.search(text)
    for absent in ("₫", "×", "TOTAL", "VAT", "Bank transfer", "Change", "Scan to pay"):
        assert absent not in text, absent
    assert "Cash" not in text.splitlines()
    assert not [block for block in receipt_blocks(sale, SHOP, BANK, options=options) if isinstance(block, QrCode)]
    assert AMOUNT.search(text_of(render_receipt_pdf(sale, SHOP, BANK, ReceiptOptions(lang="en"))))


def test_a_gift_receipt_is_for_sales_only() -> None:
    refund = Receipt(**{**receipt().__dict__, "kind": "refund", "original_receipt_no": "Q1-000041"})
    with pytest.raises(InvalidInput, match="gift receipt"):
        render_receipt_pdf(refund, SHOP, options=ReceiptOptions(gift=True))


@pytest.mark.parametrize("lang", ["vi", "en", "vi+en"])
def test_a_reprint_says_so_in_both_languages(lang: str) -> None:
    text = text_of(render_receipt_pdf(receipt(), SHOP, options=ReceiptOptions(lang=lang, reprint=True)))
    assert "REPRINT" in text
    assert Voice("vi")._("REPRINT") in text
    assert "REPRINT" not in text_of(render_receipt_pdf(receipt(), SHOP, options=ReceiptOptions(lang=lang)))


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("lang", ["vi", "vi+en"])
def test_every_word_stays_on_the_paper_and_nothing_overlaps(width: int, lang: str) -> None:
    long_lines = (
        *TYPICAL_LINES,
        line(
            "Bánh tráng phơi sương Trảng Bàng Tây Ninh loại đặc biệt gói 500g (hộp quà Tết)",
            "Trang Bang dew-dried rice paper, special grade, Tet gift box",
            9_875_000,
            12_000,
            "hộp",
            "Hợp tác xã Nông nghiệp Dịch vụ Bánh tráng phơi sương Trảng Bàng",
            "Tây Ninh",
            5,
        ),
        line("Siêuđặcsảnkhôngcókhoảngtrắngnàocảtronghếttêndàinày", "", 1_000, 1000, "cái"),
    )
    sale = receipt(long_lines, payments=(("transfer", 100_000_000), ("card", 30_000_000)))
    page_width, placed = placed_text(render_receipt_pdf(sale, SHOP, BANK, ReceiptOptions(width, lang)))
    assert page_width == pytest.approx(width * mm)
    margin = (2.5 if width == 58 else 4.0) * mm
    for piece in placed:
        assert piece.left >= margin - 0.01, piece
        assert piece.right <= page_width - margin + 0.01, piece
    by_line: dict[float, list[tuple[float, float]]] = {}
    for piece in placed:
        by_line.setdefault(round(piece.baseline, 2), []).append((piece.left, piece.right))
    for spans in by_line.values():
        spans.sort()
        for (_left, right), (next_left, _right) in pairwise(spans):
            assert right <= next_left, spans


def test_a_product_story_link_prints_as_a_small_qr_under_its_line() -> None:
    sale = receipt([line(story_url=STORY), line("Trà Atisô Lâm Đồng hộp 100g", "", 95_000, 1000, "hộp")])
    options = ReceiptOptions(lang="en")
    codes = [block for block in receipt_blocks(sale, SHOP, options=options) if isinstance(block, QrCode)]
    assert [code.payload for code in codes] == [STORY]
    assert codes[0].size_mm < 20
    text = text_of(render_receipt_pdf(sale, SHOP, options=options))
    assert text.index("Scan for the story of this product") < text.index("Trà Atisô Lâm Đồng hộp 100g")


@pytest.mark.parametrize(("width", "lang"), [(40, "vi"), (80, "fr"), (80, "en+vi")])
def test_impossible_options_are_refused(width: int, lang: str) -> None:
    with pytest.raises(InvalidInput):
        ReceiptOptions(width_mm=width, lang=lang)
