"""VAT: date-effective rates by category, VAT drawn out of VAT-inclusive prices, grouped by rate."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.errors import InvalidInput
from posapp.domain.vat import TaxCategory, VatGroup, parse_tax_category, vat_breakdown, vat_included, vat_rate


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2024, 12, 31), 10),
        (date(2025, 6, 30), 10),
        (date(2025, 7, 1), 8),
        (date(2026, 1, 15), 8),
        (date(2026, 12, 31), 8),
        (date(2027, 1, 1), 10),
        (date(2030, 5, 5), 10),
    ],
)
def test_standard_rate_is_eight_percent_from_july_2025_to_end_of_2026(day: date, rate: int) -> None:
    assert vat_rate(TaxCategory.STANDARD, day) == rate
    assert vat_rate("standard", day) == rate


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_other_categories_do_not_change_with_the_date(day: date) -> None:
    assert vat_rate(TaxCategory.ESSENTIAL, day) == 5
    assert vat_rate(TaxCategory.EXEMPT, day) == 0
    assert vat_rate(TaxCategory.EXCISE, day) == 10  # never had the reduction


def test_tax_category_is_read_from_text() -> None:
    assert parse_tax_category(" Essential ") is TaxCategory.ESSENTIAL
    with pytest.raises(InvalidInput):
        parse_tax_category("luxury")


@pytest.mark.parametrize(
    ("gross", "rate", "vat"),
    [
        (108_000, 8, 8_000),
        (185_000, 8, 13_704),  # 13,703.7
        (110_000, 10, 10_000),
        (105_000, 5, 5_000),
        (99_000, 0, 0),
        (1, 8, 0),
        (27, 8, 2),  # 2.0
        (13_500, 8, 1_000),
        (20_250, 8, 1_500),  # 1,500 exactly
        (-108_000, 8, -8_000),  # a refund mirrors the sale
        (-185_000, 8, -13_704),
    ],
)
def test_vat_is_drawn_out_of_the_inclusive_price(gross: int, rate: int, vat: int) -> None:
    assert vat_included(gross, rate) == vat


def test_vat_rounds_to_the_nearest_dong_and_refunds_mirror_sales() -> None:
    assert vat_included(60, 10) == 5  # 5.45
    assert vat_included(61, 10) == 6  # 5.55
    assert vat_included(-60, 10) == -5
    assert vat_included(-61, 10) == -6


def test_breakdown_groups_lines_by_rate() -> None:
    groups = vat_breakdown([(8, 108_000), (5, 52_500), (8, 77_000), (0, 40_000), (10, 110_000)])
    assert groups == [
        VatGroup(rate=10, gross=110_000, net=100_000, vat=10_000),
        VatGroup(rate=8, gross=185_000, net=171_296, vat=13_704),
        VatGroup(rate=5, gross=52_500, net=50_000, vat=2_500),
        VatGroup(rate=0, gross=40_000, net=40_000, vat=0),
    ]


def test_breakdown_of_nothing_is_empty() -> None:
    assert vat_breakdown([]) == []


@given(
    st.lists(
        st.tuples(st.sampled_from([0, 5, 8, 10]), st.integers(-(10**10), 10**10)),
        max_size=20,
    )
)
def test_breakdown_net_plus_vat_is_gross(amounts: list[tuple[int, int]]) -> None:
    groups = vat_breakdown(amounts)
    assert sum(g.gross for g in groups) == sum(gross for _rate, gross in amounts)
    assert len({g.rate for g in groups}) == len(groups)
    for group in groups:
        assert group.net + group.vat == group.gross
        assert group.vat == vat_included(group.gross, group.rate)
        # VAT is the rate applied to the net, within rounding: |vat * 100 - net * r| <= (100 + r) / 2
        assert abs(group.vat * 100 - group.net * group.rate) * 2 <= 100 + group.rate
