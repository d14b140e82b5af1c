"""What the supply services share: order numbers, purchase-order views, barcodes and cooperatives by id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from posapp.db.models import Barcode, Cooperative, Counter, Product
from posapp.db.supply_models import PurchaseOrder, PurchaseOrderLine
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import QTY_SCALE
from posapp.domain.reorder import line_value
from posapp.domain.text import fold
from posapp.i18n import _
from posapp.services.catalog import cooperative_named
from posapp.services.ledger import table
from posapp.services.supply_dto import OrderLineView, PurchaseOrderView

PRIMARY_BARCODE = (
    select(Barcode.code)
    .where(Barcode.product_id == Product.id)
    .order_by(Barcode.is_primary.desc(), Barcode.code)
    .limit(1)
    .correlate(Product)
    .scalar_subquery()
)
"""A product's primary barcode (its first code when none is marked primary), as a column of a product query."""

PO_COUNTER = "purchase_order"
_COUNTERS = table(Counter)
_NEW_COUNTER = (
    sqlite.insert(_COUNTERS).on_conflict_do_nothing(),
    postgresql.insert(_COUNTERS).on_conflict_do_nothing(),
)


def next_po_no(session: Session) -> str:
    """The next order number, PO-000001 onwards; it rolls back with the order, so there are no gaps."""
    connection = session.connection()
    connection.execute(_NEW_COUNTER[connection.dialect.name == "postgresql"], {"name": PO_COUNTER, "value": 0})
    number = connection.execute(
        update(_COUNTERS)
        .where(_COUNTERS.c.name == PO_COUNTER)
        .values(value=_COUNTERS.c.value + 1)
        .returning(_COUNTERS.c.value)
    ).scalar_one()
    return f"PO-{number:06d}"


def primary_barcodes(session: Session, product_ids: Iterable[int]) -> dict[int, str]:
    """Each product's primary barcode (its first code when none is marked primary)."""
    ids = sorted(set(product_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Barcode.product_id, Barcode.code)
            .where(Barcode.product_id.in_(ids[start : start + 500]))
            .order_by(Barcode.product_id, Barcode.is_primary.desc(), Barcode.code)
        )
        for product_id, code in rows:
            found.setdefault(product_id, code)
    return found


def cooperative_by_id(session: Session, cooperative_id: int) -> Cooperative:
    coop = session.get(Cooperative, cooperative_id)
    if coop is None:
        raise NotFound(_("That cooperative no longer exists."))
    return coop


def cooperative_id_named(session: Session, name: str) -> int:
    """The id of the cooperative called `name` (any case), for the command line."""
    found = session.scalar(select(Cooperative.id).where(cooperative_named(name)))
    if found is None:
        raise NotFound(_("No cooperative is named “{name}”.").format(name=name.strip()))
    return found


def load_order(session: Session, po_no: str, *, for_update: bool = False) -> PurchaseOrder:
    query = (
        select(PurchaseOrder)
        .where(PurchaseOrder.po_no == po_no.strip().upper())
        .options(
            selectinload(PurchaseOrder.lines).selectinload(PurchaseOrderLine.product),
            selectinload(PurchaseOrder.cooperative),
        )
    )
    if for_update:
        query = query.with_for_update(of=PurchaseOrder)  # PostgreSQL: one receiver or sender at a time
    order = session.scalar(query)
    if order is None:
        raise NotFound(_("There is no purchase order {po_no}.").format(po_no=po_no.strip()))
    return order


def order_view(session: Session, order: PurchaseOrder) -> PurchaseOrderView:
    codes = primary_barcodes(session, [line.product_id for line in order.lines])
    lines = tuple(
        OrderLineView(
            product_id=line.product_id,
            barcode=codes.get(line.product_id, ""),
            name=line.product.name,
            unit=line.product.unit,
            weighed=line.product.weighed,
            qty_ordered_milli=line.qty_ordered_milli,
            qty_received_milli=line.qty_received_milli,
            unit_cost=line.unit_cost,
            value=line_value(line.qty_ordered_milli, line.unit_cost),
        )
        for line in order.lines
    )
    return PurchaseOrderView(
        po_no=order.po_no,
        status=order.status,
        cooperative_id=order.cooperative_id,
        cooperative=order.cooperative.name,
        cooperative_email=order.cooperative.email,
        created_at=order.created_at,
        sent_at=order.sent_at,
        note=order.note,
        last_error=order.last_error,
        send_attempts=order.send_attempts,
        lines=lines,
        total=sum(line.value for line in lines),
    )


def name_order(name: str) -> tuple[str, str]:
    """How lists of products and cooperatives are sorted, the same on every database: diacritics and case
    ignored first (“Chè búp” before “Chè Tân”), then exactly."""
    return fold(name), name


def check_whole(product: Product, qty_milli: int) -> None:
    if not product.weighed and qty_milli % QTY_SCALE:
        raise InvalidInput(_("“{name}” is counted in whole units.").format(name=product.name))


def status_label(status: str) -> str:
    labels = {
        "draft": _("Draft"),
        "sent": _("Sent"),
        "partly_received": _("Partly received"),
        "received": _("Received"),
        "cancelled": _("Cancelled"),
    }
    return labels.get(status, status)
