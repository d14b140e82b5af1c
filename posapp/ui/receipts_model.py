"""Qt tables of past receipts and of one receipt's lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from posapp.domain.money import format_qty, format_vnd
from posapp.i18n import _
from posapp.services.dto import ReceiptLine
from posapp.services.receipts import ReceiptSummary
from posapp.ui import style

Index = QModelIndex | QPersistentModelIndex
ToLocal = Callable[[datetime], datetime]
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
REFUND_COLOUR = QColor(style.DANGER)


def kind_text(kind: str) -> str:
    return _("Refund") if kind == "refund" else _("Sale")


def when_text(at: datetime, local: ToLocal) -> str:
    return local(at).strftime("%d/%m/%Y %H:%M")


class _Table(QAbstractTableModel):
    """A read-only table over a list of rows; subclasses say the headers and what each cell shows."""

    right_columns: frozenset[int] = frozenset()

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.right_columns else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.right_columns else _LEFT
        return self.extra(self._rows[index.row()], index.column(), role)

    def extra(self, row: Any, column: int, role: int) -> Any:
        """Other roles (colour, tool tip) a subclass adds."""
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError


class ReceiptListModel(_Table):
    NUMBER, WHEN, TILL, CASHIER, TOTAL, KIND = range(6)
    right_columns = frozenset({TOTAL})

    def __init__(self, local: ToLocal) -> None:
        super().__init__([_("Receipt"), _("Date and time"), _("Till"), _("Cashier"), _("Total"), _("Kind")])
        self._local = local

    def receipt(self, row: int) -> ReceiptSummary:
        summary: ReceiptSummary = self._rows[row]
        return summary

    def cell(self, row: ReceiptSummary, column: int) -> str:
        return [
            row.receipt_no,
            when_text(row.at, self._local),
            row.till,
            row.cashier,
            format_vnd(row.total),
            kind_text(row.kind),
        ][column]

    def extra(self, row: ReceiptSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "refund" and column in (self.TOTAL, self.KIND):
            return REFUND_COLOUR  # money going out stands out in the list
        return None


class ReceiptLinesModel(_Table):
    PRODUCT, QTY, PRICE, DISCOUNT, AMOUNT = range(5)
    right_columns = frozenset({QTY, PRICE, DISCOUNT, AMOUNT})

    def __init__(self) -> None:
        super().__init__([_("Product"), _("Quantity"), _("Price"), _("Discount"), _("Amount")])

    def cell(self, row: ReceiptLine, column: int) -> str:
        if column == self.PRODUCT:
            return row.name
        if column == self.QTY:
            return f"{format_qty(row.qty_milli, row.weighed)} {row.unit}".strip()
        if column == self.PRICE:
            return format_vnd(row.unit_price)
        if column == self.DISCOUNT:
            return format_vnd(row.discount) if row.discount else ""
        return format_vnd(row.total)

    def extra(self, row: ReceiptLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT:
            return " · ".join(part for part in (row.name, row.cooperative, row.barcode) if part)
        return None
