"""Writing to the stock ledger and handing out receipt numbers, inside the caller's transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, func, insert, literal_column, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from posapp.db.models import Base, Payment, Product, Sale, SaleLine, StockMovement, Till
from posapp.db.prepared import Prepared
from posapp.db.staff_models import Shift
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
    return LedgerWriter.within(session).next_receipt(till)


def make_till(session: Session, till: str) -> None:
    """The till's counter row, made if it is not there yet (two tills may race to it)."""
    connection = session.connection()
    connection.execute(
        _NEW_TILL[connection.dialect.name == "postgresql"], {"code": till, "name": till, "last_seq": 0}
    )


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


_SHIFTS = table(Shift)
_OPEN_SHIFT = select(_SHIFTS.c.id).where(_SHIFTS.c.open_till == bindparam("till")).with_for_update(read=True)
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
        literal_column("''"),
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
) -> int:
    """Insert a sale or refund, its lines and payments, and one stock movement per line; on-hand follows.

    Inside the session's transaction. Returns the new receipt's id.
    """
    return LedgerWriter.within(session).write_receipt(sale, lines, payments, movement)


class _Statements:
    """The write path's statements compiled for one database."""

    def __init__(self, dialect: Dialect, sale_columns: Sequence[str], line_columns: Sequence[str]) -> None:
        self.next_seq = Prepared(_NEXT_SEQ, dialect)
        self.open_shift = Prepared(_OPEN_SHIFT, dialect)
        self.new_till = Prepared(_NEW_TILL[dialect.name == "postgresql"], dialect, ("code", "name", "last_seq"))
        self.sale = Prepared(_SALE_ID, dialect, sale_columns)
        self.lines = Prepared(_INSERT_LINES, dialect, ("sale_id", *line_columns))
        self.payments = Prepared(_PAYMENTS, dialect, ("sale_id", "method", "amount", "reference"))
        self.movements = Prepared(_MOVEMENTS, dialect)
        self.on_hand = Prepared(_ON_HAND, dialect)


_COMPILED: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], _Statements] = {}


class LedgerWriter:
    """Receipt numbers and receipts written with statements compiled once, on the driver's cursor.

    Five statements per receipt whatever its number of lines (movements and on-hand are derived from
    the lines in the database), each run without building SQLAlchemy results: this is the till's write
    path. The caller owns the transaction: `driver_transaction` for a sale, the ORM session for a refund.
    """

    def __init__(self, cursor: Any, dialect: Dialect) -> None:
        self._cursor = cursor
        self._dialect = dialect

    @classmethod
    def within(cls, session: Session) -> LedgerWriter:
        """A writer inside the session's own transaction."""
        connection = session.connection()
        return cls(connection.connection.cursor(), connection.dialect)

    def _statements(self, sale: Sequence[str], lines: Sequence[str]) -> _Statements:
        key = (self._dialect.name, self._dialect.paramstyle, tuple(sale), tuple(lines))
        statements = _COMPILED.get(key)
        if statements is None:
            statements = _COMPILED[key] = _Statements(self._dialect, sale, lines)
        return statements

    def open_shift(self, till: str) -> int | None:
        """The till's open shift, for a sale to join; None when no shift is open (a scripted sale).

        On PostgreSQL the shift row is share-locked until the sale commits, so a close waits for sales in
        flight and its Z report includes them; sales never wait for each other."""
        row = self._statements((), ()).open_shift.execute(self._cursor, {"till": check_till(till)}).fetchone()
        return None if row is None else int(row[0])

    def next_receipt(self, till: str) -> tuple[int, str]:
        """The till's next sequence number and receipt number. Gap-free: it rolls back with the sale."""
        till = check_till(till)
        statements = self._statements((), ())
        row = statements.next_seq.execute(self._cursor, {"till": till}).fetchone()
        if row is None:  # the till's first receipt: make its counter row (two tills may race to it)
            statements.new_till.execute(self._cursor, {"code": till, "name": till, "last_seq": 0})
            row = statements.next_seq.execute(self._cursor, {"till": till}).fetchone()
        seq = int(row[0])
        return seq, f"{till}-{seq:06d}"

    def write_receipt(
        self,
        sale: dict[str, Any],
        lines: list[dict[str, Any]],
        payments: list[dict[str, Any]],
        movement: str,
    ) -> int:
        statements = self._statements(tuple(sale), tuple(lines[0]) if lines else ())
        sale_id = int(statements.sale.execute(self._cursor, sale).fetchone()[0])
        statements.lines.execute_many(self._cursor, [line | {"sale_id": sale_id} for line in lines])
        statements.payments.execute_many(self._cursor, [payment | {"sale_id": sale_id} for payment in payments])
        statements.movements.execute(self._cursor, {"sale_id": sale_id, "kind": movement})
        statements.on_hand.execute(self._cursor, {"sale_id": sale_id})
        return sale_id
