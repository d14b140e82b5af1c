"""The day's automatic backup, made off the GUI thread once the till is open (shops on a SQLite file only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from posapp.domain.errors import PosError
from posapp.domain.staff import Actor, Role
from posapp.i18n import _
from posapp.services.backup import BackupService, sqlite_path
from posapp.shop import Shop
from posapp.ui.background import BackgroundTask

# Who the audit log names for a backup nobody asked for.
DAILY_BACKUP = Actor(user_id=None, name="daily backup", role=Role.OWNER)


def keeps_its_own_backups(shop: Shop) -> bool:
    """The app copies a SQLite file; a PostgreSQL shop is backed up with pg_dump, a database in memory not at all."""
    try:
        sqlite_path(shop.engine)
    except PosError:
        return False
    return True


def failure_reason(error: object) -> str:
    if isinstance(error, PosError):
        return error.message
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)


class DailyBackup(QObject):
    """Runs `backup_if_due` in the background: `made(path)` (None: today's was already there) or `failed(message)`.

    Selling goes on meanwhile: SQLite's online backup copies a batch of pages at a time between the till's writes.
    """

    made = Signal(object)  # Path | None
    failed = Signal(str)  # in the user's words

    def __init__(self, shop: Shop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self.task: BackgroundTask | None = None

    def start(self) -> bool:
        """Start the backup if the settings ask for one and the database is a file; False when nothing started."""
        shop = self._shop
        settings = shop.settings.backup
        if self.task is not None or not settings.daily or not keeps_its_own_backups(shop):
            return False
        service = BackupService(shop.engine, shop.sessions, shop.clock, settings)
        task = BackgroundTask(lambda: service.backup_if_due(actor=DAILY_BACKUP), self)
        task.done.connect(self._done)
        task.failed.connect(self._failed)
        self.task = task
        task.start()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        task = self.task
        return task.wait(timeout) if task is not None else True

    def _done(self, made: object) -> None:
        self._finish()
        self.made.emit(Path(str(made)) if made is not None else None)

    def _failed(self, error: object) -> None:
        self._finish()
        self.failed.emit(_("Today's backup could not be made: {reason}").format(reason=failure_reason(error)))

    def _finish(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
        self.task = None
