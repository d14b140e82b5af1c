"""Purchasing: reorder suggestions per cooperative, draft orders edited line by line, cancelling, PO documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from posapp.db.engine import SessionFactory
from posapp.db.models import Cooperative, Product, SaleLine
from posapp.db.supply_models import OPEN_PO_STATUSES, PurchaseOrder, PurchaseOrderLine
from posapp.documents.purchase_order import render_purchase_order_csv, render_purchase_order_pdf
from posapp.domain import reorder
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import TYPED_MAX
from posapp.domain.staff import Actor, Approval, Permission
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import cooperative_view
from posapp.services.clock import ShopClock
from posapp.services.supply_common import (
    PRIMARY_BARCODE,
    check_whole,
    cooperative_by_id,
    load_order,
    name_order,
    next_po_no,
    order_view,
    status_label,
)
from posapp.services.supply_dto import (
    CooperativeSuggestion,
    OrderLineInput,
    OrderRequest,
    PurchaseOrderView,
    SuggestionLine,
)
from posapp.settings import ShopProfile


def suggestion_query(start: Any, end: Any, cooperative_id: int | None = None) -> Select[*tuple[Any, ...]]:
    """One set-based statement: every active product that may need ordering (`reorder.may_need_ordering`),
    with its net sales in [start, end) and its quantity still on order, beside the facts the maths needs.
    Refund lines carry negative quantities, so the sum is already net of refunds."""
    sold = (
        select(SaleLine.product_id, func.sum(SaleLine.qty_milli).label("sold_milli"))
        .where(SaleLine.at >= start, SaleLine.at < end)
        .group_by(SaleLine.product_id)
        .subquery("sold")
    )
    ordered = (
        select(
            PurchaseOrderLine.product_id,
            func.sum(PurchaseOrderLine.qty_ordered_milli - PurchaseOrderLine.qty_received_milli).label(
                "on_order_milli"
            ),
        )
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.po_id)
        .where(PurchaseOrder.status.in_(OPEN_PO_STATUSES))
        .group_by(PurchaseOrderLine.product_id)
        .subquery("ordered")
    )
    sold_milli = func.coalesce(sold.c.sold_milli, 0)
    on_order_milli = func.coalesce(ordered.c.on_order_milli, 0)
    have = Product.on_hand_milli + on_order_milli
    query: Select[*tuple[Any, ...]] = (
        select(
            Product.id,
            Product.cooperative_id,
            Product.cost,
            Product.on_hand_milli,
            Product.reorder_point_milli,
            Product.pack_size_milli,
            Product.safety_stock_milli,
            Product.lead_time_days,
            Cooperative.lead_time_days.label("cooperative_lead_time_days"),
            sold_milli.label("sold_milli"),
            on_order_milli.label("on_order_milli"),
        )
        .join(Cooperative, Cooperative.id == Product.cooperative_id)
        .outerjoin(sold, sold.c.product_id == Product.id)
        .outerjoin(ordered, ordered.c.product_id == Product.id)
        .where(
            Product.active.is_(True),
            or_(sold_milli > 0, have < Product.safety_stock_milli, have <= Product.reorder_point_milli),
        )
    )
    if cooperative_id is not None:
        query = query.where(Product.cooperative_id == cooperative_id)
    return query


def _details(session: Session, product_ids: list[int]) -> dict[int, Row[*tuple[Any, ...]]]:
    """What a suggestion line shows of each product: name, unit, barcode, cooperative."""
    found = {}
    for start in range(0, len(product_ids), 1000):
        rows = session.connection().execute(
            select(
                Product.id,
                Product.name,
                Product.unit,
                Product.weighed,
                Product.cost,
                Product.cooperative_id,
                Cooperative.name.label("cooperative"),
                Cooperative.email,
                PRIMARY_BARCODE.label("barcode"),
            )
            .join(Cooperative, Cooperative.id == Product.cooperative_id)
            .where(Product.id.in_(product_ids[start : start + 1000]))
        )
        found.update({row.id: row for row in rows})
    return found


class PurchasingService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    # --- suggestions ----------------------------------------------------------------------
    def reorder_suggestions(
        self,
        today: date | None = None,
        window_days: int = reorder.DEFAULT_WINDOW_DAYS,
        cover_days: int = reorder.DEFAULT_COVER_DAYS,
        cooperative_id: int | None = None,
    ) -> list[CooperativeSuggestion]:
        """What to order from each cooperative; the window is the `window_days` shop days up to `today`."""
        if not 1 <= window_days <= 366:
            raise InvalidInput(_("The sales window must be between 1 and 366 days."))
        if not 0 <= cover_days <= 366:
            raise InvalidInput(_("The days of cover must be between 0 and 366."))
        today = today or self._clock.local_day(self._clock.now())
        start = self._clock.day_start(today - timedelta(days=window_days - 1))
        end = self._clock.day_start(today + timedelta(days=1))
        with self._sessions() as session:
            # Only numbers for the many candidates (Core rows, no ORM machinery); names for the few suggested.
            rows = session.connection().execute(suggestion_query(start, end, cooperative_id)).all()
            wanted: dict[int, tuple[reorder.ReorderFacts, int]] = {}
            for row in rows:
                facts = reorder.ReorderFacts(
                    sold_milli=int(row.sold_milli),
                    window_days=window_days,
                    lead_time_days=reorder.lead_time(row.lead_time_days, row.cooperative_lead_time_days),
                    cover_days=cover_days,
                    safety_stock_milli=row.safety_stock_milli,
                    on_hand_milli=row.on_hand_milli,
                    on_order_milli=int(row.on_order_milli),
                    reorder_point_milli=row.reorder_point_milli,
                    pack_size_milli=row.pack_size_milli,
                )
                if qty := reorder.suggested_milli(facts):
                    wanted[row.id] = (facts, qty)
            details = _details(session, list(wanted))
        groups: dict[int, tuple[str, str, list[SuggestionLine]]] = {}
        for product_id, (facts, qty) in wanted.items():
            row = details[product_id]
            line = SuggestionLine(
                product_id=product_id,
                barcode=row.barcode or "",
                name=row.name,
                unit=row.unit,
                weighed=row.weighed,
                on_hand_milli=facts.on_hand_milli,
                on_order_milli=facts.on_order_milli,
                sold_milli=facts.sold_milli,
                window_days=window_days,
                velocity_milli=reorder.velocity_milli(facts.sold_milli, window_days),
                lead_time_days=facts.lead_time_days,
                target_milli=reorder.target_milli(facts),
                reorder_point_milli=facts.reorder_point_milli,
                pack_size_milli=facts.pack_size_milli,
                safety_stock_milli=facts.safety_stock_milli,
                suggested_milli=qty,
                unit_cost=row.cost,
                value=reorder.line_value(qty, row.cost),
            )
            groups.setdefault(row.cooperative_id, (row.cooperative, row.email, []))[2].append(line)
        suggestions = [
            CooperativeSuggestion(
                cooperative_id=coop_id,
                cooperative=name,
                email=email,
                lines=tuple(sorted(lines, key=lambda line: (*name_order(line.name), line.product_id))),
                value=sum(line.value for line in lines),
            )
            for coop_id, (name, email, lines) in groups.items()
        ]
        return sorted(suggestions, key=lambda s: (*name_order(s.cooperative), s.cooperative_id))

    # --- drafts (each needs PURCHASING) --------------------------------------------------
    def create_order(
        self,
        cooperative_id: int,
        lines: Sequence[OrderLineInput],
        note: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> PurchaseOrderView:
        request = OrderRequest(cooperative_id, tuple(lines), note)
        return self.create_orders([request], actor=actor, approval=approval)[0]

    def create_orders(
        self, requests: Sequence[OrderRequest], *, actor: Actor, approval: Approval | None = None
    ) -> list[PurchaseOrderView]:
        """Draft purchase orders as the manager approved them (all or none)."""
        if not requests:
            raise InvalidInput(_("Choose what to order first."))
        with self._sessions.begin() as session:
            orders = []
            for request in requests:
                coop = cooperative_by_id(session, request.cooperative_id)
                order = PurchaseOrder(
                    po_no=next_po_no(session),
                    cooperative=coop,
                    status="draft",
                    created_at=self._clock.now(),
                    note=nfc(request.note).strip(),
                    last_error="",
                    send_attempts=0,
                )
                order.lines = _order_lines(session, coop, request.lines)
                session.add(order)
                orders.append(order)
            session.flush()
            views = [order_view(session, order) for order in orders]
            drafted = [{"po_no": v.po_no, "cooperative": v.cooperative, "total": v.total} for v in views]
            authorize(session, actor, Permission.PURCHASING, approval, {"drafted": drafted}, self._clock)
            return views

    def orders_from_suggestions(
        self,
        cooperative_id: int | None = None,
        today: date | None = None,
        note: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> list[PurchaseOrderView]:
        """Draft one order per cooperative with the suggested quantities, unedited."""
        suggestions = self.reorder_suggestions(today=today, cooperative_id=cooperative_id)
        if not suggestions:
            raise InvalidInput(_("Nothing needs ordering now."))
        requests = [
            OrderRequest(
                s.cooperative_id,
                tuple(OrderLineInput(line.product_id, line.suggested_milli, line.unit_cost) for line in s.lines),
                note,
            )
            for s in suggestions
        ]
        return self.create_orders(requests, actor=actor, approval=approval)

    def update_draft(
        self,
        po_no: str,
        lines: Sequence[OrderLineInput],
        note: str | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> PurchaseOrderView:
        """Replace a draft's lines (and note); a sent order is changed by cancelling it and ordering again."""
        with self._sessions.begin() as session:
            order = _draft(session, po_no)
            order.lines.clear()
            session.flush()
            order.lines.extend(_order_lines(session, order.cooperative, lines))
            if note is not None:
                order.note = nfc(note).strip()
            return self._changed(session, order, {"changed": True}, actor, approval)

    def update_line(
        self,
        po_no: str,
        product_id: int,
        qty_milli: int,
        unit_cost: int | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> PurchaseOrderView:
        """Change one line of a draft: its quantity, and its unit cost unless None (the cost stays)."""
        with self._sessions.begin() as session:
            order = _draft(session, po_no)
            line = _line_of(order, product_id)
            _check_qty(line.product, qty_milli)
            cost = _checked_cost(line.unit_cost if unit_cost is None else unit_cost)
            change = {
                "product": product_id,
                "name": line.product.name,
                "qty_milli": [line.qty_ordered_milli, qty_milli],
                "unit_cost": [line.unit_cost, cost],
            }
            line.qty_ordered_milli, line.unit_cost = qty_milli, cost
            return self._changed(session, order, {"line_changed": change}, actor, approval)

    def add_line(
        self,
        po_no: str,
        product_id: int,
        qty_milli: int,
        unit_cost: int | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> PurchaseOrderView:
        """Add a product of the order's cooperative to a draft (None: at its current cost); a product already
        on the order gets the quantity added to its line."""
        with self._sessions.begin() as session:
            order = _draft(session, po_no)
            product = _orderable(session, order.cooperative, product_id)
            _check_qty(product, qty_milli)
            line = _find_line(order, product_id)
            if line is None:
                cost = _checked_cost(product.cost if unit_cost is None else unit_cost)
                line = PurchaseOrderLine(
                    position=len(order.lines) + 1,
                    product=product,
                    qty_ordered_milli=qty_milli,
                    qty_received_milli=0,
                    unit_cost=cost,
                )
                order.lines.append(line)
            else:
                _check_qty(product, line.qty_ordered_milli + qty_milli)
                line.qty_ordered_milli += qty_milli
                if unit_cost is not None:
                    line.unit_cost = _checked_cost(unit_cost)
            change = {
                "product": product_id,
                "name": line.product.name,
                "qty_milli": qty_milli,
                "unit_cost": line.unit_cost,
            }
            return self._changed(session, order, {"line_added": change}, actor, approval)

    def remove_line(
        self, po_no: str, product_id: int, *, actor: Actor, approval: Approval | None = None
    ) -> PurchaseOrderView:
        """Take a product off a draft; its last product stays (cancel the order instead)."""
        with self._sessions.begin() as session:
            order = _draft(session, po_no)
            line = _line_of(order, product_id)
            if len(order.lines) == 1:
                raise InvalidInput(
                    _("An order needs at least one product: cancel {po_no} instead.").format(po_no=order.po_no)
                )
            change = {"product": product_id, "name": line.product.name, "qty_milli": line.qty_ordered_milli}
            order.lines.remove(line)
            for position, kept in enumerate(order.lines, start=1):
                kept.position = position
            return self._changed(session, order, {"line_removed": change}, actor, approval)

    def _changed(
        self,
        session: Session,
        order: PurchaseOrder,
        change: dict[str, Any],
        actor: Actor,
        approval: Approval | None,
    ) -> PurchaseOrderView:
        """A draft's edit written: its view, the audit entry (or PermissionRequired, and nothing is kept)."""
        session.flush()
        view = order_view(session, order)
        detail = {"po_no": view.po_no, **change, "total": view.total}
        authorize(session, actor, Permission.PURCHASING, approval, detail, self._clock)
        return view

    def cancel(self, po_no: str, *, actor: Actor, approval: Approval | None = None) -> PurchaseOrderView:
        with self._sessions.begin() as session:
            order = load_order(session, po_no, for_update=True)
            if order.status not in ("draft", "sent"):
                raise InvalidInput(
                    _("Order {po_no} cannot be cancelled: it is {status}.").format(
                        po_no=order.po_no, status=status_label(order.status).lower()
                    )
                )
            if any(line.qty_received_milli for line in order.lines):
                raise InvalidInput(
                    _("Order {po_no} cannot be cancelled: goods have been received against it.").format(
                        po_no=order.po_no
                    )
                )
            order.status = "cancelled"
            session.flush()
            detail = {"po_no": order.po_no, "cancelled": True}
            authorize(session, actor, Permission.PURCHASING, approval, detail, self._clock)
            return order_view(session, order)

    # --- reading --------------------------------------------------------------------------
    def order(self, po_no: str) -> PurchaseOrderView:
        with self._sessions() as session:
            return order_view(session, load_order(session, po_no))

    def orders(
        self, status: str | None = None, cooperative_id: int | None = None, limit: int = 500
    ) -> list[PurchaseOrderView]:
        """Orders newest first, optionally of one status or one cooperative."""
        query = (
            select(PurchaseOrder)
            .options(
                selectinload(PurchaseOrder.lines).selectinload(PurchaseOrderLine.product),
                selectinload(PurchaseOrder.cooperative),
            )
            .order_by(PurchaseOrder.id.desc())
            .limit(limit)
        )
        if status is not None:
            query = query.where(PurchaseOrder.status == status)
        if cooperative_id is not None:
            query = query.where(PurchaseOrder.cooperative_id == cooperative_id)
        with self._sessions() as session:
            return [order_view(session, order) for order in session.scalars(query)]

    def outbox(self) -> list[PurchaseOrderView]:
        """Drafts whose sending failed: they wait to be sent again."""
        with self._sessions() as session:
            orders = session.scalars(
                select(PurchaseOrder)
                .where(and_(PurchaseOrder.status == "draft", PurchaseOrder.send_attempts > 0))
                .options(
                    selectinload(PurchaseOrder.lines).selectinload(PurchaseOrderLine.product),
                    selectinload(PurchaseOrder.cooperative),
                )
                .order_by(PurchaseOrder.id)
            )
            return [order_view(session, order) for order in orders]

    # --- documents ------------------------------------------------------------------------
    def order_pdf(self, po_no: str, shop: ShopProfile, language: str = "vi") -> bytes:
        """The order as the cooperative receives it: an A4 PDF, in Vietnamese unless asked otherwise."""
        with self._sessions() as session:
            order = load_order(session, po_no)
            view, coop = order_view(session, order), cooperative_view(order.cooperative)
        return render_purchase_order_pdf(view, shop, coop, self._clock, language)

    def order_csv(self, po_no: str) -> str:
        return render_purchase_order_csv(self.order(po_no))


def _draft(session: Session, po_no: str) -> PurchaseOrder:
    """The order, locked for the change, if it is still a draft; a sent order is cancelled and ordered again."""
    order = load_order(session, po_no, for_update=True)
    if order.status != "draft":
        raise InvalidInput(
            _("Only a draft order can be changed; {po_no} is {status}.").format(
                po_no=order.po_no, status=status_label(order.status).lower()
            )
        )
    return order


def _find_line(order: PurchaseOrder, product_id: int) -> PurchaseOrderLine | None:
    return next((line for line in order.lines if line.product_id == product_id), None)


def _line_of(order: PurchaseOrder, product_id: int) -> PurchaseOrderLine:
    line = _find_line(order, product_id)
    if line is None:
        raise NotFound(_("That product is no longer on order {po_no}.").format(po_no=order.po_no))
    return line


def _orderable(session: Session, coop: Cooperative, product_id: int) -> Product:
    """The product, if it is there and made by the cooperative ordered from."""
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound(_("That product no longer exists."))
    if product.cooperative_id != coop.id:
        raise InvalidInput(
            _("“{name}” comes from {other}, not from {cooperative}.").format(
                name=product.name, other=product.cooperative.name, cooperative=coop.name
            )
        )
    return product


def _check_qty(product: Product, qty_milli: int) -> None:
    if not 0 < qty_milli <= TYPED_MAX:
        raise InvalidInput(_("The quantity ordered of “{name}” must be more than zero.").format(name=product.name))
    check_whole(product, qty_milli)


def _checked_cost(cost: int) -> int:
    if not 0 <= cost <= TYPED_MAX:
        raise InvalidInput(_("A cost cannot be negative."))
    return cost


def _order_lines(session: Session, coop: Cooperative, lines: Sequence[OrderLineInput]) -> list[PurchaseOrderLine]:
    """Checked order lines; the same product twice is one line with the quantities added."""
    if not lines:
        raise InvalidInput(_("An order needs at least one product."))
    merged: dict[int, PurchaseOrderLine] = {}
    for line in lines:
        product = _orderable(session, coop, line.product_id)
        _check_qty(product, line.qty_milli)
        cost = _checked_cost(product.cost if line.unit_cost is None else line.unit_cost)
        if product.id in merged:
            merged[product.id].qty_ordered_milli += line.qty_milli
            continue
        merged[product.id] = PurchaseOrderLine(
            position=len(merged) + 1,
            product=product,
            qty_ordered_milli=line.qty_milli,
            qty_received_milli=0,
            unit_cost=cost,
        )
    return list(merged.values())
