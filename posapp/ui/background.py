"""Run slow work (loading the demo shop, imports) off the GUI thread; results come back on the GUI thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from posapp.domain.errors import PosError


class BackgroundTask(QObject):
    """One call in a worker thread. `done(result)` or `failed(error)` is delivered on the GUI thread.

    The work must not touch widgets; it may use services (each opens its own session).
    """

    done = Signal(object)
    failed = Signal(object)  # the exception; an unexpected one's traceback has been printed for the log

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread = threading.Thread(target=self._run, name="posapp-background", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the GUI thread, which decides what the user sees
            if not isinstance(error, PosError):  # a shop's own mistake is said on screen, not logged as a bug
                traceback.print_exc()
            self.failed.emit(error)
            return
        self.done.emit(result)
