"""Who is at the till: touch your name, type your PIN. On a new shop, set up the owner first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.staff import PIN_LENGTHS, Actor, check_pin, role_label
from posapp.i18n import _
from posapp.services.clock import ShopClock
from posapp.ui.form_kit import form_page
from posapp.ui.pin_pad import PeoplePicker, PinPad

if TYPE_CHECKING:
    from posapp.services.staff import StaffService, UserView

SIGN_IN, FIRST_OWNER = 0, 1


class SignInScreen(QStackedWidget):
    """`signed_in(actor)` once a PIN is right; `cancelled()` when a user switch is given up; `skipped()` when a
    shop with nobody yet chooses not to set up its owner now."""

    signed_in = Signal(object)  # Actor
    cancelled = Signal()
    skipped = Signal()  # a new shop goes on without staff accounts for now (whoever is at the till runs it)

    def __init__(self, staff: StaffService, clock: ShopClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sellView")
        self._staff = staff
        self._clock = clock
        self._users: dict[str, UserView] = {}
        self.addWidget(self._sign_in_page())
        self.addWidget(self._owner_page())
        self.allow_cancel(False)

    # --- layout -------------------------------------------------------------------------
    def _sign_in_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(16)
        heading = QLabel(_("Who is at the till?"))
        heading.setObjectName("heading")
        top = QHBoxLayout()  # the way back sits beside the heading: below the pad it would not fit a 768-pixel till
        top.addWidget(heading, 1)
        self.back_button = QPushButton(_("Back to the till · Esc"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.cancelled)
        top.addWidget(self.back_button)
        outer.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(36)
        self.picker = PeoplePicker(columns=2)
        self.picker.chosen.connect(self._chosen)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 8, 0)
        holder_layout.addWidget(self.picker)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        row.addWidget(scroll, 3)
        right = QVBoxLayout()
        self.prompt = QLabel()
        self.prompt.setObjectName("lastItem")
        self.prompt.setWordWrap(True)
        right.addWidget(self.prompt)
        self.pad = PinPad()
        self.pad.submitted.connect(self.sign_in)
        self.pad.setMaximumWidth(420)
        right.addWidget(self.pad, 1)
        row.addLayout(right, 2)
        outer.addLayout(row, 1)
        return page

    def _owner_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(14)
        heading = QLabel(_("Welcome! First, the shop's owner"))
        heading.setObjectName("heading")
        explain = QLabel(
            _(
                "The owner may do everything at this till and adds the other staff. "
                "Choose a PIN of 4 to 8 digits that only you know."
            )
        )
        explain.setWordWrap(True)
        outer.addWidget(heading)
        outer.addWidget(explain)
        self.owner_name = QLineEdit()
        self.owner_name.setMaxLength(60)
        self.owner_name.setMinimumWidth(440)
        self.owner_name.setMaximumWidth(520)
        self.owner_pin, self.owner_pin_again = QLineEdit(), QLineEdit()
        digits = QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{max(PIN_LENGTHS)}}}"), self)
        for field in (self.owner_pin, self.owner_pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaximumWidth(260)
        outer.addWidget(
            form_page(
                (_("Your name"), self.owner_name),
                (_("PIN"), self.owner_pin),
                (_("PIN again"), self.owner_pin_again),
                margin=0,
                stretch=False,
            )
        )
        self.owner_error = QLabel()
        self.owner_error.setObjectName("error")
        self.owner_error.setWordWrap(True)
        outer.addWidget(self.owner_error)
        self.create_button = QPushButton(_("Create the owner and sign in"))
        self.create_button.setObjectName("primary")
        self.create_button.clicked.connect(self.create_owner)
        for field in (self.owner_name, self.owner_pin, self.owner_pin_again):
            field.returnPressed.connect(self.create_owner)
        self.later_button = QPushButton(_("Not now: sell without staff accounts"))
        self.later_button.clicked.connect(self.skipped)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        outer.addLayout(row)
        outer.addStretch(1)
        return page

    # --- behaviour ----------------------------------------------------------------------
    def allow_cancel(self, allowed: bool) -> None:
        """A user switch may be given up (back to whoever was signed in); the first sign-in may not."""
        self.back_button.setVisible(allowed)

    def refresh(self) -> None:
        """Show the active staff, or the owner's set-up on a shop with nobody yet."""
        if not self._staff.has_users():
            self.setCurrentIndex(FIRST_OWNER)
            self.owner_name.setFocus()
            return
        self.setCurrentIndex(SIGN_IN)
        chosen = self.picker.current
        self._users = {user.name: user for user in self._staff.users(include_inactive=False)}
        self.picker.set_people([(user.name, self._caption(user)) for user in self._users.values()])
        if chosen in self._users:
            self.picker.choose(chosen)
        self._chosen(self.picker.current)
        self.pad.clear()
        self.pad.setFocus()

    def _caption(self, user: UserView) -> str:
        locked = user.locked_until
        if locked is not None and locked > self._clock.now():
            return _("Locked until {time}").format(time=f"{self._clock.local(locked):%H:%M}")
        return role_label(user.role)

    def _chosen(self, name: str) -> None:
        self.prompt.setText(_("{name}, type your PIN.").format(name=name) if name else _("Touch your name."))
        self.pad.show_message("")
        self.pad.setFocus()

    def sign_in(self, pin: str) -> None:
        name = self.picker.current
        if not name:
            self.pad.show_message(_("Touch your name first."))
            return
        try:
            actor = self._staff.sign_in(name, pin)
        except PosError as error:
            self.refresh()  # a lock shows on the name button at once
            self.pad.show_message(str(error))
            return
        self.pad.show_message("")
        self.signed_in.emit(actor)

    def create_owner(self) -> None:
        name = " ".join(self.owner_name.text().split())
        pin, again = self.owner_pin.text(), self.owner_pin_again.text()
        try:
            if not name:
                raise InvalidInput(_("Type your name."))
            check_pin(pin)
            if pin != again:
                raise InvalidInput(_("The two PINs differ. Type the same PIN twice."))
            self._staff.create_owner(name, pin)
            actor: Actor = self._staff.sign_in(name, pin)
        except PosError as error:
            self.owner_error.setText(str(error))
            self.owner_pin.clear()
            self.owner_pin_again.clear()
            return
        self.owner_error.setText("")
        for field in (self.owner_name, self.owner_pin, self.owner_pin_again):
            field.clear()
        self.signed_in.emit(actor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.back_button.isVisible():
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
