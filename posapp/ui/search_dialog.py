"""Find a product by name (diacritics optional), cooperative or barcode digits, and add it to the sale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.services.dto import ProductView
from posapp.ui.search_model import Column, SearchResultsModel

DEBOUNCE_MS = 150

Search = Callable[[str], list[ProductView]]


class SearchDialog(QDialog):
    """Searches as the cashier types; Up/Down move, Enter adds the product, Esc closes."""

    product_chosen = Signal(object)  # ProductView
    searched = Signal(int)  # how many results are shown

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.setWindowTitle(_("Find a product"))
        self.resize(1040, 600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        heading = QLabel(_("Find a product (F2)"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(_("Name (accents optional), cooperative or barcode digits"))
        self.field.setClearButtonEnabled(True)
        layout.addWidget(self.field)
        self.model = SearchResultsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the field; arrows are passed on
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.COOPERATIVE, Column.STARS, Column.PRICE, Column.ON_HAND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.status = QLabel(_("Type part of a name, a cooperative or barcode digits."))
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        hint = QLabel(_("↑ ↓ choose · Enter adds to the sale · Esc closes"))
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.table.doubleClicked.connect(lambda _index: self.choose_current())

    def start(self, text: str = "") -> None:
        """Open with `text` already searched for (the digits of an unknown barcode, say)."""
        self.field.setText(text)
        self.field.selectAll()
        self.field.setFocus()
        if text:
            self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.field.text().strip()
        if not text:
            self.model.set_products([])
            self.status.setText(_("Type part of a name, a cooperative or barcode digits."))
            self.searched.emit(0)
            return
        try:
            products = self._search(text)
        except PosError as error:
            self.model.set_products([])
            self.status.setText(str(error))
            self.searched.emit(0)
            return
        self.model.set_products(products)
        if products:
            self.table.selectRow(0)
            self.status.setText(_("{count} products found.").format(count=len(products)))
        else:
            self.status.setText(_("No product matches “{text}”.").format(text=text))
        self.searched.emit(len(products))

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.current_row() + step, 0), rows - 1)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def choose_current(self) -> None:
        if self._timer.isActive():
            self.run_search()  # Enter right after typing: search first, then take the top result
        row = self.current_row()
        if row < 0:
            return
        self.product_chosen.emit(self.model.product(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -10,
            Qt.Key.Key_PageDown: 10,
        }
        if key in steps:
            self.move_selection(steps[key])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_current()
            return
        super().keyPressEvent(event)
