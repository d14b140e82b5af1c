"""Parked sales: put a cart aside at a till and resume it later, even after the app restarts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from posapp.db.engine import SessionFactory
from posapp.db.models import ParkedLine, ParkedSale, Product
from posapp.domain.cart import Cart, CartLine
from posapp.domain.errors import InvalidInput, NotFound
from posapp.i18n import _
from posapp.services.catalog import item_for
from posapp.services.clock import ShopClock

NOTE_MAX = 200


@dataclass(frozen=True)
class ParkedView:
    id: int
    at: datetime
    till: str
    note: str
    lines: int
    total: int


def _load(session: Session, parked_id: int) -> ParkedSale:
    parked = session.scalar(
        select(ParkedSale)
        .where(ParkedSale.id == parked_id)
        .options(selectinload(ParkedSale.lines))
    )
    if parked is None:
        raise NotFound(_("The parked sale {number} is no longer there.").format(number=parked_id))
    return parked


def _cart(session: Session, parked: ParkedSale) -> Cart:
    """The parked cart with today's catalogue details (name, price, VAT) for each product."""
    lines = []
    for line in parked.lines:
        item = item_for(session, line.product_id)
        rebuilt = CartLine(item=item, qty_milli=line.qty_milli)
        # A price cut since parking may leave the line smaller than its old discount.
        discount = min(line.line_discount, rebuilt.gross)
        lines.append(CartLine(item=item, qty_milli=line.qty_milli, discount=discount))
    return Cart(lines=lines, discount_bp=parked.discount_bp, discount_amount=parked.discount_amount)


class ParkingService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def park(self, cart: Cart, till: str, note: str = "") -> int:
        """Store the cart for this till; returns the parked sale's number. The caller then clears its cart."""
        if cart.is_empty:
            raise InvalidInput(_("The cart is empty: there is nothing to park."))
        till = till.strip().upper()
        if not till:
            raise InvalidInput(_("A till code is needed to park a sale."))
        note = " ".join(note.split())
        if len(note) > NOTE_MAX:
            raise InvalidInput(_("The note is too long: at most {count} characters.").format(count=NOTE_MAX))
        with self._sessions.begin() as session:
            parked = ParkedSale(
                till=till,
                at=self._clock.now(),
                note=note,
                discount_bp=cart.discount_bp,
                discount_amount=cart.discount_amount,
            )
            parked.lines = [
                ParkedLine(
                    position=position,
                    product_id=line.item.product_id,
                    qty_milli=line.qty_milli,
                    line_discount=line.discount,
                )
                for position, line in enumerate(cart.lines, start=1)
            ]
            session.add(parked)
            session.flush()
            return parked.id

    def parked(self, till: str | None = None) -> list[ParkedView]:
        """Parked sales, oldest first; only this till's when `till` is given. Totals use today's prices."""
        with self._sessions() as session:
            query = (
                select(ParkedSale)
                .order_by(ParkedSale.at, ParkedSale.id)
                .options(
                    selectinload(ParkedSale.lines)
                    .selectinload(ParkedLine.product)
                    .selectinload(Product.cooperative)
                )
            )
            if till is not None:
                query = query.where(ParkedSale.till == till.strip().upper())
            views = []
            for parked in session.scalars(query):
                cart = _cart(session, parked)
                views.append(
                    ParkedView(
                        id=parked.id,
                        at=parked.at,
                        till=parked.till,
                        note=parked.note,
                        lines=len(cart.lines),
                        total=cart.total,
                    )
                )
            return views

    def resume(self, parked_id: int) -> Cart:
        """Take the parked cart back: rebuilt from the catalogue and removed from the parked list at once."""
        with self._sessions.begin() as session:
            cart = _cart(session, _load(session, parked_id))
            _remove(session, parked_id)
            return cart

    def discard(self, parked_id: int) -> None:
        with self._sessions.begin() as session:
            _remove(session, parked_id)


def _remove(session: Session, parked_id: int) -> None:
    session.execute(delete(ParkedLine).where(ParkedLine.parked_sale_id == parked_id))
    removed = session.execute(delete(ParkedSale).where(ParkedSale.id == parked_id))
    # Another till may have resumed or discarded it a moment ago: then nothing is taken twice.
    if removed.rowcount != 1:  # type: ignore[attr-defined]
        raise NotFound(_("The parked sale {number} is no longer there.").format(number=parked_id))
