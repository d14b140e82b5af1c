"""`posapp user|shift|audit|backup|restore`: staff, till shifts with X/Z reports, the audit trail, backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.documents.shift_report import render_shift_report_pdf
from posapp.domain.errors import InvalidInput
from posapp.domain.money import parse_vnd
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.i18n import _
from posapp.services.audit import AuditService
from posapp.services.backup import BackupService
from posapp.services.shifts import ShiftService, ZReport
from posapp.services.staff import StaffService, UserView
from posapp.shop import Shop


def register(subparsers: Any) -> None:
    user = subparsers.add_parser("user", help=_("add and list the people who sign in at the tills"))
    users = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = users.add_parser("add", help=_("add a cashier, manager or owner with a PIN"))
    add.add_argument("name", metavar="NAME", help=_("the person's name as the tills show it"))
    add.add_argument("--role", required=True, choices=[role.value for role in Role], help=_("what they may do"))
    add.add_argument("--pin", required=True, metavar="PIN", help=_("4 to 8 digits"))
    add.set_defaults(handler=run_user_add)
    listing = users.add_parser("list", help=_("list users as JSON"))
    listing.set_defaults(handler=run_user_list)

    shift = subparsers.add_parser("shift", help=_("open and close a till's shift, with X and Z reports"))
    shifts = shift.add_subparsers(dest="action", required=True, metavar="ACTION")
    opening = shifts.add_parser("open", help=_("open a till's shift with its cash float"))
    opening.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
    opening.add_argument("--float", required=True, metavar="VND", dest="float_amount", help=_("cash in the drawer"))
    opening.add_argument("--user", metavar="NAME", help=_("who opens it (default: the command line)"))
    opening.set_defaults(handler=run_shift_open)
    closing = shifts.add_parser("close", help=_("close a till's shift with the cash counted: the Z report"))
    closing.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
    counted = closing.add_mutually_exclusive_group(required=True)
    counted.add_argument("--counted", metavar="VND", help=_("the cash counted in the drawer, in dong"))
    counted.add_argument(
        "--notes", nargs="+", metavar="NOTE=COUNT", help=_("the notes counted, like 500000=2 100000=5")
    )
    closing.add_argument("--user", metavar="NAME", help=_("who closes it (default: the command line)"))
    _add_output(closing)
    closing.set_defaults(handler=run_shift_close)
    x_report = shifts.add_parser("x", help=_("the open shift's figures so far (X report)"))
    x_report.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
    _add_output(x_report)
    x_report.set_defaults(handler=run_shift_x)
    for kind, text in (("in", _("put cash into the drawer")), ("out", _("take cash out of the drawer"))):
        move = shifts.add_parser(f"cash-{kind}", help=text)
        move.add_argument("amount", metavar="VND", help=_("the amount in dong"))
        move.add_argument("--till", required=True, metavar="T", help=_("the till's code, like Q1"))
        move.add_argument("--reason", required=True, help=_("why, in a few words"))
        move.set_defaults(handler=run_cash_move, kind=kind)

    audit = subparsers.add_parser("audit", help=_("check or list the audit trail"))
    audits = audit.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = audits.add_parser("verify", help=_("check that no entry was changed, moved or deleted"))
    verify.set_defaults(handler=run_audit_verify)
    entries = audits.add_parser("list", help=_("the newest entries as JSON"))
    entries.add_argument("--limit", type=int, default=50, metavar="N", help=_("how many entries (default 50)"))
    entries.set_defaults(handler=run_audit_list)

    backup = subparsers.add_parser("backup", help=_("back up the shop's database now"))
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("where (default: the backup folder)"))
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser("restore", help=_("replace the shop's data with a backup (saved first)"))
    restore.add_argument("file", type=Path, metavar="FILE", help=_("the backup file"))
    restore.set_defaults(handler=run_restore)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["json", "pdf"], default="json", help=_("json (default) or pdf"))
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("the PDF file to write"))


def _staff(shop: Shop) -> StaffService:
    return StaffService(shop.sessions, shop.clock, shop.settings.staff)


def _actor(shop: Shop, name: str | None) -> Actor:
    return _staff(shop).actor(name) if name else COMMAND_LINE


def user_json(user: UserView) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "role": user.role.value, "active": user.active}


def report_json(report: ZReport) -> dict[str, Any]:
    return {
        "shift": report.shift_id,
        "till": report.till,
        "opened_at": report.opened_at.isoformat(),
        "closed_at": report.closed_at.isoformat() if report.closed_at else None,
        "float": report.float_amount,
        "sales_count": report.sales_count,
        "by_method": report.by_method,
        "refunds": {"count": report.refunds_count, "amount": report.refunds_amount},
        "discounts": report.discounts,
        "net_sales": report.net_sales,
        "vat": [{"rate": g.rate, "gross": g.gross, "net": g.net, "vat": g.vat} for g in report.vat],
        "cash_in": report.cash_in,
        "cash_out": report.cash_out,
        "expected_cash": report.expected_cash,
        "counted_cash": report.counted_cash,
        "variance": report.variance,
        "first_receipt": report.first_receipt,
        "last_receipt": report.last_receipt,
    }


def _print_report(shop: Shop, report: ZReport, args: argparse.Namespace) -> None:
    if args.format == "json":
        print_json(report_json(report))
        return
    if args.output is None:
        raise InvalidInput(_("Say where to write the PDF with -o FILE."))
    pdf = render_shift_report_pdf(report, shop.settings.shop, shop.settings.printer.width_mm, shop.clock.timezone)
    args.output.write_bytes(pdf)
    print_json({"file": str(args.output), "shift": report.shift_id})


def _notes(texts: list[str]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for text in texts:
        note, sep, count = text.partition("=")
        if not sep or not count.strip().isdigit():
            raise InvalidInput(_("“{text}” is not NOTE=COUNT, like 500000=2.").format(text=text))
        counts[parse_vnd(note)] = counts.get(parse_vnd(note), 0) + int(count)
    return counts


def run_user_add(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        user = _staff(shop).add_user(args.name, Role(args.role), args.pin, COMMAND_LINE)
    print_json(user_json(user))
    return 0


def run_user_list(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        print_json([user_json(user) for user in _staff(shop).users()])
    return 0


def run_shift_open(args: argparse.Namespace) -> int:
    amount = parse_vnd(args.float_amount)
    with shop_from(args) as shop:
        view = ShiftService(shop.sessions, shop.clock).open(args.till, amount, _actor(shop, args.user))
    print_json({"shift": view.id, "till": view.till, "float": view.float_amount, "opened_by": view.opened_by})
    return 0


def run_shift_close(args: argparse.Namespace) -> int:
    counted: dict[int, int] | int = parse_vnd(args.counted) if args.counted is not None else _notes(args.notes)
    with shop_from(args) as shop:
        report = ShiftService(shop.sessions, shop.clock).close(args.till, counted, _actor(shop, args.user))
        _print_report(shop, report, args)
    return 0


def run_shift_x(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        _print_report(shop, ShiftService(shop.sessions, shop.clock).x_report(args.till), args)
    return 0


def run_cash_move(args: argparse.Namespace) -> int:
    amount = parse_vnd(args.amount)
    with shop_from(args) as shop:
        shifts = ShiftService(shop.sessions, shop.clock)
        move = shifts.cash_in if args.kind == "in" else shifts.cash_out
        done = move(args.till, amount, args.reason, COMMAND_LINE)
    print_json({"shift": done.shift_id, "kind": done.kind, "amount": done.amount, "reason": done.reason})
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        audit = AuditService(shop.sessions, shop.clock)
        broken, count = audit.verify(), audit.count()
    if broken is not None:
        message = _("The audit trail is broken at entry {id}: it was changed, moved or deleted.")
        print(message.format(id=broken), file=sys.stderr)
        return 1
    print(_("The audit trail is intact: {n} entries.").format(n=count))
    return 0


def run_audit_list(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        entries = AuditService(shop.sessions, shop.clock).entries(limit=args.limit)
    print_json(
        [
            {"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "detail": e.detail}
            for e in entries
        ]
    )
    return 0


def _backups(shop: Shop) -> BackupService:
    return BackupService(shop.engine, shop.sessions, shop.clock, shop.settings.backup)


def run_backup(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        made = _backups(shop).backup(args.output, COMMAND_LINE)
    print_json({"file": str(made)})
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        saved = _backups(shop).restore(args.file, COMMAND_LINE)
    print_json({"restored": str(args.file), "previous_data_saved_as": str(saved)})
    return 0
