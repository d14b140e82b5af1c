"""Split tender bookkeeping and quick cash amounts (plain Python behind the payment dialog)."""

from __future__ import annotations

import pytest

from posapp.domain.errors import InvalidInput
from posapp.domain.tender import PaymentMethod, Tender, settle
from posapp.ui.tendering import TenderBook, quick_amounts, round_up


@pytest.mark.parametrize(
    ("due", "amounts"),
    [
        (35_000, [40_000, 50_000, 100_000, 200_000, 500_000]),
        (185_000, [50_000, 100_000, 190_000, 200_000, 500_000]),
        (200_000, [50_000, 100_000, 500_000]),
        (1_234_000, [50_000, 100_000, 200_000, 500_000, 1_240_000, 1_250_000, 1_300_000, 1_500_000]),
        (0, []),
    ],
)
def test_quick_amounts(due: int, amounts: list[int]) -> None:
    assert quick_amounts(due) == amounts


def test_round_up() -> None:
    assert (round_up(185_001, 10_000), round_up(190_000, 10_000)) == (190_000, 190_000)


def test_a_book_tracks_paid_left_and_change_and_settles_like_checkout() -> None:
    book = TenderBook(275_000)
    book.add(Tender(PaymentMethod.CARD, 75_000, "AP1"))
    assert (book.paid, book.left, book.change, book.fully_paid) == (75_000, 200_000, 0, False)
    book.add(Tender(PaymentMethod.CASH, 500_000))
    assert (book.left, book.change, book.fully_paid) == (0, 300_000, True)
    assert settle(book.total, book.tenders).change == book.change


def test_a_book_refuses_what_checkout_would_refuse() -> None:
    book = TenderBook(100_000)
    with pytest.raises(InvalidInput):
        book.add(Tender(PaymentMethod.CASH, 0))
    with pytest.raises(InvalidInput, match="more than what is left"):
        book.add(Tender(PaymentMethod.TRANSFER, 100_001))
    book.add(Tender(PaymentMethod.TRANSFER, 100_000))
    with pytest.raises(InvalidInput, match="already paid"):
        book.add(Tender(PaymentMethod.CASH, 10_000))
    assert book.remove(0).amount == 100_000 and book.left == 100_000
    with pytest.raises(InvalidInput):
        book.remove(0)
