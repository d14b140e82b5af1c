"""Stock: receiving, adjustments with a reason, levels and the movement history of a product."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from posapp.db.engine import SessionFactory
from posapp.db.models import Product, StockMovement
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import Actor, Approval, Permission
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import find_product_by_code, primary_barcode
from posapp.services.clock import ShopClock
from posapp.services.dto import MovementView, StockLevel
from posapp.services.ledger import move_stock

ADJUSTMENT_REASONS = ("damaged", "expired", "sample", "lost", "count", "other")


def stock_level(product: Product, barcode: str) -> StockLevel:
    return StockLevel(
        product_id=product.id,
        barcode=barcode,
        name=product.name,
        unit=product.unit,
        weighed=product.weighed,
        on_hand_milli=product.on_hand_milli,
        reorder_point_milli=product.reorder_point_milli,
    )


class InventoryService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def receive(
        self,
        code: str,
        qty_milli: int,
        unit_cost: int | None = None,
        at: datetime | None = None,
        reason: str = "",
    ) -> StockLevel:
        """Goods in from a cooperative; a cost given also becomes the product's current cost."""
        if qty_milli <= 0:
            raise InvalidInput(_("The quantity received must be more than zero."))
        if unit_cost is not None and unit_cost < 0:
            raise InvalidInput(_("A cost cannot be negative."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            product, _scanned = find_product_by_code(session, code)
            _check_whole(product, qty_milli)
            if unit_cost is not None:
                product.cost = unit_cost  # before move_stock flushes it: refresh() would drop it
            move_stock(session, product.id, qty_milli, "receive", when, reason=reason, unit_cost=unit_cost)
            session.refresh(product)
            return stock_level(product, primary_barcode(session, product.id))

    def adjust(
        self,
        code: str,
        delta_milli: int,
        reason: str,
        at: datetime | None = None,
        note: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> StockLevel:
        """Correct on-hand by `delta_milli` (negative for losses) for a stated reason. Needs STOCK_ADJUST."""
        if reason not in ADJUSTMENT_REASONS:
            raise InvalidInput(
                _("Say why stock is adjusted: {reasons}.").format(reasons=", ".join(ADJUSTMENT_REASONS))
            )
        if delta_milli == 0:
            raise InvalidInput(_("An adjustment of zero changes nothing."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            product, _scanned = find_product_by_code(session, code)
            _check_whole(product, delta_milli)
            text = f"{reason}: {note}".strip(": ") if note else reason
            detail = {"product": product.name, "barcode": code.strip(), "qty_milli": delta_milli, "reason": text}
            authorize(session, actor, Permission.STOCK_ADJUST, approval, detail, self._clock)
            move_stock(session, product.id, delta_milli, "adjust", when, reason=text)
            session.refresh(product)
            return stock_level(product, primary_barcode(session, product.id))

    def level(self, code: str) -> StockLevel:
        with self._sessions() as session:
            product, _scanned = find_product_by_code(session, code)
            return stock_level(product, primary_barcode(session, product.id))

    def needing_count(self) -> list[StockLevel]:
        """Products whose on-hand went below zero: sold more than the books held, so count them."""
        with self._sessions() as session:
            products = session.scalars(
                select(Product).where(Product.on_hand_milli < 0).order_by(Product.name)
            )
            return [stock_level(p, primary_barcode(session, p.id)) for p in products]

    def movements(self, code: str, limit: int = 500) -> list[MovementView]:
        """The newest movements of a product, each with the on-hand it left behind."""
        with self._sessions() as session:
            product, _scanned = find_product_by_code(session, code)
            rows = session.scalars(
                select(StockMovement)
                .where(StockMovement.product_id == product.id)
                .order_by(StockMovement.at.desc(), StockMovement.id.desc())
                .limit(limit)
            ).all()
            balance = product.on_hand_milli
            views = []
            for row in rows:
                views.append(
                    MovementView(
                        at=row.at,
                        kind=row.kind,
                        qty_milli=row.qty_milli,
                        unit_cost=row.unit_cost,
                        reason=row.reason,
                        on_hand_after_milli=balance,
                    )
                )
                balance -= row.qty_milli
            return views


def _check_whole(product: Product, qty_milli: int) -> None:
    if not product.weighed and qty_milli % 1000:
        raise InvalidInput(_("“{name}” is counted in whole units.").format(name=product.name))
