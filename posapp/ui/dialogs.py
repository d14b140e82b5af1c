"""Questions the till asks the cashier, behind one injectable service so tests never open a modal dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.staff import Approval
from posapp.i18n import _


@dataclass(frozen=True)
class DiscountRequest:
    """A discount as the cashier typed it; the value is read (percent or dong) by the caller."""

    whole_sale: bool
    percent: bool
    value: str


@dataclass(frozen=True)
class ParkedOption:
    parked_id: int
    label: str


@dataclass(frozen=True)
class ParkedChoice:
    parked_id: int
    discard: bool = False


@dataclass(frozen=True)
class ApprovalRequest:
    """A manager's PIN is needed: `approve(manager, pin)` checks it (PosError: say why, ask again)."""

    title: str  # "Manager approval needed: refund"
    detail: str  # what is being approved, in a cashier's words
    managers: tuple[str, ...]  # who may approve it
    approve: Callable[[str, str], Approval]


class Dialogs(Protocol):
    def confirm(self, title: str, question: str) -> bool: ...

    def ask_text(self, title: str, label: str) -> str | None: ...

    def ask_weight(self, product: str) -> str | None: ...

    def ask_discount(self, line: str | None) -> DiscountRequest | None: ...

    def choose_parked(self, options: Sequence[ParkedOption]) -> ParkedChoice | None: ...

    def ask_approval(self, request: ApprovalRequest) -> Approval | None:
        """A manager picks their name and types their PIN; None when the cashier gives up."""
        ...

    def choose_file(self, title: str, folder: Path, pattern: str) -> Path | None:
        """An existing file to open (a backup to restore), e.g. pattern "Backups (*.sqlite3)"."""
        ...

    def choose_folder(self, title: str, folder: Path) -> Path | None: ...

    def present(self, dialog: QDialog, modal: bool = False) -> None:
        """Show a working dialog (search, payment) without blocking the event loop.

        `modal`: the main window takes no input meanwhile (payment), though the event loop runs on.
        """
        ...


class DiscountDialog(QDialog):
    """Line or whole sale, percent or amount, and the value."""

    def __init__(self, line: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Discount"))
        layout = QVBoxLayout(self)
        self.line_choice = QRadioButton(_("This line: {name}").format(name=line) if line else _("This line"))
        self.sale_choice = QRadioButton(_("The whole sale"))
        self.percent_choice = QRadioButton(_("Percent (%)"))
        self.amount_choice = QRadioButton(_("Amount (₫)"))
        scope, kind = QButtonGroup(self), QButtonGroup(self)
        for button in (self.line_choice, self.sale_choice):
            scope.addButton(button)
            layout.addWidget(button)
        self.line_choice.setEnabled(line is not None)
        (self.line_choice if line is not None else self.sale_choice).setChecked(True)
        kinds = QHBoxLayout()
        for button in (self.percent_choice, self.amount_choice):
            kind.addButton(button)
            kinds.addWidget(button)
        self.percent_choice.setChecked(True)
        layout.addLayout(kinds)
        self.value = QLineEdit()
        self.value.setPlaceholderText(_("For example 10 (percent) or 20.000 (dong)"))
        layout.addWidget(self.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.value.setFocus()

    def request(self) -> DiscountRequest:
        return DiscountRequest(
            whole_sale=self.sale_choice.isChecked(),
            percent=self.percent_choice.isChecked(),
            value=self.value.text(),
        )


class ParkedDialog(QDialog):
    """The parked sales: Enter resumes the selected one, Discard throws it away."""

    def __init__(self, options: Sequence[ParkedOption], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Parked sales"))
        self.resize(640, 420)
        self.discard_requested = False
        layout = QVBoxLayout(self)
        heading = QLabel(_("Choose a parked sale to resume."))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.list = QListWidget()
        for option in options:
            entry = QListWidgetItem(option.label)
            entry.setData(Qt.ItemDataRole.UserRole, option.parked_id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        resume = QPushButton(_("Resume"))
        resume.setObjectName("primary")
        resume.setDefault(True)
        self.discard_button = QPushButton(_("Discard"))
        cancel = QPushButton(_("Cancel"))
        resume.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self._discard)
        cancel.clicked.connect(self.reject)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(resume)
        layout.addLayout(row)

    def _discard(self) -> None:
        self.discard_requested = True
        self.accept()

    def choice(self) -> ParkedChoice | None:
        current = self.list.currentItem()
        if current is None:
            return None
        return ParkedChoice(int(current.data(Qt.ItemDataRole.UserRole)), discard=self.discard_requested)


class QtDialogs:
    """The real thing: modal questions on top of `parent`."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self._parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self._parent, title, label)
        return text if ok else None

    def ask_weight(self, product: str) -> str | None:
        label = _("Weight of “{name}” in kg (for example 0,35):").format(name=product)
        text, ok = QInputDialog.getText(self._parent, _("Weight"), label)
        return text if ok else None

    def ask_discount(self, line: str | None) -> DiscountRequest | None:
        dialog = DiscountDialog(line, self._parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_parked(self, options: Sequence[ParkedOption]) -> ParkedChoice | None:
        dialog = ParkedDialog(options, self._parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_approval(self, request: ApprovalRequest) -> Approval | None:
        from posapp.ui.approval import ApprovalDialog  # approval.py builds on this module

        dialog = ApprovalDialog(request, self._parent)
        return dialog.approval if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_file(self, title: str, folder: Path, pattern: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self._parent, title, str(folder), pattern)
        return Path(name) if name else None

    def choose_folder(self, title: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(self._parent, title, str(folder))
        return Path(name) if name else None

    def present(self, dialog: QDialog, modal: bool = False) -> None:
        if modal:
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # offscreen cannot stack windows, and says so
            dialog.raise_()
            dialog.activateWindow()
