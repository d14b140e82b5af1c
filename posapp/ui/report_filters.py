"""What a report covers: a period preset or two dates, and what to group the sales by."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from posapp.domain.periods import Period, Preset, preset_label, preset_period
from posapp.i18n import _
from posapp.services.report_dto import Grouping, grouping_label

# The groupings a manager picks from, in the order they are asked about most.
GROUPINGS = (
    Grouping.COOPERATIVE,
    Grouping.PRODUCT,
    Grouping.GROUP,
    Grouping.PROVINCE,
    Grouping.STARS,
    Grouping.PAYMENT,
    Grouping.CASHIER,
    Grouping.HOUR,
    Grouping.WEEKDAY,
    Grouping.DAY,
)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DateField(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumWidth(150)

    def day(self) -> date:
        return from_qdate(self.date())

    def set_day(self, day: date) -> None:
        self.setDate(to_qdate(day))


class ReportFilters(QWidget):
    """Preset, first and last day, grouping. `period_changed` and `grouping_changed` fire on the user's edits."""

    period_changed = Signal()
    grouping_changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox()
        for preset in Preset:
            self.preset.addItem(preset_label(preset), preset.value)
        self.first = DateField()
        self.last = DateField()
        self.grouping = QComboBox()
        for by in GROUPINGS:
            self.grouping.addItem(grouping_label(by), by.value)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Period")))
        row.addWidget(self.preset)
        row.addWidget(self.first)
        row.addWidget(QLabel("–"))
        row.addWidget(self.last)
        row.addSpacing(16)
        row.addWidget(QLabel(_("Group by")))
        row.addWidget(self.grouping)
        self.set_preset(Preset.TODAY)
        self.preset.activated.connect(self._preset_picked)
        self.first.dateChanged.connect(self._first_edited)
        self.last.dateChanged.connect(self._last_edited)
        self.grouping.activated.connect(lambda _index: self.grouping_changed.emit())

    def today(self) -> date:
        return self._today()

    def period(self) -> Period:
        chosen = Preset(self.preset.currentData())
        if chosen is Preset.CUSTOM:
            return Period(self.first.day(), self.last.day())
        # A preset follows the calendar: “today” left open overnight means the new day.
        return preset_period(chosen, self.today())

    def current_preset(self) -> Preset:
        return Preset(self.preset.currentData())

    def by(self) -> Grouping:
        return Grouping(self.grouping.currentData())

    def set_grouping(self, by: Grouping) -> None:
        self.grouping.setCurrentIndex(self.grouping.findData(by.value))

    def set_preset(self, preset: Preset) -> None:
        """Show a preset and its dates (without telling anyone: the caller refreshes)."""
        self.preset.setCurrentIndex(self.preset.findData(preset.value))
        if preset is not Preset.CUSTOM:
            self._show_dates(preset_period(preset, self.today()))

    def set_custom(self, first: date, last: date) -> None:
        self.preset.setCurrentIndex(self.preset.findData(Preset.CUSTOM.value))
        self._show_dates(Period(first, last))

    def follow_calendar(self) -> None:
        """Re-show a preset's dates (the day may have turned since they were shown)."""
        if self.current_preset() is not Preset.CUSTOM:
            self._show_dates(self.period())

    def _show_dates(self, period: Period) -> None:
        with QSignalBlocker(self.first), QSignalBlocker(self.last):
            self.first.set_day(period.first)
            self.last.set_day(period.last)

    def _preset_picked(self, _index: int) -> None:
        self.set_preset(self.current_preset())
        self.period_changed.emit()

    def _first_edited(self, _day: QDate) -> None:
        if self.first.date() > self.last.date():  # keep the range the right way round
            with QSignalBlocker(self.last):
                self.last.setDate(self.first.date())
        self._edited()

    def _last_edited(self, _day: QDate) -> None:
        if self.last.date() < self.first.date():
            with QSignalBlocker(self.first):
                self.first.setDate(self.last.date())
        self._edited()

    def _edited(self) -> None:
        with QSignalBlocker(self.preset):
            self.preset.setCurrentIndex(self.preset.findData(Preset.CUSTOM.value))
        self.period_changed.emit()
