"""`posapp db upgrade`: create or bring the database schema up to date."""

from __future__ import annotations

import argparse
from typing import Any

from posapp.cli.common import shop_from
from posapp.i18n import _


def register(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help=_("database maintenance"))
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help=_("create or upgrade the database schema"))
    upgrade.set_defaults(handler=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    with shop_from(args):  # opening the shop runs the migrations
        print(_("The database is up to date."))
    return 0
