"""A read-only Qt table over a list of DTOs, described column by column; sortable, with an optional totals row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from posapp.domain.text import fold

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a column sorts by (a number where the text shows money)


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # None sorts by the text; a None key sorts below every value
    right: bool = False
    colour: Callable[[T], QColor | None] | None = None
    tip: Callable[[T], str] | None = None


def _orderable(value: Any) -> tuple[bool, Any]:
    return (False, 0) if value is None else (True, value)


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of `T` shown through `columns`; the totals row (if any) stays last whatever the sort."""

    def __init__(self, columns: Sequence[Column[T]]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[T] = []
        self._totals: T | None = None

    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[T], totals: T | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._totals = totals
        self.endResetModel()

    def rows(self) -> list[T]:
        """The rows in the order shown, the totals row left out."""
        return list(self._rows)

    def item(self, row: int) -> T | None:
        """The DTO shown in `row`; None for the totals row or outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def is_totals(self, row: int) -> bool:
        return self._totals is not None and row == len(self._rows)

    def column_headers(self) -> list[str]:
        return [column.header for column in self._columns]

    def text(self, row: int, column: int) -> str:
        value = self.data(self.index(row, column))
        return "" if value is None else str(value)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows) + (self._totals is not None)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._columns[section].right else _LEFT
        return None

    def _entry(self, row: int) -> T | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return self._totals if self.is_totals(row) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(entry)
        if role == Qt.ItemDataRole.FontRole and self.is_totals(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(entry) or None
        if role == SORT_ROLE:
            return column.sort_key(entry) if column.sort_key is not None else column.text(entry)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        spec = self._columns[column]

        def key(entry: T) -> tuple[bool, Any]:
            return _orderable(spec.sort_key(entry) if spec.sort_key is not None else fold(spec.text(entry)))

        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        # Keep selections and the current row on the same DTO (identity, as DTOs may compare equal).
        where = {id(entry): row for row, entry in enumerate(self._rows)}
        moved_from, moved_to = [], []
        for index in self.persistentIndexList():
            if 0 <= index.row() < len(before):
                moved_from.append(index)
                moved_to.append(self.index(where[id(before[index.row()])], index.column()))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()
