"""The app-wide scanner filter, fed key events with real timestamps like a keyboard driver sends them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from posapp.settings import ScannerTiming
from posapp.ui.scanner_filter import ScannerFilter


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.field = QLineEdit()
        self.other = QLineEdit()
        layout.addWidget(self.field)
        layout.addWidget(self.other)
        self.entered: list[str] = []
        self.field.returnPressed.connect(lambda: self.entered.append(self.field.text()))


@pytest.fixture
def scanner(qapp: QApplication) -> Iterator[ScannerFilter]:
    listening = ScannerFilter(ScannerTiming(max_gap_ms=30, min_length=6, suffix="enter"))
    qapp.installEventFilter(listening)
    yield listening
    qapp.removeEventFilter(listening)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    shown = Form()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    shown.field.setFocus()
    qtbot.waitUntil(shown.field.hasFocus)
    return shown


def send(widget: QWidget, key: int, text: str, at_ms: int) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(at_ms)
    QApplication.sendEvent(widget, event)


def type_digits(widget: QWidget, digits: str, start: int, gap: int) -> int:
    for i, char in enumerate(digits):
        send(widget, Qt.Key.Key_0 + int(char), char, start + i * gap)
    return start + (len(digits) - 1) * gap


def test_a_burst_becomes_one_signal_and_the_focused_field_stays_as_it_was(
    qtbot: QtBot, scanner: ScannerFilter, form: Form
) -> None:
    form.field.setText("abc")
    with qtbot.waitSignal(scanner.barcode_scanned) as signal:
        last = type_digits(form.field, "8936041201071", start=10_000, gap=3)
        send(form.field, Qt.Key.Key_Return, "\r", last + 3)
    assert signal.args == ["8936041201071"]
    assert form.field.text() == "abc" and form.entered == []


def test_keys_with_long_gaps_reach_the_field_in_order_without_waiting(
    scanner: ScannerFilter, form: Form
) -> None:
    scanned: list[str] = []
    scanner.barcode_scanned.connect(scanned.append)
    last = type_digits(form.field, "4711", start=0, gap=150)
    assert form.field.text() == "471"  # the last key is still held: it might start a scan
    send(form.field, Qt.Key.Key_Return, "\r", last + 150)
    assert form.field.text() == "4711" and form.entered == ["4711"]
    assert scanned == []


def test_the_held_key_of_a_person_appears_when_nothing_follows(
    qtbot: QtBot, scanner: ScannerFilter, form: Form
) -> None:
    type_digits(form.field, "7", start=0, gap=0)
    assert form.field.text() == ""
    qtbot.waitUntil(lambda: form.field.text() == "7", timeout=1_000)
    assert not scanner.pending


def test_a_short_fast_run_with_enter_is_typing_and_enter_reaches_the_field(
    scanner: ScannerFilter, form: Form
) -> None:
    last = type_digits(form.field, "12345", start=0, gap=1)
    send(form.field, Qt.Key.Key_Return, "\r", last + 1)
    assert form.entered == ["12345"]


def test_letters_between_digits_release_them_first(scanner: ScannerFilter, form: Form) -> None:
    type_digits(form.field, "12", start=0, gap=1)
    send(form.field, Qt.Key.Key_A, "a", 3)
    assert form.field.text() == "12a"


def test_held_keys_go_back_to_the_widget_they_were_typed_into(scanner: ScannerFilter, form: Form) -> None:
    type_digits(form.field, "12", start=0, gap=200)
    form.other.setFocus()
    send(form.other, Qt.Key.Key_X, "x", 600)
    assert (form.field.text(), form.other.text()) == ("12", "x")


def test_no_shortcut_takes_the_enter_that_ends_a_scan(
    qtbot: QtBot, scanner: ScannerFilter, form: Form
) -> None:
    fired: list[bool] = []
    action = QAction(form)
    action.setShortcut(QKeySequence(Qt.Key.Key_Return))
    action.triggered.connect(lambda: fired.append(True))
    form.addAction(action)
    with qtbot.waitSignal(scanner.barcode_scanned):
        qtbot.keyClicks(form.field, "8936041201071")
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert fired == []


def test_flush_gives_back_whatever_is_held(scanner: ScannerFilter, form: Form) -> None:
    type_digits(form.field, "99", start=0, gap=1)
    scanner.flush()
    assert form.field.text() == "99" and not scanner.pending


def test_a_tab_suffix_scanner(qtbot: QtBot, qapp: QApplication, form: Form) -> None:
    listening = ScannerFilter(ScannerTiming(max_gap_ms=30, min_length=8, suffix="tab"))
    qapp.installEventFilter(listening)
    try:
        with qtbot.waitSignal(listening.barcode_scanned) as signal:
            last = type_digits(form.field, "12345670", start=0, gap=2)
            send(form.field, Qt.Key.Key_Tab, "\t", last + 2)
        assert signal.args == ["12345670"]
        assert form.field.hasFocus()  # the Tab was the scanner's, not a move to the next field
    finally:
        qapp.removeEventFilter(listening)
