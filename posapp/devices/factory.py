"""The till's receipt printer, chosen from the settings: PDF files, the system printer or ESC/POS."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from posapp.devices.printers import PdfFilePrinter, RollPrinter
from posapp.documents.receipt import ReceiptOptions
from posapp.domain.errors import InvalidInput
from posapp.i18n import _
from posapp.settings import PrinterSettings, Settings

if TYPE_CHECKING:
    from posapp.devices.escpos_printer import Port

PRINTER_KINDS = ("pdf", "system", "escpos-network", "escpos-usb", "escpos-serial", "escpos-file")


def _missing(setting: str) -> InvalidInput:
    return InvalidInput(
        _("The receipt printer needs “{setting}” in the [printer] settings.").format(setting=setting)
    )


def _escpos_port(config: PrinterSettings) -> Port:
    from posapp.devices import escpos_printer as escpos

    if config.kind == "escpos-network":
        if not config.host:
            raise _missing("host")
        return escpos.network_port(config.host, config.port)
    if config.kind == "escpos-usb":
        if not (config.usb_vendor and config.usb_product):
            raise _missing("usb_vendor, usb_product")
        return escpos.usb_port(config.usb_vendor, config.usb_product)
    if config.kind == "escpos-serial":
        if not config.serial_device:
            raise _missing("serial_device")
        return escpos.serial_port(config.serial_device, config.baudrate)
    if config.kind == "escpos-file":
        if not config.file_path:
            raise _missing("file_path")
        return escpos.file_port(config.file_path)
    raise _unknown(config.kind)


def printer_from_settings(settings: Settings, folder: Path) -> RollPrinter:
    """The printer `settings.printer` describes; `folder` is where the PDF printer saves receipts.

    Settings that cannot work (no host for a network printer, an unknown kind) are refused here,
    when the till starts, not at the first sale.
    """
    config = settings.printer
    options = ReceiptOptions(width_mm=config.width_mm, lang=config.receipt_language)
    zone = ZoneInfo(settings.timezone)
    shop, bank = settings.shop, settings.bank
    if config.kind == "pdf":
        return PdfFilePrinter(folder, shop, bank, options=options, timezone=zone)
    if config.kind == "system":
        # Qt's print support is loaded only for the printer that needs it.
        from posapp.devices.system_printer import SystemPrinter

        return SystemPrinter(config.system_name, shop, bank, options, timezone=zone)
    if config.kind.startswith("escpos-"):
        from posapp.devices.escpos_printer import EscposPrinter

        port = _escpos_port(config)
        drawer = config.cash_drawer
        return EscposPrinter(port, shop, bank, options, raster=config.raster, cash_drawer=drawer, timezone=zone)
    raise _unknown(config.kind)


def _unknown(kind: str) -> InvalidInput:
    return InvalidInput(
        _("Unknown receipt printer “{kind}”: use {kinds}.").format(kind=kind, kinds=", ".join(PRINTER_KINDS))
    )
