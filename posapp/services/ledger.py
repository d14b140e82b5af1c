"""Writing to the stock ledger and handing out receipt numbers, inside the caller's transaction."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from posapp.db.models import Product, StockMovement, Till
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
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(Till).values(code=till, name=till, last_seq=0).on_conflict_do_nothing())
    seq = session.execute(
        update(Till).where(Till.code == till).values(last_seq=Till.last_seq + 1).returning(Till.last_seq)
    ).scalar_one()
    return seq, f"{till}-{seq:06d}"


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
