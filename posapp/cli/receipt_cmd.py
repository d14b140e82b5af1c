"""`posapp receipt RECEIPT_NO`: a receipt again, as a PDF or as ESC/POS bytes for a thermal printer."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.devices.printers import PrinterError, write_whole
from posapp.documents.phrases import RECEIPT_LANGUAGES
from posapp.documents.receipt import ReceiptOptions, render_receipt_pdf
from posapp.i18n import _


def register(subparsers: Any) -> None:
    receipt = subparsers.add_parser("receipt", help=_("write a receipt as a PDF or as ESC/POS printer bytes"))
    receipt.add_argument("receipt_no", metavar="RECEIPT_NO", help=_("the receipt number, like Q1-000001"))
    receipt.add_argument("--format", choices=("pdf", "escpos"), default="pdf", help=_("what to write"))
    receipt.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the file to write"))
    receipt.add_argument(
        "--width", type=int, choices=(80, 58), help=_("the paper roll width in mm (default: the settings)")
    )
    receipt.add_argument("--lang", choices=RECEIPT_LANGUAGES, help=_("the receipt's language (default: the settings)"))
    receipt.add_argument("--gift", action="store_true", help=_("a gift receipt, without prices"))
    receipt.add_argument("--reprint", action="store_true", help=_("mark it as a reprint"))
    receipt.add_argument(
        "--text", action="store_true", help=_("ESC/POS as plain text without accents, for printers without images")
    )
    receipt.set_defaults(handler=run_receipt)


def run_receipt(args: argparse.Namespace) -> int:
    target = Path(args.output)
    with shop_from(args) as shop:
        settings = shop.settings
        options = ReceiptOptions(
            width_mm=args.width or settings.printer.width_mm,
            lang=args.lang or settings.printer.receipt_language,
            gift=args.gift,
            reprint=args.reprint,
        )
        receipt = shop.checkout.receipt(args.receipt_no)
        zone = shop.clock.timezone
        if args.format == "pdf":
            document = render_receipt_pdf(receipt, settings.shop, settings.bank, options, zone)
        else:
            from posapp.devices.escpos_printer import escpos_bytes

            raster = settings.printer.raster and not args.text
            document = escpos_bytes(receipt, settings.shop, settings.bank, options, raster=raster, timezone=zone)
    try:
        write_whole(target, document)
    except OSError as error:
        raise PrinterError(
            _("The receipt could not be written to {path}: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from error
    print_json({"receipt_no": receipt.receipt_no, "format": args.format, "file": str(target), "bytes": len(document)})
    return 0
