"""An application-wide key filter: scanner bursts become one signal, whatever widget has the focus."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from posapp.devices.scanner import BurstDetector, suffix_names
from posapp.settings import ScannerTiming

_PLAIN = (
    Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
)
_SUFFIX_KEYS = {
    "enter": (Qt.Key.Key_Return, Qt.Key.Key_Enter),
    "tab": (Qt.Key.Key_Tab,),
}


@dataclass(frozen=True)
class HeldKey:
    """A key press kept back from its widget, enough to give it back unchanged."""

    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    timestamp: int


class ScannerFilter(QObject):
    """Install on the QApplication. Emits `barcode_scanned` for each burst; a person's keys go through.

    Digits are held back while they may still be a scan; when the run turns out to be typing (a gap
    longer than the scanner's, another key, or nothing more in time) they are replayed, in order, to
    the widget they were meant for.
    """

    barcode_scanned = Signal(str)

    def __init__(self, timing: ScannerTiming, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._detector: BurstDetector[HeldKey] = BurstDetector.from_settings(timing)
        self._suffixes = tuple(key for name in suffix_names(timing.suffix) for key in _SUFFIX_KEYS[name])
        self._replaying = False
        self._last: tuple[QWidget, int, int, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Real time is only the fallback for "nothing more came"; the burst itself is judged by timestamps.
        self._timer.setInterval(max(2 * timing.max_gap_ms, 60))
        self._timer.timeout.connect(self._on_timeout)

    @property
    def pending(self) -> bool:
        return self._detector.pending

    def flush(self) -> None:
        """Give back any held keys now (before the app quits, or when a test needs to settle)."""
        self._timer.stop()
        self._replay(self._detector.timeout().released)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            return self._override(event)
        if self._is_propagation(watched, event):
            return False
        self._last = (watched, event.key(), event.timestamp(), event.text())
        return self._key_press(watched, event)

    def _is_propagation(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A key a child ignored travels up to its parents; it was already judged at the child."""
        if self._last is None:
            return False
        child, key, stamp, text = self._last
        return (
            shiboken6.isValid(child)
            and watched is not child
            and watched.isAncestorOf(child)
            and (key, stamp, text) == (event.key(), event.timestamp(), event.text())
        )

    def _override(self, event: QKeyEvent) -> bool:
        # Inside a possible burst, no shortcut may take a digit or the end key before the filter sees it.
        if self._is_digit(event) or (self._detector.pending and event.key() in self._suffixes):
            event.accept()
            return True
        return False

    def _is_digit(self, event: QKeyEvent) -> bool:
        text = event.text()
        return (
            len(text) == 1
            and "0" <= text <= "9"
            and not event.isAutoRepeat()
            and not (event.modifiers() & ~_PLAIN)
        )

    def _key_press(self, target: QWidget, event: QKeyEvent) -> bool:
        stamp = event.timestamp()
        if self._is_digit(event):
            held = HeldKey(target, event.key(), event.modifiers(), event.text(), stamp)
            step = self._detector.digit(event.text(), stamp, held)
            self._replay(step.released)
            self._timer.start()
            event.accept()
            return True
        if event.key() in self._suffixes and not event.modifiers() & ~_PLAIN:
            self._timer.stop()
            step = self._detector.suffix(stamp)
            if step.barcode is not None:
                event.accept()
                self.barcode_scanned.emit(step.barcode)
                return True
            self._replay(step.released)
            return False
        if self._detector.pending:
            self._timer.stop()
            self._replay(self._detector.other().released)
        return False

    def _on_timeout(self) -> None:
        self._replay(self._detector.timeout().released)

    def _replay(self, keys: tuple[HeldKey, ...]) -> None:
        if not keys:
            return
        self._replaying = True
        try:
            for held in keys:
                if not shiboken6.isValid(held.target):
                    continue  # the widget closed meanwhile; its keys have nowhere to go
                replay = QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text)
                replay.setTimestamp(held.timestamp)
                QApplication.sendEvent(held.target, replay)
        finally:
            self._replaying = False
