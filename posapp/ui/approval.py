"""A manager's approval: the dialog (pick the manager, type the PIN) and the retry of the refused action."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.errors import PermissionRequired, PosError
from posapp.domain.staff import Actor, Approval, Permission, allowed, permission_label, role_label
from posapp.i18n import _
from posapp.ui.dialogs import ApprovalRequest, Dialogs
from posapp.ui.pin_pad import PeoplePicker, PinPad

if TYPE_CHECKING:
    from posapp.services.staff import StaffService

T = TypeVar("T")


class Declined(Enum):
    """No manager approved (the cashier cancelled): the action did not happen."""

    DECLINED = "declined"


DECLINED = Declined.DECLINED


def approval_title(permission: Permission) -> str:
    return _("Manager approval needed: {action}").format(action=permission_label(permission))


class ApprovalDialog(QDialog):
    """Who approves (big name buttons) and their PIN; a wrong PIN or a lock is said under the pad."""

    def __init__(self, request: ApprovalRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Manager approval"))
        self.resize(860, 560)
        self.request = request
        self.approval: Approval | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        heading = QLabel(request.title)
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if request.detail:
            detail = QLabel(request.detail)
            detail.setObjectName("figure")
            detail.setWordWrap(True)
            layout.addWidget(detail)
        middle = QHBoxLayout()
        middle.setSpacing(20)
        left = QVBoxLayout()
        self.prompt = QLabel()
        self.prompt.setObjectName("totalCaption")
        self.prompt.setWordWrap(True)
        left.addWidget(self.prompt)
        self.picker = PeoplePicker(columns=1)
        self.picker.set_people([(name, "") for name in request.managers])
        self.picker.chosen.connect(self._chosen)
        left.addWidget(self.picker)
        left.addStretch(1)
        middle.addLayout(left, 1)
        self.pad = PinPad()
        self.pad.submitted.connect(self._submitted)
        middle.addWidget(self.pad, 1)
        layout.addLayout(middle, 1)
        bottom = QHBoxLayout()
        cancel = QPushButton(_("Cancel · Esc"))
        cancel.setAutoDefault(False)
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.reject)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        layout.addLayout(bottom)
        if not request.managers:
            self.prompt.setText(_("No manager can approve this. The owner can add one under Staff."))
            self.pad.setEnabled(False)
        else:
            self._chosen(self.picker.current)
        self.pad.setFocus()

    def _chosen(self, name: str) -> None:
        self.prompt.setText(
            _("{name}, type your PIN.").format(name=name) if name else _("Manager: touch your name.")
        )
        self.pad.show_message("")
        self.pad.setFocus()

    def _submitted(self, pin: str) -> None:
        manager = self.picker.current
        if not manager:
            self.pad.show_message(_("Touch the manager's name first."))
            return
        try:
            self.approval = self.request.approve(manager, pin)
        except PosError as error:
            self.pad.show_message(str(error))
            return
        self.accept()


class Approver:
    """Runs a protected action; when the service asks for a manager, asks one and runs it again approved."""

    def __init__(self, staff: StaffService, dialogs: Dialogs, actor: Callable[[], Actor]) -> None:
        self._staff = staff
        self._dialogs = dialogs
        self._actor = actor

    def ask(self, permission: Permission, detail: str = "") -> Approval | None:
        """A manager's approval for the person signed in, or None when nobody gave it."""
        actor = self._actor()
        managers = tuple(
            user.name
            for user in self._staff.users(include_inactive=False)
            if allowed(user.role, permission) and user.id != actor.user_id
        )
        request = ApprovalRequest(
            title=approval_title(permission),
            detail=detail,
            managers=managers,
            approve=lambda name, pin: self._staff.approve(name, pin, permission, actor, detail),
        )
        return self._dialogs.ask_approval(request)

    def run(self, action: Callable[[Approval | None], T], detail: str = "") -> T | Declined:
        """`action(None)`; if it needs a manager, `action(approval)` once one approves. Other PosErrors go up."""
        try:
            return action(None)
        except PermissionRequired as refused:
            approval = self.ask(Permission(refused.permission), detail)
            if approval is None:
                return DECLINED
            return action(approval)

    def authorize(self, permission: Permission, detail: dict[str, Any], text: str) -> bool:
        """A till action with no service of its own (remove a line, a big discount): True when it may go ahead.

        Allowed alone, or approved by a manager; either way the audit log has it.
        """
        actor = self._actor()
        result = self.run(lambda approval: self._staff.authorize_action(actor, permission, approval, detail), text)
        return result is not DECLINED


def who_label(actor: Actor) -> str:
    """"Lan (Cashier)" for the header and the sign-in screen."""
    return f"{actor.name} ({role_label(actor.role)})"
