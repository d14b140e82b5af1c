"""Past receipts for the back office: find one by number, day or amount, read its lines, print it again, refund it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import cast

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.devices.printers import PdfFilePrinter, ReceiptPrinter, RollPrinter
from posapp.documents.receipt import ReceiptOptions
from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd, parse_vnd
from posapp.domain.tender import PaymentMethod, method_label
from posapp.i18n import _
from posapp.paths import data_dir
from posapp.services.dto import Receipt
from posapp.services.receipts import DEFAULT_LIMIT, ReceiptSearch
from posapp.ui.context import ViewContext
from posapp.ui.printing import ReceiptPrinting
from posapp.ui.receipts_model import ReceiptLinesModel, ReceiptListModel, when_text
from posapp.ui.refund_dialog import RefundDialog
from posapp.ui.widgets import Banner

# Form fields the till's style sheet leaves at their defaults, sized like its line edits.
FIELD_STYLE = "QDateEdit { font-size: 13pt; padding: 5px 8px; min-height: 34px; } QCheckBox { font-size: 12pt; }"


def default_printer(context: ViewContext) -> ReceiptPrinter:
    settings = context.shop.settings
    return PdfFilePrinter(data_dir() / "receipts", settings.shop, settings.bank, settings.printer.width_mm)


def reprint(printer: ReceiptPrinter, receipt: Receipt) -> str:
    """Print a copy marked as a reprint where the printer takes options (every configured printer does)."""
    options = getattr(printer, "options", None)
    if isinstance(options, ReceiptOptions):
        return cast(RollPrinter, printer).print_receipt(receipt, replace(options, reprint=True))
    return printer.print_receipt(receipt)


def _table(model: ReceiptListModel | ReceiptLinesModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(36)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class ReceiptsView(QWidget):
    """A list of receipts on the left (newest first), the chosen receipt on the right."""

    def __init__(
        self, context: ViewContext, parent: QWidget | None = None, printer: ReceiptPrinter | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.printer = printer or default_printer(context)
        # Printing runs off the GUI thread, in turn: a slow or dead printer never freezes the screen.
        self.printing = ReceiptPrinting(self.printer, self)
        self.printing.printed.connect(self._printed)
        self.printing.failed.connect(self._print_failed)
        # Receipts sent to the printer, oldest first: (number, what was said about it before printing).
        self._printing: list[tuple[str, str]] = []
        self.refund_dialog: RefundDialog | None = None
        self.search = ReceiptSearch(context.shop.sessions, context.shop.clock)
        self.receipt: Receipt | None = None
        self.setStyleSheet(FIELD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        heading = QLabel(_("Past receipts"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.banner = Banner()
        layout.addWidget(self.banner)
        layout.addLayout(self._filters())
        self.status = QLabel()
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list_model = ReceiptListModel(context.shop.clock.local)
        self.list = _table(self.list_model, ReceiptListModel.CASHIER)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        splitter.addWidget(self.list)
        splitter.addWidget(self._detail())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.show_receipt(None)

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.number_field = QLineEdit()
        self.number_field.setPlaceholderText(_("Receipt number, e.g. Q1-000042 or 42"))
        self.day_check = QCheckBox(_("On day"))
        self.day_field = QDateEdit()
        self.day_field.setCalendarPopup(True)
        self.day_field.setDisplayFormat("dd/MM/yyyy")
        today = self.context.shop.clock.local_day(self.context.shop.clock.now())
        self.day_field.setDate(QDate(today.year, today.month, today.day))
        self.day_field.setEnabled(False)
        self.day_check.toggled.connect(self.day_field.setEnabled)
        self.amount_field = QLineEdit()
        self.amount_field.setPlaceholderText(_("Amount, e.g. 275.000"))
        self.search_button = QPushButton(_("Search"))
        self.search_button.setObjectName("primary")
        self.search_button.clicked.connect(lambda _checked=False: self.run_search())
        for field in (self.number_field, self.amount_field):
            field.returnPressed.connect(self.run_search)
        row.addWidget(self.number_field, 2)
        row.addWidget(self.day_check)
        row.addWidget(self.day_field)
        row.addWidget(self.amount_field, 1)
        row.addWidget(self.search_button)
        return row

    def _detail(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("lastItem")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("muted")
        self.facts.setWordWrap(True)
        self.lines_model = ReceiptLinesModel()
        self.lines = _table(self.lines_model, ReceiptLinesModel.PRODUCT)
        self.totals = QLabel()
        self.totals.setObjectName("figure")
        self.totals.setWordWrap(True)
        self.print_button = QPushButton(_("Print again"))
        self.print_button.clicked.connect(lambda _checked=False: self.print_again())
        self.refund_button = QPushButton(_("Refund…"))
        self.refund_button.clicked.connect(lambda _checked=False: self.start_refund())
        for widget in (self.title, self.facts):
            column.addWidget(widget)
        column.addWidget(self.lines, 1)
        column.addWidget(self.totals)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button, 1)
        buttons.addWidget(self.refund_button, 1)
        column.addLayout(buttons)
        return panel

    # --- searching ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Search again with what the filters say (the view was shown, or new sales came in)."""
        self.run_search()

    def chosen_day(self) -> date | None:
        if not self.day_check.isChecked():
            return None
        chosen = self.day_field.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def run_search(self) -> None:
        self.banner.dismiss()
        try:
            text = self.amount_field.text().strip()
            amount = parse_vnd(text) if text else None
            found = self.search.find_receipts(self.number_field.text(), self.chosen_day(), amount)
        except PosError as error:
            self.banner.show_message(str(error))
            found = []
        self.list_model.set_rows(found)
        if not found:
            self.status.setText(_("No receipt matches."))
        elif len(found) == DEFAULT_LIMIT:
            self.status.setText(
                _("Showing the newest {count} receipts; narrow the search to see older ones.").format(count=len(found))
            )
        else:
            self.status.setText(_("{count} receipts found.").format(count=len(found)))
        if found:
            self.list.selectRow(0)
        else:
            self.show_receipt(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.show_receipt(None)
            return
        summary = self.list_model.receipt(current.row())
        try:
            receipt = self.context.shop.checkout.receipt(summary.receipt_no)
        except PosError as error:
            self.banner.show_message(str(error))
            receipt = None
        self.show_receipt(receipt)

    # --- the chosen receipt ---------------------------------------------------------------
    def show_receipt(self, receipt: Receipt | None) -> None:
        self.receipt = receipt
        self.print_button.setEnabled(receipt is not None)
        self.refund_button.setEnabled(receipt is not None and receipt.kind == "sale")
        if receipt is None:
            self.title.setText(_("Choose a receipt to see its lines."))
            self.facts.setText("")
            self.lines_model.set_rows([])
            self.totals.setText("")
            return
        local = self.context.shop.clock.local
        title = _("Refund receipt {number}") if receipt.kind == "refund" else _("Sale receipt {number}")
        self.title.setText(title.format(number=receipt.receipt_no))
        facts = [
            when_text(receipt.at, local),
            _("Till {till}").format(till=receipt.till),
        ]
        if receipt.cashier:
            facts.append(_("Cashier: {name}").format(name=receipt.cashier))
        if receipt.original_receipt_no:
            facts.append(_("Refund of receipt {number}").format(number=receipt.original_receipt_no))
        self.facts.setText(" · ".join(facts))
        self.lines_model.set_rows(receipt.lines)
        self.totals.setText("\n".join(self._totals(receipt)))

    @staticmethod
    def _totals(receipt: Receipt) -> list[str]:
        lines = []
        if receipt.discount:
            lines.append(
                _("Subtotal {subtotal} · Discount {discount}").format(
                    subtotal=format_vnd(receipt.subtotal), discount=format_vnd(receipt.discount)
                )
            )
        lines.append(_("Total {total}").format(total=format_vnd(receipt.total)))
        paid = " · ".join(
            f"{method_label(PaymentMethod(p.method))} {format_vnd(p.amount)}" for p in receipt.payments
        )
        if receipt.change:
            paid += " · " + _("Change {change}").format(change=format_vnd(receipt.change))
        lines.append(paid)
        return lines

    def print_again(self) -> None:
        receipt = self.receipt
        if receipt is None:
            return
        printer = self.printer
        self._printing.append((receipt.receipt_no, ""))
        self.banner.show_message(
            _("Printing receipt {number} again…").format(number=receipt.receipt_no), tone="info"
        )
        self.printing.submit(receipt.receipt_no, lambda: reprint(printer, receipt))

    def _printed(self, where: str) -> None:
        number, said = self._printing.pop(0) if self._printing else ("", "")
        if said:
            self.banner.show_message(f"{said} " + _("Printed: {where}").format(where=where), tone="info")
            return
        self.banner.show_message(
            _("Receipt {number} printed again: {where}").format(number=number, where=where), tone="info"
        )

    def _print_failed(self, reason: str, number: str) -> None:
        said = self._printing.pop(0)[1] if self._printing else ""
        failed = _("Receipt {number} could not be printed: {reason}").format(number=number, reason=reason)
        self.banner.show_message(f"{said} {failed}" if said else failed)

    # --- refunds ----------------------------------------------------------------------------
    def start_refund(self) -> None:
        """Open the refund of the chosen sale (items, amounts, how the money goes back)."""
        receipt = self.receipt
        if receipt is None or receipt.kind != "sale":
            return
        if self.refund_dialog is not None:
            self.refund_dialog.close()
        dialog = RefundDialog(self.context, receipt, self)
        dialog.refunded.connect(self._refunded)
        dialog.finished.connect(lambda _result, dialog=dialog: self._refund_closed(dialog))
        self.refund_dialog = dialog
        self.context.dialogs.present(dialog, modal=True)

    def _refund_closed(self, dialog: RefundDialog) -> None:
        if self.refund_dialog is dialog:
            self.refund_dialog = None
        dialog.deleteLater()

    def _refunded(self, refund: Receipt) -> None:
        """The refund is written: list it, show it, say what to pay back and print it for the customer."""
        self.run_search()
        numbers = [self.list_model.receipt(row).receipt_no for row in range(self.list_model.rowCount())]
        if refund.receipt_no in numbers:
            self.list.selectRow(numbers.index(refund.receipt_no))
        else:  # the filters hide it: show it all the same
            self.show_receipt(refund)
        methods = ", ".join(method_label(PaymentMethod(p.method)) for p in refund.payments)
        said = _("Refund receipt {number} written: pay back {amount} ({method}).").format(
            number=refund.receipt_no, amount=format_vnd(-refund.total), method=methods
        )
        self._printing.append((refund.receipt_no, said))
        self.banner.show_message(f"{said} " + _("Printing…"), tone="info")
        self.printing.print_receipt(refund)
