"""Report charts: the series carry the report's figures, money axes read like Vietnamese money."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis
from pytestqt.qtbot import QtBot

from posapp.ui.report_charts import (
    CooperativeBars,
    DailyRevenueLine,
    GroupShares,
    axis_money,
    money_step,
    money_ticks,
    percent_text,
    short_name,
)


@pytest.mark.parametrize(
    ("maximum", "step"),
    [(0, 1), (9, 2), (1_234_000, 500_000), (4_800_000, 1_000_000), (23_000_000, 5_000_000), (99, 20)],
)
def test_money_steps_are_round(maximum: int, step: int) -> None:
    assert money_step(maximum) == step


def test_ticks_reach_past_the_biggest_value() -> None:
    assert money_ticks(1_234_000) == [0, 500_000, 1_000_000, 1_500_000]
    assert money_ticks(5_000_000) == [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000]


def test_axis_labels_read_as_dong_or_millions() -> None:
    assert axis_money(50_000, 10_000) == "50.000 ₫"
    assert axis_money(1_500_000, 500_000) == "1,5 M ₫"
    assert axis_money(12_000_000, 2_000_000) == "12 M ₫"
    assert axis_money(1_250_000_000, 500_000_000) == "1.250 M ₫"
    assert axis_money(0, 500_000) == "0 M ₫"
    assert axis_money(400_000, 200_000, top=600_000) == "400.000 ₫"  # an axis below a million reads in dong


def test_percentages_and_names() -> None:
    assert percent_text(1, 3) == "33,3 %"
    assert percent_text(2, 3) == "66,7 %"
    assert percent_text(5, 0) == "0 %"
    assert short_name("HTX Nông nghiệp dịch vụ tổng hợp Ea Tu", 20) == "HTX Nông nghiệp dịc…"


def test_bars_show_the_top_cooperatives_biggest_first(qtbot: QtBot) -> None:
    chart = CooperativeBars()
    qtbot.addWidget(chart)
    rows = [(f"HTX {n}", n * 100_000) for n in range(1, 12)] + [("HTX trả hàng", -50_000)]
    chart.show_revenue(rows, top=3)
    assert chart.values() == [("HTX 11", 1_100_000), ("HTX 10", 1_000_000), ("HTX 9", 900_000)]
    names = next(axis for axis in chart.chart.axes() if isinstance(axis, QBarCategoryAxis))
    assert names.categories() == ["HTX 9", "HTX 10", "HTX 11"]  # drawn bottom-up: the biggest on top
    money = next(axis for axis in chart.chart.axes() if isinstance(axis, QCategoryAxis))
    assert money.categoriesLabels() == ["0 M ₫", "0,5 M ₫", "1 M ₫", "1,5 M ₫"]
    assert chart.empty.isHidden()


def test_a_chart_without_sales_says_so(qtbot: QtBot) -> None:
    chart = CooperativeBars()
    qtbot.addWidget(chart)
    chart.show_revenue([("HTX 1", 100_000)])
    chart.show_revenue([])
    assert chart.values() == [] and not chart.chart.series() and not chart.chart.axes()
    assert not chart.empty.isHidden() and chart.empty.text() == "No sales in this period."


def test_the_daily_line_has_a_point_per_day(qtbot: QtBot) -> None:
    chart = DailyRevenueLine()
    qtbot.addWidget(chart)
    days = [(date(2025, 12, 30), 300_000), (date(2025, 12, 31), 0), (date(2026, 1, 1), 1_200_000)]
    chart.show_days(days)
    assert chart.values() == days
    assert chart.series is not None and len(chart.series.points()) == 3
    xs = [point.x() for point in chart.series.points()]
    assert xs == sorted(xs) and xs[1] - xs[0] == 86_400_000  # a day apart, in order


def test_the_pie_labels_each_group_with_its_share(qtbot: QtBot) -> None:
    chart = GroupShares()
    qtbot.addWidget(chart)
    chart.show_shares([("Đồ uống", 250_000), ("Thực phẩm", 750_000), ("Thủ công", 0)])
    assert chart.values() == [("Thực phẩm · 75,0 %", 750_000), ("Đồ uống · 25,0 %", 250_000)]
