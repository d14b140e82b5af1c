"""The cart table on screen, painted quickly: a scan must show its line within one frame.

Each cell is drawn once into a pixmap, kept by what it shows (texts, size, selected or not), and
copied to the screen after that: a repaint of the whole cart is a few dozen copies, not a few hundred
text layouts. The line number comes from the row; the cooperative is drawn beneath the product's name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from posapp.ui import style
from posapp.ui.cart_model import CartModel, Column

COLUMN_WIDTHS = {
    Column.NUMBER: 36,
    Column.STARS: 100,
    Column.QUANTITY: 104,
    Column.PRICE: 118,
    Column.DISCOUNT: 104,
    Column.TOTAL: 128,
}
ROW_HEIGHT = 54
PADDING = 8
CACHE_LIMIT = 800  # cells: several screens of a cart, a few megabytes

_INK, _MUTED = QColor(style.INK), QColor(style.MUTED)
_BASE, _ALTERNATE, _SELECTED = QColor(style.SURFACE), QColor("#f8fafb"), QColor(style.ACCENT_SOFT)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter

CellKey = tuple[int, str, str, int, int, bool, bool, float]


class CartDelegate(QStyledItemDelegate):
    def __init__(self, model: CartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._cells: dict[CellKey, QPixmap] = {}
        self._fonts: tuple[QFont, QFont, QFont] | None = None

    def fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        """Regular, bold and small versions of the table's font, made at the first paint."""
        if self._fonts is None:
            bold, small = QFont(base), QFont(base)
            bold.setBold(True)
            small.setPointSizeF(max(base.pointSizeF() - 2.5, 8.0))
            self._fonts = (QFont(base), bold, small)
        return self._fonts

    def forget(self) -> None:
        """Draw every cell afresh (after a change of font or style)."""
        self._fonts = None
        self._cells.clear()

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row, column = index.row(), index.column()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if column == Column.NUMBER:
            text, second = str(row + 1), ""
        else:
            cells = self._model.cells(row)
            text = cells[column]
            second = cells[Column.COOPERATIVE] if column == Column.PRODUCT else ""
        ratio = painter.device().devicePixelRatioF()
        key = (column, text, second, rect.width(), rect.height(), selected, row % 2 == 1, ratio)
        pixmap = self._cells.get(key)
        if pixmap is None:
            pixmap = self._render(key, option.font)
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _render(self, key: CellKey, base: QFont) -> QPixmap:
        column, text, second, width, height, selected, odd, ratio = key
        regular, bold, small = self.fonts(base)
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(_SELECTED if selected else (_ALTERNATE if odd else _BASE))
        painter = QPainter(pixmap)
        inner = QRect(PADDING, 3, width - 2 * PADDING, height - 6)
        if column == Column.PRODUCT:
            half = inner.height() // 2
            self._text(
                painter, QRect(inner.left(), inner.top(), inner.width(), half + 2), text, bold, _INK, _LEFT
            )
            below = QRect(inner.left(), inner.top() + half, inner.width(), inner.height() - half)
            self._text(painter, below, second, small, _MUTED, _LEFT)
        elif column == Column.NUMBER:
            self._text(painter, inner, text, regular, _MUTED, _CENTRE)
        else:
            colour = self._model.colour_of(column, text) or _INK
            self._text(painter, inner, text, regular, colour, _RIGHT if column >= Column.QUANTITY else _LEFT)
        painter.end()
        if len(self._cells) >= CACHE_LIMIT:
            self._cells.clear()
        self._cells[key] = pixmap
        return pixmap

    @staticmethod
    def _text(
        painter: QPainter, rect: QRect, text: str, font: QFont, colour: QColor, align: Qt.AlignmentFlag
    ) -> None:
        if not text:
            return
        painter.setFont(font)
        painter.setPen(colour)
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, align, elided)


def cart_table(model: CartModel) -> QTableView:
    table = QTableView()
    table.setObjectName("cartTable")
    table.setModel(model)
    table.setItemDelegate(CartDelegate(model, table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch and mouse select rows; keys stay with the scan field
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setColumnHidden(Column.COOPERATIVE, True)  # drawn beneath the product's name
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(Column.PRODUCT, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    for column, width in COLUMN_WIDTHS.items():
        table.setColumnWidth(column, width)
    return table
