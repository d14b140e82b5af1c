"""Reorder maths on cases checked by hand: exact ceilings, packs, the reorder point, lead-time fallbacks."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from math import ceil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.reorder import (
    ReorderFacts,
    lead_time,
    line_value,
    may_need_ordering,
    round_up_to_pack,
    suggested_milli,
    target_milli,
    velocity_milli,
)

BASE = ReorderFacts(
    sold_milli=56_000,  # 56 sold in 28 days: 2 a day
    window_days=28,
    lead_time_days=7,
    cover_days=14,
    safety_stock_milli=0,
    on_hand_milli=10_000,
    on_order_milli=0,
    reorder_point_milli=0,
    pack_size_milli=1_000,
)


def test_two_a_day_for_three_weeks_less_what_is_on_the_shelf() -> None:
    # target = 2 × (7 + 14) = 42; 42 − 10 = 32
    assert target_milli(BASE) == 42_000
    assert suggested_milli(BASE) == 32_000


def test_what_is_already_on_order_is_not_ordered_again() -> None:
    assert suggested_milli(replace(BASE, on_order_milli=12_000)) == 20_000
    assert suggested_milli(replace(BASE, on_order_milli=40_000)) == 0


def test_refunds_lower_the_velocity_because_sales_are_counted_net() -> None:
    # 56 sold, 14 brought back: 42 in 28 days = 1.5 a day; target 31.5; 31.5 − 10 = 21.5 → 22
    facts = replace(BASE, sold_milli=56_000 - 14_000)
    assert velocity_milli(facts.sold_milli, 28) == Fraction(1_500)
    assert suggested_milli(facts) == 22_000


def test_the_ceiling_is_exact_where_floats_would_overshoot() -> None:
    # 18 sold in 28 days, 42 days to cover: exactly 27; in floats 18 / 28 * 42 is a hair over 27 and would ceil to 28.
    facts = replace(BASE, sold_milli=18_000, lead_time_days=21, cover_days=21, on_hand_milli=0, reorder_point_milli=-1)
    assert 18 / 28 * 42 > 27
    assert suggested_milli(facts) == 27_000


def test_a_part_unit_need_is_rounded_up_to_whole_packs() -> None:
    # 1 sold in 28 days over 21 days = 0.75 → 1 unit → one pack of 6
    facts = replace(BASE, sold_milli=1_000, on_hand_milli=0, pack_size_milli=6_000, reorder_point_milli=-1)
    assert suggested_milli(facts) == 6_000
    # 32 needed in packs of 10 → 40
    assert suggested_milli(replace(BASE, pack_size_milli=10_000)) == 40_000


def test_at_or_below_the_reorder_point_at_least_one_pack_is_ordered() -> None:
    idle = replace(BASE, sold_milli=0, on_hand_milli=5_000, reorder_point_milli=5_000, pack_size_milli=12_000)
    assert suggested_milli(idle) == 12_000
    assert suggested_milli(replace(idle, on_hand_milli=5_001)) == 0
    # on hand plus on order is what is compared with the reorder point
    assert suggested_milli(replace(idle, on_hand_milli=2_000, on_order_milli=3_001)) == 0


def test_safety_stock_is_added_to_the_target() -> None:
    assert suggested_milli(replace(BASE, safety_stock_milli=5_000)) == 37_000


def test_nothing_is_suggested_for_a_product_that_does_not_sell_and_is_stocked() -> None:
    assert suggested_milli(replace(BASE, sold_milli=0)) == 0


def test_weighed_goods_are_ordered_in_grams_rounded_to_the_pack() -> None:
    # 7 kg sold in 28 days = 250 g a day × 21 days = 5.25 kg, on hand 1.2 kg → 4.05 kg → packs of 500 g → 4.5 kg
    facts = replace(BASE, sold_milli=7_000, on_hand_milli=1_200, pack_size_milli=500)
    assert suggested_milli(facts) == 4_500


def test_lead_time_comes_from_the_product_else_the_cooperative_else_a_week() -> None:
    assert lead_time(3, 10) == 3
    assert lead_time(None, 10) == 10
    assert lead_time(None, None) == 7
    assert lead_time(0, 10) == 0  # "delivers the same day" is a lead time, not a missing one


def test_order_value_at_cost_is_rounded_half_up_to_the_dong() -> None:
    assert line_value(40_000, 206_000) == 8_240_000
    assert line_value(4_500, 1_250_001) == 5_625_005  # 5 625 004.5 → up


@given(
    sold=st.integers(-10_000, 10**7),
    window=st.integers(1, 366),
    lead=st.integers(0, 90),
    cover=st.integers(0, 90),
    safety=st.integers(0, 10**6),
    on_hand=st.integers(-(10**5), 10**7),
    on_order=st.integers(0, 10**6),
    point=st.integers(0, 10**6),
    pack=st.integers(1, 50_000),
)
def test_the_suggestion_is_the_smallest_pack_multiple_that_covers_the_target(
    sold: int, window: int, lead: int, cover: int, safety: int, on_hand: int, on_order: int, point: int, pack: int
) -> None:
    facts = ReorderFacts(sold, window, lead, cover, safety, on_hand, on_order, point, pack)
    qty = suggested_milli(facts)
    need = Fraction(sold, window) * (lead + cover) + safety - on_hand - on_order
    wanted = max(0, ceil(need))
    if on_hand + on_order <= point:
        wanted = max(wanted, pack)
    assert qty % pack == 0 and qty >= wanted and qty - pack < wanted


@given(
    sold=st.integers(-10_000, 10**6),
    lead=st.integers(0, 90),
    cover=st.integers(0, 90),
    safety=st.integers(0, 10**5),
    on_hand=st.integers(-(10**4), 10**6),
    on_order=st.integers(0, 10**5),
    point=st.integers(0, 10**5),
)
def test_products_the_query_leaves_out_would_be_suggested_nothing(
    sold: int, lead: int, cover: int, safety: int, on_hand: int, on_order: int, point: int
) -> None:
    facts = ReorderFacts(sold, 28, lead, cover, safety, on_hand, on_order, point, 1_000)
    if not may_need_ordering(sold, on_hand + on_order, safety, point):
        assert suggested_milli(facts) == 0


def test_a_window_of_no_days_or_an_empty_pack_is_a_bug() -> None:
    with pytest.raises(ValueError):
        suggested_milli(replace(BASE, window_days=0))
    with pytest.raises(ValueError):
        suggested_milli(replace(BASE, pack_size_milli=0))
    assert round_up_to_pack(1, 1000) == 1000
