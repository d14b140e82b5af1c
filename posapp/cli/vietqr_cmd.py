"""`posapp vietqr`: print (and optionally draw) the VietQR payload for a bank transfer."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import segno

from posapp.domain import vietqr
from posapp.domain.errors import PosError
from posapp.domain.money import parse_vnd
from posapp.i18n import _


def register(subparsers: Any) -> None:
    command = subparsers.add_parser("vietqr", help=_("print the VietQR payload for a bank transfer"))
    command.add_argument("--bank", required=True, metavar="BIN", help=_("the bank's 6-digit NAPAS BIN"))
    command.add_argument("--account", required=True, metavar="NO", help=_("the account number"))
    command.add_argument("--amount", metavar="VND", help=_("the amount in dong (leave out for a static QR)"))
    command.add_argument("--purpose", default="", metavar="TEXT", help=_("the transfer description"))
    command.add_argument("--png", type=Path, metavar="FILE", help=_("also write the QR code as a PNG image"))
    command.set_defaults(handler=run_vietqr)


def run_vietqr(args: argparse.Namespace) -> int:
    amount = parse_vnd(args.amount) if args.amount is not None else None
    text = vietqr.payload(args.bank, args.account, amount, args.purpose)
    if args.png is not None:
        try:
            segno.make(text, error="m", micro=False).save(args.png, scale=8, border=4)
        except OSError as error:
            message = _("Cannot write the QR image {path}: {reason}")
            raise PosError(message.format(path=args.png, reason=error.strerror or error)) from error
    print(text)
    return 0
