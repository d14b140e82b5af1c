"""`posapp sell` and `posapp refund`: ring up a sale or refund from the command line, printed as JSON."""

from __future__ import annotations

import argparse
import re
from datetime import datetime
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart
from posapp.domain.errors import InvalidInput
from posapp.domain.money import parse_percent, parse_qty, parse_vnd
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, fill_tenders, parse_method
from posapp.i18n import _
from posapp.services.checkout import RefundRequest
from posapp.services.receipt_json import receipt_json
from posapp.shop import Shop

AT = "YYYY-MM-DDTHH:MM"
_ITEM = re.compile(r"^(?P<code>[^xX*]+)(?:[xX*](?P<qty>.*))?$")


def register(subparsers: Any) -> None:
    item_help = _("a barcode, a scale label, or BARCODExQTY (QTY in units, kg for goods sold by weight)")
    sell = subparsers.add_parser("sell", help=_("ring up a sale and print the receipt as JSON"))
    sell.add_argument("items", nargs="+", metavar="ITEM", help=item_help)
    sell.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
    sell.add_argument("--at", metavar=AT, help=_("when the sale happened (shop local time; default now)"))
    sell.add_argument("--discount", metavar="PCT", help=_("a discount on the whole sale, in percent"))
    sell.add_argument(
        "--pay",
        nargs="+",
        action="extend",
        required=True,
        metavar="METHOD[:AMOUNT]",
        help=_("cash, card or transfer, with the amount in dong (default: what is left to pay)"),
    )
    sell.set_defaults(handler=run_sell)
    refund = subparsers.add_parser("refund", help=_("refund a receipt or some of its items"))
    refund.add_argument("receipt_no", metavar="RECEIPT_NO", help=_("the receipt number, like Q1-000001"))
    refund_item_help = _("an item to refund, written as for sell; none refunds the whole receipt")
    refund.add_argument("items", nargs="*", metavar="ITEM", help=refund_item_help)
    refund.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
    refund.add_argument("--at", metavar=AT, help=_("when the refund happened (shop local time; default now)"))
    refund.add_argument("--pay", metavar="METHOD", help=_("how the money goes back: cash, card or transfer"))
    refund.set_defaults(handler=run_refund)


def split_item(text: str) -> tuple[str, str | None]:
    """`8936041201071x3` -> (`8936041201071`, `3`); a bare barcode has no quantity."""
    match = _ITEM.match(text.strip())
    if match is None:
        raise InvalidInput(_("“{text}” is not an item: write BARCODE or BARCODExQTY.").format(text=text))
    code, qty = match.group("code"), match.group("qty")
    if qty is not None and bc.parse_weighed(code) is not None:
        message = _("The scale label {code} already carries the weight: leave out the quantity.")
        raise InvalidInput(message.format(code=code))
    return code, qty


def parse_payment(text: str) -> tuple[PaymentMethod, int | None]:
    method, _sep, amount = text.partition(":")
    return parse_method(method), parse_vnd(amount) if amount.strip() else None


def _when(shop: Shop, args: argparse.Namespace) -> datetime | None:
    return shop.clock.parse(args.at) if args.at else None


def run_sell(args: argparse.Namespace) -> int:
    requested = [parse_payment(text) for text in args.pay]
    discount_bp = parse_percent(args.discount) if args.discount is not None else 0
    with shop_from(args) as shop:
        at = _when(shop, args)
        cart = Cart()
        for text in args.items:
            code, qty = split_item(text)
            if qty is None:
                shop.checkout.scan(cart, code)
            else:
                found = shop.catalog.lookup(code)
                cart.add(found.item, parse_qty(qty, found.item.weighed))
        cart.set_discount(discount_bp)
        tenders = fill_tenders(cart.total, requested)
        receipt = shop.checkout.complete_sale(cart, tenders, args.till, at=at, actor=COMMAND_LINE)
        print_json(receipt_json(receipt, shop.clock))
    return 0


def run_refund(args: argparse.Namespace) -> int:
    method = parse_method(args.pay) if args.pay is not None else None
    with shop_from(args) as shop:
        at = _when(shop, args)
        requests = []
        for text in args.items:
            code, qty = split_item(text)
            # Decimals are read for every product; the refund refuses part of a piece.
            requests.append(RefundRequest(code, parse_qty(qty, weighed=True) if qty is not None else None))
        receipt = shop.checkout.refund(
            args.receipt_no, requests, till=args.till, at=at, method=method, actor=COMMAND_LINE
        )
        print_json(receipt_json(receipt, shop.clock))
    return 0
