"""The products queued for labels, with how many labels each: a Qt table whose count column is editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.services.dto import ProductView
from posapp.services.labels import MAX_COUNT

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def price_text(product: ProductView) -> str:
    return f"{format_vnd(product.price)}/{product.unit}" if product.weighed else format_vnd(product.price)


class LabelQueueModel(QAbstractTableModel):
    PRODUCT, BARCODE, PRICE, COUNT = range(4)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[ProductView, int]] = []
        self._headers = [_("Product"), _("Barcode"), _("Price"), _("Labels")]

    # --- what the dialog asks ---------------------------------------------------------------
    def add(self, product: ProductView, count: int = 1) -> int:
        """Queue `count` labels of the product (more of it when already queued); returns its row."""
        for row, (queued, had) in enumerate(self._rows):
            if queued.id == product.id:
                self._rows[row] = (queued, min(MAX_COUNT, had + count))
                cell = self.index(row, self.COUNT)
                self.dataChanged.emit(cell, cell)
                return row
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append((product, min(MAX_COUNT, max(1, count))))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def items(self) -> list[tuple[int, int]]:
        """(product id, count) of every queued product, in order."""
        return [(product.id, count) for product, count in self._rows]

    def total(self) -> int:
        return sum(count for _product, count in self._rows)

    # --- Qt ---------------------------------------------------------------------------------
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
            return _RIGHT if section in (self.PRICE, self.COUNT) else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COUNT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        product, count = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == self.COUNT:
            return count
        if role == Qt.ItemDataRole.DisplayRole:
            return [product.name, product.barcode, price_text(product), str(count)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (self.PRICE, self.COUNT) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT:
            return " · ".join(part for part in (product.name_en, product.cooperative) if part)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COUNT:
            return False
        try:
            count = int(str(value).strip())
        except ValueError:
            return False
        if not 1 <= count <= MAX_COUNT:
            return False
        product, _old = self._rows[index.row()]
        self._rows[index.row()] = (product, count)
        self.dataChanged.emit(index, index)
        return True
