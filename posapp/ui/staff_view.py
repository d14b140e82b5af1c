"""The staff screen: who may sign in and as what; add people, change a role, reset a PIN, stop or allow sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.staff import PIN_LENGTHS, Actor, Permission, Role, allowed, check_pin, role_label
from posapp.i18n import _
from posapp.services.staff import StaffService, UserView
from posapp.ui.approval import Approver
from posapp.ui.context import ViewContext
from posapp.ui.form_kit import select_data
from posapp.ui.staffing import staff_service
from posapp.ui.supply_kit import (
    BackOfficeView,
    button,
    field_label,
    form_layout,
    make_table,
    muted,
    quiet_labels,
    selected_row,
)
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

T = TypeVar("T")
ROLES = (Role.CASHIER, Role.MANAGER, Role.OWNER)


def staff_columns(locked_text: Callable[[UserView], str]) -> list[Col[UserView]]:
    def quiet(user: UserView) -> Tone:
        return Tone.PLAIN if user.active else Tone.MUTED

    def lock_tone(user: UserView) -> Tone:
        return Tone.DANGER if locked_text(user) else Tone.PLAIN

    return [
        Col(_("Name"), lambda u: u.name, tone=quiet),
        Col(_("Role"), lambda u: role_label(u.role), tone=quiet),
        Col(_("Status"), lambda u: _("Can sign in") if u.active else _("Inactive"), tone=quiet),
        Col(_("Locked until"), locked_text, tone=lock_tone),
    ]


def role_combo() -> QComboBox:
    combo = QComboBox()
    for role in ROLES:
        combo.addItem(role_label(role), role)
    return combo


def pin_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{max(PIN_LENGTHS)}}}"), field))
    field.setPlaceholderText(placeholder)
    field.setMaximumWidth(220)
    return field


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    return label


def same_pin(pin: str, again: str) -> str:
    check_pin(pin)
    if pin != again:
        raise InvalidInput(_("The two PINs differ. Type the same PIN twice."))
    return pin


class StaffView(BackOfficeView):
    """Back-office view. Changes need the owner: anyone else gets the owner's PIN for each change first."""

    def __init__(self, context: ViewContext, parent: QWidget | None = None, staff: StaffService | None = None) -> None:
        super().__init__(context, _("Staff"), parent)
        self.staff = staff or staff_service(context.shop)
        self.note = muted()
        self.note.setObjectName("status")
        self.outer.addWidget(self.note)
        body = QHBoxLayout()
        body.setSpacing(14)
        self.outer.addLayout(body, 1)
        left = QVBoxLayout()
        self.model: RowsModel[UserView] = RowsModel(staff_columns(self.locked_text))
        self.table = make_table(self.model, stretch=0)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        left.addWidget(self.table, 1)
        self.count = muted()
        left.addWidget(self.count)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self._person_box())
        right.addWidget(self._add_box())
        right.addStretch(1)
        body.addLayout(right, 2)
        quiet_labels(self)
        self.refresh()

    # --- layout -------------------------------------------------------------------------
    def _person_box(self) -> QGroupBox:
        box = QGroupBox(_("The person chosen"))
        column = QVBoxLayout(box)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("lastItem")
        column.addWidget(self.chosen_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        self.role = role_combo()
        self.role_button = button(_("Change role"), self.change_role)
        self.new_pin, self.new_pin_again = pin_field(_("New PIN")), pin_field(_("Again"))
        self.pin_button = button(_("Set PIN"), self.reset_pin)
        self.new_pin_again.returnPressed.connect(self.reset_pin)
        pins = QHBoxLayout()
        pins.addWidget(self.new_pin)
        pins.addWidget(self.new_pin_again)
        centred = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(field_label(_("Role")), 0, 0, centred)
        grid.addWidget(self.role, 0, 1)
        grid.addWidget(self.role_button, 0, 2)
        grid.addWidget(field_label(_("PIN")), 1, 0, centred)
        grid.addLayout(pins, 1, 1)
        grid.addWidget(self.pin_button, 1, 2)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        self.active_button = button(_("Stop signing in"), self.toggle_active)
        column.addWidget(self.active_button)
        self.person_error = error_label()
        column.addWidget(self.person_error)
        return box

    def _add_box(self) -> QGroupBox:
        self.add_box = QGroupBox(_("Add a person"))
        form = form_layout(self.add_box)
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.add_role = role_combo()
        self.pin, self.pin_again = pin_field(_("4 to 8 digits")), pin_field("")
        form.addRow(_("Name"), self.name)
        form.addRow(_("Role"), self.add_role)
        form.addRow(_("PIN"), self.pin)
        form.addRow(_("PIN again"), self.pin_again)
        self.add_error = error_label()
        form.addRow(self.add_error)
        self.add_button = button(_("Add"), self.add_person, primary=True)
        form.addRow(self.add_button)
        for field in (self.name, self.pin, self.pin_again):
            field.returnPressed.connect(self.add_person)
        return self.add_box

    # --- what is shown ------------------------------------------------------------------
    def locked_text(self, user: UserView) -> str:
        until = user.locked_until
        if until is None or until <= self.shop.clock.now():
            return ""
        return f"{self.shop.clock.local(until):%H:%M %d/%m}"

    def refresh(self) -> None:
        chosen = self.chosen()
        users = self.attempt(self.staff.users) or []
        self.model.set_rows(users)
        self.count.setText(_("{count} people").format(count=len(users)) if users else "")
        names = [user.name for user in users]
        if chosen is not None and chosen.name in names:
            self.table.selectRow(names.index(chosen.name))
        elif users:
            self.table.selectRow(0)
        self._show_person(self.chosen())
        first = not users
        # A shop with nobody yet: its first person is the owner, who then adds everyone else.
        self.add_box.setTitle(_("Set up the owner") if first else _("Add a person"))
        self.add_button.setText(_("Create the owner") if first else _("Add"))
        if first:
            select_data(self.add_role, Role.OWNER)
        self.add_role.setEnabled(not first)
        self.note.setText(self._note(first))
        self.note.setVisible(bool(self.note.text()))
        self.add_box.setEnabled(first or self._may_manage())

    def _note(self, first: bool) -> str:
        if first:
            return _("No staff yet. Set up the owner first: the owner adds everyone else.")
        if self.context.actor().may(Permission.STAFF):
            return ""
        if self._owners():
            return _("Only the owner can manage staff: each change here needs the owner's PIN.")
        return _("Only the owner can manage staff")

    def chosen(self) -> UserView | None:
        row = selected_row(self.table)
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_person(self.chosen())

    def _show_person(self, user: UserView | None) -> None:
        self.person_error.clear()
        self.new_pin.clear()
        self.new_pin_again.clear()
        if user is None:
            self.chosen_label.setText(_("Choose a person in the list."))
            for widget in (self.role, self.role_button, self.new_pin, self.new_pin_again, self.pin_button):
                widget.setEnabled(False)
            self.active_button.setEnabled(False)
            return
        may = self._may_manage()
        own = user.id == self.context.actor().user_id
        self.chosen_label.setText(f"{user.name} ({role_label(user.role)})")
        select_data(self.role, user.role)
        # Nobody changes their own role or stops their own sign-in: the shop must keep someone in charge.
        for widget in (self.role, self.role_button):
            widget.setEnabled(may and not own)
        for widget in (self.new_pin, self.new_pin_again, self.pin_button):
            widget.setEnabled(may or own)
        self.active_button.setText(_("Stop signing in") if user.active else _("Allow signing in again"))
        self.active_button.setEnabled(may and not own)

    # --- who may --------------------------------------------------------------------------
    def _owners(self) -> list[UserView]:
        actor = self.context.actor()
        return [
            user
            for user in self.model.rows()
            if user.active and allowed(user.role, Permission.STAFF) and user.id != actor.user_id
        ]

    def _may_manage(self) -> bool:
        return self.context.actor().may(Permission.STAFF) or bool(self._owners())

    def _as_owner(self, action: Callable[[Actor], T], detail: str) -> T:
        """`action(actor)` for the owner; anyone else brings the owner, who approves with their PIN.

        The staff service takes no approval, so the change is then made in the name of the owner who typed
        their PIN (the audit log has their approval, for whom, and the change).
        """
        actor = self.context.actor()
        if actor.may(Permission.STAFF):
            return action(actor)
        if not self._owners():
            raise InvalidInput(_("Only the owner can manage staff"))
        approval = Approver(self.staff, self.context.dialogs, self.context.actor).ask(Permission.STAFF, detail)
        if approval is None:
            raise InvalidInput(_("Not done: the owner did not approve it."))
        return action(approval.manager)

    def _run(self, work: Callable[[], object], errors: QLabel) -> bool:
        try:
            work()
        except PosError as error:
            errors.setText(str(error))
            return False
        errors.clear()
        return True

    # --- changes --------------------------------------------------------------------------
    def add_person(self) -> None:
        name = " ".join(self.name.text().split())
        role = Role(self.add_role.currentData())

        def add() -> None:
            pin = same_pin(self.pin.text(), self.pin_again.text())
            if not self.staff.has_users():
                self.staff.create_owner(name, pin)
                return
            detail = _("Add {name} as {role}").format(name=name, role=role_label(role))
            self._as_owner(lambda actor: self.staff.add_user(name, role, pin, actor), detail)

        done = self._run(add, self.add_error)
        self.pin.clear()
        self.pin_again.clear()
        if not done:
            return
        self.name.clear()
        self.refresh()
        self._select(name)
        self.inform(_("{name} can now sign in as {role}.").format(name=name, role=role_label(role)))

    def _select(self, name: str) -> None:
        key = name.casefold()
        for row, user in enumerate(self.model.rows()):
            if user.name.casefold() == key:
                self.table.selectRow(row)

    def change_role(self) -> None:
        user = self.chosen()
        if user is None:
            return
        role = Role(self.role.currentData())
        if role == user.role:
            self.person_error.setText(_("{name} is already {role}.").format(name=user.name, role=role_label(role)))
            return
        detail = _("{name}: {old} → {new}").format(name=user.name, old=role_label(user.role), new=role_label(role))
        if self._run(
            lambda: self._as_owner(lambda a: self.staff.set_role(user.name, role, a), detail), self.person_error
        ):
            self.refresh()
            self.inform(_("{name} is now {role}.").format(name=user.name, role=role_label(role)))

    def reset_pin(self) -> None:
        user = self.chosen()
        if user is None:
            return
        actor = self.context.actor()

        def set_pin() -> None:
            pin = same_pin(self.new_pin.text(), self.new_pin_again.text())
            if user.id == actor.user_id:  # one's own PIN needs nobody's approval
                self.staff.set_pin(user.name, pin, actor)
            else:
                detail = _("A new PIN for {name}").format(name=user.name)
                self._as_owner(lambda a: self.staff.set_pin(user.name, pin, a), detail)

        done = self._run(set_pin, self.person_error)
        self.new_pin.clear()
        self.new_pin_again.clear()
        if done:
            self.refresh()
            self.inform(_("{name} has a new PIN.").format(name=user.name))

    def toggle_active(self) -> None:
        user = self.chosen()
        if user is None:
            return
        active = not user.active
        detail = (_("Allow {name} to sign in again") if active else _("Stop {name} signing in")).format(name=user.name)
        if self._run(
            lambda: self._as_owner(lambda a: self.staff.set_active(user.name, active, a), detail), self.person_error
        ):
            self.refresh()
            note = _("{name} can sign in again.") if active else _("{name} can no longer sign in.")
            self.inform(note.format(name=user.name))
