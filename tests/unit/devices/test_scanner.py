"""The burst detector alone (no Qt): a scanner's keys make one barcode, a person's keys are given back."""

from __future__ import annotations

import pytest

from posapp.devices.scanner import MAX_BURST, BurstDetector, Step, suffix_names
from posapp.settings import ScannerTiming


def feed(detector: BurstDetector[int], text: str, start: int, gap: int) -> list[Step[int]]:
    """Type `text` with `gap` ms between keys from `start`; each key's token is its position."""
    return [detector.digit(char, start + i * gap, i) for i, char in enumerate(text)]


def released(steps: list[Step[int]]) -> list[int]:
    return [token for step in steps for token in step.released]


def test_a_fast_run_ending_in_the_suffix_is_one_barcode_and_nothing_is_given_back() -> None:
    detector: BurstDetector[int] = BurstDetector(max_gap_ms=30, min_length=6)
    steps = feed(detector, "8936041201071", start=1_000, gap=4)
    assert all(step.held for step in steps) and released(steps) == []
    end = detector.suffix(1_000 + 12 * 4 + 5)
    assert end == Step(barcode="8936041201071")
    assert not detector.pending


def test_a_gap_longer_than_the_scanner_gives_the_held_keys_back_in_order() -> None:
    detector: BurstDetector[int] = BurstDetector(max_gap_ms=30, min_length=6)
    steps = feed(detector, "1234", start=0, gap=120)  # a person typing
    assert released(steps) == [0, 1, 2]  # each key gives back the one before it
    assert detector.held_text == "4"
    end = detector.suffix(4 * 120)
    assert end.barcode is None and end.released == (3,)


def test_a_run_too_short_for_a_barcode_is_typing_even_when_fast() -> None:
    detector: BurstDetector[int] = BurstDetector(max_gap_ms=30, min_length=6)
    feed(detector, "12345", start=0, gap=1)
    end = detector.suffix(6)
    assert end.barcode is None and end.released == (0, 1, 2, 3, 4)


def test_the_suffix_after_a_pause_is_not_part_of_the_burst() -> None:
    detector: BurstDetector[int] = BurstDetector(max_gap_ms=30, min_length=6)
    feed(detector, "8936041201071", start=0, gap=2)
    end = detector.suffix(24 + 31)
    assert end.barcode is None and len(end.released) == 13


def test_the_gap_limit_itself_still_counts_as_a_burst() -> None:
    detector: BurstDetector[int] = BurstDetector(max_gap_ms=30, min_length=6)
    steps = feed(detector, "123456", start=0, gap=30)
    assert released(steps) == []
    assert detector.suffix(5 * 30 + 30).barcode == "123456"


def test_any_other_key_or_a_timeout_gives_back_what_was_held() -> None:
    detector: BurstDetector[int] = BurstDetector()
    feed(detector, "893", start=0, gap=1)
    assert detector.other().released == (0, 1, 2)
    assert not detector.pending
    feed(detector, "12", start=10, gap=1)
    assert detector.timeout().released == (0, 1)
    assert detector.timeout().released == ()


def test_a_clock_running_backwards_breaks_the_burst() -> None:
    detector: BurstDetector[int] = BurstDetector()
    detector.digit("1", 5_000, 0)
    step = detector.digit("2", 10, 1)
    assert step.released == (0,) and detector.held_text == "2"


def test_a_run_longer_than_any_barcode_is_given_back() -> None:
    detector: BurstDetector[int] = BurstDetector()
    steps = feed(detector, "7" * (MAX_BURST + 1), start=0, gap=1)
    assert released(steps) == list(range(MAX_BURST))
    assert detector.held_text == "7"


def test_back_to_back_scans_are_separate_barcodes() -> None:
    detector: BurstDetector[int] = BurstDetector()
    feed(detector, "11111111", start=0, gap=0)
    assert detector.suffix(0).barcode == "11111111"
    feed(detector, "22222222", start=0, gap=0)
    assert detector.suffix(0).barcode == "22222222"


def test_settings_give_the_timing() -> None:
    detector: BurstDetector[str] = BurstDetector.from_settings(ScannerTiming(max_gap_ms=50, min_length=8))
    assert (detector.max_gap_ms, detector.min_length) == (50, 8)


@pytest.mark.parametrize(
    ("setting", "names"),
    [("enter", ("enter",)), ("Tab", ("tab",)), ("enter,tab", ("enter", "tab")), ("bogus", ("enter",))],
)
def test_suffix_names(setting: str, names: tuple[str, ...]) -> None:
    assert tuple(suffix_names(setting)) == names
