"""Shared pieces of the manager-screen tests: a view context acting as a manager, a demo shop, file choices."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView, QWidget

from posapp.domain.ocop import OcopGroup, SupplyKind
from posapp.domain.staff import Actor, Role
from posapp.domain.vat import TaxCategory
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView
from posapp.settings import MailSettings, Settings
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.supply_models_qt import RowsModel
from tests.ui.conftest import FakeDialogs, ui_settings

MANAGER = Actor(user_id=None, name="Chị Lan", role=Role.MANAGER)


def manager_context(shop: Shop, dialogs: FakeDialogs) -> ViewContext:
    return ViewContext(shop=shop, dialogs=dialogs, actor=lambda: MANAGER)


class SavePaths:
    """Answers the view's "save as" question with a file in the test's folder; records what was offered."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.offered: list[str] = []
        self.opened: list[Path] = []

    def __call__(self, suggested: str, _filter: str) -> Path:
        self.offered.append(suggested)
        return self.folder / suggested

    def open(self, path: Path) -> None:
        self.opened.append(path)


def column_texts(model: RowsModel[Any], column: int) -> list[str]:
    return [model.text(row, column) for row in range(model.rowCount())]


def find_row(model: RowsModel[Any], column: int, text: str) -> int:
    for row in range(model.rowCount()):
        if text in model.text(row, column):
            return row
    raise AssertionError(f"no row with {text!r} in column {column}: {column_texts(model, column)}")


def type_into_cell(table: QTableView, row: int, column: int, text: str) -> bool:
    """What a manager does in an editable cell: type the value; returns whether the model took it."""
    model = table.model()
    index: QModelIndex = model.index(row, column)
    return bool(model.setData(index, text, Qt.ItemDataRole.EditRole))


def shoot(widget: QWidget, name: str, size: tuple[int, int] = (1366, 768)) -> Path:
    """Render a screen offscreen for a person to look at (/tmp/posapp-shots/NAME.png)."""
    folder = Path("/tmp/posapp-shots")
    folder.mkdir(exist_ok=True)
    widget.resize(*size)
    widget.show()
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


@dataclass
class Inbox:
    """What a real SMTP server on 127.0.0.1 received."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, _server: object, _session: object, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        parsed = BytesParser(policy=default).parsebytes(raw)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    """An aiosmtpd server on an ephemeral port for the length of a test."""
    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def mail_settings(url: str, port: int) -> Settings:
    return replace(
        ui_settings(url),
        mail=MailSettings(host="127.0.0.1", port=port, starttls=False, sender="cuahang@example.vn"),
    )


def change_product(shop: Shop, words: str, **changes: object) -> ProductView:
    """Change a product the way the editor does (every field carried over, `changes` applied)."""
    product = shop.catalog.search(words)[0]
    data = ProductInput(
        name=product.name,
        cooperative=product.cooperative,
        price=product.price,
        barcodes=product.barcodes,
        name_en=product.name_en,
        origin_province=product.origin_province,
        unit=product.unit,
        weighed=product.weighed,
        plu=product.plu,
        ocop_group=OcopGroup(product.ocop_group),
        ocop_stars=product.ocop_stars,
        ocop_certificate=product.ocop_certificate,
        ocop_expires=product.ocop_expires,
        story=product.story,
        story_url=product.story_url,
        cost=product.cost,
        tax_category=TaxCategory(product.tax_category),
        supply_kind=SupplyKind(product.supply_kind),
        payout=product.payout,
        reorder_point_milli=product.reorder_point_milli,
        safety_stock_milli=product.safety_stock_milli,
        pack_size_milli=product.pack_size_milli,
        lead_time_days=product.lead_time_days,
        active=product.active,
    )
    return shop.catalog.save_product(replace(data, **changes), product.id, actor=MANAGER)  # type: ignore[arg-type]
