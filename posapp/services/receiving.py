"""Goods in: against a purchase order (partial deliveries, backorders) or without one; lots and best-before dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Cooperative, Product
from posapp.db.supply_models import OPEN_PO_STATUSES, Lot, PurchaseOrder, PurchaseOrderLine
from posapp.domain.errors import InvalidInput
from posapp.domain.money import TYPED_MAX, format_qty
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.catalog import find_product_by_code, primary_barcode
from posapp.services.clock import ShopClock
from posapp.services.dto import StockLevel
from posapp.services.inventory import stock_level
from posapp.services.ledger import move_stock
from posapp.services.supply_common import check_whole, load_order, order_view, primary_barcodes, status_label
from posapp.services.supply_dto import LotView, PurchaseOrderView, ReceivedItem

DEFAULT_LOT_DAYS = 30


class ReceivingService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def receive_order(self, po_no: str, items: Sequence[ReceivedItem], at: datetime | None = None) -> PurchaseOrderView:
        """Book what arrived against an order at the order's costs; what is still missing stays on backorder."""
        if not items:
            raise InvalidInput(_("Say what arrived: scan or type each product and its quantity."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            order = load_order(session, po_no, for_update=True)
            if order.status not in OPEN_PO_STATUSES:
                raise InvalidInput(
                    _("Order {po_no} is {status}: nothing more can be received against it.").format(
                        po_no=order.po_no, status=status_label(order.status).lower()
                    )
                )
            lines = {line.product_id: line for line in order.lines}
            for item in items:
                product = self._product(session, item)
                line = lines.get(product.id)
                if line is None:
                    raise InvalidInput(
                        _("“{name}” is not on order {po_no}.").format(name=product.name, po_no=order.po_no)
                    )
                left = line.qty_ordered_milli - line.qty_received_milli
                if item.qty_milli > left:
                    raise InvalidInput(
                        _(
                            "Only {left} {unit} of “{name}” are still to come on order {po_no}; "
                            "receive any extra without an order."
                        ).format(
                            left=format_qty(left, product.weighed),
                            unit=product.unit,
                            name=product.name,
                            po_no=order.po_no,
                        )
                    )
                line.qty_received_milli += item.qty_milli
                product.cost = line.unit_cost  # the latest price paid is the product's cost from now on
                move_stock(
                    session, product.id, item.qty_milli, "receive", when, reason=order.po_no, unit_cost=line.unit_cost
                )
                _record_lot(session, product, item, when, line)
            complete = all(line.qty_received_milli >= line.qty_ordered_milli for line in order.lines)
            order.status = "received" if complete else "partly_received"
            session.flush()
            return order_view(session, order)

    def receive_goods(
        self, items: Sequence[ReceivedItem], at: datetime | None = None, reason: str = ""
    ) -> list[StockLevel]:
        """Book goods that came without an order; a cost given becomes the product's cost."""
        if not items:
            raise InvalidInput(_("Say what arrived: scan or type each product and its quantity."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            touched: dict[int, Product] = {}
            for item in items:
                product = self._product(session, item)
                if item.unit_cost is not None:
                    if not 0 <= item.unit_cost <= TYPED_MAX:
                        raise InvalidInput(_("A cost cannot be negative."))
                    product.cost = item.unit_cost
                move_stock(
                    session,
                    product.id,
                    item.qty_milli,
                    "receive",
                    when,
                    reason=nfc(reason).strip(),
                    unit_cost=item.unit_cost,
                )
                _record_lot(session, product, item, when, None)
                touched[product.id] = product
            session.flush()
            levels = []
            for product in touched.values():
                session.refresh(product)
                levels.append(stock_level(product, primary_barcode(session, product.id)))
            return levels

    def expiring_lots(self, within_days: int = DEFAULT_LOT_DAYS, today: date | None = None) -> list[LotView]:
        """Lots past or within `within_days` of their best-before date that are still (estimated) in stock.

        What is left of a lot is estimated first in, first out: on-hand is taken to be the newest lots.
        """
        today = today or self._clock.local_day(self._clock.now())
        limit = today + timedelta(days=within_days)
        with self._sessions() as session:
            due = session.execute(
                select(Lot, Product, Cooperative.name, PurchaseOrder.po_no)
                .join(Product, Product.id == Lot.product_id)
                .join(Cooperative, Cooperative.id == Product.cooperative_id)
                .outerjoin(PurchaseOrderLine, PurchaseOrderLine.id == Lot.po_line_id)
                .outerjoin(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.po_id)
                .where(Lot.best_before.is_not(None), Lot.best_before <= limit, Product.on_hand_milli > 0)
            ).all()
            if not due:
                return []
            remaining = _remaining_by_lot(session, {product.id: product.on_hand_milli for _l, product, _c, _p in due})
            codes = primary_barcodes(session, [product.id for _l, product, _c, _p in due])
        views = []
        for lot, product, cooperative, po_no in due:
            left = remaining.get(lot.id, 0)
            if left <= 0 or lot.best_before is None:
                continue
            days_left = (lot.best_before - today).days
            views.append(
                LotView(
                    lot_id=lot.id,
                    product_id=product.id,
                    barcode=codes.get(product.id, ""),
                    name=product.name,
                    unit=product.unit,
                    weighed=product.weighed,
                    cooperative=cooperative,
                    lot_code=lot.lot_code,
                    best_before=lot.best_before,
                    qty_received_milli=lot.qty_received_milli,
                    remaining_milli=left,
                    received_at=lot.received_at,
                    po_no=po_no,
                    days_left=days_left,
                    expired=days_left < 0,
                )
            )
        views.sort(key=lambda view: (view.best_before or today, view.name, view.lot_id))
        return views

    def _product(self, session: Session, item: ReceivedItem) -> Product:
        product, _scanned = find_product_by_code(session, item.code)
        if not 0 < item.qty_milli <= TYPED_MAX:
            raise InvalidInput(_("The quantity received must be more than zero."))
        check_whole(product, item.qty_milli)
        return product


def _record_lot(
    session: Session, product: Product, item: ReceivedItem, when: datetime, line: PurchaseOrderLine | None
) -> None:
    """A lot is kept when the delivery says which batch it is or when it must be sold by."""
    code = nfc(item.lot_code).strip()
    if not code and item.best_before is None:
        return
    if len(code) > 50:
        raise InvalidInput(_("A lot code is at most 50 characters."))
    session.add(
        Lot(
            product_id=product.id,
            lot_code=code,
            best_before=item.best_before,
            qty_received_milli=item.qty_milli,
            received_at=when,
            po_line_id=line.id if line is not None else None,
        )
    )


def _remaining_by_lot(session: Session, on_hand: dict[int, int]) -> dict[int, int]:
    """Each lot's share of its product's on-hand, newest lot first."""
    rows = session.execute(
        select(Lot.id, Lot.product_id, Lot.qty_received_milli)
        .where(Lot.product_id.in_(sorted(on_hand)))
        .order_by(Lot.product_id, Lot.received_at.desc(), Lot.id.desc())
    )
    left = dict(on_hand)
    remaining = {}
    for lot_id, product_id, qty in rows:
        share = max(0, min(qty, left[product_id]))
        remaining[lot_id] = share
        left[product_id] -= share
    return remaining
