"""`posapp labels ITEM... -o FILE.pdf`: barcode labels or shelf price tags for products, as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.documents.labels import SHEETS
from posapp.i18n import _
from posapp.services.labels import LabelService, parse_item

DEFAULT_SHEET = "a4-3x8"


def register(subparsers: Any) -> None:
    labels = subparsers.add_parser(
        "labels",
        help=_("print barcode labels or shelf price tags as a PDF"),
        description=_("Each ITEM is a barcode, optionally with a count: 8936210401218x5 prints five labels."),
    )
    labels.add_argument("items", nargs="+", metavar="ITEM", help=_("BARCODE or BARCODExCOUNT"))
    labels.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=_("where to save the PDF"))
    labels.add_argument(
        "--sheet",
        default=DEFAULT_SHEET,
        choices=list(SHEETS),
        help=_("label sheet or shelf tags (default: {sheet})").format(sheet=DEFAULT_SHEET),
    )
    labels.add_argument(
        "--skip", type=int, default=0, metavar="N", help=_("positions already used on the first sheet")
    )
    labels.set_defaults(handler=run_labels)


def run_labels(args: argparse.Namespace) -> int:
    items = [parse_item(item) for item in args.items]  # every item is checked before anything is written
    with shop_from(args) as shop:
        service = LabelService(shop.sessions)
        saved = service.save(service.labels(items), args.sheet, Path(args.output), args.skip)
    print_json({"file": str(saved.path), "sheet": saved.sheet, "labels": saved.labels, "pages": saved.pages})
    return 0
