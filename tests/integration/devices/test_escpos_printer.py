"""ESC/POS printers: what reaches a network printer, the drawer only on cash, and a dead printer said plainly."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from escpos.printer import Dummy
from PIL import Image

from posapp.devices.escpos_printer import (
    EscposPrinter,
    Port,
    escpos_bytes,
    file_port,
    network_port,
    raster_commands,
    serial_port,
    usb_port,
)
from posapp.devices.printers import PrinterError
from posapp.documents.raster import render_receipt_image
from posapp.documents.receipt import ReceiptOptions
from posapp.documents.roll import Block, Row, Text
from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.catalog import ProductInput
from posapp.shop import Shop
from tests.integration.documents.samples import BANK, SHOP, receipt

INIT, KICK, CUT, RASTER = b"\x1b@", b"\x1bp", b"\x1dV", b"\x1dv0"
SAUCE = bc.with_check_digit("893604120130")


class Jobs(socketserver.ThreadingTCPServer):
    """A printer on 127.0.0.1: keeps the bytes of each connection once the sender closes it."""

    daemon_threads = True

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.finished = threading.Semaphore(0)
        super().__init__(("127.0.0.1", 0), Job)

    @property
    def port(self) -> int:
        port: int = self.server_address[1]
        return port

    def next_job(self) -> bytes:
        assert self.finished.acquire(timeout=10), "the printer received nothing"
        return self.received.pop(0)


class Job(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        chunks = []
        while chunk := self.request.recv(65536):
            chunks.append(chunk)
        server = self.server
        assert isinstance(server, Jobs)
        server.received.append(b"".join(chunks))
        server.finished.release()


@pytest.fixture
def printer_on_network() -> Iterator[Jobs]:
    server = Jobs()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def closed_port() -> int:
    """A port nothing listens on: bound, then let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def network_printer(port: int, raster: bool = True) -> EscposPrinter:
    return EscposPrinter(network_port("127.0.0.1", port), SHOP, BANK, ReceiptOptions(lang="vi+en"), raster=raster)


def test_a_cash_sale_prints_as_a_picture_cuts_and_opens_the_drawer(printer_on_network: Jobs) -> None:
    where = network_printer(printer_on_network.port).print_receipt(receipt(payments=(("cash", 1_000_000),)))
    assert where == f"127.0.0.1:{printer_on_network.port}"
    job = printer_on_network.next_job()
    assert job.startswith(INIT)
    assert KICK in job
    assert job.index(RASTER) < job.rindex(CUT)
    width_bytes = int.from_bytes(job[job.index(RASTER) + 4 : job.index(RASTER) + 6], "little")
    assert width_bytes == 576 // 8


@pytest.mark.parametrize(
    ("payments", "options"),
    [
        ((("card", 1_000_000),), ReceiptOptions()),
        ((("transfer", 1_000_000),), ReceiptOptions()),
        ((("cash", 1_000_000),), ReceiptOptions(reprint=True)),
        ((("cash", 1_000_000),), ReceiptOptions(gift=True)),
    ],
)
def test_no_cash_no_drawer(printer_on_network: Jobs, payments: tuple[tuple[str, int]], options: ReceiptOptions) -> None:
    network_printer(printer_on_network.port).print_receipt(receipt(payments=payments), options)
    job = printer_on_network.next_job()
    assert RASTER in job and CUT in job
    assert KICK not in job


def test_text_mode_sends_the_names_without_accents(printer_on_network: Jobs) -> None:
    network_printer(printer_on_network.port, raster=False).print_receipt(receipt())
    job = printer_on_network.next_job()
    assert b"Nuoc mam Phu Quoc 40 do dam" in job
    assert b"OCOP ****" in job
    assert RASTER not in job
    assert job.startswith(INIT) and CUT in job
    assert job.isascii()


def test_any_roll_document_prints_and_cuts_without_opening_the_drawer(printer_on_network: Jobs) -> None:
    blocks: list[Block] = [Text("BÁO CÁO CA Z", align="center", bold=True), Row("Tiền mặt", "1.250.000")]
    assert network_printer(printer_on_network.port).print_document(blocks, "shift-7-z") == (
        f"127.0.0.1:{printer_on_network.port}"
    )
    job = printer_on_network.next_job()
    assert job.startswith(INIT) and RASTER in job and CUT in job
    assert KICK not in job
    network_printer(printer_on_network.port, raster=False).print_document(blocks, "shift-7-z")
    assert b"BAO CAO CA Z" in printer_on_network.next_job()


def test_the_drawer_opens_on_its_own(printer_on_network: Jobs) -> None:
    network_printer(printer_on_network.port).open_drawer()
    assert printer_on_network.next_job() == INIT + b"\x1bp\x00\x32\x32"


def test_a_58mm_printer_gets_a_384_dot_picture() -> None:
    job = escpos_bytes(receipt(), SHOP, BANK, ReceiptOptions(width_mm=58))
    assert int.from_bytes(job[job.index(RASTER) + 4 : job.index(RASTER) + 6], "little") == 384 // 8


def test_the_raster_is_the_one_python_escpos_would_send() -> None:
    image = render_receipt_image(receipt(), SHOP, BANK)
    library = Dummy()
    library.profile.profile_data = {**library.profile.profile_data, "media": {"width": {"pixels": 576}}}
    library.image(image, impl="bitImageRaster", fragment_height=960)
    assert raster_commands(image) == library.output


def test_an_unreachable_printer_is_a_clear_error_and_the_sale_stays(shop: Shop) -> None:
    name = "Nước mắm Phú Quốc 40 độ đạm"
    product = ProductInput(name=name, cooperative="HTX Nước mắm", price=125_000, barcodes=(SAUCE,))
    shop.catalog.save_product(product, actor=COMMAND_LINE)
    cart = Cart()
    shop.checkout.scan(cart, SAUCE)
    sale = shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, 200_000)], "Q1", at=datetime(2026, 3, 2, 9, 41), actor=COMMAND_LINE
    )
    printer = EscposPrinter(network_port("127.0.0.1", closed_port()), SHOP, BANK)
    with pytest.raises(PrinterError) as raised:
        printer.print_receipt(sale)
    assert raised.value.message == ("The receipt printer at 127.0.0.1 does not answer: check it is on and connected.")
    assert "Traceback" not in str(raised.value)
    assert shop.checkout.receipt(sale.receipt_no) == sale


@pytest.mark.parametrize(
    ("port", "message"),
    [
        (usb_port(0x0416, 0x5011), "The receipt printer on USB 0416:5011 is not found: check it is plugged in"),
        (serial_port("/dev/ttyPOS-none", 9600), "The receipt printer on /dev/ttyPOS-none does not answer"),
    ],
)
def test_a_printer_that_is_not_plugged_in_is_said_plainly(port: Port, message: str) -> None:
    with pytest.raises(PrinterError) as raised:
        EscposPrinter(port, SHOP).print_receipt(receipt())
    assert raised.value.message.startswith(message)


def test_a_device_file_printer_gets_the_same_bytes(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.touch()
    printer = EscposPrinter(file_port(str(device)), SHOP, BANK, ReceiptOptions(lang="vi+en"))
    assert printer.print_receipt(receipt()) == str(device)
    assert device.read_bytes() == escpos_bytes(receipt(), SHOP, BANK, ReceiptOptions(lang="vi+en"), drawer=True)


def test_a_device_file_that_cannot_be_opened_is_a_printer_error(tmp_path: Path) -> None:
    printer = EscposPrinter(file_port(str(tmp_path / "no-such-folder" / "lp0")), SHOP)
    with pytest.raises(PrinterError, match="cannot be written to"):
        printer.print_receipt(receipt())


def test_a_printer_without_a_drawer_says_so(tmp_path: Path) -> None:
    printer = EscposPrinter(file_port(str(tmp_path / "lp0")), SHOP, cash_drawer=False)
    with pytest.raises(PrinterError, match="no cash drawer"):
        printer.open_drawer()
    printer.print_receipt(receipt(payments=(("cash", 1_000_000),)))
    assert KICK not in (tmp_path / "lp0").read_bytes()


def test_the_raster_image_is_black_on_white() -> None:
    image = Image.new("1", (16, 2), 1)
    image.putpixel((0, 0), 0)
    assert raster_commands(image) == b"\x1dv0\x00\x02\x00\x02\x00" + b"\x80\x00\x00\x00"
