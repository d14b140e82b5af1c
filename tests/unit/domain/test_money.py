"""Money in integer dong: rounding, formatting, reading typed amounts, exact splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.errors import InvalidInput
from posapp.domain.money import (
    allocate,
    div_round_half_up,
    format_qty,
    format_vnd,
    line_amount,
    parse_percent,
    parse_qty,
    parse_vnd,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (5, 2, 3),
        (-5, 2, -3),
        (5, -2, -3),
        (-5, -2, 3),
        (7, 2, 4),
        (1, 3, 0),
        (2, 3, 1),
        (-2, 3, -1),
        (-1, 3, 0),
        (15, 10, 2),
        (-15, 10, -2),
        (14, 10, 1),
        (0, 7, 0),
    ],
)
def test_div_round_half_up_rounds_halves_away_from_zero(
    numerator: int, denominator: int, expected: int
) -> None:
    assert div_round_half_up(numerator, denominator) == expected


@given(st.integers(-(10**15), 10**15), st.integers(1, 10**9))
def test_div_round_half_up_is_the_nearest_integer(numerator: int, denominator: int) -> None:
    result = div_round_half_up(numerator, denominator)
    # |result - n/d| <= 1/2, with exact halves going away from zero.
    assert abs(2 * (result * denominator - numerator)) <= denominator
    if 2 * abs(numerator % denominator) == denominator:
        assert abs(result * denominator) > abs(numerator)
    assert div_round_half_up(-numerator, denominator) == -result


def test_div_round_half_up_refuses_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        div_round_half_up(1, 0)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1_234_000, "1.234.000 ₫"), (0, "0 ₫"), (999, "999 ₫"), (1000, "1.000 ₫"), (-185_000, "-185.000 ₫")],
)
def test_format_vnd_groups_thousands_with_dots(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


@pytest.mark.parametrize(
    "text",
    ["185000", "185.000", "185.000 ₫", "185,000đ", " 185 000 ", "185.000VND", "185000₫"],
)
def test_parse_vnd_reads_what_people_type(text: str) -> None:
    assert parse_vnd(text) == 185_000


def test_parse_vnd_reads_negative_amounts() -> None:
    assert parse_vnd("-5.000 ₫") == -5000


@pytest.mark.parametrize(
    "text", ["", "₫", "abc", "12a", "1.2.3x", "--5", "²", "١٢", "12.5", "1.23.456", "185.00"]
)
def test_parse_vnd_refuses_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_vnd(text)


@given(st.integers(-(10**12), 10**12))
def test_parse_vnd_reads_back_format_vnd(amount: int) -> None:
    assert parse_vnd(format_vnd(amount)) == amount


def test_quantities_print_and_read_in_thousandths() -> None:
    assert format_qty(3000) == "3"
    assert format_qty(350, weighed=True) == "0,350"
    assert parse_qty("0,35", weighed=True) == 350
    assert parse_qty("2") == 2000
    with pytest.raises(InvalidInput):
        parse_qty("1,5")  # pieces are whole
    with pytest.raises(InvalidInput):
        parse_qty("0,0005", weighed=True)  # finer than a gram


def test_parse_percent_gives_basis_points() -> None:
    assert parse_percent("10") == 1000
    assert parse_percent("7,5%") == 750
    for bad in ("101", "-1", "x", "0,001"):
        with pytest.raises(InvalidInput):
            parse_percent(bad)


def test_line_amount_is_exact_for_weighed_goods() -> None:
    assert line_amount(1_250_000, 350) == 437_500
    assert line_amount(185_000, 333) == 61_605  # 61,605 exactly: no float drift
    assert line_amount(185_000, 3000) == 555_000


def test_allocate_examples() -> None:
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert allocate(-10, [1, 1, 1]) == [-4, -3, -3]
    assert allocate(100, [0, 0]) == [0, 0]
    assert allocate(0, [5, 3]) == [0, 0]
    assert allocate(100, [3, 1]) == [75, 25]
    assert allocate(7, []) == []


@given(
    st.integers(-(10**9), 10**9),
    st.lists(st.integers(0, 10**9), min_size=1, max_size=30).filter(lambda ws: sum(ws) > 0),
)
def test_allocate_sums_exactly_and_is_proportional_within_one(total: int, weights: list[int]) -> None:
    parts = allocate(total, weights)
    assert len(parts) == len(weights)
    assert sum(parts) == total
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        # |part - total * w / W| < 1
        assert abs(part * weight_sum - total * weight) < weight_sum
        if weight == 0:
            assert part == 0
