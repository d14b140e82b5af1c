"""Report periods: the presets a manager picks (today, this week, last month …) as inclusive day ranges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from posapp.domain.errors import InvalidInput
from posapp.i18n import _

MAX_DAYS = 3_660  # ten years: more is a typo, and would only make a report crawl


class Preset(StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    """Shop days `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise InvalidInput(
                _("The period starts on {first} after it ends on {last}.").format(
                    first=day_text(self.first), last=day_text(self.last)
                )
            )
        if self.days > MAX_DAYS:
            raise InvalidInput(_("A report covers at most {most} days.").format(most=MAX_DAYS))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (what “change” compares with)."""
        last = self.first - timedelta(days=1)
        return Period(last - timedelta(days=self.days - 1), last)

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=offset) for offset in range(self.days)]

    def text(self) -> str:
        if self.first == self.last:
            return day_text(self.first)
        return f"{day_text(self.first)} – {day_text(self.last)}"


def day_text(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def week_start(day: date) -> date:
    """The Monday of `day`'s week (Vietnamese calendars start the week on Monday)."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def preset_period(preset: Preset, today: date) -> Period:
    """The days a preset covers, counted from the shop's `today`; a running week or month ends today."""
    if preset is Preset.TODAY:
        return Period(today, today)
    if preset is Preset.YESTERDAY:
        yesterday = today - timedelta(days=1)
        return Period(yesterday, yesterday)
    if preset is Preset.THIS_WEEK:
        return Period(week_start(today), today)
    if preset is Preset.THIS_MONTH:
        return Period(month_start(today), today)
    if preset is Preset.LAST_MONTH:
        last = month_start(today) - timedelta(days=1)
        return Period(month_start(last), last)
    raise InvalidInput(_("Pick the first and last day of a custom period."))


def preset_label(preset: Preset) -> str:
    return {
        Preset.TODAY: _("Today"),
        Preset.YESTERDAY: _("Yesterday"),
        Preset.THIS_WEEK: _("This week"),
        Preset.THIS_MONTH: _("This month"),
        Preset.LAST_MONTH: _("Last month"),
        Preset.CUSTOM: _("Custom period"),
    }[preset]
