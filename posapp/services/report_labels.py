"""What a report row's key reads as: names, translated groups and methods, hours and weekdays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from posapp.domain.ocop import OcopGroup, group_label, stars_text
from posapp.domain.tender import PaymentMethod, method_label
from posapp.i18n import _
from posapp.services.report_dto import Grouping


def weekday_name(weekday: int) -> str:
    """Monday is 0, as `date.weekday()` counts."""
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[weekday]


Labeler = Callable[[Any], tuple[int | str, str, str]]


def labeler(by: Grouping) -> Labeler:
    """What turns a row's key into (key, label, detail); cooperatives and products are named by the catalogue."""
    groups, methods = {g.value: g for g in OcopGroup}, {m.value: m for m in PaymentMethod}
    simple: dict[Grouping, Callable[[Any], str]] = {
        Grouping.GROUP: lambda key: group_label(groups[key]) if key in groups else str(key or _("(none)")),
        Grouping.STARS: lambda key: stars_text(key) if key else _("Not rated"),
        Grouping.PAYMENT: lambda key: method_label(methods[key]) if key in methods else str(key),
        Grouping.HOUR: lambda key: f"{key:02d}:00",
        Grouping.WEEKDAY: weekday_name,
        Grouping.DAY: lambda key: date.fromisoformat(key).strftime("%d/%m/%Y"),
        Grouping.PROVINCE: lambda key: key or _("(no province)"),
        Grouping.CASHIER: lambda key: key or _("(no name)"),
    }
    label = simple.get(by, str)
    if by is Grouping.STARS:
        return lambda key: (int(key or 0), label(key), "")
    return lambda key: ("" if key is None else key, label(key), "")
