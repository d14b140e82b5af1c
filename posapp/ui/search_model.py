"""Search results as a Qt table: name, cooperative, OCOP stars, price, on hand."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posapp.domain.money import format_qty, format_vnd
from posapp.i18n import _
from posapp.services.dto import ProductView
from posapp.ui.cart_model import STAR_COLOUR, stars

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    COOPERATIVE = 1
    STARS = 2
    PRICE = 3
    ON_HAND = 4


_RIGHT = (Column.PRICE, Column.ON_HAND)


def price_text(product: ProductView) -> str:
    return f"{format_vnd(product.price)} / {product.unit}" if product.unit else format_vnd(product.price)


def on_hand_text(product: ProductView) -> str:
    return f"{format_qty(product.on_hand_milli, product.weighed)} {product.unit}".strip()


class SearchResultsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._products: list[ProductView] = []
        self._headers = {
            Column.NAME: _("Product"),
            Column.COOPERATIVE: _("Cooperative"),
            Column.STARS: _("OCOP"),
            Column.PRICE: _("Price"),
            Column.ON_HAND: _("On hand"),
        }

    def set_products(self, products: Sequence[ProductView]) -> None:
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def product(self, row: int) -> ProductView:
        return self._products[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._products)

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
            horizontal = Qt.AlignmentFlag.AlignRight if section in _RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._products):
            return None
        product = self._products[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NAME: product.name,
                Column.COOPERATIVE: product.cooperative,
                Column.STARS: stars(product.ocop_stars),
                Column.PRICE: price_text(product),
                Column.ON_HAND: on_hand_text(product),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STARS:
            return STAR_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(
                part for part in (product.name_en, product.barcode, product.origin_province) if part
            )
        return None
