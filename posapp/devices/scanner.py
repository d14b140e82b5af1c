"""Barcode scanners type like a very fast keyboard: tell a scanner burst from a person typing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from posapp.settings import ScannerTiming

K = TypeVar("K")

MAX_BURST = 48
"""No retail barcode is longer; a longer run (a key held down) is a person, not a scanner."""

SUFFIXES = ("enter", "tab")


@dataclass(frozen=True)
class Step(Generic[K]):
    """What to do with a key: give back the keys held so far (in order), hold this one, or a scan is done."""

    released: tuple[K, ...] = ()
    held: bool = False
    barcode: str | None = None


@dataclass
class BurstDetector(Generic[K]):
    """Holds back digits that might be the start of a scan until the run proves to be one or not.

    Each key carries a token (for the GUI: the key event and its target) so released keys can be
    replayed exactly. Times are key-event timestamps in milliseconds; only their differences matter.
    """

    max_gap_ms: int = 30
    min_length: int = 6
    _held: list[tuple[str, K]] = field(default_factory=list)
    _last_ms: int = 0

    @classmethod
    def from_settings(cls, timing: ScannerTiming) -> BurstDetector[K]:
        return cls(max_gap_ms=timing.max_gap_ms, min_length=timing.min_length)

    @property
    def pending(self) -> bool:
        return bool(self._held)

    @property
    def held_text(self) -> str:
        return "".join(char for char, _token in self._held)

    def _in_time(self, at_ms: int) -> bool:
        gap = at_ms - self._last_ms
        # A clock running backwards (wrap-around, reordered events) breaks the burst: safer to give keys back.
        return 0 <= gap <= self.max_gap_ms

    def _release(self) -> tuple[K, ...]:
        tokens = tuple(token for _char, token in self._held)
        self._held.clear()
        return tokens

    def digit(self, char: str, at_ms: int, token: K) -> Step[K]:
        """A digit key: held, as the start or the next key of a possible burst."""
        released: tuple[K, ...] = ()
        if self._held and (not self._in_time(at_ms) or len(self._held) >= MAX_BURST):
            released = self._release()
        self._held.append((char, token))
        self._last_ms = at_ms
        return Step(released=released, held=True)

    def suffix(self, at_ms: int) -> Step[K]:
        """The scanner's end key (Enter or Tab): completes a scan, or passes on after the held keys."""
        if self._held and self._in_time(at_ms) and len(self._held) >= self.min_length:
            code = self.held_text
            self._held.clear()
            return Step(barcode=code)
        return Step(released=self._release())

    def other(self) -> Step[K]:
        """Any other key: no scanner sends it inside a burst, so what was held is a person's typing."""
        return Step(released=self._release())

    def timeout(self) -> Step[K]:
        """Nothing followed in time: the held keys were typed by a person."""
        return Step(released=self._release())


def suffix_names(setting: str) -> Sequence[str]:
    """The end keys a scanner is set to send: `enter`, `tab`, or both (`enter,tab`)."""
    names = tuple(part.strip().lower() for part in setting.replace("+", ",").split(",") if part.strip())
    return tuple(name for name in names if name in SUFFIXES) or ("enter",)
