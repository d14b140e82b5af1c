"""Reports off the GUI thread where the newest request wins: an older answer arriving late is dropped."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.ui.background import BackgroundTask


def failure_text(error: BaseException) -> str:
    """What the manager reads when a report fails: a known problem in its own words, else a plain apology."""
    if isinstance(error, PosError):
        return error.message
    return _("The report could not be made ({problem}). Try again; if it keeps failing, call support.").format(
        problem=type(error).__name__
    )


@dataclass(frozen=True)
class _Answer:
    generation: int
    tag: object
    result: Any
    error: BaseException | None


class LatestRunner(QObject):
    """Runs one report at a time as far as the view is concerned: each `run` supersedes the one before.

    Threads already started cannot be stopped, so they finish, but only the latest request's result
    (or error) reaches `done`/`failed`; `busy` is true from a request until its answer.
    """

    busy = Signal(bool)
    done = Signal(object, object)  # (tag given to run, result)
    failed = Signal(object, str)  # (tag, message in the user's words)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running: dict[int, BackgroundTask] = {}
        self.dropped = 0  # answers that came too late to matter (the tests watch this)

    @property
    def is_busy(self) -> bool:
        return self._generation in self._running

    def run(self, work: Callable[[], Any], tag: object = None) -> int:
        """Start `work` in a worker thread; returns the request's number."""
        self._generation += 1
        generation = self._generation

        def attempt() -> _Answer:
            try:
                return _Answer(generation, tag, work(), None)
            except Exception as error:  # the GUI thread decides what the user sees
                if not isinstance(error, PosError):
                    traceback.print_exc()  # a bug: keep its traceback for the log
                return _Answer(generation, tag, None, error)

        # No Qt parent: if the view goes away first, the task still finishes quietly in its thread.
        # A bound method (not a lambda) as the slot, so the answer is queued to this object's thread.
        task = BackgroundTask(attempt)
        task.done.connect(self._finished)
        self._running[generation] = task
        self.busy.emit(True)
        task.start()
        return generation

    def wait(self, timeout: float | None = None) -> bool:
        """Join every thread still running (for closing down and for tests); true when all have ended."""
        return all(task.wait(timeout) for task in list(self._running.values()))

    def _finished(self, answer: _Answer) -> None:
        self._running.pop(answer.generation, None)
        if answer.generation != self._generation:
            self.dropped += 1
            return
        self.busy.emit(False)
        if answer.error is not None:
            self.failed.emit(answer.tag, failure_text(answer.error))
        else:
            self.done.emit(answer.tag, answer.result)
