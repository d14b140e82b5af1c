"""`posapp reorder|po|consignment`: what to order, purchase orders, and what is owed for consignment goods."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.cli.sales_cmd import split_item
from posapp.domain.errors import InvalidInput
from posapp.domain.money import parse_qty, parse_vnd, qty_to_number
from posapp.domain.staff import COMMAND_LINE
from posapp.i18n import _
from posapp.services.clock import ShopClock
from posapp.services.consignment import ConsignmentService, statement_csv
from posapp.services.mail import PurchaseOrderMailer
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_common import cooperative_id_named
from posapp.services.supply_dto import (
    ConsignmentStatement,
    CooperativeSuggestion,
    OrderLineInput,
    PurchaseOrderView,
    ReceivedItem,
)
from posapp.shop import Shop

DAY, AT = "YYYY-MM-DD", "YYYY-MM-DDTHH:MM"


def register(subparsers: Any) -> None:
    reorder = subparsers.add_parser("reorder", help=_("what to order from each cooperative"))
    reorder_actions = reorder.add_subparsers(dest="action", required=True, metavar="ACTION")
    suggest = reorder_actions.add_parser("suggest", help=_("suggested orders from recent sales, per cooperative"))
    suggest.add_argument("--at", metavar=DAY, help=_("the day to suggest for (default today)"))
    suggest.add_argument("--window", type=int, default=28, metavar="DAYS", help=_("days of sales to look at"))
    suggest.add_argument("--cover", type=int, default=14, metavar="DAYS", help=_("days the order should last"))
    suggest.add_argument("--cooperative", metavar="NAME", help=_("only this cooperative"))
    suggest.add_argument("--format", choices=("json", "csv"), default="json", help=_("output format"))
    suggest.set_defaults(handler=run_suggest)

    po = subparsers.add_parser("po", help=_("purchase orders: create, send, receive, show"))
    po_actions = po.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = po_actions.add_parser("create", help=_("draft a purchase order to a cooperative"))
    create.add_argument("--cooperative", required=True, metavar="NAME", help=_("the cooperative's name"))
    create.add_argument("--from-suggestions", action="store_true", help=_("order what the suggestions say"))
    create.add_argument("--at", metavar=DAY, help=_("the day the suggestions are for (default today)"))
    create.add_argument("--note", default="", help=_("a note printed on the order"))
    create.add_argument("items", nargs="*", metavar="ITEM", help=_("BARCODExQTY to order"))
    create.set_defaults(handler=run_create)
    send = po_actions.add_parser("send", help=_("email a purchase order to its cooperative"))
    send.add_argument("po_no", metavar="PO_NO", help=_("the order number, like PO-000001"))
    send.set_defaults(handler=run_send)
    receive = po_actions.add_parser("receive", help=_("book goods that arrived against an order"))
    receive.add_argument("po_no", metavar="PO_NO", help=_("the order number, like PO-000001"))
    receive.add_argument(
        "items", nargs="+", metavar="ITEM", help=_("BARCODExQTY, optionally :LOT and :YYYY-MM-DD (best before)")
    )
    receive.add_argument("--at", metavar=AT, help=_("when the goods came in (shop local time)"))
    receive.set_defaults(handler=run_receive)
    show = po_actions.add_parser("show", help=_("show a purchase order"))
    show.add_argument("po_no", metavar="PO_NO", help=_("the order number, like PO-000001"))
    show.add_argument("--format", choices=("json", "pdf", "csv"), default="json", help=_("output format"))
    show.add_argument("-o", "--output", metavar="FILE", help=_("where to save it (needed for pdf)"))
    show.set_defaults(handler=run_show)

    consignment = subparsers.add_parser("consignment", help=_("consignment statements and payments"))
    c_actions = consignment.add_subparsers(dest="action", required=True, metavar="ACTION")
    statement = c_actions.add_parser("statement", help=_("what a cooperative is owed for a period"))
    statement.add_argument("--cooperative", required=True, metavar="NAME", help=_("the cooperative's name"))
    statement.add_argument("--from", dest="date_from", required=True, metavar=DAY, help=_("first day"))
    statement.add_argument("--to", dest="date_to", required=True, metavar=DAY, help=_("last day"))
    statement.add_argument("--format", choices=("json", "pdf", "csv"), default="json", help=_("output format"))
    statement.add_argument("-o", "--output", metavar="FILE", help=_("where to save it (needed for pdf)"))
    statement.set_defaults(handler=run_statement)
    pay = c_actions.add_parser("pay", help=_("record a payment to a cooperative"))
    pay.add_argument("--cooperative", required=True, metavar="NAME", help=_("the cooperative's name"))
    pay.add_argument("--amount", required=True, metavar="VND", help=_("the amount paid in dong"))
    pay.add_argument("--note", default="", help=_("a few words, like the transfer reference"))
    pay.add_argument("--at", metavar=AT, help=_("when it was paid (shop local time)"))
    pay.set_defaults(handler=run_pay)
    give_back = c_actions.add_parser("return", help=_("give goods back to their cooperative"))
    give_back.add_argument("barcode", metavar="BARCODE", help=_("the product's barcode"))
    give_back.add_argument("qty", metavar="QTY", help=_("how many units go back"))
    give_back.add_argument("--reason", required=True, help=_("why the goods go back"))
    give_back.add_argument("--at", metavar=AT, help=_("when the goods went back (shop local time)"))
    give_back.set_defaults(handler=run_return)


def parse_day(text: str | None, clock: ShopClock) -> date:
    if not text:
        return clock.local_day(clock.now())
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(_("“{text}” is not a day; write it as YYYY-MM-DD.").format(text=text)) from None


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def emit(args: argparse.Namespace, content: str | bytes) -> None:
    """Text to stdout, or to -o FILE; a PDF only to -o FILE. A saved file is reported as JSON."""
    if isinstance(content, bytes) or args.output:
        if not args.output:
            raise InvalidInput(_("Say where to save the PDF with -o FILE."))
        path = Path(args.output)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        print_json({"file": str(path)})
    else:
        sys.stdout.write(content)


# --- reorder ------------------------------------------------------------------------------
def suggestions_json(suggestions: list[CooperativeSuggestion]) -> list[dict[str, Any]]:
    return [
        {
            "cooperative": group.cooperative,
            "lines": [
                {
                    "barcode": line.barcode,
                    "name": line.name,
                    "on_hand": qty_to_number(line.on_hand_milli),
                    "on_order": qty_to_number(line.on_order_milli),
                    "velocity": round(line.velocity, 3),
                    "suggested": qty_to_number(line.suggested_milli),
                }
                for line in group.lines
            ],
            "value": group.value,
        }
        for group in suggestions
    ]


def run_suggest(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        cooperative = None
        if args.cooperative:
            with shop.sessions() as session:
                cooperative = cooperative_id_named(session, args.cooperative)
        suggestions = PurchasingService(shop.sessions, shop.clock).reorder_suggestions(
            parse_day(args.at, shop.clock), args.window, args.cover, cooperative
        )
    if args.format == "json":
        print_json(suggestions_json(suggestions))
        return 0
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["cooperative", "barcode", "name", "on_hand", "on_order", "velocity", "suggested", "unit_cost", "value"]
    )
    for group in suggestions:
        for line in group.lines:
            writer.writerow(
                [
                    group.cooperative,
                    line.barcode,
                    line.name,
                    qty_to_number(line.on_hand_milli),
                    qty_to_number(line.on_order_milli),
                    round(line.velocity, 3),
                    qty_to_number(line.suggested_milli),
                    line.unit_cost,
                    line.value,
                ]
            )
    sys.stdout.write(out.getvalue())
    return 0


# --- purchase orders ----------------------------------------------------------------------
def order_json(order: PurchaseOrderView, clock: ShopClock) -> dict[str, Any]:
    return {
        "po_no": order.po_no,
        "status": order.status,
        "cooperative": order.cooperative,
        "email": order.cooperative_email,
        "created_at": clock.local(order.created_at).isoformat(timespec="seconds"),
        "sent_at": clock.local(order.sent_at).isoformat(timespec="seconds") if order.sent_at else None,
        "note": order.note,
        "outbox": order.in_outbox,
        "last_error": order.last_error,
        "send_attempts": order.send_attempts,
        "lines": [
            {
                "barcode": line.barcode,
                "name": line.name,
                "unit": line.unit,
                "ordered": qty_to_number(line.qty_ordered_milli),
                "received": qty_to_number(line.qty_received_milli),
                "backorder": qty_to_number(line.backorder_milli),
                "unit_cost": line.unit_cost,
                "value": line.value,
            }
            for line in order.lines
        ],
        "total": order.total,
    }


def _lines_from_items(shop: Shop, items: list[str]) -> list[OrderLineInput]:
    lines = []
    for text in items:
        code, qty = split_item(text)
        product = shop.catalog.product_by_barcode(code)
        if qty is None:
            raise InvalidInput(_("Say how many of {code} to order: write BARCODExQTY.").format(code=code))
        lines.append(OrderLineInput(product.id, parse_qty(qty, product.weighed)))
    return lines


def run_create(args: argparse.Namespace) -> int:
    if args.from_suggestions == bool(args.items):
        raise InvalidInput(_("Give the items to order, or --from-suggestions (not both)."))
    with shop_from(args) as shop:
        purchasing = PurchasingService(shop.sessions, shop.clock)
        with shop.sessions() as session:
            cooperative = cooperative_id_named(session, args.cooperative)
        if args.from_suggestions:
            day = parse_day(args.at, shop.clock)
            order = purchasing.orders_from_suggestions(cooperative, day, args.note, actor=COMMAND_LINE)[0]
        else:
            order = purchasing.create_order(
                cooperative, _lines_from_items(shop, args.items), args.note, actor=COMMAND_LINE
            )
        print_json(order_json(order, shop.clock))
    return 0


def run_send(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        order = PurchaseOrderMailer(shop.sessions, shop.clock, shop.settings).send(args.po_no, actor=COMMAND_LINE)
        print_json(order_json(order, shop.clock))
    return 0


def parse_received(text: str, clock: ShopClock) -> ReceivedItem:
    """`BARCODExQTY[:LOT[:YYYY-MM-DD]]`."""
    item, _sep, rest = text.partition(":")
    lot, _sep, best_before = rest.partition(":")
    code, qty = split_item(item)
    if qty is None:
        raise InvalidInput(_("Say how many of {code} arrived: write BARCODExQTY.").format(code=code))
    return ReceivedItem(
        code=code,
        qty_milli=parse_qty(qty, weighed=True),  # the service refuses part of a piece
        lot_code=lot.strip(),
        best_before=parse_day(best_before, clock) if best_before.strip() else None,
    )


def run_receive(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        items = [parse_received(text, shop.clock) for text in args.items]
        at = shop.clock.parse(args.at) if args.at else None
        order = ReceivingService(shop.sessions, shop.clock).receive_order(args.po_no, items, at)
        print_json(order_json(order, shop.clock))
    return 0


def run_show(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        purchasing = PurchasingService(shop.sessions, shop.clock)
        if args.format == "pdf":
            emit(args, purchasing.order_pdf(args.po_no, shop.settings.shop))
        elif args.format == "csv":
            emit(args, purchasing.order_csv(args.po_no))
        else:
            emit(args, json_text(order_json(purchasing.order(args.po_no), shop.clock)))
    return 0


# --- consignment --------------------------------------------------------------------------
def statement_json(statement: ConsignmentStatement) -> dict[str, Any]:
    return {
        "cooperative": statement.cooperative,
        "from": statement.date_from.isoformat(),
        "to": statement.date_to.isoformat(),
        "lines": [
            {
                "barcode": line.barcode,
                "name": line.name,
                "unit": line.unit,
                "opening": qty_to_number(line.opening_milli),
                "received": qty_to_number(line.received_milli),
                "sold": qty_to_number(line.sold_milli),
                "returned": qty_to_number(line.returned_milli),
                "adjusted": qty_to_number(line.adjusted_milli),
                "closing": qty_to_number(line.closing_milli),
                "payout_per_unit": line.payout_per_unit,
                "owed": line.owed,
            }
            for line in statement.lines
        ],
        "opening_balance": statement.opening_balance,
        "owed": statement.owed,
        "paid": statement.paid,
        "balance": statement.balance,
    }


def run_statement(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        service = ConsignmentService(shop.sessions, shop.clock)
        with shop.sessions() as session:
            cooperative = cooperative_id_named(session, args.cooperative)
        statement = service.statement(
            cooperative, parse_day(args.date_from, shop.clock), parse_day(args.date_to, shop.clock)
        )
        if args.format == "pdf":
            emit(args, service.statement_pdf(statement, shop.settings.shop))
        elif args.format == "csv":
            emit(args, statement_csv(statement))
        else:
            emit(args, json_text(statement_json(statement)))
    return 0


def run_pay(args: argparse.Namespace) -> int:
    amount = parse_vnd(args.amount)
    with shop_from(args) as shop:
        service = ConsignmentService(shop.sessions, shop.clock)
        with shop.sessions() as session:
            cooperative = cooperative_id_named(session, args.cooperative)
        at = shop.clock.parse(args.at) if args.at else None
        payment = service.pay(cooperative, amount, at=at, note=args.note, actor=COMMAND_LINE)
        balance = next((b.balance for b in service.balances() if b.cooperative_id == cooperative), -amount)
        print_json(
            {
                "cooperative": payment.cooperative,
                "amount": payment.amount,
                "at": shop.clock.local(payment.at).isoformat(timespec="seconds"),
                "note": payment.note,
                "balance": balance,
            }
        )
    return 0


def run_return(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        at = shop.clock.parse(args.at) if args.at else None
        level = ConsignmentService(shop.sessions, shop.clock).return_to_cooperative(
            args.barcode, parse_qty(args.qty, weighed=True), args.reason, at, actor=COMMAND_LINE
        )
    print_json({"barcode": level.barcode, "name": level.name, "on_hand": qty_to_number(level.on_hand_milli)})
    return 0
