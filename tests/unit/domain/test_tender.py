"""Tenders: paying in cash, card or transfer, split payments and change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.errors import InvalidInput, PaymentShort
from posapp.domain.tender import PaymentMethod, Tender, fill_tenders, parse_method, settle

CASH, CARD, TRANSFER = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.TRANSFER


def test_cash_over_the_total_gives_change() -> None:
    settlement = settle(185_000, [Tender(CASH, 200_000)])
    assert settlement.change == 15_000
    assert settlement.tenders == (Tender(CASH, 200_000),)


def test_exact_payment_gives_no_change() -> None:
    assert settle(185_000, [Tender(CARD, 185_000)]).change == 0


def test_a_short_payment_is_refused_with_the_amounts() -> None:
    with pytest.raises(PaymentShort) as raised:
        settle(185_000, [Tender(CASH, 100_000), Tender(CARD, 50_000)])
    assert "35.000 ₫" in str(raised.value)
    assert "150.000 ₫" in str(raised.value)
    assert "185.000 ₫" in str(raised.value)


def test_only_cash_gives_change() -> None:
    with pytest.raises(InvalidInput, match="only cash"):
        settle(185_000, [Tender(CARD, 200_000)])
    with pytest.raises(InvalidInput, match="only cash"):
        settle(185_000, [Tender(CASH, 10_000), Tender(TRANSFER, 190_000)])
    # Cash covering the over-payment is fine even in a split.
    assert settle(185_000, [Tender(TRANSFER, 100_000), Tender(CASH, 100_000)]).change == 15_000


def test_split_tender_covers_the_total() -> None:
    tenders = [Tender(CARD, 100_000), Tender(TRANSFER, 50_000), Tender(CASH, 35_000)]
    settlement = settle(185_000, tenders)
    assert settlement.change == 0
    assert sum(t.amount for t in settlement.tenders) == 185_000


def test_zero_or_negative_payments_are_refused() -> None:
    for amount in (0, -5_000):
        with pytest.raises(InvalidInput):
            settle(185_000, [Tender(CASH, 200_000), Tender(CARD, amount)])


def test_fill_tenders_gives_a_blank_amount_what_is_still_due() -> None:
    assert fill_tenders(185_000, [(CASH, None)]) == [Tender(CASH, 185_000)]
    assert fill_tenders(185_000, [(CARD, 100_000), (CASH, None)]) == [
        Tender(CARD, 100_000),
        Tender(CASH, 85_000),
    ]
    assert fill_tenders(185_000, [(CASH, 500_000)]) == [Tender(CASH, 500_000)]


def test_fill_tenders_refuses_a_blank_when_nothing_is_due() -> None:
    with pytest.raises(InvalidInput, match="Nothing is left to pay by Bank transfer"):
        fill_tenders(185_000, [(CASH, 200_000), (TRANSFER, None)])


def test_payment_method_is_read_from_text() -> None:
    assert parse_method(" Card ") is CARD
    with pytest.raises(InvalidInput):
        parse_method("cheque")


@given(total=st.integers(1, 10**9), data=st.data())
def test_change_is_what_cash_paid_over_the_total(total: int, data: st.DataObject) -> None:
    card = data.draw(st.integers(0, total - 1))
    extra = data.draw(st.integers(0, 10**6))
    tenders = ([Tender(CARD, card)] if card else []) + [Tender(CASH, total - card + extra)]
    settlement = settle(total, tenders)
    assert settlement.change == extra
    assert sum(t.amount for t in settlement.tenders) - settlement.change == total
