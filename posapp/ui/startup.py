"""Starting the till: fill an empty shop with the demo (with a progress window), then open the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.shop import Shop
from posapp.ui.background import BackgroundTask

LoadDemo = Callable[[Shop], object]


def catalogue_is_empty(shop: Shop) -> bool:
    return not shop.catalog.search("", limit=1, include_inactive=True)


class PreparingWindow(QWidget):
    """A small window that keeps moving while the demo shop is written (never a frozen window)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(_("Preparing the demo shop"))
        self.setObjectName("sellView")
        self.resize(520, 180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        heading = QLabel(_("Preparing the demo shop…"))
        heading.setObjectName("heading")
        self.detail = QLabel(
            _("The catalogue is empty, so a demo OCOP shop with three months of sales is being set up.")
        )
        self.detail.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the demo load does not report steps
        self.progress.setTextVisible(False)
        layout.addWidget(heading)
        layout.addWidget(self.detail)
        layout.addWidget(self.progress)

    def show_error(self, message: str) -> None:
        self.progress.hide()
        self.detail.setText(message)
        self.detail.setObjectName("error")
        self.detail.style().polish(self.detail)


class Launcher(QObject):
    """Emits `ready` once the shop has a catalogue (loading the demo first when it has none)."""

    ready = Signal()
    failed = Signal(str)

    def __init__(self, shop: Shop, load_demo: LoadDemo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._load_demo = load_demo
        self.preparing: PreparingWindow | None = None
        self._task: BackgroundTask | None = None

    def start(self) -> None:
        if not catalogue_is_empty(self._shop):
            self.ready.emit()
            return
        self.preparing = PreparingWindow()
        self.preparing.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.preparing.show()
        self._task = BackgroundTask(lambda: self._load_demo(self._shop), self)
        self._task.done.connect(self._loaded)
        self._task.failed.connect(self._load_failed)
        self._task.start()

    def _loaded(self, _summary: object) -> None:
        self.ready.emit()  # the main window first: closing the last window would end the app
        if self.preparing is not None:
            self.preparing.close()
            self.preparing.deleteLater()
            self.preparing = None

    def _load_failed(self, error: object) -> None:
        message = (
            str(error)
            if isinstance(error, PosError)
            else _("The demo shop could not be prepared: {reason}").format(reason=error)
        )
        if self.preparing is not None:
            self.preparing.show_error(message)
        self.failed.emit(message)
