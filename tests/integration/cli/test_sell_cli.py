"""`posapp sell` / `posapp refund`: receipts as JSON, tenders and change, weighed goods, all-or-nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from posapp.domain.barcodes import weighed_code
from posapp.shop import Shop
from tests.integration.cli.helpers import GAO, TOM, TOM_KG, Cli

AT = ("--at", "2026-11-23T09:30")
SELL = ("sell", "--till", "Q1")


def balanced(receipt: dict[str, Any]) -> dict[str, Any]:
    """The receipt, after checking that its amounts add up the way a cashier's do."""
    lines = sum(line["total"] for line in receipt["lines"])
    paid = sum(payment["amount"] for payment in receipt["payments"])
    assert lines == receipt["subtotal"]
    assert lines - receipt["discount"] == receipt["total"] == paid - receipt["change"]
    assert sum(group["gross"] for group in receipt["vat"]) == receipt["total"]
    assert all(group["net"] + group["vat"] == group["gross"] for group in receipt["vat"])
    return receipt


def on_hand(cli: Cli, code: str) -> int | float:
    result: int | float = cli("stock", "show", code).json()["on_hand"]
    return result


def test_cash_sale_prints_the_receipt_and_the_change(stocked: Cli) -> None:
    receipt = balanced(stocked("sell", "--till", "Q1", *AT, TOM, "--pay", "cash:300.000").json())
    assert receipt == {
        "receipt_no": "Q1-000001",
        "kind": "sale",
        "original_receipt_no": None,
        "at": "2026-11-23T09:30:00+07:00",
        "till": "Q1",
        "lines": [
            {
                "barcode": TOM,
                "name": "Tôm khô Cà Mau hộp 200g",
                "qty": 1,
                "unit": "hộp",
                "unit_price": 265_000,
                "discount": 0,
                "total": 265_000,
                "vat_rate": 8,
                "cooperative": "HTX Tôm khô Rạch Gốc",
            }
        ],
        "subtotal": 265_000,
        "discount": 0,
        "total": 265_000,
        "vat": [{"rate": 8, "gross": 265_000, "net": 245_370, "vat": 19_630}],
        "payments": [{"method": "cash", "amount": 300_000}],
        "change": 35_000,
    }
    assert on_hand(stocked, TOM) == 99


def test_the_same_barcode_again_adds_to_its_line(stocked: Cli) -> None:
    receipt = balanced(stocked("sell", "--till", "Q1", *AT, TOM, TOM, f"{TOM}x2", "--pay", "cash").json())
    assert [(line["barcode"], line["qty"]) for line in receipt["lines"]] == [(TOM, 4)]
    assert receipt["total"] == 4 * 265_000 and receipt["change"] == 0
    assert on_hand(stocked, TOM) == 96


def test_split_tender_with_the_rest_by_transfer_and_two_vat_rates(stocked: Cli) -> None:
    receipt = balanced(stocked(*SELL, *AT, TOM, GAO, "--pay", "card:200000", "transfer").json())
    assert receipt["payments"] == [
        {"method": "card", "amount": 200_000},
        {"method": "transfer", "amount": 245_000},
    ]
    assert receipt["change"] == 0
    assert receipt["vat"] == [
        {"rate": 8, "gross": 265_000, "net": 245_370, "vat": 19_630},
        {"rate": 5, "gross": 180_000, "net": 171_429, "vat": 8_571},
    ]


def test_weighed_goods_by_scale_label_and_by_quantity(stocked: Cli) -> None:
    label = weighed_code(101, 350)
    receipt = balanced(stocked("sell", "--till", "Q1", *AT, label, f"{TOM_KG}x0.35", "--pay", "cash").json())
    assert [(line["barcode"], line["qty"], line["unit"], line["total"]) for line in receipt["lines"]] == [
        (TOM_KG, 0.35, "kg", 437_500),
        (TOM_KG, 0.35, "kg", 437_500),
    ]
    assert on_hand(stocked, TOM_KG) == 99.3


def test_a_sale_discount_is_spread_and_balances(stocked: Cli) -> None:
    receipt = balanced(stocked(*SELL, *AT, "--discount", "10", f"{TOM}x2", GAO, "--pay", "cash").json())
    assert (receipt["subtotal"], receipt["discount"], receipt["total"]) == (710_000, 71_000, 639_000)
    assert [line["total"] for line in receipt["lines"]] == [530_000, 180_000]  # before the sale discount
    assert receipt["payments"] == [{"method": "cash", "amount": 639_000}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((TOM, "--pay", "cash:100000"), "short"),
        ((TOM, "--pay", "card:300000"), "only cash gives change"),
        (("8939999999991", "--pay", "cash"), "No product has barcode 8939999999991"),
        (("8939999999990", "--pay", "cash"), "wrong check digit"),
        ((f"{TOM}x0", "--pay", "cash"), "more than zero"),
        ((f"{TOM}x1.5", "--pay", "cash"), "whole number"),
        ((f"{TOM}xabc", "--pay", "cash"), "is not a quantity"),
        ((f"{weighed_code(101, 350)}x2", "--pay", "cash"), "already carries the weight"),
        ((TOM, "--pay", "cheque"), "Unknown payment method"),
        ((TOM, "--pay", "cash:99999999999999999999"), "too large an amount"),
        ((TOM, "--discount", "120", "--pay", "cash"), "between 0 and 100"),
        ((TOM, "--at", "23/11/2026 09:30", "--pay", "cash"), "YYYY-MM-DDTHH:MM"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(stocked: Cli, args: list[str], message: str) -> None:
    result = stocked(*SELL, *args)
    assert result.status == 1 and result.out == ""
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1 and message in result.err
    assert on_hand(stocked, TOM) == 100
    next_sale = stocked("sell", "--till", "Q1", TOM, "--pay", "cash").json()
    assert next_sale["receipt_no"] == "Q1-000001"


def test_a_usage_error_exits_2(stocked: Cli) -> None:
    with pytest.raises(SystemExit) as stop:
        stocked("sell", "--till", "Q1", TOM)  # no --pay
    assert stop.value.code == 2


def test_at_is_shop_local_time_stored_as_the_utc_instant(stocked: Cli, shop: Shop) -> None:
    receipt = stocked("sell", "--till", "Q1", "--at", "2026-11-23T09:30", TOM, "--pay", "cash").json()
    assert receipt["at"] == "2026-11-23T09:30:00+07:00"
    assert shop.checkout.receipt(receipt["receipt_no"]).at == datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    with_offset = stocked(*SELL, "--at", "2026-11-23T09:30+00:00", TOM, "--pay", "cash").json()
    assert with_offset["at"] == "2026-11-23T16:30:00+07:00"
    # 06:00 on 1 January 2027 in Hà Nội is still 2026 in UTC; the shop's day sets the VAT rate (back to 10 %).
    new_year = stocked("sell", "--till", "Q1", "--at", "2027-01-01T06:00", TOM, "--pay", "cash").json()
    assert new_year["lines"][0]["vat_rate"] == 10


def test_full_refund_mirrors_the_sale(stocked: Cli) -> None:
    sale = stocked(*SELL, *AT, "--discount", "10", f"{TOM}x2", GAO, "--pay", "cash:700000").json()
    refund = balanced(stocked("refund", "Q1-000001", "--till", "Q2", "--at", "2026-11-24T10:00").json())
    assert (refund["receipt_no"], refund["kind"]) == ("Q2-000001", "refund")
    assert refund["original_receipt_no"] == "Q1-000001"
    assert refund["at"] == "2026-11-24T10:00:00+07:00"
    assert [(line["barcode"], line["qty"]) for line in refund["lines"]] == [(TOM, -2), (GAO, -1)]
    assert refund["total"] == -sale["total"] == -639_000
    assert refund["payments"] == [{"method": "cash", "amount": -639_000}] and refund["change"] == 0
    assert [g["vat"] for g in refund["vat"]] == [-g["vat"] for g in sale["vat"]]
    assert on_hand(stocked, TOM) == 100 and on_hand(stocked, GAO) == 100
    again = stocked("refund", "Q1-000001", "--till", "Q1")
    assert again.status == 1 and "already been refunded" in again.err


def test_partial_refunds_add_up_to_the_line(stocked: Cli) -> None:
    stocked("sell", "--till", "Q1", *AT, f"{TOM}x3", f"{TOM_KG}x0.5", "--pay", "card").json()
    label = weighed_code(101, 200)
    first = balanced(stocked("refund", "Q1-000001", f"{TOM}x1", label, "--till", "Q1").json())
    assert [(line["barcode"], line["qty"], line["total"]) for line in first["lines"]] == [
        (TOM, -1, -265_000),
        (TOM_KG, -0.2, -250_000),
    ]
    assert first["payments"] == [{"method": "card", "amount": -515_000}]
    rest = balanced(stocked("refund", "Q1-000001", TOM, "--till", "Q1", "--pay", "cash").json())
    assert [(line["qty"], line["total"]) for line in rest["lines"]] == [(-2, -530_000)]
    assert rest["payments"] == [{"method": "cash", "amount": -530_000}]
    assert on_hand(stocked, TOM) == 100 and on_hand(stocked, TOM_KG) == 99.7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Q1-000009",), "There is no receipt Q1-000009"),
        (("Q1-000001", f"{TOM}x0.5"), "whole number"),
        (("Q1-000001", f"{TOM}x2"), "Only 1"),
        (("Q1-000001", GAO), "is not on receipt"),
        (("Q1-000001", "--pay", "cheque"), "Unknown payment method"),
    ],
)
def test_a_bad_refund_writes_nothing(stocked: Cli, args: tuple[str, ...], message: str) -> None:
    stocked("sell", "--till", "Q1", *AT, TOM, "--pay", "cash").json()
    result = stocked("refund", *args, "--till", "Q1")
    assert result.status == 1 and result.out == "" and message in result.err
    assert on_hand(stocked, TOM) == 99
    assert stocked("sell", "--till", "Q1", TOM, "--pay", "cash").json()["receipt_no"] == "Q1-000002"
