"""Writing to the stock ledger and handing out receipt numbers, inside the caller's transaction."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, func, insert, literal, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from posapp.db.models import Base, Payment, Product, Sale, SaleLine, StockMovement, Till
from posapp.domain.errors import InvalidInput
from posapp.i18n import _

TILL_CODE = re.compile(r"^[A-Za-z0-9]{1,10}$")


def check_till(code: str) -> str:
    code = code.strip().upper()
    if not TILL_CODE.match(code):
        raise InvalidInput(_("A till code is 1 to 10 letters or digits, like Q1."))
    return code


def next_receipt(session: Session, till: str) -> tuple[int, str]:
    """The till's next sequence number and receipt number. Gap-free: it rolls back with the sale."""
    till = check_till(till)
    connection = session.connection()
    seq = connection.execute(_NEXT_SEQ, {"till": till}).scalar()
    if seq is None:  # the till's first receipt: make its counter row (two tills may race to it)
        new_till = _NEW_TILL[connection.dialect.name == "postgresql"]
        connection.execute(new_till, {"code": till, "name": till, "last_seq": 0})
        seq = connection.execute(_NEXT_SEQ, {"till": till}).scalar_one()
    return seq, f"{till}-{seq:06d}"


def table(model: type[Base]) -> Table:
    """A model's table, typed as one (declarative models expose it as a plain FromClause)."""
    return cast(Table, model.__table__)


_TILLS = table(Till)
_NEXT_SEQ = (
    update(_TILLS)
    .where(_TILLS.c.code == bindparam("till"))
    .values(last_seq=_TILLS.c.last_seq + 1)
    .returning(_TILLS.c.last_seq)
)
_NEW_TILL = (
    sqlite.insert(_TILLS).on_conflict_do_nothing(),
    postgresql.insert(_TILLS).on_conflict_do_nothing(),
)


def move_stock(
    session: Session,
    product_id: int,
    qty_milli: int,
    kind: str,
    at: datetime,
    *,
    reason: str = "",
    unit_cost: int | None = None,
    sale_line_id: int | None = None,
) -> int:
    """Record one ledger movement and move on-hand by the same amount. Returns the new on-hand."""
    session.add(
        StockMovement(
            product_id=product_id,
            at=at,
            kind=kind,
            qty_milli=qty_milli,
            unit_cost=unit_cost,
            reason=reason,
            sale_line_id=sale_line_id,
        )
    )
    return session.execute(
        update(Product)
        .where(Product.id == product_id)
        .values(on_hand_milli=Product.on_hand_milli + qty_milli)
        .returning(Product.on_hand_milli)
    ).scalar_one()


_PRODUCTS, _LINES = table(Product), table(SaleLine)
_SALE_ID = insert(table(Sale)).returning(table(Sale).c.id)
_INSERT_LINES = insert(_LINES)
_PAYMENTS = insert(table(Payment))
# Movements and on-hand are derived from the sale's lines in the database, one statement each.
_MOVEMENTS = insert(table(StockMovement)).from_select(
    ["product_id", "at", "kind", "qty_milli", "unit_cost", "reason", "sale_line_id"],
    select(
        _LINES.c.product_id,
        _LINES.c.at,
        bindparam("kind", type_=String),
        -_LINES.c.qty_milli,
        null(),
        literal(""),
        _LINES.c.id,
    )
    .where(_LINES.c.sale_id == bindparam("sale_id"))
    .order_by(_LINES.c.position),
)
_MOVED = (
    select(func.sum(_LINES.c.qty_milli))
    .where(_LINES.c.sale_id == bindparam("sale_id"), _LINES.c.product_id == _PRODUCTS.c.id)
    .scalar_subquery()
)
_ON_HAND = (
    update(_PRODUCTS)
    .where(_PRODUCTS.c.id.in_(select(_LINES.c.product_id).where(_LINES.c.sale_id == bindparam("sale_id"))))
    .values(on_hand_milli=_PRODUCTS.c.on_hand_milli - _MOVED)
)


def row_of(obj: Base) -> dict[str, Any]:
    """A stored object's columns (without its id) as a plain row."""
    return {column.key: getattr(obj, column.key) for column in obj.__table__.columns if column.key != "id"}


def write_receipt(
    session: Session,
    sale: dict[str, Any],
    lines: list[dict[str, Any]],
    payments: list[dict[str, Any]],
    movement: str,
) -> None:
    """Insert a sale or refund, its lines and payments, and one stock movement per line; on-hand follows.

    Five statements whatever the number of lines, rather than an ORM flush per object: this is the
    till's write path. It stays inside the caller's transaction.
    """
    connection = session.connection()
    sale_id = connection.execute(_SALE_ID, sale).scalar_one()
    connection.execute(_INSERT_LINES, [line | {"sale_id": sale_id} for line in lines])
    connection.execute(_PAYMENTS, [payment | {"sale_id": sale_id} for payment in payments])
    connection.execute(_MOVEMENTS, {"sale_id": sale_id, "kind": movement})
    connection.execute(_ON_HAND, {"sale_id": sale_id})
