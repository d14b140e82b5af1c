"""The sell view's widgets: scan and quantity fields, the cart, the totals, buttons, banner and status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from posapp.i18n import _
from posapp.ui.cart_model import CartModel, Column
from posapp.ui.cart_view import cart_table
from posapp.ui.totals_panel import TotalsPanel
from posapp.ui.widgets import ActionButton, Banner

TOTALS_WIDTH = 380


class KeyField(QLineEdit):
    """A line edit that passes the keys the till uses around it (arrows, Esc, Delete when empty)."""

    moved = Signal(int)
    escaped = Signal()
    delete_on_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moved.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if key == Qt.Key.Key_Delete and not self.text():
            self.delete_on_empty.emit()
            return
        super().keyPressEvent(event)


class SellView(QWidget):
    def __init__(self, model: CartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sellView")
        self.model = model
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(10)
        main = QHBoxLayout()
        main.setSpacing(14)
        outer.addLayout(main, 1)
        left = QVBoxLayout()
        left.setSpacing(8)
        main.addLayout(left, 1)
        left.addLayout(self._entry_row())
        self.banner = Banner()
        left.addWidget(self.banner)
        self.table = cart_table(self.model)
        left.addWidget(self.table, 1)
        status_row = QHBoxLayout()
        self.last_item = QLabel(_("Ready to scan."))
        self.last_item.setObjectName("lastItem")
        self.status = QLabel()
        self.status.setObjectName("status")
        for label in (self.last_item, self.status):
            # New text must not re-lay out (and repaint) the whole window at every scan.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        status_row.addWidget(self.last_item, 3)
        status_row.addWidget(self.status, 2)
        left.addLayout(status_row)
        right = QVBoxLayout()
        right.setSpacing(10)
        self.totals = TotalsPanel()
        self.totals.setFixedWidth(TOTALS_WIDTH)
        right.addWidget(self.totals, 1)
        self.pay_slot = QVBoxLayout()
        right.addLayout(self.pay_slot)
        main.addLayout(right)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(8)
        outer.addLayout(self.button_row)

    def _entry_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.scan_field = KeyField()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(_("Scan or type a barcode, then Enter"))
        qty_caption = QLabel(_("Qty"))
        qty_caption.setObjectName("figure")
        self.qty_field = KeyField()
        self.qty_field.setObjectName("qtyField")
        self.qty_field.setFixedWidth(150)
        self.qty_field.setPlaceholderText(_("F3"))
        self.qty_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.scan_field, 1)
        row.addWidget(qty_caption)
        row.addWidget(self.qty_field)
        return row

    def add_buttons(self, actions: Sequence[QAction], pay: QAction) -> dict[str, ActionButton]:
        buttons = {}
        for action in actions:
            button = ActionButton(action)
            self.button_row.addWidget(button)
            buttons[action.objectName()] = button
        pay_button = ActionButton(pay, primary=True)
        pay_button.setMinimumHeight(84)
        self.pay_slot.addWidget(pay_button)
        buttons[pay.objectName()] = pay_button
        return buttons

    def current_row(self) -> int:
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        return self.model.rowCount() - 1  # the last line scanned

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, Column.PRODUCT))

    def move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            self.select_row(min(max(self.current_row() + step, 0), rows - 1))

    def focus_scan(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
