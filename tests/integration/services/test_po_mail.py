"""Purchase orders sent to a real SMTP server on 127.0.0.1; failures wait in the outbox and are retried."""

from __future__ import annotations

import socket
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from io import BytesIO
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope
from pypdf import PdfReader

from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.services.mail import MailNotSent, PurchaseOrderMailer
from posapp.services.purchasing import PurchasingService
from posapp.services.supply_dto import OrderLineInput, PurchaseOrderView
from posapp.settings import MailSettings, Settings, ShopProfile
from posapp.shop import Shop
from tests.helpers.supply import cooperative, product

SHOP = ShopProfile(name="Cửa hàng OCOP Hà Nội", address="12 Phố Hàng Bông, Hoàn Kiếm", phone="024 3826 1234")
SENDER = "cuahang@example.vn"


class Inbox:
    """An SMTP handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        found = []
        for envelope in self.envelopes:
            assert isinstance(envelope.original_content, bytes)
            parsed = message_from_bytes(envelope.original_content, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            found.append(parsed)
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server(port: int, **options: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def mailer(shop: Shop, port: int, user: str = "") -> PurchaseOrderMailer:
    # A password in the settings means the keyring is never asked.
    mail = MailSettings(host="127.0.0.1", port=port, starttls=False, user=user, sender=SENDER, password="bí mật")
    return PurchaseOrderMailer(shop.sessions, shop.clock, Settings(shop=SHOP, mail=mail))


@pytest.fixture
def order(shop: Shop) -> PurchaseOrderView:
    coop = cooperative(shop, "HTX Tôm khô Rạch Gốc", province="Cà Mau", email="htx.tomkho@example.vn")
    tom = product(shop, "Tôm khô Cà Mau hộp 200g", coop.name, "8936041201071", cost=206_000, unit="hộp")
    return PurchasingService(shop.sessions, shop.clock).create_order(
        coop.id, [OrderLineInput(tom.id, 24_000)], actor=COMMAND_LINE
    )


def test_the_order_arrives_with_a_vietnamese_subject_and_its_pdf(shop: Shop, order: PurchaseOrderView) -> None:
    port = free_port()
    with smtp_server(port) as inbox:
        sent = mailer(shop, port).send(order.po_no, actor=COMMAND_LINE)
    assert (sent.status, sent.send_attempts, sent.last_error, sent.in_outbox) == ("sent", 1, "", False)
    assert sent.sent_at is not None
    assert [(e.mail_from, e.rcpt_tos) for e in inbox.envelopes] == [(SENDER, ["htx.tomkho@example.vn"])]
    (message,) = inbox.messages()
    assert message["Subject"] == "Đơn đặt hàng PO-000001 từ Cửa hàng OCOP Hà Nội"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Kính gửi HTX Tôm khô Rạch Gốc," in text
    assert "4.944.000 ₫" in text  # 24 × 206.000
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "PO-000001.pdf"
    pdf = attachment.get_payload(decode=True)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    page = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "PO-000001" in page and "Tôm khô Cà Mau hộp 200g" in page and "Cửa hàng OCOP Hà Nội" in page


def test_a_refused_connection_keeps_the_order_in_the_outbox_until_a_retry_succeeds(
    shop: Shop, order: PurchaseOrderView
) -> None:
    port = free_port()  # nothing listens there yet
    with pytest.raises(MailNotSent, match="PO-000001 was not sent and waits in the outbox") as failure:
        mailer(shop, port).send(order.po_no, actor=COMMAND_LINE)
    assert f"The mail server 127.0.0.1:{port} refused the connection" in failure.value.message
    purchasing = PurchasingService(shop.sessions, shop.clock)
    waiting = purchasing.order(order.po_no)
    assert (waiting.status, waiting.in_outbox, waiting.send_attempts) == ("draft", True, 1)
    assert waiting.last_error == failure.value.reason
    assert purchasing.outbox() == [waiting]
    assert waiting.lines == order.lines  # nothing lost
    with smtp_server(port) as inbox:
        assert mailer(shop, port).send_outbox(actor=COMMAND_LINE) == [(order.po_no, "")]
    sent = purchasing.order(order.po_no)
    assert (sent.status, sent.in_outbox, sent.send_attempts, sent.last_error) == ("sent", False, 2, "")
    assert len(inbox.envelopes) == 1
    assert purchasing.outbox() == []


def test_a_cooperative_without_an_email_address_is_named_in_the_error(shop: Shop) -> None:
    coop = cooperative(shop, "HTX Mây tre Phú Vinh")
    basket = product(shop, "Giỏ mây", coop.name, "8936041209015", cost=90_000)
    order = PurchasingService(shop.sessions, shop.clock).create_order(
        coop.id, [OrderLineInput(basket.id, 5_000)], actor=COMMAND_LINE
    )
    with pytest.raises(MailNotSent, match="HTX Mây tre Phú Vinh has no email address"):
        mailer(shop, free_port()).send(order.po_no, actor=COMMAND_LINE)
    assert PurchasingService(shop.sessions, shop.clock).order(order.po_no).in_outbox


def test_a_wrong_password_is_said_in_plain_words(shop: Shop, order: PurchaseOrderView) -> None:
    port = free_port()

    def refuse(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # AUTH without TLS: fine on 127.0.0.1 in a test
        server = smtp_server(port, authenticator=refuse, auth_require_tls=False)
        inbox = server.__enter__()
    try:
        with pytest.raises(MailNotSent, match="did not accept the user name or password"):
            mailer(shop, port, user="cuahang").send(order.po_no, actor=COMMAND_LINE)
    finally:
        server.__exit__(None, None, None)
    assert inbox.envelopes == []
    assert PurchasingService(shop.sessions, shop.clock).order(order.po_no).send_attempts == 1


def test_a_vietnamese_password_logs_in(shop: Shop, order: PurchaseOrderView) -> None:
    port = free_port()
    logins: list[tuple[bytes, bytes]] = []

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == "bí mật".encode())

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # AUTH without TLS: fine on 127.0.0.1 in a test
        server = smtp_server(port, authenticator=check, auth_require_tls=False)
        inbox = server.__enter__()
    try:
        assert mailer(shop, port, user="cuahang").send(order.po_no, actor=COMMAND_LINE).status == "sent"
    finally:
        server.__exit__(None, None, None)
    assert logins == [(b"cuahang", "bí mật".encode())]
    assert len(inbox.envelopes) == 1


def test_an_order_already_sent_is_not_sent_twice(shop: Shop, order: PurchaseOrderView) -> None:
    port = free_port()
    with smtp_server(port) as inbox:
        mailer(shop, port).send(order.po_no, actor=COMMAND_LINE)
        with pytest.raises(InvalidInput, match="was already sent"):
            mailer(shop, port).send(order.po_no, actor=COMMAND_LINE)
    assert len(inbox.envelopes) == 1
