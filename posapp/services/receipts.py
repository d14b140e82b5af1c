"""Finding past receipts by number, shop-local day and amount, newest first, on indexed columns only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select

from posapp.db.engine import SessionFactory
from posapp.db.models import Sale, Till
from posapp.domain.errors import InvalidInput
from posapp.i18n import _
from posapp.services.clock import ShopClock

DEFAULT_LIMIT = 200
_FULL_NUMBER = re.compile(r"([A-Z0-9]{1,10})-0*(\d{1,12})")
_SEQUENCE = re.compile(r"0*(\d{1,12})")
_TILL = re.compile(r"([A-Z0-9]{1,10})-?")


@dataclass(frozen=True)
class ReceiptSummary:
    """One row of the receipts list."""

    receipt_no: str
    kind: str  # sale | refund
    at: datetime
    till: str
    cashier: str
    total: int


def number_condition(text: str) -> list[ColumnElement[bool]]:
    """What typed receipt-number text selects, always through the (till, seq) unique index.

    `Q1-000042` (or `q1-42`) is one receipt; `42` is receipt 42 of every till; `Q1` is every receipt of till Q1.
    """
    text = text.strip().upper()
    if not text:
        return []
    if full := _FULL_NUMBER.fullmatch(text):
        return [Sale.till_code == full[1], Sale.seq == int(full[2])]
    if number := _SEQUENCE.fullmatch(text):
        return [Sale.till_code.in_(select(Till.code)), Sale.seq == int(number[1])]
    if till := _TILL.fullmatch(text):
        return [Sale.till_code == till[1]]
    raise InvalidInput(
        _("“{text}” is not a receipt number: type it like Q1-000042, just its number (42) or a till (Q1).").format(
            text=text
        )
    )


class ReceiptSearch:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def find_receipts(
        self, text: str = "", day: date | None = None, amount: int | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[ReceiptSummary]:
        """Receipts matching every filter given, newest first, at most `limit` of them.

        `day` is a day in the shop's time zone; `amount` matches a sale of that total or a refund of it.
        """
        if not 1 <= limit <= 1000:
            raise InvalidInput(_("Show between 1 and 1000 receipts at a time."))
        conditions = number_condition(text)
        if day is not None:
            start = self._clock.day_start(day)
            conditions += [Sale.at >= start, Sale.at < self._clock.day_start(day + timedelta(days=1))]
        if amount is not None:
            conditions.append(Sale.total.in_({amount, -amount}))
        query = (
            select(Sale.receipt_no, Sale.kind, Sale.at, Sale.till_code, Sale.cashier, Sale.total)
            .where(*conditions)
            .order_by(Sale.at.desc(), Sale.id.desc())
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                ReceiptSummary(
                    receipt_no=row.receipt_no,
                    kind=row.kind,
                    at=row.at,
                    till=row.till_code,
                    cashier=row.cashier,
                    total=row.total,
                )
                for row in session.execute(query)
            ]
