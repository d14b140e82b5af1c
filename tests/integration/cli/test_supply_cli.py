"""`posapp reorder suggest`, `posapp po create|send|receive|show`, `posapp consignment statement|pay|return`."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from pypdf import PdfReader
from sqlalchemy import update

from posapp.db.models import Cooperative
from posapp.shop import Shop
from tests.integration.cli.helpers import GAO, TOM, Cli

RICE, SHRIMP = "HTX Lúa gạo Thạnh Phú", "HTX Tôm khô Rạch Gốc"
BASKET = "8936041209015"


@pytest.fixture
def busy(stocked: Cli) -> Cli:
    """84 bags of rice sold in November (3 a day over 28 days): 16 left."""
    for day in (3, 10, 17):
        stocked("sell", "--till", "Q1", f"{GAO}x28", "--pay", "cash", "--at", f"2026-11-{day:02d}T10:00").json()
    return stocked


def test_suggestions_as_json_and_csv(busy: Cli) -> None:
    # 3 a day × (7 days lead + 14 cover) = 63 − 16 on hand = 47 → packs of 5: 50 bags at 150.000
    expected = [
        {
            "cooperative": RICE,
            "lines": [
                {
                    "barcode": GAO,
                    "name": "Gạo ST25 túi 5kg",
                    "on_hand": 16,
                    "on_order": 0,
                    "velocity": 3.0,
                    "suggested": 50,
                }
            ],
            "value": 7_500_000,
        }
    ]
    assert busy("reorder", "suggest", "--at", "2026-11-23").json() == expected
    assert busy("reorder", "suggest", "--at", "2026-11-23", "--cooperative", SHRIMP).json() == []
    run = busy("reorder", "suggest", "--at", "2026-11-23", "--format", "csv")
    assert run.status == 0
    assert run.out.splitlines() == [
        "cooperative,barcode,name,on_hand,on_order,velocity,suggested,unit_cost,value",
        f"{RICE},{GAO},Gạo ST25 túi 5kg,16,0,3.0,50,150000,7500000",
    ]
    bad = busy("reorder", "suggest", "--at", "23/11/2026")
    assert (bad.status, bad.err.strip()) == (1, "Error: “23/11/2026” is not a day; write it as YYYY-MM-DD.")


def test_order_from_suggestions_receive_part_and_show(busy: Cli, tmp_path: Path) -> None:
    order = busy("po", "create", "--cooperative", RICE, "--from-suggestions", "--at", "2026-11-23").json()
    assert (order["po_no"], order["status"], order["cooperative"], order["total"]) == (
        "PO-000001",
        "draft",
        RICE,
        7_500_000,
    )
    assert order["lines"] == [
        {
            "barcode": GAO,
            "name": "Gạo ST25 túi 5kg",
            "unit": "túi",
            "ordered": 50,
            "received": 0,
            "backorder": 50,
            "unit_cost": 150_000,
            "value": 7_500_000,
        }
    ]
    assert busy("reorder", "suggest", "--at", "2026-11-23").json() == []  # on order now
    received = busy("po", "receive", "PO-000001", f"{GAO}x30:L2611:2027-05-01", "--at", "2026-11-25T08:00").json()
    assert received["status"] == "partly_received"
    assert [(line["received"], line["backorder"]) for line in received["lines"]] == [(30, 20)]
    assert busy("stock", "show", GAO).json()["on_hand"] == 46
    assert busy("po", "show", "po-000001").json() == received
    pdf = tmp_path / "po.pdf"
    assert busy("po", "show", "PO-000001", "--format", "pdf", "-o", str(pdf)).json() == {"file": str(pdf)}
    assert "PO-000001" in PdfReader(pdf).pages[0].extract_text()
    no_file = busy("po", "show", "PO-000001", "--format", "pdf")
    assert (no_file.status, no_file.err.strip()) == (1, "Error: Say where to save the PDF with -o FILE.")
    csv_run = busy("po", "show", "PO-000001", "--format", "csv")
    assert csv_run.out.splitlines()[1] == f"PO-000001,{GAO},Gạo ST25 túi 5kg,túi,50,30,20,150000,7500000"


def test_order_items_by_hand_and_mistakes_said_plainly(stocked: Cli) -> None:
    order = stocked("po", "create", "--cooperative", SHRIMP, f"{TOM}x20", "--note", "giao thứ Hai").json()
    assert (order["po_no"], order["note"], order["total"]) == ("PO-000001", "giao thứ Hai", 20 * 206_000)
    for args, message in (
        (("--cooperative", "HTX Không Có", f"{TOM}x2"), "No cooperative is named “HTX Không Có”."),
        (("--cooperative", SHRIMP), "Give the items to order, or --from-suggestions (not both)."),
        (("--cooperative", SHRIMP, TOM), f"Say how many of {TOM} to order: write BARCODExQTY."),
    ):
        run = stocked("po", "create", *args)
        assert (run.status, run.err.strip()) == (1, f"Error: {message}")
    over = stocked("po", "receive", "PO-000001", f"{TOM}x21")
    assert over.status == 1 and "Only 20 hộp" in over.err
    missing = stocked("po", "show", "PO-000404")
    assert (missing.status, missing.err.strip()) == (1, "Error: There is no purchase order PO-000404.")


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_port() -> Iterator[tuple[int, Inbox]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_send_fails_into_the_outbox_then_goes_out(stocked: Cli, smtp_port: tuple[int, Inbox], shop: Shop) -> None:
    port, inbox = smtp_port
    stocked("po", "create", "--cooperative", SHRIMP, f"{TOM}x20").json()
    failed = stocked("po", "send", "PO-000001")
    assert failed.status == 1
    assert failed.err.strip() == (
        "Error: Order PO-000001 was not sent and waits in the outbox: HTX Tôm khô Rạch Gốc has no email address."
        " Add it to the cooperative, then send again."
    )
    shown = stocked("po", "show", "PO-000001").json()
    assert (shown["status"], shown["outbox"], shown["send_attempts"]) == ("draft", True, 1)
    # the email address and the mail server are filled in: the retry goes out
    with shop.sessions.begin() as session:
        session.execute(update(Cooperative).where(Cooperative.name == SHRIMP).values(email="tomkho@example.vn"))
    settings = {"mail": {"host": "127.0.0.1", "port": port, "starttls": False, "sender": "shop@example.vn"}}
    config = Path(os.environ["POSAPP_DATA_DIR"]) / "settings.toml"
    config.write_bytes(tomli_w.dumps(settings).encode())
    sent = stocked("po", "send", "PO-000001").json()
    assert (sent["status"], sent["outbox"], sent["send_attempts"], sent["last_error"]) == ("sent", False, 2, "")
    assert [e.rcpt_tos for e in inbox.envelopes] == [["tomkho@example.vn"]]


CONSIGNED = f"""\
barcode,name,cooperative,province,unit,price,cost,supply,payout
{BASKET},Giỏ mây Phú Vinh,HTX Mây tre Phú Vinh,Hà Nội,cái,200000,130000,consignment,130000
"""


def test_consignment_statement_pay_and_return(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "consigned.csv"
    path.write_text(CONSIGNED, encoding="utf-8")
    assert cli("catalog", "import", str(path)).status == 0
    cli("stock", "receive", BASKET, "10", "--at", "2026-11-02T08:00").json()
    cli("sell", "--till", "Q1", f"{BASKET}x4", "--pay", "cash", "--at", "2026-11-05T10:00").json()
    back = cli("consignment", "return", BASKET, "1", "--reason", "nan gãy", "--at", "2026-11-20T09:00").json()
    assert back == {"barcode": BASKET, "name": "Giỏ mây Phú Vinh", "on_hand": 5}
    paid = cli(
        "consignment", "pay", "--cooperative", "htx mây tre phú vinh", "--amount", "200.000", "--at", "2026-11-25T09:00"
    )
    assert paid.json()["balance"] == 4 * 130_000 - 200_000
    statement = cli(
        "consignment",
        "statement",
        "--cooperative",
        "HTX Mây tre Phú Vinh",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    ).json()
    assert {k: statement[k] for k in ("cooperative", "from", "to", "owed")} == {
        "cooperative": "HTX Mây tre Phú Vinh",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "owed": 520_000,
    }
    (line,) = statement["lines"]
    assert {k: line[k] for k in ("opening", "received", "sold", "returned", "closing", "payout_per_unit", "owed")} == {
        "opening": 0,
        "received": 10,
        "sold": 4,
        "returned": 1,
        "closing": 5,
        "payout_per_unit": 130_000,
        "owed": 520_000,
    }
    pdf = tmp_path / "statement.pdf"
    made = cli(
        "consignment",
        "statement",
        "--cooperative",
        "HTX Mây tre Phú Vinh",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "pdf",
        "-o",
        str(pdf),
    )
    assert made.json() == {"file": str(pdf)}
    assert "Giỏ mây Phú Vinh" in PdfReader(pdf).pages[0].extract_text()
    text = cli(
        "consignment",
        "statement",
        "--cooperative",
        "HTX Mây tre Phú Vinh",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "csv",
    ).out
    assert text.splitlines()[1] == f"{BASKET},Giỏ mây Phú Vinh,cái,0,10,4,1,0,5,130000,520000"
