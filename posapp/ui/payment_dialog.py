"""Take payment: cash with change, card, VietQR transfer, or several of them; Enter completes when paid."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd, parse_vnd
from posapp.domain.tender import PaymentMethod, Tender, method_label
from posapp.i18n import _
from posapp.services.dto import Receipt
from posapp.settings import BankAccount
from posapp.ui.tendering import TenderBook, quick_amounts
from posapp.ui.transfer_panel import TransferPanel

Complete = Callable[[Sequence[Tender]], Receipt]

CASH, CARD, TRANSFER = 0, 1, 2


def tender_text(tender: Tender) -> str:
    text = f"{method_label(tender.method)}   {format_vnd(tender.amount)}"
    return f"{text}   ({tender.reference})" if tender.reference else text


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter belongs to the dialog: take the tender, or complete
    if name:
        button.setObjectName(name)
    return button


class PaymentDialog(QDialog):
    completed = Signal(object)  # Receipt

    def __init__(
        self,
        total: int,
        complete: Complete,
        bank: BankAccount,
        purpose: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Payment"))
        self.resize(1080, 680)
        self.book = TenderBook(total)
        self.receipt: Receipt | None = None
        self._complete = complete
        self._cancel_armed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(12)
        layout.addWidget(self._summary())
        middle = QHBoxLayout()
        middle.setSpacing(14)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cash_tab(), _("Cash · F1"))
        self.tabs.addTab(self._card_tab(), _("Card · F2"))
        self.transfer = TransferPanel(bank, purpose)
        self.transfer.money_received.connect(self.take_transfer)
        self.tabs.addTab(self.transfer, _("Bank transfer (VietQR) · F3"))
        self.tabs.currentChanged.connect(self._tab_changed)
        middle.addWidget(self.tabs, 3)
        middle.addLayout(self._tenders_column(), 1)
        layout.addLayout(middle, 1)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        cancel = _button(_("Cancel · Esc"))
        cancel.clicked.connect(self.reject)
        self.complete_button = _button(_("Complete sale · Enter"), "primary")
        self.complete_button.setMinimumWidth(320)
        self.complete_button.clicked.connect(self.complete)
        bottom.addWidget(cancel)
        bottom.addStretch(1)
        bottom.addWidget(self.complete_button)
        layout.addLayout(bottom)
        for key, tab in ((Qt.Key.Key_F1, CASH), (Qt.Key.Key_F2, CARD), (Qt.Key.Key_F3, TRANSFER)):
            QShortcut(QKeySequence(key), self, lambda tab=tab: self.tabs.setCurrentIndex(tab))
        self.refresh()
        self.cash_field.setFocus()

    # --- layout -------------------------------------------------------------------------
    def _summary(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("panel")
        grid = QGridLayout(frame)
        grid.setContentsMargins(18, 10, 18, 10)
        grid.setHorizontalSpacing(28)
        captions = (_("Total due"), _("Paid"), _("Left to pay"), _("Change due"))
        self.due_label, self.paid_label, self.left_label, self.change_label = (QLabel() for _c in captions)
        for column, (caption, value) in enumerate(
            zip(captions, (self.due_label, self.paid_label, self.left_label, self.change_label), strict=True)
        ):
            head = QLabel(caption)
            head.setObjectName("totalCaption")
            value.setObjectName("bigAmount")
            grid.addWidget(head, 0, column)
            grid.addWidget(value, 1, column)
        self.change_label.setObjectName("changeAmount")
        return frame

    def _cash_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(16, 16, 16, 16)
        self.cash_entry = QWidget()
        row = QHBoxLayout(self.cash_entry)
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Cash received"))
        caption.setObjectName("figure")
        self.cash_field = QLineEdit()
        self.cash_field.setObjectName("scanField")
        take = _button(_("Add cash"))
        take.clicked.connect(self.take_cash)
        row.addWidget(caption)
        row.addWidget(self.cash_field, 1)
        row.addWidget(take)
        layout.addWidget(self.cash_entry)
        self.give_back = QLabel()
        self.give_back.setObjectName("changeAmount")
        self.give_back.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.give_back.setWordWrap(True)
        layout.addWidget(self.give_back, 1)
        self.quick = QGridLayout()
        self.quick.setSpacing(10)
        layout.addLayout(self.quick)
        layout.addStretch(1)
        return tab

    def _card_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        grid.setContentsMargins(16, 16, 16, 16)
        self.card_field = QLineEdit()
        self.card_reference = QLineEdit()
        self.card_reference.setPlaceholderText(_("Approval code from the card slip"))
        for row, (caption, field) in enumerate(
            ((_("Card amount"), self.card_field), (_("Reference"), self.card_reference))
        ):
            label = QLabel(caption)
            label.setObjectName("figure")
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
        approved = _button(_("Card payment approved"), "primary")
        approved.clicked.connect(self.take_card)
        grid.addWidget(approved, 2, 1)
        grid.setRowStretch(3, 1)
        return tab

    def _tenders_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        caption = QLabel(_("Payments taken"))
        caption.setObjectName("totalCaption")
        self.tender_list = QListWidget()
        self.tender_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        remove = _button(_("Remove payment · Del"))
        remove.clicked.connect(self.remove_selected)
        column.addWidget(caption)
        column.addWidget(self.tender_list, 1)
        column.addWidget(remove)
        return column

    # --- behaviour ----------------------------------------------------------------------
    def refresh(self) -> None:
        book = self.book
        self.due_label.setText(format_vnd(book.total))
        self.paid_label.setText(format_vnd(book.paid))
        self.left_label.setText(format_vnd(book.left))
        self.change_label.setText(format_vnd(book.change))
        self.tender_list.clear()
        self.tender_list.addItems([tender_text(t) for t in book.tenders])
        amount = "" if book.fully_paid else format_vnd(book.left).removesuffix(" ₫")
        for field in (self.cash_field, self.card_field):
            field.setText(amount)
            field.selectAll()
        self._fill_quick_buttons()
        self.transfer.show_amount(book.left)
        self.complete_button.setEnabled(book.fully_paid)

    def _fill_quick_buttons(self) -> None:
        while self.quick.count():
            taken = self.quick.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # gone now, not when the event loop next gets round to deleting it
                widget.deleteLater()
        paid = self.book.fully_paid
        self.cash_entry.setVisible(not paid)
        self.give_back.setVisible(paid)
        self.give_back.setText(
            _("Give back {change}").format(change=format_vnd(self.book.change))
            if self.book.change
            else _("Paid in full. Press Enter to complete the sale.")
        )
        if paid:
            return
        left = self.book.left
        amounts = [left, *quick_amounts(left)]
        for position, amount in enumerate(amounts):
            text = (
                _("Exact {amount}").format(amount=format_vnd(amount)) if position == 0 else format_vnd(amount)
            )
            button = _button(text, "note")
            button.clicked.connect(
                lambda _checked=False, amount=amount: self.take(PaymentMethod.CASH, amount)
            )
            self.quick.addWidget(button, position // 3, position % 3)

    def quick_buttons(self) -> list[QPushButton]:
        """The cash buttons on show, "Exact" first."""
        items = (self.quick.itemAt(i) for i in range(self.quick.count()))
        return [w for w in (item.widget() if item else None for item in items) if isinstance(w, QPushButton)]

    def take(self, method: PaymentMethod, amount: int, reference: str = "") -> bool:
        try:
            self.book.add(Tender(method=method, amount=amount, reference=reference))
        except PosError as error:
            self.error.setText(str(error))
            return False
        self.error.setText("")
        self._cancel_armed = False
        self.refresh()
        if self.book.fully_paid:
            self.complete_button.setFocus()
        return True

    def take_cash(self) -> None:
        try:
            amount = parse_vnd(self.cash_field.text())
        except PosError as error:
            self.error.setText(str(error))
            return
        self.take(PaymentMethod.CASH, amount)

    def take_card(self) -> None:
        try:
            amount = parse_vnd(self.card_field.text())
        except PosError as error:
            self.error.setText(str(error))
            return
        if self.take(PaymentMethod.CARD, amount, self.card_reference.text().strip()):
            self.card_reference.clear()

    def take_transfer(self) -> None:
        self.take(PaymentMethod.TRANSFER, self.book.left, self.transfer.purpose)

    def remove_selected(self) -> None:
        row = self.tender_list.currentRow()
        if row < 0 and self.book.tenders:
            row = len(self.book.tenders) - 1
        if row >= 0:
            self.book.remove(row)
            self.error.setText("")
            self.refresh()

    def complete(self) -> None:
        """Write the sale; a refusal (PosError) is shown here and nothing is written."""
        if self.receipt is not None:
            return  # a second Enter while closing: the sale is written once
        if not self.book.fully_paid:
            self.error.setText(_("{left} is still to be paid.").format(left=format_vnd(self.book.left)))
            return
        try:
            receipt = self._complete(tuple(self.book.tenders))
        except PosError as error:
            self.error.setText(str(error))
            return
        self.receipt = receipt
        self.completed.emit(receipt)
        self.accept()

    def _tab_changed(self, index: int) -> None:
        self.error.setText("")
        field = {CASH: self.cash_field, CARD: self.card_field}.get(index)
        if field is not None:
            field.setFocus()
            field.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            return
        if key == Qt.Key.Key_Delete:
            self.remove_selected()
            return
        super().keyPressEvent(event)

    def _enter(self) -> None:
        if self.book.fully_paid:
            self.complete()
        elif self.tabs.currentIndex() == CASH:
            self.take_cash()
        elif self.tabs.currentIndex() == CARD:
            self.take_card()
        else:
            self.error.setText(_("Press “Money received” when the transfer has arrived."))

    def reject(self) -> None:
        # Payments already taken (a card approved) must not vanish on one stray Esc.
        if self.book.tenders and not self._cancel_armed:
            self._cancel_armed = True
            self.error.setText(_("Payments are listed. Press Esc again to cancel the payment."))
            return
        super().reject()
