"""Loading a million rows: one relaxed transaction, compiled statements, indexes built once at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ClauseElement, Column, Table, text
from sqlalchemy.orm import Session

from posapp.db.models import Base
from posapp.shop import Shop

Row = dict[str, Any]
TABLES = Base.metadata.tables
RELAXED = ("synchronous", "cache_size", "foreign_keys")
BULK_TABLES = ("products", "barcodes", "sales", "sale_lines", "payments", "stock_movements")


@contextmanager
def bulk_transaction(shop: Shop) -> Iterator[Session]:
    """One transaction on one connection whose commit skips fsync; the app's own connections keep FULL.

    A load that dies half-way is rolled back and simply run again, so durability buys nothing here.
    """
    with shop.engine.connect() as connection:
        raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        saved: dict[str, int] = {}
        if raw is not None:
            saved = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in RELAXED}
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA foreign_keys=OFF")  # every id is the loader's own; PostgreSQL checks them
            raw.execute("PRAGMA cache_size=-1048576")  # up to 1 GiB, so a million lines never spill
        try:
            with shop.sessions(bind=connection) as session, session.begin():
                if raw is None:
                    session.execute(text("SET LOCAL synchronous_commit = off"))
                yield session
            if raw is not None:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave no giant WAL for the app to read through
        finally:
            if raw is not None:
                for name, value in saved.items():
                    raw.execute(f"PRAGMA {name}={int(value)}")


@contextmanager
def indexes_set_aside(session: Session, tables: Sequence[str] = BULK_TABLES) -> Iterator[None]:
    """On SQLite, drop the plain indexes of `tables` and create them again (same SQL) at the end: one
    sort per index is far cheaper than a million scattered inserts. Inside the caller's transaction."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    names = ", ".join(f"'{name}'" for name in tables)
    indexes = session.execute(
        text(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})")
    ).all()
    for name, _sql in indexes:
        session.execute(text(f'DROP INDEX "{name}"'))
    yield
    for _name, sql in indexes:
        session.execute(text(sql))


class BulkRows:
    """Rows buffered per table and column list, written with the driver's executemany, parents first.

    SQLAlchemy's per-row parameter building costs more than the database's own insert, so rows are
    tuples of values the driver takes as they are (numbers, text, booleans; dates and times through
    `binder`) and each statement is compiled once. A column left out is NULL: the SQLite driver is
    slow with None.
    """

    def __init__(self, session: Session, chunk_rows: int = 20_000) -> None:
        self._connection = session.connection()
        self._dialect = self._connection.dialect
        self._order = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
        self._buffers: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        self._waiting, self._chunk = 0, chunk_rows
        self._statements: dict[object, tuple[str, tuple[str, ...]]] = {}
        self.written: dict[str, Callable[[], None]] = {}
        """Called after each chunk of a table's rows is in the database."""

    def binder(self, column: Column[Any]) -> Callable[[Any], Any]:
        """What turns a value into what the driver takes for `column` (the column type's bind processor)."""
        process = column.type.dialect_impl(self._dialect).bind_processor(self._dialect)
        return process if process is not None else (lambda value: value)

    def bind(self, column: Column[Any], value: Any) -> Any:
        return self.binder(column)(value)

    def add(self, table: Table, columns: tuple[str, ...], values: tuple[Any, ...]) -> None:
        """Queue one row: `values` for `columns` of `table`."""
        key = (table.name, columns)
        if key not in self._buffers:
            self._buffers[key] = []
        self._buffers[key].append(values)
        self._waiting += 1
        if self._waiting >= self._chunk:
            self.flush()

    def add_row(self, table: Table, row: Row) -> None:
        self.add(table, tuple(row), tuple(row.values()))

    def flush(self) -> None:
        # Tables parents first; within one, rows that point at their own table (refunds) come last.
        def order(key: tuple[str, tuple[str, ...]]) -> tuple[int, bool]:
            name, columns = key
            own = {c.name for c in TABLES[name].columns if any(f.column.table.name == name for f in c.foreign_keys)}
            return self._order[name], bool(own & set(columns))

        done = set()
        for key in sorted(self._buffers, key=order):
            name, columns = key
            values = self._buffers.pop(key)
            if not values:
                continue
            if key not in self._statements:
                quote = self._dialect.identifier_preparer.quote
                marks = ", ".join(["?" if self._dialect.paramstyle == "qmark" else "%s"] * len(columns))
                sql = f"INSERT INTO {quote(name)} ({', '.join(quote(c) for c in columns)}) VALUES ({marks})"
                self._statements[key] = (sql, columns)
            self._connection.exec_driver_sql(self._statements[key][0], values)
            done.add(name)
        self._waiting = 0
        for name in sorted(done, key=self._order.__getitem__):
            if name in self.written:
                self.written[name]()

    def execute(self, statement: ClauseElement, parameters: Sequence[Row]) -> None:
        """Run `statement` (compiled once) once per dictionary of parameters."""
        if statement not in self._statements:
            compiled = statement.compile(dialect=self._dialect)
            self._statements[statement] = (str(compiled), tuple(getattr(compiled, "positiontup", None) or ()))
        sql, names = self._statements[statement]
        if names:
            self._connection.exec_driver_sql(sql, [tuple(p[name] for name in names) for p in parameters])
        else:
            self._connection.exec_driver_sql(sql, list(parameters))
