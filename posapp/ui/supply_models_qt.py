"""One Qt table model for the manager screens: rows are DTOs, columns say how each cell reads and edits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from posapp.domain.errors import PosError
from posapp.ui import style
from posapp.ui.cart_model import STAR_COLOUR

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class Tone(StrEnum):
    """How a cell catches the eye: a flag a manager must not miss, or a quiet detail."""

    PLAIN = ""
    DANGER = "danger"
    WARNING = "warning"
    GOOD = "good"
    MUTED = "muted"
    STARS = "stars"


_FOREGROUND = {
    Tone.DANGER: QColor(style.DANGER),
    Tone.WARNING: QColor(style.WARNING),
    Tone.GOOD: QColor(style.ACCENT_DARK),
    Tone.MUTED: QColor(style.MUTED),
    Tone.STARS: STAR_COLOUR,
}
_BACKGROUND = {
    Tone.DANGER: QColor(style.DANGER_SOFT),
    Tone.WARNING: QColor(style.WARNING_SOFT),
}
GROUP_BACKGROUND = QColor(style.ACCENT_SOFT)
EDITABLE_BACKGROUND = QColor("#f0fdfa")  # a cell the manager types into, before it is selected


@dataclass(frozen=True)
class Col(Generic[T]):
    """A column: its header, the text of a row's cell, and optionally a tone and how a typed value edits."""

    header: str
    text: Callable[[T], str]
    right: bool = False
    tone: Callable[[T], Tone] | None = None
    tooltip: Callable[[T], str] | None = None
    # Typed text -> the changed row; a PosError refuses the value (its message goes to `rejected`).
    edit: Callable[[T, str], T] | None = None
    editable: Callable[[T], bool] | None = None


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-mostly table over frozen rows; edited cells replace their row with the column's result."""

    rejected = Signal(str)  # a typed value was refused: the message to show
    edited = Signal(int)  # the row that changed

    def __init__(
        self,
        columns: Sequence[Col[T]],
        group: Callable[[T], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._group = group  # group rows (a cooperative above its products) are bold and tinted
        self._rows: list[T] = []

    # --- rows -----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, row: int) -> T:
        return self._rows[row]

    def replace(self, row: int, value: T) -> None:
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def text(self, row: int, column: int) -> str:
        return self.columns[column].text(self._rows[row])

    def is_group(self, row: int) -> bool:
        return self._group is not None and self._group(self._rows[row])

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(self.columns[section].right)
        return None

    def _editable(self, row: T, column: Col[T]) -> bool:
        if column.edit is None:
            return False
        return column.editable is None or column.editable(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(self._rows[index.row()], self.columns[index.column()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column.right)
        group = self._group is not None and self._group(row)
        tone = column.tone(row) if column.tone is not None else Tone.PLAIN
        if role == Qt.ItemDataRole.ForegroundRole:
            return _FOREGROUND.get(tone)
        if role == Qt.ItemDataRole.BackgroundRole:
            if group:
                return GROUP_BACKGROUND
            if tone in _BACKGROUND:
                return _BACKGROUND[tone]
            return EDITABLE_BACKGROUND if self._editable(row, column) else None
        if role == Qt.ItemDataRole.FontRole and (group or tone in (Tone.DANGER, Tone.WARNING)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if not self._editable(row, column) or column.edit is None:
            return False
        try:
            changed = column.edit(row, str(value))
        except PosError as error:
            self.rejected.emit(str(error))
            return False
        self.replace(index.row(), changed)
        self.edited.emit(index.row())
        return True


def _alignment(right: bool) -> int:
    horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
