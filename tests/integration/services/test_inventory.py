"""Stock: goods in, adjustments with a reason, and a movement history that adds up to on-hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from posapp.domain.barcodes import weighed_code
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput, UnknownBarcode
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView
from posapp.services.inventory import ADJUSTMENT_REASONS
from posapp.shop import Shop

AT = datetime(2026, 5, 4, 2, 0, tzinfo=UTC)


@pytest.fixture
def honey(shop: Shop) -> ProductView:
    return shop.catalog.save_product(
        ProductInput(name="Mật ong bạc hà", cooperative="HTX Mật ong Mèo Vạc", price=150_000, cost=90_000),
        actor=COMMAND_LINE,
    )


@pytest.fixture
def shrimp(shop: Shop) -> ProductView:
    return shop.catalog.save_product(
        ProductInput(name="Tôm khô Cà Mau", cooperative="HTX Tôm", price=1_250_000, weighed=True, plu=12),
        actor=COMMAND_LINE,
    )


def test_receiving_raises_on_hand_and_sets_the_cost(shop: Shop, honey: ProductView) -> None:
    level = shop.inventory.receive(honey.barcode, 24_000, unit_cost=95_000, at=AT, reason="PO 12")
    assert (level.on_hand_milli, level.name, level.barcode) == (24_000, "Mật ong bạc hà", honey.barcode)
    assert shop.catalog.product(honey.id).cost == 95_000
    shop.inventory.receive(honey.barcode, 6_000, at=AT)  # no cost given: the cost stays
    assert shop.catalog.product(honey.id).cost == 95_000
    assert shop.inventory.level(honey.barcode).on_hand_milli == 30_000
    newest, oldest = shop.inventory.movements(honey.barcode)
    assert (oldest.kind, oldest.qty_milli, oldest.unit_cost, oldest.reason) == (
        "receive",
        24_000,
        95_000,
        "PO 12",
    )
    assert (newest.qty_milli, newest.unit_cost) == (6_000, None)


def test_receiving_weighed_goods_in_grams(shop: Shop, shrimp: ProductView) -> None:
    assert shop.inventory.receive(shrimp.barcode, 2_350, at=AT).on_hand_milli == 2_350


@pytest.mark.parametrize(
    ("qty", "cost", "message"),
    [
        (0, None, "more than zero"),
        (-1000, None, "more than zero"),
        (1500, None, "whole units"),
        (1000, -1, "negative"),
    ],
)
def test_bad_receipts_are_refused(shop: Shop, honey: ProductView, qty: int, cost: int | None, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        shop.inventory.receive(honey.barcode, qty, unit_cost=cost)
    assert shop.inventory.level(honey.barcode).on_hand_milli == 0
    assert shop.inventory.movements(honey.barcode) == []
    assert shop.catalog.product(honey.id).cost == 90_000


def test_receiving_an_unknown_code_is_refused(shop: Shop) -> None:
    with pytest.raises(UnknownBarcode):
        shop.inventory.receive("8934563138165", 1000)


def test_adjustments_need_a_reason(shop: Shop, honey: ProductView) -> None:
    shop.inventory.receive(honey.barcode, 10_000, at=AT)
    for reason in ("", "because", "DAMAGED"):
        with pytest.raises(InvalidInput, match="Say why"):
            shop.inventory.adjust(honey.barcode, -1000, reason, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="zero"):
        shop.inventory.adjust(honey.barcode, 0, "count", actor=COMMAND_LINE)
    with pytest.raises(InvalidInput, match="whole units"):
        shop.inventory.adjust(honey.barcode, -500, "damaged", actor=COMMAND_LINE)
    assert shop.inventory.level(honey.barcode).on_hand_milli == 10_000
    assert len(shop.inventory.movements(honey.barcode)) == 1


@pytest.mark.parametrize("reason", ADJUSTMENT_REASONS)
def test_every_listed_reason_is_accepted(shop: Shop, honey: ProductView, reason: str) -> None:
    assert shop.inventory.adjust(honey.barcode, 2000, reason, at=AT, actor=COMMAND_LINE).on_hand_milli == 2000
    assert shop.inventory.movements(honey.barcode)[0].reason == reason


def test_an_adjustment_keeps_its_note(shop: Shop, honey: ProductView) -> None:
    shop.inventory.adjust(honey.barcode, -1000, "damaged", at=AT, note="jar cracked", actor=COMMAND_LINE)
    [movement] = shop.inventory.movements(honey.barcode)
    assert (movement.kind, movement.qty_milli, movement.reason) == ("adjust", -1000, "damaged: jar cracked")
    assert shop.inventory.needing_count()[0].name == "Mật ong bạc hà"


def test_movements_show_the_running_balance_newest_first(shop: Shop, honey: ProductView) -> None:
    shop.inventory.receive(honey.barcode, 10_000, at=AT)
    cart = Cart()
    cart.add(shop.catalog.lookup(honey.barcode).item, 3000)
    shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, 450_000)], "Q1", at=AT + timedelta(hours=1), actor=COMMAND_LINE
    )
    shop.inventory.adjust(honey.barcode, -1000, "expired", at=AT + timedelta(hours=2), actor=COMMAND_LINE)
    shop.inventory.receive(honey.barcode, 5_000, at=AT + timedelta(hours=3))
    shop.inventory.adjust(honey.barcode, 2000, "count", at=AT + timedelta(hours=4), actor=COMMAND_LINE)
    moves = shop.inventory.movements(honey.barcode)
    assert [(m.kind, m.qty_milli, m.on_hand_after_milli) for m in moves] == [
        ("adjust", 2000, 13_000),
        ("receive", 5_000, 11_000),
        ("adjust", -1000, 6_000),
        ("sale", -3000, 7_000),
        ("receive", 10_000, 10_000),
    ]
    assert [m.at for m in moves] == [AT + timedelta(hours=h) for h in (4, 3, 2, 1, 0)]
    assert shop.inventory.level(honey.barcode).on_hand_milli == 13_000
    assert [m.kind for m in shop.inventory.movements(honey.barcode, limit=2)] == ["adjust", "receive"]


def test_stock_can_be_looked_up_by_scale_label(shop: Shop, shrimp: ProductView) -> None:
    shop.inventory.receive(weighed_code(12, 1500), 1500, at=AT)
    assert shop.inventory.level(weighed_code(12, 1)).on_hand_milli == 1500


def test_needing_count_lists_only_products_below_zero(shop: Shop, honey: ProductView, shrimp: ProductView) -> None:
    shop.inventory.adjust(shrimp.barcode, -10, "lost", at=AT, actor=COMMAND_LINE)
    shop.inventory.receive(honey.barcode, 1000, at=AT)
    flagged = shop.inventory.needing_count()
    assert [(level.name, level.on_hand_milli, level.weighed) for level in flagged] == [("Tôm khô Cà Mau", -10, True)]
    shop.inventory.adjust(shrimp.barcode, 10, "count", at=AT, actor=COMMAND_LINE)
    assert shop.inventory.needing_count() == []
