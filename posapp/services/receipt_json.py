"""The JSON shape of a receipt (sale or refund), as the command line prints it for scripts."""

from __future__ import annotations

from typing import Any

from posapp.domain.money import qty_to_number
from posapp.services.clock import ShopClock
from posapp.services.dto import Receipt, ReceiptLine


def line_json(line: ReceiptLine) -> dict[str, Any]:
    return {
        "barcode": line.barcode,
        "name": line.name,
        "qty": qty_to_number(line.qty_milli),
        "unit": line.unit,
        "unit_price": line.unit_price,
        "discount": line.discount,
        "total": line.total,
        "vat_rate": line.vat_rate,
        "cooperative": line.cooperative,
    }


def receipt_json(receipt: Receipt, clock: ShopClock) -> dict[str, Any]:
    """Amounts in whole dong, quantities as numbers (kg for weighed lines), the time in shop local time.

    Invariant: sum(line totals) - discount == total == sum(payments) - change.
    """
    return {
        "receipt_no": receipt.receipt_no,
        "kind": receipt.kind,
        "original_receipt_no": receipt.original_receipt_no,
        "at": clock.local(receipt.at).isoformat(timespec="seconds"),
        "till": receipt.till,
        "lines": [line_json(line) for line in receipt.lines],
        "subtotal": receipt.subtotal,
        "discount": receipt.discount,
        "total": receipt.total,
        "vat": [{"rate": g.rate, "gross": g.gross, "net": g.net, "vat": g.vat} for g in receipt.vat],
        "payments": [{"method": p.method, "amount": p.amount} for p in receipt.payments],
        "change": receipt.change,
    }
