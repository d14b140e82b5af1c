"""Statements compiled once per database and run straight on the driver's connection.

The till's write path (a sale: receipt number, sale, lines, payments, movements, on-hand) runs the same
half-dozen statements thousands of times a day. SQLAlchemy builds and compiles them here, once; each
execution then only converts the values (the same bind processors SQLAlchemy itself would apply) and hands
SQL and values to the driver, so a sale costs what its writes cost on disk and not much more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Insert, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any]


class Prepared:
    """One statement compiled for one dialect, with the conversion each of its parameters needs."""

    def __init__(self, statement: ClauseElement, dialect: Dialect, columns: Sequence[str] | None = None) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(columns) if columns is not None else None)
        assert isinstance(compiled, SQLCompiler)
        self.sql = compiled.string
        self.positional = bool(dialect.positional)
        binds = compiled.binds
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ()) if self.positional else tuple(binds)
        self.processors: dict[str, Processor] = {}
        self.fixed: dict[str, Any] = {}
        table = statement.table if isinstance(statement, Insert) else None
        for name, bind in binds.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self.processors[name] = processor
            column = table.c.get(name) if isinstance(table, Table) else None
            default = column.default if column is not None else None
            if default is not None and getattr(default, "is_scalar", False):
                self.fixed[name] = default.arg
            elif column is None and bind.value is not None:
                self.fixed[name] = bind.value  # a literal baked into the statement

    def values(self, row: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """The driver's parameters for one row: in statement order, converted as SQLAlchemy would."""
        converted: dict[str, Any] = {}
        for name in self.names:
            value = row[name] if name in row else self.fixed.get(name)
            processor = self.processors.get(name)
            converted[name] = processor(value) if processor is not None and value is not None else value
        if self.positional:
            return [converted[name] for name in self.names]
        return converted

    def execute(self, cursor: Any, row: Mapping[str, Any]) -> Any:
        cursor.execute(self.sql, self.values(row))
        return cursor

    def execute_many(self, cursor: Any, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            cursor.executemany(self.sql, [self.values(row) for row in rows])


@contextmanager
def driver_transaction(engine: Engine) -> Iterator[Any]:
    """A cursor on a pooled driver connection inside one transaction: committed when the block ends,
    rolled back if it raises. On SQLite the write lock is taken at BEGIN, so two tills never deadlock."""
    connection = engine.raw_connection()
    sqlite = engine.dialect.name == "sqlite"
    try:
        cursor = connection.cursor()
        if sqlite:
            cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            if not sqlite:
                connection.rollback()
            elif connection.driver_connection.in_transaction:  # type: ignore[union-attr]
                cursor.execute("ROLLBACK")
            raise
        if sqlite:
            cursor.execute("COMMIT")
        else:
            connection.commit()
        cursor.close()
    finally:
        connection.close()  # back to the pool
