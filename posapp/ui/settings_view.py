"""The settings screen: shop, bank, printer, till, scanner, mail and backups; saved whole or not at all."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.services.secrets import SecretStorage, has_mail_password, keyring_usable, store_mail_password
from posapp.services.settings_check import Problem, settings_problems
from posapp.settings import Settings, save_settings, settings_path
from posapp.ui.approval import DECLINED, Approver
from posapp.ui.backup_panel import BackupPanel
from posapp.ui.context import ViewContext
from posapp.ui.settings_form import SettingsForm
from posapp.ui.staffing import audit_service, shift_service, staff_service
from posapp.ui.widgets import Banner


def keyring_note() -> str:
    if keyring_usable():
        return _("The password is kept in this computer's keyring, not in the settings file.")
    return _(
        "This computer has no keyring: the password is kept in the settings file, "
        "which only this computer's user can read."
    )


def file_database_url(path: Path) -> str:
    """The database named in the settings file itself (the running one may come from --database or the env)."""
    try:
        with path.open("rb") as handle:
            value = tomllib.load(handle).get("database_url", "")
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return value if isinstance(value, str) else ""


class SettingsView(QWidget):
    """Back-office view. `saved(settings)` after a save.

    The staff rules, shop profile and bank account apply at once; the printer, scanner and language at a restart.
    """

    saved = Signal(object)  # Settings
    restored = Signal(object)  # Path of the safety copy taken before a restore: views must reload

    def __init__(self, context: ViewContext, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path = path or settings_path()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        heading = QLabel(_("Settings"))
        heading.setObjectName("heading")
        outer.addWidget(heading)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.form = SettingsForm()
        outer.addWidget(self.form, 1)
        self.backup = BackupPanel(context)
        self.backup.restored.connect(self.restored)
        self.form.backup_form.addWidget(self.backup, 1)
        self.form.choose_folder_button.clicked.connect(self._choose_folder)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("error")
        self.problems_label.setWordWrap(True)
        outer.addWidget(self.problems_label)
        row = QHBoxLayout()
        self.revert_button = QPushButton(_("Undo changes"))
        self.revert_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(_("Save settings"))
        self.save_button.setObjectName("primary")
        self.save_button.setMinimumWidth(280)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.revert_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        self.refresh()

    @property
    def settings(self) -> Settings:
        return self.context.shop.settings

    def refresh(self) -> None:
        """Show the settings the till runs with (any unsaved change is dropped)."""
        self.form.load(self.settings, has_mail_password(self.settings.mail), keyring_note())
        self.problems_label.clear()
        self.banner.dismiss()
        self.backup.refresh()

    def _choose_folder(self) -> None:
        start = Path(self.form.line("backup.folder").text() or Path.home())
        folder = self.context.dialogs.choose_folder(_("Backup folder"), start)
        if folder is not None:
            self.form.line("backup.folder").setText(str(folder))

    def show_problems(self, problems: list[Problem]) -> None:
        self.form.mark_invalid(problem.field for problem in problems)
        self.problems_label.setText("\n".join(f"• {problem.message}" for problem in problems))
        if problems:
            self.form.show_field(problems[0].field)
            self.banner.show_message(_("Nothing was saved: correct the fields marked in red."), "error")

    def save(self) -> bool:
        """Check everything, get a manager's approval if needed, log the change, then write the file."""
        before = self.settings
        after, password = self.form.read(before)
        problems = settings_problems(after)
        if after.till != before.till and shift_service(self.context.shop).current(before.till) is not None:
            message = _("Close the shift at till {till} before changing the till code.")
            problems.append(Problem("till", message.format(till=before.till)))
        if problems:
            self.show_problems(problems)
            return False
        self.show_problems([])
        audit = audit_service(self.context.shop)
        approver = Approver(staff_service(self.context.shop), self.context.dialogs, self.context.actor)
        try:
            actor = self.context.actor()
            changed = approver.run(
                lambda approval: audit.record_settings_change(actor, before, after, approval),
                _("Save the settings"),
            )
            if changed is DECLINED:
                self.banner.show_message(_("Nothing was saved: no manager approved it."), "warning")
                return False
            mail, where = store_mail_password(after.mail, password, previous=before.mail)
            after = replace(after, mail=mail)
            save_settings(replace(after, database_url=file_database_url(self.path)), self.path)
        except PosError as error:
            self.banner.show_message(str(error), "error")
            return False
        except OSError as error:
            self.banner.show_message(
                _("The settings could not be written to {path}: {reason}").format(
                    path=self.path, reason=error.strerror or error
                ),
                "error",
            )
            return False
        self.context.shop.apply_settings(after)
        self.context.settings_saved(after)
        self.form.load(after, has_mail_password(after.mail), keyring_note())
        note = _("Settings saved.")
        if password and where is SecretStorage.FILE:
            note += " " + _("The mail password is in the settings file (no keyring on this computer).")
        self.banner.show_message(note, "info")
        self.saved.emit(after)
        return True
