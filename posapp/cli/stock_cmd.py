"""`posapp stock receive|adjust|show`: goods in, corrections with a reason, and on-hand."""

from __future__ import annotations

import argparse
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.domain.money import parse_qty, parse_vnd, qty_to_number
from posapp.domain.staff import COMMAND_LINE
from posapp.i18n import _
from posapp.services.dto import StockLevel
from posapp.services.inventory import ADJUSTMENT_REASONS

AT = "YYYY-MM-DDTHH:MM"


def register(subparsers: Any) -> None:
    stock = subparsers.add_parser("stock", help=_("receive goods, adjust stock, show on-hand"))
    actions = stock.add_subparsers(dest="action", required=True, metavar="ACTION")
    receive = actions.add_parser("receive", help=_("record goods received from a cooperative"))
    receive.add_argument("barcode", metavar="BARCODE", help=_("the product's barcode"))
    receive.add_argument("qty", metavar="QTY", help=_("how many units came in (kg for goods sold by weight)"))
    receive.add_argument("--cost", metavar="VND", help=_("the cost per unit in dong"))
    receive.add_argument("--at", metavar=AT, help=_("when the goods came in (shop local time)"))
    receive.set_defaults(handler=run_receive)
    adjust = actions.add_parser("adjust", help=_("correct on-hand, negative for losses, with a reason"))
    adjust.add_argument("barcode", metavar="BARCODE", help=_("the product's barcode"))
    adjust.add_argument("delta", metavar="DELTA", help=_("units to add, or to take away with a minus sign"))
    adjust.add_argument("--reason", required=True, choices=ADJUSTMENT_REASONS, help=_("why stock changes"))
    adjust.add_argument("--note", default="", help=_("a few words on what happened"))
    adjust.add_argument("--at", metavar=AT, help=_("when it happened (shop local time)"))
    adjust.set_defaults(handler=run_adjust)
    show = actions.add_parser("show", help=_("show a product's on-hand as JSON"))
    show.add_argument("barcode", metavar="BARCODE", help=_("the product's barcode"))
    show.set_defaults(handler=run_show)


def level_json(level: StockLevel) -> dict[str, Any]:
    return {
        "barcode": level.barcode,
        "name": level.name,
        "unit": level.unit,
        "on_hand": qty_to_number(level.on_hand_milli),
        "reorder_point": qty_to_number(level.reorder_point_milli),
        "needs_count": level.needs_count,
    }


def _qty(text: str) -> int:
    # Decimals are read for every product; the inventory service refuses part of a piece.
    return parse_qty(text, weighed=True)


def run_receive(args: argparse.Namespace) -> int:
    cost = parse_vnd(args.cost) if args.cost is not None else None
    with shop_from(args) as shop:
        at = shop.clock.parse(args.at) if args.at else None
        level = shop.inventory.receive(args.barcode, _qty(args.qty), unit_cost=cost, at=at)
    print_json(level_json(level))
    return 0


def run_adjust(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        at = shop.clock.parse(args.at) if args.at else None
        level = shop.inventory.adjust(
            args.barcode, _qty(args.delta), args.reason, at=at, note=args.note, actor=COMMAND_LINE
        )
    print_json(level_json(level))
    return 0


def run_show(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        level = shop.inventory.level(args.barcode)
    print_json(level_json(level))
    return 0
