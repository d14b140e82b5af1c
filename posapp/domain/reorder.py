"""Reorder maths: how much of a product to order so it lasts through the lead time and the cover days.

Quantities are integer thousandths; every step is integer arithmetic (the target is a Fraction only for
display), so the ceilings are exact and a product sold 3 a week never asks for 1.0000000001 extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from posapp.domain.money import QTY_SCALE, div_round_half_up

DEFAULT_WINDOW_DAYS = 28
DEFAULT_COVER_DAYS = 14
DEFAULT_LEAD_TIME_DAYS = 7


@dataclass(frozen=True)
class ReorderFacts:
    """What the maths needs to know about one product."""

    sold_milli: int  # units sold in the window, net of refunds
    window_days: int
    lead_time_days: int
    cover_days: int
    safety_stock_milli: int
    on_hand_milli: int
    on_order_milli: int
    reorder_point_milli: int
    pack_size_milli: int


def lead_time(product_days: int | None, cooperative_days: int | None) -> int:
    """The product's own lead time, else its cooperative's, else a week."""
    if product_days is not None:
        return product_days
    if cooperative_days is not None:
        return cooperative_days
    return DEFAULT_LEAD_TIME_DAYS


def velocity_milli(sold_milli: int, window_days: int) -> Fraction:
    """Thousandths of a unit sold per day over the window."""
    return Fraction(sold_milli, window_days)


def target_milli(facts: ReorderFacts) -> Fraction:
    """Stock wanted once the order lands: velocity × (lead time + cover) + safety stock."""
    return (
        velocity_milli(facts.sold_milli, facts.window_days) * (facts.lead_time_days + facts.cover_days)
        + facts.safety_stock_milli
    )


def ceil_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded up (denominator > 0)."""
    return -(-numerator // denominator)


def round_up_to_pack(qty_milli: int, pack_size_milli: int) -> int:
    return ceil_div(qty_milli, pack_size_milli) * pack_size_milli


def may_need_ordering(sold_milli: int, have_milli: int, safety_stock_milli: int, reorder_point_milli: int) -> bool:
    """False only where `suggested_milli` is surely 0, so a query can leave such products out.

    With no net sales the shortfall is (safety − on hand − on order) × window, which is not positive once what
    the shop has reaches the safety stock; and above the reorder point no pack is forced.
    """
    have = have_milli
    return sold_milli > 0 or have < safety_stock_milli or have <= reorder_point_milli


def suggested_milli(facts: ReorderFacts) -> int:
    """The quantity to order in thousandths (0: nothing), always a whole number of packs.

    qty = ceil(max(0, target − on hand − on order)); at or below the reorder point at least one pack.
    """
    if facts.window_days <= 0:
        raise ValueError("the sales window must be at least one day")
    if facts.pack_size_milli <= 0:
        raise ValueError("a pack holds more than nothing")
    # target × window as an integer: sold × (lead + cover) + safety × window
    days = facts.lead_time_days + facts.cover_days
    have = facts.on_hand_milli + facts.on_order_milli
    shortfall_times_window = facts.sold_milli * days + (facts.safety_stock_milli - have) * facts.window_days
    qty = max(0, ceil_div(shortfall_times_window, facts.window_days))
    if have <= facts.reorder_point_milli:
        qty = max(qty, facts.pack_size_milli)
    return round_up_to_pack(qty, facts.pack_size_milli)


def line_value(qty_milli: int, unit_cost: int) -> int:
    """What `qty_milli` costs at `unit_cost` per unit, rounded half up to the dong."""
    return div_round_half_up(qty_milli * unit_cost, QTY_SCALE)
