"""Refund items of a past sale: how much of each line goes back, how the money goes back, a manager if needed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import PosError
from posapp.domain.money import QTY_SCALE, format_qty, format_vnd
from posapp.domain.tender import PaymentMethod, method_label
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.services.refundable import RefundableLine, RefundableReceipt, refund_requests, refund_total, refundable
from posapp.ui.approval import DECLINED, Approver
from posapp.ui.context import ViewContext
from posapp.ui.receipts_model import REFUND_COLOUR, when_text
from posapp.ui.staffing import staff_service
from posapp.ui.supply_kit import roomy
from posapp.ui.supply_style import FORM_STYLE

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

# The manager screens' fields, larger: the quantities are touched on the till's screen.
DIALOG_STYLE = (
    FORM_STYLE
    + """
QSpinBox { font-size: 16pt; min-height: 36px; }
QComboBox { font-size: 14pt; min-height: 36px; }
QCheckBox { font-size: 14pt; spacing: 10px; }
QCheckBox::indicator { width: 26px; height: 26px; }
"""
)


def qty_text(qty_milli: int, line: RefundableLine) -> str:
    return f"{format_qty(qty_milli, line.weighed)} {line.unit}".strip()


class RefundLinesModel(QAbstractTableModel):
    """The receipt's lines: sold, refunded before, to refund now (edited beside the table) and its amount."""

    PRODUCT, SOLD, BEFORE, NOW, AMOUNT = range(5)
    _right = frozenset({SOLD, BEFORE, NOW, AMOUNT})

    def __init__(self) -> None:
        super().__init__()
        self._headers = [_("Product"), _("Sold"), _("Refunded before"), _("Refund now"), _("Pay back")]
        self.receipt = RefundableReceipt(receipt_no="", lines=(), method=PaymentMethod.CASH)
        self._wanted: dict[int, int] = {}  # line position → thousandths to refund now

    def set_receipt(self, receipt: RefundableReceipt) -> None:
        """Show `receipt`, everything still left on it chosen (the usual refund is the whole receipt)."""
        self.beginResetModel()
        self.receipt = receipt
        self._wanted = {line.position: line.left_milli for line in receipt.lines if line.left_milli > 0}
        self.endResetModel()

    def line(self, row: int) -> RefundableLine:
        return self.receipt.lines[row]

    def wanted(self) -> dict[int, int]:
        return {position: qty for position, qty in self._wanted.items() if qty > 0}

    def set_wanted(self, row: int, qty_milli: int) -> None:
        line = self.line(row)
        self._wanted[line.position] = max(0, min(qty_milli, line.left_milli))
        self.dataChanged.emit(self.index(row, self.NOW), self.index(row, self.AMOUNT))

    def total(self) -> int:
        return refund_total(self.receipt, self.wanted())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.receipt.lines)

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
            return _RIGHT if section in self._right else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.receipt.lines):
            return None
        line = self.receipt.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            now = self._wanted.get(line.position, 0)
            if column == self.PRODUCT:
                return line.name
            if column == self.SOLD:
                return qty_text(line.qty_milli, line)
            if column == self.BEFORE:
                return qty_text(line.refunded_milli, line) if line.refunded_milli else ""
            if column == self.NOW:
                return ""  # the spin box (or check box) over the cell says it
            return format_vnd(refund_total(self.receipt, {line.position: now})) if now else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self._right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == self.AMOUNT:
            return REFUND_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT:
            return line.name
        return None


class RefundDialog(QDialog):
    """`refunded(Receipt)` once the refund receipt is written; errors and refusals are said in the dialog."""

    refunded = Signal(object)  # the refund's Receipt

    def __init__(self, context: ViewContext, sale: Receipt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sale = sale
        self.receipt: Receipt | None = None  # the refund, once written
        self.setWindowTitle(_("Refund"))
        self.setStyleSheet(DIALOG_STYLE)
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        heading = QLabel(_("Refund items of receipt {number}").format(number=sale.receipt_no))
        heading.setObjectName("heading")
        facts = QLabel(
            " · ".join(
                [
                    _("Sold {when}").format(when=when_text(sale.at, context.shop.clock.local)),
                    _("Total {total}").format(total=format_vnd(sale.total)),
                ]
            )
        )
        facts.setObjectName("figure")
        layout.addWidget(heading)
        layout.addWidget(facts)
        self.model = RefundLinesModel()
        self.table = self._table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._money_row())
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        cancel = QPushButton(_("Cancel · Esc"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.confirm_button = QPushButton(_("Refund · Enter"))
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setMinimumWidth(300)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(lambda _checked=False: self.confirm())
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self.editors: list[QSpinBox | QCheckBox] = []
        self.load()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(56)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RefundLinesModel.PRODUCT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RefundLinesModel.NOW, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(RefundLinesModel.NOW, 230)
        return table

    def _money_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(14)
        method_caption = QLabel(_("Pay back by"))
        method_caption.setObjectName("totalCaption")
        self.method = QComboBox()
        for method in PaymentMethod:
            self.method.addItem(method_label(method), method)
        self.method.setMinimumWidth(240)
        total_caption = QLabel(_("To pay back"))
        total_caption.setObjectName("totalCaption")
        self.total_label = QLabel()
        self.total_label.setObjectName("totalAmount")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(method_caption)
        row.addWidget(self.method)
        row.addStretch(1)
        row.addWidget(total_caption)
        row.addWidget(self.total_label)
        return row

    # --- behaviour ----------------------------------------------------------------------
    def load(self) -> None:
        """Read what is left to refund (again); everything left is chosen."""
        try:
            found = refundable(self.context.shop.sessions, self.sale.receipt_no)
        except PosError as error:
            found = RefundableReceipt(self.sale.receipt_no, (), PaymentMethod.CASH)
            self.error.setText(str(error))
        self.model.set_receipt(found)
        self.method.setCurrentIndex(max(self.method.findData(found.method), 0))
        self.editors = [self._editor(row) for row in range(self.model.rowCount())]
        if found.lines and not found.anything_left:
            self.error.setText(
                _("Everything on receipt {receipt_no} has already been refunded.").format(receipt_no=found.receipt_no)
            )
        self._update_total()

    def _editor(self, row: int) -> QSpinBox | QCheckBox:
        line = self.model.line(row)
        editor: QSpinBox | QCheckBox
        if line.weighed:
            # A weighed item goes back whole: its label says what it weighed, and the scale cannot re-weigh it.
            editor = QCheckBox(_("All {qty}").format(qty=qty_text(line.left_milli, line)))
            editor.setChecked(line.left_milli > 0)
            editor.toggled.connect(
                lambda on, row=row, left=line.left_milli: self._changed(row, left if on else 0)
            )
        else:
            editor = QSpinBox()
            roomy(editor)
            editor.setRange(0, line.left_milli // QTY_SCALE)
            editor.setValue(line.left_milli // QTY_SCALE)
            editor.setSuffix(f" {line.unit}" if line.unit else "")
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setAccessibleName(_("Refund now: {name}").format(name=line.name))
            editor.valueChanged.connect(lambda value, row=row: self._changed(row, value * QTY_SCALE))
        editor.setEnabled(line.left_milli > 0)
        self.table.setIndexWidget(self.model.index(row, RefundLinesModel.NOW), editor)
        return editor

    def _changed(self, row: int, qty_milli: int) -> None:
        self.model.set_wanted(row, qty_milli)
        self.error.setText("")
        self._update_total()

    def _update_total(self) -> None:
        total = self.model.total()
        self.total_label.setText(format_vnd(total))
        self.confirm_button.setEnabled(self.model.receipt.anything_left)

    def confirm(self) -> None:
        """Write the refund; a cashier's refund waits for a manager's PIN and is then done with their approval."""
        wanted = self.model.wanted()
        if not self.model.receipt.anything_left:
            return
        if not wanted:
            self.error.setText(_("Choose what to refund: set a quantity on at least one line."))
            return
        requests = refund_requests(self.model.receipt, wanted)
        method = PaymentMethod(self.method.currentData())
        till = self.context.shop.settings.till
        actor = self.context.actor()
        checkout = self.context.shop.checkout
        detail = _("Refund {amount} of receipt {number}").format(
            amount=format_vnd(self.model.total()), number=self.sale.receipt_no
        )
        approver = Approver(staff_service(self.context.shop), self.context.dialogs, self.context.actor)
        try:
            result = approver.run(
                lambda approval: checkout.refund(
                    self.sale.receipt_no, requests, till=till, method=method, actor=actor, approval=approval
                ),
                detail,
            )
        except PosError as error:
            self.load()  # another till may have refunded meanwhile: show what is left now
            self.error.setText(str(error))
            return
        if result is DECLINED:
            self.error.setText(_("Nothing was refunded: no manager approved it."))
            return
        self.receipt = result
        self.error.setText("")
        self.refunded.emit(result)
        self.accept()
