"""The Qt binding in use keeps Python's reference counts right (a flawed PySide6 would abort the till)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_void_calls_and_emits_keep_none_and_true_alive(qapp: object) -> None:
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5_000):
        probe.setObjectName("probe")
        probe.ping.emit()
    after = sys.getrefcount(None), sys.getrefcount(True)
    if sys.version_info >= (3, 12):
        return  # immortal objects: counts are not kept, nothing can be lost
    # A few references come and go with the interpreter's own work; thousands lost means a flawed binding.
    assert before[0] - after[0] < 100
    assert before[1] - after[1] < 100
