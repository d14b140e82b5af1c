"""Tenders: how a customer pays, and the change due back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from posapp.domain.errors import InvalidInput, PaymentShort
from posapp.domain.money import format_vnd
from posapp.i18n import _


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"


def parse_method(text: str) -> PaymentMethod:
    try:
        return PaymentMethod(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown payment method “{text}”: use cash, card or transfer.").format(text=text)
        ) from None


def method_label(method: PaymentMethod) -> str:
    return {
        PaymentMethod.CASH: _("Cash"),
        PaymentMethod.CARD: _("Card"),
        PaymentMethod.TRANSFER: _("Bank transfer"),
    }[method]


@dataclass(frozen=True)
class Tender:
    method: PaymentMethod
    amount: int
    reference: str = ""


@dataclass(frozen=True)
class Settlement:
    tenders: tuple[Tender, ...]
    change: int


def fill_tenders(total: int, requested: Sequence[tuple[PaymentMethod, int | None]]) -> list[Tender]:
    """Turn `METHOD[:AMOUNT]` requests into tenders; a missing amount takes what is still due."""
    tenders: list[Tender] = []
    for method, amount in requested:
        if amount is None:
            amount = total - sum(t.amount for t in tenders)
            if amount <= 0:
                raise InvalidInput(
                    _("Nothing is left to pay by {method}.").format(method=method_label(method))
                )
        tenders.append(Tender(method=method, amount=amount))
    return tenders


def settle(total: int, tenders: Sequence[Tender]) -> Settlement:
    """Check the tenders cover `total`; only cash gives change. Raises PaymentShort when short."""
    for tender in tenders:
        if tender.amount <= 0:
            raise InvalidInput(_("A payment must be more than zero."))
    paid = sum(t.amount for t in tenders)
    if paid < total:
        raise PaymentShort(
            _("The payment is {short} short: {paid} paid of {total}.").format(
                short=format_vnd(total - paid), paid=format_vnd(paid), total=format_vnd(total)
            )
        )
    change = paid - total
    cash = sum(t.amount for t in tenders if t.method is PaymentMethod.CASH)
    if change > cash:
        raise InvalidInput(
            _("Card and transfer payments cannot be more than what is due; only cash gives change.")
        )
    return Settlement(tenders=tuple(tenders), change=change)
