"""ESC/POS thermal receipt printers on the network, USB, a serial port or a device file; the cash drawer.

The receipt is built as bytes first (`escpos_bytes`: init, drawer kick, the receipt as a raster image
or accent-free text, cut) and then sent in one go, so a printer that fails never gets half a job
from us. A printer that is off fails within seconds with a message a cashier can act on.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError
from escpos.printer import Dummy, File, Network, Serial, Usb
from PIL import Image

from posapp.devices.printers import PrinterError, no_drawer, takes_cash
from posapp.documents.plain import columns_for, roll_lines
from posapp.documents.raster import printer_dots, render_roll_image
from posapp.documents.receipt import SHOP_ZONE, ReceiptOptions, receipt_blocks
from posapp.documents.roll import Block
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount, ShopProfile

CONNECT_SECONDS = 3.0  # a printer that is off must not keep the cashier waiting
SEND_SECONDS = 10.0  # once connected, a long receipt may take a moment to drain into the printer
USB_TIMEOUT_MS = 10_000
DRAWER_PIN = 2  # most drawers hang on pin 2 of the printer's RJ-11 socket


BAND_ROWS = 960  # one GS v 0 command per band: printers take a tall image in pieces (the library's size)
_INVERT = bytes(255 - value for value in range(256))


def raster_commands(image: Image.Image) -> bytes:
    """GS v 0 commands for a 1-bit image: a set bit is a black dot, rows padded to whole bytes."""
    if image.mode != "1":
        raise ValueError("a raster needs a 1-bit image")
    row_bytes = (image.width + 7) // 8
    # Pillow stores 1 for white; the printer burns a dot for 1. Inverting bytes is far cheaper than pixels.
    data = image.tobytes().translate(_INVERT)
    commands = []
    for top in range(0, image.height, BAND_ROWS):
        rows = min(BAND_ROWS, image.height - top)
        header = b"\x1dv0\x00" + row_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        commands.append(header + data[top * row_bytes : (top + rows) * row_bytes])
    return b"".join(commands)


def _text(out: Escpos, blocks: Sequence[Block], dots: int) -> None:
    style: tuple[bool, bool] | None = None
    for line in roll_lines(blocks, columns_for(dots)):
        if style != (line.bold, line.large):
            style = (line.bold, line.large)
            out.set(bold=line.bold, double_height=line.large, normal_textsize=not line.large)
        out.text(line.text + "\n")
    out.set(bold=False, normal_textsize=True)


def roll_bytes(
    blocks: Sequence[Block], width_mm: int = 80, *, raster: bool = True, drawer: bool = False, dots: int | None = None
) -> bytes:
    """One print job: ESC @, the drawer kick if asked, the blocks (GS v 0 raster or plain text), the cut."""
    dots = dots or printer_dots(width_mm)
    out = Dummy()
    out.hw("INIT")
    if drawer:
        out.cashdraw(DRAWER_PIN)
    if raster:
        out._raw(raster_commands(render_roll_image(blocks, width_mm, dots)))
    else:
        _text(out, blocks, dots)
    out.cut()
    data: bytes = out.output
    return data


def escpos_bytes(
    receipt: Receipt,
    shop: ShopProfile,
    bank: BankAccount | None = None,
    options: ReceiptOptions | None = None,
    *,
    raster: bool = True,
    drawer: bool = False,
    dots: int | None = None,
    timezone: ZoneInfo = SHOP_ZONE,
) -> bytes:
    """The receipt as the bytes a thermal printer takes (for `posapp receipt --format escpos` too)."""
    options = options or ReceiptOptions()
    blocks = receipt_blocks(receipt, shop, bank, timezone, options)
    return roll_bytes(blocks, options.width_mm, raster=raster, drawer=drawer, dots=dots)


def drawer_bytes() -> bytes:
    out = Dummy()
    out.hw("INIT")
    out.cashdraw(DRAWER_PIN)
    data: bytes = out.output
    return data


@dataclass(frozen=True)
class Port:
    """How to reach one printer: `where` names it for the cashier, `problem` says what to check."""

    where: str
    problem: str
    connect: Callable[[], Escpos]

    def send(self, data: bytes) -> None:
        try:
            printer = self.connect()
            try:
                printer._raw(data)  # the library's one call for bytes already formatted
            finally:
                printer.close()
        except (EscposError, OSError, ValueError) as error:
            # OSError: refused, timed out, unplugged; ValueError: no USB library on this computer.
            raise PrinterError(self.problem) from error


def _network(host: str, port: int) -> Escpos:
    # Connect here rather than in Network.open(), which leaves the socket open when the printer refuses.
    connection = socket.create_connection((host, port), timeout=CONNECT_SECONDS)
    connection.settimeout(SEND_SECONDS)
    printer = Network(host, port, timeout=SEND_SECONDS)
    printer.device = connection
    return printer


def network_port(host: str, port: int = 9100) -> Port:
    problem = _("The receipt printer at {host} does not answer: check it is on and connected.")
    return Port(f"{host}:{port}", problem.format(host=host), lambda: _network(host, port))


def usb_port(vendor: int, product: int) -> Port:
    def connect() -> Escpos:
        printer = Usb(vendor, product, timeout=USB_TIMEOUT_MS)
        printer.open()
        return printer

    where = f"USB {vendor:04x}:{product:04x}"
    problem = _("The receipt printer on {where} is not found: check it is plugged in and switched on.")
    return Port(where, problem.format(where=where), connect)


def serial_port(device: str, baudrate: int = 9600) -> Port:
    def connect() -> Escpos:
        printer = Serial(device, baudrate=baudrate, timeout=CONNECT_SECONDS)
        printer.open()
        printer.device.write_timeout = SEND_SECONDS
        return printer

    problem = _("The receipt printer on {device} does not answer: check its cable and that it is on.")
    return Port(device, problem.format(device=device), connect)


def file_port(path: str) -> Port:
    def connect() -> Escpos:
        printer = File(path)
        printer.open()
        return printer

    problem = _("The receipt printer at {path} cannot be written to: check it is connected and allowed.")
    return Port(path, problem.format(path=path), connect)


class EscposPrinter:
    """A thermal printer: the receipt as an exact picture (or plain text), a cut, and the drawer on cash."""

    def __init__(
        self,
        port: Port,
        shop: ShopProfile,
        bank: BankAccount | None = None,
        options: ReceiptOptions | None = None,
        *,
        raster: bool = True,
        cash_drawer: bool = True,
        timezone: ZoneInfo = SHOP_ZONE,
    ) -> None:
        self.port = port
        self.shop = shop
        self.bank = bank
        self.options = options or ReceiptOptions()
        self.raster = raster
        self.has_drawer = cash_drawer
        self.timezone = timezone

    def print_receipt(self, receipt: Receipt, options: ReceiptOptions | None = None) -> str:
        options = options or self.options
        # A copy or a gift receipt moves no money: the drawer stays shut.
        kick = self.has_drawer and takes_cash(receipt) and not (options.reprint or options.gift)
        data = escpos_bytes(
            receipt, self.shop, self.bank, options, raster=self.raster, drawer=kick, timezone=self.timezone
        )
        self.port.send(data)
        return self.port.where

    def print_document(self, blocks: Sequence[Block], name: str) -> str:
        self.port.send(roll_bytes(blocks, self.options.width_mm, raster=self.raster))
        return self.port.where

    def open_drawer(self) -> None:
        if not self.has_drawer:
            raise no_drawer()
        self.port.send(drawer_bytes())
