"""Signing in on a touch screen: people as big buttons, a PIN pad (its keys, or the keyboard's digits and Enter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from posapp.domain.staff import PIN_LENGTHS
from posapp.i18n import _
from posapp.ui.style import ACCENT, ACCENT_DARK, ACCENT_SOFT, DANGER, LINE, MUTED, SURFACE

MAX_PIN = max(PIN_LENGTHS)
DOT = "●"

PAD_STYLE = f"""
QLabel#pinDots {{
    background: {SURFACE}; border: 2px solid {LINE}; border-radius: 10px;
    font-size: 26pt; letter-spacing: 6px; color: {ACCENT_DARK}; padding: 6px; min-height: 56px;
}}
QLabel#pinDots[empty="true"] {{ color: {MUTED}; font-size: 14pt; letter-spacing: 0px; }}
QPushButton#pinKey {{ font-size: 24pt; font-weight: bold; min-height: 68px; min-width: 88px; }}
QPushButton#pinClear {{ font-size: 14pt; min-height: 68px; min-width: 88px; }}
QPushButton#pinOk {{
    background: {ACCENT}; color: white; border: none; font-size: 18pt; font-weight: bold;
    min-height: 68px; min-width: 88px;
}}
QPushButton#pinOk:disabled {{ background: #9fc9c4; color: #eef6f5; }}
QLabel#pinMessage {{ color: {DANGER}; font-size: 13pt; font-weight: bold; }}
"""

PICKER_STYLE = f"""
QPushButton#person {{ font-size: 15pt; font-weight: bold; min-height: 72px; text-align: center; }}
QPushButton#person:checked {{ background: {ACCENT_SOFT}; border: 3px solid {ACCENT}; }}
"""


class PinPad(QWidget):
    """Collects a PIN shown as dots; `submitted(pin)` on OK or Enter. Messages show under the dots, never modal."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAD_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pin = ""
        self._placeholder = _("Enter PIN")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.dots)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for position, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), position // 3, position % 3)
        self.clear_button = self._button(_("Clear"), "pinClear")
        self.clear_button.clicked.connect(self.clear)
        self.ok_button = self._button(_("OK"), "pinOk")
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        layout.addLayout(grid, 1)
        self._show()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the pad keeps the keyboard for typed digits
        button.setAutoDefault(False)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def _key(self, digit: str) -> QPushButton:
        button = self._button(digit, "pinKey")
        button.clicked.connect(lambda _checked=False, digit=digit: self.press(digit))
        self.keys[digit] = button
        return button

    @property
    def pin(self) -> str:
        return self._pin

    def press(self, digit: str) -> None:
        if len(self._pin) < MAX_PIN:
            self._pin += digit
        self.message.clear()
        self._show()

    def back(self) -> None:
        self._pin = self._pin[:-1]
        self._show()

    def clear(self) -> None:
        self._pin = ""
        self._show()

    def submit(self) -> None:
        if not self._pin:
            self.show_message(_("Type the PIN first."))
            return
        pin = self._pin
        self.clear()  # a PIN never lingers on screen, right or wrong
        self.submitted.emit(pin)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._show()

    def _show(self) -> None:
        empty = not self._pin
        self.dots.setText(self._placeholder if empty else DOT * len(self._pin))
        if self.dots.property("empty") != empty:
            self.dots.setProperty("empty", empty)
            self.dots.style().unpolish(self.dots)
            self.dots.style().polish(self.dots)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text.isdigit() and len(text) == 1 and text.isascii():
            self.press(text)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Backspace:
            self.back()
        elif key == Qt.Key.Key_Delete:
            self.clear()
        else:
            super().keyPressEvent(event)


class PeoplePicker(QWidget):
    """Big name buttons, one per person, in a grid; `chosen(name)` when one is pressed."""

    chosen = Signal(str)

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PICKER_STYLE)
        self._columns = columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        self._current = ""

    @property
    def current(self) -> str:
        return self._current

    def set_people(self, names: Sequence[tuple[str, str]]) -> None:
        """(name, caption under it) for each person, e.g. ("Lan", "Cashier")."""
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        for position, (name, caption) in enumerate(names):
            button = QPushButton(f"{name}\n{caption}" if caption else name)
            button.setObjectName("person")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, name=name: self.choose(name))
            self._grid.addWidget(button, position // self._columns, position % self._columns)
            self.buttons[name] = button
        self._current = ""
        if len(self.buttons) == 1:
            self.choose(next(iter(self.buttons)))

    def choose(self, name: str) -> None:
        if name not in self.buttons:
            return
        self._current = name
        for other, button in self.buttons.items():
            button.setChecked(other == name)
        self.chosen.emit(name)
