"""Back up now, or restore a backup: the copy runs off the GUI thread with a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import PosError
from posapp.domain.staff import Actor, Permission
from posapp.i18n import _
from posapp.services.backup import BackupService
from posapp.ui.approval import Approver
from posapp.ui.background import BackgroundTask
from posapp.ui.context import ViewContext
from posapp.ui.staffing import staff_service

BACKUP_PATTERN = "*.sqlite3 *.db *.sqlite"


class Progress(QObject):
    """Carries progress(done, total) from the worker thread to the progress bar on the GUI thread."""

    moved = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.moved.emit(done, total)  # emitted from the worker: Qt queues it to the GUI thread


def size_text(size: int) -> str:
    return _("{size} MB").format(size=f"{size / 1_000_000:.1f}".replace(".", ","))


class BackupPanel(QWidget):
    """`restored(safety_copy)` after a restore: the data under every screen has changed."""

    restored = Signal(object)
    settled = Signal()  # a backup or restore has finished, well or not

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 0, 20, 16)
        layout.setSpacing(8)
        caption = QLabel(_("Backups"))
        caption.setObjectName("totalCaption")
        layout.addWidget(caption)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setObjectName("primary")
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton(_("Restore the selected backup…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_("Restore from another file…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        row.addWidget(self.restore_file_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self._buttons = (self.backup_button, self.restore_button, self.restore_file_button)

    def service(self) -> BackupService:
        """Built with the settings as saved now: the folder and how many to keep may just have changed."""
        shop = self.context.shop
        return BackupService(shop.engine, shop.sessions, shop.clock, shop.settings.backup)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def refresh(self) -> None:
        self.list.clear()
        try:
            backups = self.service().backups()
        except (PosError, OSError) as error:
            self.status.setText(str(error))
            backups = []
        clock = self.context.shop.clock
        for path in backups:
            try:
                stat = path.stat()
            except OSError:
                continue
            when = clock.local(datetime.fromtimestamp(stat.st_mtime, UTC))
            item = QListWidgetItem(f"{when:%d/%m/%Y %H:%M}   ·   {path.name}   ·   {size_text(stat.st_size)}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(self.list.count()) and not self.busy)

    # --- work ---------------------------------------------------------------------------
    def _actor(self) -> Actor | None:
        try:
            return self.context.actor()
        except PosError as error:  # nobody signed in
            self.status.setText(str(error))
            return None

    def back_up(self) -> None:
        service, actor = self.service(), self._actor()
        if actor is None:
            return
        self._run(
            lambda progress: service.backup(actor=actor, progress=progress),
            _("Backing up…"),
            lambda path: _("Backup saved: {path}").format(path=path),
        )

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        return Path(str(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore(chosen)

    def restore_from_file(self) -> None:
        start = self.selected()
        folder = start.parent if start is not None else Path.home()
        chosen = self.context.dialogs.choose_file(
            _("Restore a backup"), folder, _("Backups ({pattern})").format(pattern=BACKUP_PATTERN)
        )
        if chosen is not None:
            self.restore(chosen)

    def restore(self, file: Path) -> None:
        if not self.context.dialogs.confirm(
            _("Restore a backup"),
            _(
                "Replace all of the shop's data with the backup {name}? Sales since that backup are lost; "
                "the data as it is now is saved first as a safety copy."
            ).format(name=file.name),
        ):
            return
        approver = Approver(staff_service(self.context.shop), self.context.dialogs, self.context.actor)
        try:  # putting old data back is a settings-level decision: a manager's, and logged
            allowed = approver.authorize(
                Permission.SETTINGS, {"restore": str(file)}, _("Restore the backup {name}").format(name=file.name)
            )
        except PosError as error:
            self.status.setText(str(error))
            return
        if not allowed:
            self.status.setText(_("Not restored: no manager approved it."))
            return
        service, actor = self.service(), self._actor()
        if actor is None:
            return
        self._run(
            lambda _progress: service.restore(file, actor),  # a file copy: the bar just shows it is busy
            _("Restoring…"),
            lambda safety: _("Restored from {name}. The data from before is kept in {copy}.").format(
                name=file.name, copy=safety
            ),
            self.restored.emit,
        )

    def _run(
        self,
        work: Callable[[Callable[[int, int], None]], Path],
        doing: str,
        done_text: Callable[[Path], str],
        then: Callable[[Path], None] | None = None,
    ) -> None:
        if self.busy:
            return
        relay = Progress(self)
        relay.moved.connect(self._moved)
        task = BackgroundTask(lambda: work(relay.report), self)
        self.task = task
        for button in self._buttons:
            button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first page is counted
        self.progress.show()
        self.status.setText(doing)

        def finished(result: object) -> None:
            self._finish()
            path = Path(str(result))
            self.status.setText(done_text(path))
            self.refresh()
            if then is not None:
                then(path)
            self.settled.emit()

        def failed(error: object) -> None:
            self._finish()
            if isinstance(error, PosError):
                self.status.setText(str(error))
            else:
                self.status.setText(_("It did not work: {reason}").format(reason=error))
            self.settled.emit()

        task.done.connect(finished)
        task.failed.connect(failed)
        task.start()

    def _moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        for button in self._buttons:
            button.setEnabled(True)
        self.restore_button.setEnabled(bool(self.list.count()))
