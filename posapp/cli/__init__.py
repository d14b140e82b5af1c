"""The scripting face of the shop: `posapp ...` and `python -m posapp ...`.

Each command lives in its own module with `register(subparsers)`; its handler takes the parsed
arguments and returns an exit status. Known user errors print one line to stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from posapp.cli import (
    catalog_cmd,
    db_cmd,
    demo_cmd,
    labels_cmd,
    receipt_cmd,
    report_cmd,
    sales_cmd,
    staff_cmd,
    stock_cmd,
    supply_cmd,
    vietqr_cmd,
)
from posapp.domain.errors import ImportRejected, PosError
from posapp.i18n import _, set_language

COMMANDS = (
    db_cmd,
    demo_cmd,
    catalog_cmd,
    stock_cmd,
    sales_cmd,
    receipt_cmd,
    labels_cmd,
    supply_cmd,
    report_cmd,
    staff_cmd,
    vietqr_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posapp", description=_("OCOP shop point of sale"))
    parser.add_argument(
        "--database", metavar="URL", help=_("database URL (default: the SQLite file in the data folder)")
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    set_language()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
        return status
    except ImportRejected as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except PosError as error:
        print(_("Error: {message}").format(message=error.message), file=sys.stderr)
        return 1
