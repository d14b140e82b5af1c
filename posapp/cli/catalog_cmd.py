"""`posapp catalog import|export FILE.csv`: the catalogue as a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from posapp.cli.common import shop_from
from posapp.i18n import _, ngettext
from posapp.services.catalog_csv import export_catalogue, import_catalogue


def register(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help=_("import or export the catalogue as CSV"))
    actions = catalog.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = actions.add_parser(
        "import", help=_("add or update products from a CSV file; any bad row and nothing is imported")
    )
    load.add_argument("file", type=Path, metavar="FILE.csv", help=_("the CSV file (UTF-8)"))
    load.set_defaults(handler=run_import)
    save = actions.add_parser("export", help=_("write every product to a CSV file that Excel opens"))
    save.add_argument("file", type=Path, metavar="FILE.csv", help=_("the CSV file to write"))
    save.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        summary = import_catalogue(shop.sessions, args.file)
    message = ngettext(
        "Imported {n} product ({created} new, {updated} updated).",
        "Imported {n} products ({created} new, {updated} updated).",
        summary.total,
    )
    print(message.format(n=summary.total, created=summary.created, updated=summary.updated))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        count = export_catalogue(shop.sessions, args.file)
    message = ngettext("Exported {n} product to {path}.", "Exported {n} products to {path}.", count)
    print(message.format(n=count, path=args.file))
    return 0
