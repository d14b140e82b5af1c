"""The cart as a Qt table: one row per line, changed only through methods that keep views in step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from posapp.domain.cart import Cart, CartLine, SaleItem
from posapp.domain.money import QTY_SCALE, format_qty, format_vnd
from posapp.i18n import _

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

STAR_COLOUR = QColor("#d99a00")
DISCOUNT_COLOUR = QColor("#c2410c")


class Column(IntEnum):
    NUMBER = 0  # the line's number is its position: drawn by the view, not data of the line
    PRODUCT = 1
    COOPERATIVE = 2
    STARS = 3
    QUANTITY = 4
    PRICE = 5
    DISCOUNT = 6
    TOTAL = 7


def stars(count: int | None) -> str:
    """OCOP stars as the customer knows them: ★★★★☆ for a four-star product."""
    if not count:
        return ""
    return "★" * count + "☆" * (5 - count)


def quantity_text(line: CartLine) -> str:
    qty = format_qty(line.qty_milli, line.item.weighed)
    return f"{qty} {line.item.unit}".strip()


def _headers() -> dict[Column, str]:
    return {
        Column.NUMBER: "#",
        Column.PRODUCT: _("Product"),
        Column.COOPERATIVE: _("Cooperative"),
        Column.STARS: _("OCOP"),
        Column.QUANTITY: _("Qty"),
        Column.PRICE: _("Unit price"),
        Column.DISCOUNT: _("Discount"),
        Column.TOTAL: _("Amount"),
    }


_RIGHT = (Column.QUANTITY, Column.PRICE, Column.DISCOUNT, Column.TOTAL)
_ALIGN = tuple(
    int(
        (Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter
    )
    for column in Column
)


class CartModel(QAbstractTableModel):
    """Owns the sale being rung up. Each change is tried on a copy first, so a refused one changes nothing."""

    totals_changed = Signal()

    def __init__(self, cart: Cart | None = None) -> None:
        super().__init__()
        self._cart = cart or Cart()
        self._headers = _headers()
        self._cells: dict[int, tuple[CartLine, tuple[str, ...]]] = {}

    @property
    def cart(self) -> Cart:
        return self._cart

    def cells(self, row: int) -> tuple[str, ...]:
        """The texts of one line, one per column, worked out once per version of the line."""
        line = self._cart.lines[row]
        cached = self._cells.get(id(line))
        if cached is not None and cached[0] is line:
            return cached[1]
        item = line.item
        texts = (
            "",
            item.name,
            item.cooperative,
            stars(item.ocop_stars),
            quantity_text(line),
            format_vnd(item.unit_price),
            f"−{format_vnd(line.discount)}" if line.discount else "",
            format_vnd(line.total),
        )
        if len(self._cells) > 4 * len(self._cart.lines) + 64:
            self._cells.clear()  # lines long gone
        self._cells[id(line)] = (line, texts)
        return texts

    # --- Qt's side ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cart.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._cart.lines):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[column] if column != Column.NUMBER else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.PRODUCT:
            item = self._cart.lines[row].item
            return f"{item.name}\n{item.cooperative}\n{item.barcode}"
        return None

    def colour(self, row: int, column: int) -> QColor | None:
        return self.colour_of(column, self.cells(row)[column])

    @staticmethod
    def colour_of(column: int, text: str) -> QColor | None:
        """Stars in gold, a discount in orange; everything else in the table's ink."""
        if column == Column.STARS:
            return STAR_COLOUR
        if column == Column.DISCOUNT and text:
            return DISCOUNT_COLOUR
        return None

    # --- the cashier's side -------------------------------------------------------------
    def line(self, row: int) -> CartLine:
        return self._cart.lines[row]

    def _trial(self, change: Callable[[Cart], R]) -> tuple[Cart, R]:
        trial = replace(self._cart, lines=list(self._cart.lines))
        return trial, change(trial)

    def _rows_changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def add(self, item: SaleItem, qty_milli: int = QTY_SCALE) -> int:
        """Ring up an item (a repeated piece item raises its line); returns the row it is on."""
        trial, row = self._trial(lambda cart: cart.add(item, qty_milli))
        if len(trial.lines) > len(self._cart.lines):
            self.beginInsertRows(QModelIndex(), row, row)
            self._cart.lines.append(trial.lines[row])
            self.endInsertRows()
        else:
            self._cart.lines[row] = trial.lines[row]
            self._rows_changed(row, row)
        self.totals_changed.emit()
        return row

    def set_quantity(self, row: int, qty_milli: int) -> None:
        self._cart.set_quantity(row, qty_milli)  # checks before it changes anything
        self._rows_changed(row, row)
        self.totals_changed.emit()

    def remove(self, row: int) -> CartLine:
        line = self._cart.lines[row] if 0 <= row < len(self._cart.lines) else None
        if line is None:
            return self._cart.remove(row)  # raises the cart's own "no such line"
        self.beginRemoveRows(QModelIndex(), row, row)
        self._cart.remove(row)
        self.endRemoveRows()
        self.totals_changed.emit()
        return line

    def set_line_discount(self, row: int, amount: int) -> None:
        self._cart.set_line_discount(row, amount)
        self._rows_changed(row, row)
        self.totals_changed.emit()

    def set_line_discount_percent(self, row: int, basis_points: int) -> None:
        self._cart.set_line_discount_percent(row, basis_points)
        self._rows_changed(row, row)
        self.totals_changed.emit()

    def set_sale_discount(self, basis_points: int) -> None:
        self._cart.set_discount(basis_points)
        self.totals_changed.emit()

    def set_sale_discount_amount(self, amount: int) -> None:
        self._cart.set_discount_amount(amount)
        self.totals_changed.emit()

    def replace(self, cart: Cart) -> None:
        """Show another cart (a resumed or a new sale)."""
        self.beginResetModel()
        self._cart = cart
        self._cells.clear()
        self.endResetModel()
        self.totals_changed.emit()

    def clear(self) -> None:
        self.replace(Cart())
