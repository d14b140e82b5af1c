"""Shift dialogs: open with a float, cash in or out with a reason, close by counting the drawer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.money import format_vnd, parse_vnd
from posapp.domain.staff import Actor
from posapp.i18n import _
from posapp.services.shifts import CashMovementView, ShiftService, ShiftView, ZReport
from posapp.ui.cash_count import CountSheet

FLOAT_CHOICES = (0, 500_000, 1_000_000, 2_000_000)


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter belongs to the dialog's main action
    if name:
        button.setObjectName(name)
    return button


class _Form(QDialog):
    """Heading, a body, an inline error line, Cancel and the main action (Enter)."""

    def __init__(self, title: str, heading: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(22, 18, 22, 18)
        self.layout_.setSpacing(12)
        self.heading = QLabel(heading)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.layout_.addLayout(self.body, 1)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        row = QHBoxLayout()
        cancel = _button(_("Cancel · Esc"))
        cancel.clicked.connect(self.reject)
        self.action_button = _button(action, "primary")
        self.action_button.setMinimumWidth(280)
        self.action_button.clicked.connect(self.run)
        row.addWidget(cancel)
        row.addStretch(1)
        row.addWidget(self.action_button)
        self.layout_.addLayout(row)

    def amount_field(self, caption: str) -> QLineEdit:
        label = QLabel(caption)
        label.setObjectName("figure")
        field = QLineEdit()
        field.setObjectName("scanField")
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        field.returnPressed.connect(self.run)
        self.body.addWidget(label)
        self.body.addWidget(field)
        return field

    def attempt(self, work: Callable[[], object]) -> bool:
        """Run `work`; a refusal is said here and the dialog stays open."""
        try:
            work()
        except PosError as error:
            self.error.setText(str(error))
            return False
        self.error.setText("")
        return True

    def run(self) -> None:
        raise NotImplementedError


class OpenShiftDialog(_Form):
    """The cash float counted into the drawer; `opened(ShiftView)` when the shift is open."""

    opened = Signal(object)

    def __init__(
        self, shifts: ShiftService, till: str, actor: Actor, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Open shift"), _("Open the shift at till {till}").format(till=till), _("Open shift · Enter"), parent
        )
        self._shifts, self._till, self._actor = shifts, till, actor
        self.shift: ShiftView | None = None
        if reason:
            note = QLabel(reason)
            note.setWordWrap(True)
            self.body.addWidget(note)
        self.amount = self.amount_field(_("Cash in the drawer to start (float)"))
        quick = QHBoxLayout()
        for value in FLOAT_CHOICES:
            button = _button(format_vnd(value), "note")
            button.clicked.connect(lambda _checked=False, value=value: self._quick(value))
            quick.addWidget(button)
        self.body.addLayout(quick)
        self.amount.setFocus()

    def _quick(self, value: int) -> None:
        self.amount.setText(format_vnd(value).removesuffix(" ₫"))
        self.run()

    def run(self) -> None:
        def open_shift() -> None:
            amount = parse_vnd(self.amount.text() or "0")
            self.shift = self._shifts.open(self._till, amount, self._actor)

        if self.shift is None and self.attempt(open_shift):
            self.opened.emit(self.shift)
            self.accept()


COMMON_REASONS = {
    "in": (_("Change from the bank"), _("Owner's cash added")),
    "out": (_("Paid a cooperative"), _("Taken to the bank"), _("Shop expenses")),
}


class CashMoveDialog(_Form):
    """Cash put into (`kind` "in") or taken out of ("out") the drawer, with the reason; `moved(movement)`."""

    moved = Signal(object)

    def __init__(self, shifts: ShiftService, till: str, actor: Actor, kind: str, parent: QWidget | None = None) -> None:
        title = _("Cash in") if kind == "in" else _("Cash out")
        if kind == "in":
            heading = _("Put cash into the drawer at till {till}").format(till=till)
        else:
            heading = _("Take cash out of the drawer at till {till}").format(till=till)
        super().__init__(title, heading, _("Record · Enter"), parent)
        self._shifts, self._till, self._actor, self._kind = shifts, till, actor, kind
        self.movement: CashMovementView | None = None
        self.amount = self.amount_field(_("Amount"))
        caption = QLabel(_("Reason"))
        caption.setObjectName("figure")
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(["", *COMMON_REASONS[kind]])
        self.reason.setMinimumHeight(44)
        line = self.reason.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Why the cash moves, e.g. paid a cooperative"))
            line.returnPressed.connect(self.run)
        self.body.addWidget(caption)
        self.body.addWidget(self.reason)
        self.amount.setFocus()

    def run(self) -> None:
        def move() -> None:
            amount = parse_vnd(self.amount.text())
            reason = self.reason.currentText().strip()
            if not reason:
                raise InvalidInput(_("Say why the cash moves."))
            record = self._shifts.cash_in if self._kind == "in" else self._shifts.cash_out
            self.movement = record(self._till, amount, reason, self._actor)

        if self.movement is None and self.attempt(move):
            self.moved.emit(self.movement)
            self.accept()


class CloseShiftDialog(_Form):
    """Count each note in the drawer; the variance shows as the count goes; `closed(ZReport)`."""

    closed = Signal(object)

    def __init__(self, shifts: ShiftService, till: str, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Close shift"),
            _("Count the cash in the drawer at till {till}").format(till=till),
            _("Close shift · Enter"),
            parent,
        )
        self.resize(920, 640)  # fits a 768-pixel till
        self._shifts, self._till, self._actor = shifts, till, actor
        self.report: ZReport | None = None
        self._armed = False
        expected = shifts.x_report(till).expected_cash
        self.sheet = CountSheet(expected)
        self.sheet.changed.connect(self._disarm)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        scroll.setWidget(self.sheet)
        self.body.addWidget(scroll, 1)
        spins = list(self.sheet.spins.values())
        for spin in spins:
            line = spin.lineEdit()
            if line is not None:
                line.returnPressed.connect(self.run)
        if spins:
            spins[0].setFocus()
            spins[0].selectAll()

    def _disarm(self) -> None:
        self._armed = False
        self.error.setText("")

    def run(self) -> None:
        variance = self.sheet.variance()
        if variance and not self._armed:
            # A drawer that does not match is closed on purpose, not by a stray Enter in the middle of counting.
            self._armed = True
            message = _("The drawer is short by {amount}.") if variance < 0 else _("The drawer is over by {amount}.")
            self.error.setText(
                message.format(amount=format_vnd(abs(variance)))
                + " "
                + _("Count again, or press Close shift once more to close with this count.")
            )
            return

        def close() -> None:
            self.report = self._shifts.close(self._till, self.sheet.counts(), self._actor)

        if self.report is None and self.attempt(close):
            self.closed.emit(self.report)
            self.accept()
