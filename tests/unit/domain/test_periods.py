"""Report periods: presets counted in shop days, weeks from Monday, months across the year's end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.errors import InvalidInput
from posapp.domain.periods import Period, Preset, preset_label, preset_period, week_start

THURSDAY = date(2025, 11, 20)


@pytest.mark.parametrize(
    ("preset", "first", "last"),
    [
        (Preset.TODAY, THURSDAY, THURSDAY),
        (Preset.YESTERDAY, date(2025, 11, 19), date(2025, 11, 19)),
        (Preset.THIS_WEEK, date(2025, 11, 17), THURSDAY),
        (Preset.THIS_MONTH, date(2025, 11, 1), THURSDAY),
        (Preset.LAST_MONTH, date(2025, 10, 1), date(2025, 10, 31)),
    ],
)
def test_presets_on_an_ordinary_thursday(preset: Preset, first: date, last: date) -> None:
    assert preset_period(preset, THURSDAY) == Period(first, last)


def test_the_week_starts_on_monday() -> None:
    monday, sunday = date(2025, 11, 17), date(2025, 11, 23)
    assert preset_period(Preset.THIS_WEEK, monday) == Period(monday, monday)
    assert preset_period(Preset.THIS_WEEK, sunday) == Period(monday, sunday)
    assert week_start(date(2026, 1, 1)) == date(2025, 12, 29)  # a week across the new year


def test_last_month_in_january_is_last_december() -> None:
    assert preset_period(Preset.LAST_MONTH, date(2026, 1, 1)) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert preset_period(Preset.LAST_MONTH, date(2026, 1, 31)) == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_last_month_knows_february_and_leap_years() -> None:
    assert preset_period(Preset.LAST_MONTH, date(2024, 3, 31)) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert preset_period(Preset.LAST_MONTH, date(2025, 3, 1)) == Period(date(2025, 2, 1), date(2025, 2, 28))


def test_yesterday_on_new_years_day_is_the_old_years_last_day() -> None:
    assert preset_period(Preset.YESTERDAY, date(2026, 1, 1)) == Period(date(2025, 12, 31), date(2025, 12, 31))


def test_a_custom_period_has_no_preset_of_its_own() -> None:
    with pytest.raises(InvalidInput):
        preset_period(Preset.CUSTOM, THURSDAY)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidInput, match="after it ends on 01/11/2025"):
        Period(date(2025, 11, 2), date(2025, 11, 1))


def test_the_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    november = Period(date(2025, 11, 1), date(2025, 11, 30))
    assert november.previous() == Period(date(2025, 10, 2), date(2025, 10, 31))
    assert Period(THURSDAY, THURSDAY).previous() == Period(date(2025, 11, 19), date(2025, 11, 19))


def test_a_period_lists_its_days_and_reads_in_vietnamese_order() -> None:
    period = Period(date(2025, 12, 30), date(2026, 1, 2))
    assert period.days == 4
    assert period.each_day()[-1] == date(2026, 1, 2)
    assert period.text() == "30/12/2025 – 02/01/2026"
    assert Period(THURSDAY, THURSDAY).text() == "20/11/2025"


def test_every_preset_has_a_label() -> None:
    assert {preset_label(preset) for preset in Preset} >= {"Today", "Last month", "Custom period"}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_presets_never_reach_past_today_and_cover_whole_days(today: date) -> None:
    for preset in (Preset.TODAY, Preset.THIS_WEEK, Preset.THIS_MONTH):
        period = preset_period(preset, today)
        assert period.last == today and period.first <= today
    week = preset_period(Preset.THIS_WEEK, today)
    assert week.first.weekday() == 0 and week.days <= 7
    last_month = preset_period(Preset.LAST_MONTH, today)
    assert last_month.first.day == 1 and (last_month.last + timedelta(days=1)) == today.replace(day=1)
