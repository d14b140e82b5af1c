"""Bank transfer by VietQR: the code for what is left to pay, the bank details beside it, "Money received"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain import vietqr
from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.settings import BankAccount
from posapp.ui.qr_view import QrView

# NAPAS BINs of banks shops use most; any other BIN is shown as the number itself.
BANK_NAMES = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970422": "MB Bank",
    "970407": "Techcombank",
    "970432": "VPBank",
    "970416": "ACB",
    "970403": "Sacombank",
    "970423": "TPBank",
}


def no_bank_message() -> str:
    return _("No bank account is set for transfers. Set the bank BIN and account number in the settings.")


def bank_label(bank: BankAccount) -> str:
    name = BANK_NAMES.get(bank.bin.strip())
    return f"{name} (BIN {bank.bin})" if name else _("Bank BIN {bin}").format(bin=bank.bin)


def transfer_purpose(shop_name: str, when: datetime) -> str:
    """The description the shop sees on its statement: the shop's name and the time (which always fits)."""
    time = f"{when:%H%M}"
    shop = vietqr.clean_purpose(shop_name)[: vietqr.PURPOSE_MAX - len(time) - 1].rstrip()
    return vietqr.clean_purpose(f"{shop} {time}")


class TransferPanel(QWidget):
    money_received = Signal()

    def __init__(self, bank: BankAccount, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bank = bank
        self.purpose = purpose
        self.payload = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(20)
        self.qr = QrView(300)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        layout.addLayout(side, 1)
        self.notice = QLabel()
        self.notice.setObjectName("error")
        self.notice.setWordWrap(True)
        self.notice.hide()
        side.addWidget(self.notice)
        details = QGridLayout()
        details.setVerticalSpacing(8)
        details.setColumnStretch(1, 1)
        self.bank = self._row(details, 0, _("Bank"))
        self.account = self._row(details, 1, _("Account"))
        self.holder = self._row(details, 2, _("Account name"))
        self.description = self._row(details, 3, _("Description"))
        side.addLayout(details)
        caption = QLabel(_("Amount to transfer"))
        caption.setObjectName("totalCaption")
        self.amount = QLabel()
        self.amount.setObjectName("bigAmount")
        side.addSpacing(6)
        side.addWidget(caption)
        side.addWidget(self.amount)
        hint = QLabel(
            _("Ask the customer to scan the code with their banking app, then check the transfer arrived.")
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        side.addWidget(hint)
        side.addStretch(1)
        self.received = QPushButton(_("Money received"))
        self.received.setObjectName("primary")
        self.received.setAutoDefault(False)
        self.received.clicked.connect(self.money_received)
        side.addWidget(self.received)
        self.configured = bool(bank.bin.strip() and bank.account.strip())

    @staticmethod
    def _row(grid: QGridLayout, row: int, caption: str) -> QLabel:
        label = QLabel(caption)
        label.setObjectName("muted")
        value = QLabel()
        value.setObjectName("figure")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(label, row, 0)
        grid.addWidget(value, row, 1)
        return value

    def show_amount(self, amount: int) -> None:
        """Redraw the code for `amount` (what is left to pay); nothing to pay shows no code."""
        if not self.configured:
            self._unavailable(no_bank_message())
            return
        self.bank.setText(bank_label(self._bank))
        self.account.setText(self._bank.account)
        self.holder.setText(self._bank.account_name)
        self.description.setText(self.purpose)
        self.amount.setText(format_vnd(amount))
        if amount <= 0:
            self.qr.show_payload("")
            self.received.setEnabled(False)
            self._notice("")
            return
        try:
            self.payload = vietqr.payload(self._bank.bin, self._bank.account, amount, self.purpose)
        except PosError as error:
            self._unavailable(str(error))
            return
        self._notice("")
        self.qr.show_payload(self.payload)
        self.received.setEnabled(True)

    def _unavailable(self, message: str) -> None:
        self.payload = ""
        self.qr.show_payload("")
        self.qr.setText(_("No QR code"))
        self._notice(message)
        self.received.setEnabled(False)

    def _notice(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
