"""Counting the drawer at the end of a shift: a row per note, its line total, and the variance shown big."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from posapp.domain.cash import DENOMINATIONS, MAX_NOTES, counted_total
from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.ui.style import ACCENT_DARK, DANGER, DANGER_SOFT, SUCCESS_SOFT, WARNING, WARNING_SOFT

COUNTING_ORDER = tuple(sorted(DENOMINATIONS, reverse=True))  # largest first, as a cashier counts a drawer

SHEET_STYLE = f"""
QLabel#note {{ font-size: 14pt; font-weight: bold; }}
QLabel#lineTotal {{ font-size: 14pt; }}
QSpinBox {{ font-size: 16pt; min-height: 40px; padding: 2px 8px; }}
QLabel#sheetCaption {{ font-size: 13pt; font-weight: bold; }}
QLabel#sheetFigure {{ font-size: 18pt; font-weight: bold; }}
QFrame#variance {{ border-radius: 12px; }}
QFrame#variance[tone="even"] {{ background: {SUCCESS_SOFT}; border: 2px solid {ACCENT_DARK}; }}
QFrame#variance[tone="short"] {{ background: {DANGER_SOFT}; border: 2px solid {DANGER}; }}
QFrame#variance[tone="over"] {{ background: {WARNING_SOFT}; border: 2px solid {WARNING}; }}
QLabel#varianceAmount {{ font-size: 30pt; font-weight: bold; }}
QFrame#variance[tone="even"] QLabel#varianceAmount {{ color: {ACCENT_DARK}; }}
QFrame#variance[tone="short"] QLabel#varianceAmount {{ color: {DANGER}; }}
QFrame#variance[tone="over"] QLabel#varianceAmount {{ color: {WARNING}; }}
"""


def signed_vnd(amount: int) -> str:
    """A variance with its sign: "+20.000 ₫", "−5.000 ₫", "0 ₫"."""
    if amount > 0:
        return "+" + format_vnd(amount)
    if amount < 0:
        return "−" + format_vnd(-amount)
    return format_vnd(0)


def variance_tone(variance: int) -> str:
    return "even" if variance == 0 else ("short" if variance < 0 else "over")


class CountSheet(QWidget):
    """Spin boxes for the number of each note; the counted total, the expected cash and the difference."""

    changed = Signal()

    def __init__(
        self, expected: int, denominations: Sequence[int] = COUNTING_ORDER, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(SHEET_STYLE)
        self.expected = expected
        self.spins: dict[int, QSpinBox] = {}
        self.line_totals: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        # Two columns of notes (the big ones left): the whole count, its total and the variance fit on a
        # 768-pixel screen without scrolling.
        per_column = (len(denominations) + 1) // 2
        for position, note in enumerate(denominations):
            row, column = position % per_column, (position // per_column) * 5
            name = QLabel(format_vnd(note))
            name.setObjectName("note")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            times = QLabel("×")
            spin = QSpinBox()
            spin.setRange(0, MAX_NOTES)
            spin.setFixedWidth(118)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setAccessibleName(_("Number of {note} notes").format(note=format_vnd(note)))
            spin.valueChanged.connect(self._recount)
            total = QLabel()
            total.setObjectName("lineTotal")
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            total.setMinimumWidth(130)
            grid.addWidget(name, row, column)
            grid.addWidget(times, row, column + 1)
            grid.addWidget(spin, row, column + 2)
            grid.addWidget(total, row, column + 3)
            self.spins[note] = spin
            self.line_totals[note] = total
        grid.setColumnMinimumWidth(4, 28)
        grid.setColumnStretch(10, 1)
        layout.addLayout(grid)
        layout.addSpacing(8)
        summary = QGridLayout()
        self.counted_label, self.expected_label = QLabel(), QLabel()
        for column, (caption, value) in enumerate(
            ((_("Counted"), self.counted_label), (_("Expected in the drawer"), self.expected_label))
        ):
            head = QLabel(caption)
            head.setObjectName("sheetCaption")
            value.setObjectName("sheetFigure")
            summary.addWidget(head, 0, column)
            summary.addWidget(value, 1, column)
        layout.addLayout(summary)
        self.variance_frame = QFrame()
        self.variance_frame.setObjectName("variance")
        box = QVBoxLayout(self.variance_frame)
        box.setContentsMargins(16, 8, 16, 8)
        self.variance_caption = QLabel()
        self.variance_caption.setObjectName("sheetCaption")
        self.variance_label = QLabel()
        self.variance_label.setObjectName("varianceAmount")
        box.addWidget(self.variance_caption)
        box.addWidget(self.variance_label)
        layout.addWidget(self.variance_frame)
        self._recount()

    def counts(self) -> dict[int, int]:
        """The notes counted, only those with a count."""
        return {note: spin.value() for note, spin in self.spins.items() if spin.value()}

    def counted(self) -> int:
        return counted_total(self.counts())

    def variance(self) -> int:
        """Counted minus expected: below zero the drawer is short."""
        return self.counted() - self.expected

    def set_count(self, note: int, count: int) -> None:
        self.spins[note].setValue(count)

    def _recount(self) -> None:
        for note, spin in self.spins.items():
            self.line_totals[note].setText(format_vnd(note * spin.value()))
        self.counted_label.setText(format_vnd(self.counted()))
        self.expected_label.setText(format_vnd(self.expected))
        variance = self.variance()
        tone = variance_tone(variance)
        self.variance_caption.setText({"even": _("The drawer is right"), "short": _("Short"), "over": _("Over")}[tone])
        self.variance_label.setText(signed_vnd(variance))
        if self.variance_frame.property("tone") != tone:
            self.variance_frame.setProperty("tone", tone)
            for widget in (self.variance_frame, self.variance_label):  # the label's colour follows the frame's tone
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.changed.emit()
