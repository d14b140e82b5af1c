"""Sending purchase orders by email (SMTP); a failed send leaves the order in the outbox to be retried."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select

from posapp.db.engine import SessionFactory
from posapp.db.supply_models import PurchaseOrder
from posapp.documents.purchase_order import render_purchase_order_pdf
from posapp.documents.wording import translator
from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.money import format_vnd
from posapp.domain.staff import Actor, Approval, Permission
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import cooperative_view
from posapp.services.clock import ShopClock
from posapp.services.dto import CooperativeView
from posapp.services.secrets import mail_password
from posapp.services.supply_common import load_order, order_view
from posapp.services.supply_dto import PurchaseOrderView
from posapp.settings import MailSettings, Settings

SMTP_TIMEOUT_SECONDS = 30
IMPLICIT_TLS_PORT = 465


class MailNotSent(PosError):
    """The order could not be sent; it waits in the outbox with the reason."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class _CannotSend(Exception):
    """Something missing before any connection is tried (no address, no server)."""


def sender_address(mail: MailSettings) -> str:
    return mail.sender.strip() or (mail.user.strip() if "@" in mail.user else "")


def build_message(order: PurchaseOrderView, pdf: bytes, settings: Settings, language: str = "vi") -> EmailMessage:
    """The email to the cooperative, in Vietnamese, with the order attached as a PDF."""
    _ = translator(language)  # the cooperative's language, not the screen's
    shop = settings.shop
    message = EmailMessage()
    message["Subject"] = _("Purchase order {po_no} from {shop}").format(po_no=order.po_no, shop=shop.name)
    message["From"] = sender_address(settings.mail)
    message["To"] = order.cooperative_email.strip()
    message["Message-ID"] = make_msgid(domain=sender_address(settings.mail).partition("@")[2] or None)
    lines = [
        _("Dear {cooperative},").format(cooperative=order.cooperative),
        "",
        _(
            "{shop} sends you purchase order {po_no}: {count} products, {total} in all. The order is attached as a PDF."
        ).format(shop=shop.name, po_no=order.po_no, count=len(order.lines), total=format_vnd(order.total)),
        _("Please confirm this order and the delivery date by replying to this email or by phone."),
        "",
        _("Kind regards,"),
        shop.name,
    ]
    lines += [part for part in (shop.address, shop.phone) if part]
    message.set_content("\n".join(lines))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{order.po_no}.pdf")
    return message


def deliver(message: EmailMessage, mail: MailSettings, password: str) -> None:
    """Hand the message to the SMTP server: STARTTLS when set (implicit TLS on port 465), then log in."""
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if mail.port == IMPLICIT_TLS_PORT:
        smtp = smtplib.SMTP_SSL(mail.host, mail.port, timeout=SMTP_TIMEOUT_SECONDS, context=context)
    else:
        smtp = smtplib.SMTP(mail.host, mail.port, timeout=SMTP_TIMEOUT_SECONDS)
    with smtp:
        if mail.starttls and mail.port != IMPLICIT_TLS_PORT:
            smtp.starttls(context=context)
        if mail.user:
            _login(smtp, mail.user, password)
        smtp.send_message(message)


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    try:
        smtp.login(user, password)
    except UnicodeEncodeError:
        # smtplib sends credentials as ASCII only; AUTH PLAIN carries UTF-8 (RFC 4616): "mật khẩu" works too.
        if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
            raise _CannotSend(_("The mail server cannot take a user name or password with accented letters.")) from None
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
        code, reply = smtp.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply) from None


def describe(error: BaseException, mail: MailSettings, recipient: str) -> str:
    """Why sending failed, in the words of someone who runs a shop."""
    server = f"{mail.host}:{mail.port}"
    if isinstance(error, _CannotSend):
        return str(error)
    if isinstance(error, ConnectionRefusedError):
        return _(
            "The mail server {server} refused the connection. Check the mail settings, or try again later."
        ).format(server=server)
    if isinstance(error, socket.gaierror):
        return _("The mail server {host} cannot be found. Check its name and the internet connection.").format(
            host=mail.host
        )
    if isinstance(error, TimeoutError):
        return _("The mail server {server} did not answer in time. Try again later.").format(server=server)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _("The mail server did not accept the user name or password. Check them in the mail settings.")
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return _("The mail server {server} does not offer what the settings ask for (STARTTLS or logging in).").format(
            server=server
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("The mail server refused the address {email}.").format(email=recipient)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _("The mail server refused the sender address {email}.").format(email=sender_address(mail))
    if isinstance(error, ssl.SSLError):
        return _("No secure connection could be made to the mail server {server}.").format(server=server)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _("The mail server {server} closed the connection. Try again later.").format(server=server)
    if isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        reply = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return _("The mail server refused the message: {reply}").format(reply=reply)
    return _("The mail server {server} cannot be reached: {reason}").format(
        server=server, reason=error.strerror if isinstance(error, OSError) and error.strerror else error
    )


class PurchaseOrderMailer:
    """Sends draft orders to their cooperatives. The network call runs outside any database transaction."""

    def __init__(self, sessions: SessionFactory, clock: ShopClock, settings: Settings) -> None:
        self._sessions = sessions
        self._clock = clock
        self._settings = settings

    def send(self, po_no: str, *, actor: Actor, approval: Approval | None = None) -> PurchaseOrderView:
        """Email the order with its PDF; on failure record why, keep it in the outbox and raise MailNotSent.

        Needs PURCHASING. The network call comes after that check is committed, outside any transaction.
        """
        with self._sessions.begin() as session:
            order = load_order(session, po_no)
            if order.status != "draft":
                raise InvalidInput(_("Order {po_no} was already sent.").format(po_no=order.po_no))
            view, coop = order_view(session, order), cooperative_view(order.cooperative)
            detail = {"po_no": view.po_no, "send_to": view.cooperative_email}
            authorize(session, actor, Permission.PURCHASING, approval, detail, self._clock)
        try:
            self._check_ready(view, coop)
            pdf = render_purchase_order_pdf(view, self._settings.shop, coop, self._clock)
            message = build_message(view, pdf, self._settings)
            deliver(message, self._settings.mail, mail_password(self._settings.mail))
        except (OSError, smtplib.SMTPException, _CannotSend) as error:
            reason = describe(error, self._settings.mail, view.cooperative_email)
            self._record(view.po_no, reason)
            raise MailNotSent(
                _("Order {po_no} was not sent and waits in the outbox: {reason}").format(
                    po_no=view.po_no, reason=reason
                ),
                reason,
            ) from error
        return self._record(view.po_no, None)

    def send_outbox(self, *, actor: Actor) -> list[tuple[str, str]]:
        """Try every order waiting in the outbox again; (order number, reason it failed or "") for each."""
        with self._sessions() as session:
            waiting = list(
                session.scalars(
                    select(PurchaseOrder.po_no)
                    .where(PurchaseOrder.status == "draft", PurchaseOrder.send_attempts > 0)
                    .order_by(PurchaseOrder.id)
                )
            )
        results = []
        for po_no in waiting:
            try:
                self.send(po_no, actor=actor)
                results.append((po_no, ""))
            except MailNotSent as error:
                results.append((po_no, error.reason))
            except InvalidInput:  # sent meanwhile from another till
                continue
        return results

    def _check_ready(self, order: PurchaseOrderView, coop: CooperativeView) -> None:
        if not coop.email.strip():
            raise _CannotSend(
                _("{cooperative} has no email address. Add it to the cooperative, then send again.").format(
                    cooperative=coop.name
                )
            )
        mail = self._settings.mail
        if not mail.host.strip():
            raise _CannotSend(_("No mail server is set up. Fill in the mail settings, then send again."))
        if not sender_address(mail):
            raise _CannotSend(_("The mail settings have no sender address. Fill it in, then send again."))

    def _record(self, po_no: str, failure: str | None) -> PurchaseOrderView:
        """Count the attempt; a success marks the order sent, a failure keeps it a draft with the reason."""
        with self._sessions.begin() as session:
            order = load_order(session, po_no, for_update=True)
            order.send_attempts += 1
            if failure is None:
                if order.status == "draft":
                    order.status = "sent"
                    order.sent_at = self._clock.now()
                order.last_error = ""
            else:
                order.last_error = failure[:500]
            session.flush()
            return order_view(session, order)
