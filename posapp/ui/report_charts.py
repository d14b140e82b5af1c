"""Report charts: revenue bars by cooperative, a daily revenue line, shares by OCOP group; money axes in ₫."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.ui import style

MILLION = 1_000_000
TOP_COOPERATIVES = 8
LONG_NAME = 26  # characters of a cooperative's name that fit beside its bar
SLICE_COLOURS = ("#0f766e", "#f59e0b", "#2563eb", "#db2777", "#65a30d", "#7c3aed", "#64748b")


def money_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × 10ⁿ dong) giving about `ticks` gridlines up to `maximum`."""
    rough = max(maximum, 1) / ticks
    magnitude = 1
    while magnitude * 10 <= rough:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= rough:
            return magnitude * factor
    return magnitude * 10  # pragma: no cover - the loop always returns


def money_ticks(maximum: int, ticks: int = 5) -> list[int]:
    """0, step, 2·step … up to the first tick at or above `maximum`."""
    step = money_step(maximum, ticks)
    top = -(-max(maximum, 1) // step) * step
    return list(range(0, top + step, step))


def axis_money(value: int, step: int, top: int | None = None) -> str:
    """An axis label: whole dong on an axis below a million, else millions (“1,5 tr ₫”, “12 tr ₫”)."""
    if step < MILLION // 10 or (top is not None and top < MILLION):
        return format_vnd(value)
    if value % MILLION == 0:
        return _("{amount} M ₫").format(amount=f"{value // MILLION:,}".replace(",", "."))
    tenths = value // (MILLION // 10)
    whole = f"{tenths // 10:,}".replace(",", ".")
    return _("{amount} M ₫").format(amount=f"{whole},{tenths % 10}")


def short_name(name: str, limit: int = LONG_NAME) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def percent_text(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage with one decimal and a Vietnamese decimal comma."""
    if whole <= 0:
        return "0 %"
    tenths = (part * 1000 * 2 + whole) // (whole * 2)  # rounded half up, in integers
    return f"{tenths // 10},{tenths % 10} %"


def money_axis(maximum: int) -> QCategoryAxis:
    """A value axis whose labels are our own money texts (Qt's printf formats cannot write 1.234.000 ₫)."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    ticks = money_ticks(maximum)
    step = ticks[1] - ticks[0]
    for value in ticks:
        axis.append(axis_money(value, step, ticks[-1]), value)
    axis.setRange(0, ticks[-1])
    axis.setGridLineColor(QColor(style.LINE))
    axis.setLabelsColor(QColor(style.MUTED))
    return axis


class ReportChart(QWidget):
    """A chart with its title, and a quiet note instead of empty axes when there is nothing to draw."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        title_font = QFont(self.font())
        title_font.setPointSize(12)
        title_font.setBold(True)
        self.chart.setTitleFont(title_font)
        self.chart.setTitleBrush(QColor(style.INK))
        self.chart.setBackgroundRoundness(8)
        self.chart.setMargins(QMargins(4, 4, 28, 4))  # room for the last money label, centred on its tick
        self.chart.legend().hide()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.empty = QLabel(_("No sales in this period."))
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty.setStyleSheet("background: transparent; font-size: 13pt;")
        # The note lies over the empty plot, under the chart's title.
        layout = QStackedLayout(self)
        layout.setStackingMode(QStackedLayout.StackingMode.StackAll)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.setCurrentWidget(self.empty)
        self.empty.hide()

    def clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)


class CooperativeBars(ReportChart):
    """Horizontal bars: the top cooperatives by revenue, the biggest on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Revenue by cooperative (top {count})").format(count=TOP_COOPERATIVES), parent)
        self.bars = QBarSet(_("Revenue"))
        self.bars.setColor(QColor(style.ACCENT))
        self.bars.setBorderColor(QColor(style.ACCENT))
        self.series: QHorizontalBarSeries | None = None
        self.names: list[str] = []

    def show_revenue(self, rows: Sequence[tuple[str, int]], top: int = TOP_COOPERATIVES) -> None:
        self.clear()
        chosen = sorted(rows, key=lambda row: row[1], reverse=True)[:top]
        chosen = [row for row in chosen if row[1] > 0]
        self.names = [name for name, _amount in chosen]
        self._show_empty(not chosen)
        if not chosen:
            self.series = None
            return
        chosen.reverse()  # a horizontal bar chart draws its first category at the bottom
        self.bars = QBarSet(_("Revenue"))
        self.bars.setColor(QColor(style.ACCENT))
        self.bars.setBorderColor(QColor(style.ACCENT))
        self.bars.append([float(amount) for _name, amount in chosen])
        self.series = QHorizontalBarSeries()
        self.series.append(self.bars)
        self.series.setBarWidth(0.7)
        self.chart.addSeries(self.series)
        names = QBarCategoryAxis()
        names.append([short_name(name) for name, _amount in chosen])
        names.setGridLineVisible(False)
        names.setTruncateLabels(False)  # names are shortened here, where a whole word can be kept
        names.setLabelsColor(QColor(style.INK))
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(names)
        amounts = money_axis(max(amount for _name, amount in chosen))
        self.chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(amounts)

    def values(self) -> list[tuple[str, int]]:
        """What the bars show, biggest first (read back from the series itself)."""
        if self.series is None:
            return []
        drawn = [int(self.bars.at(index)) for index in range(self.bars.count())]
        return list(zip(self.names, reversed(drawn), strict=True))


def qt_day(day: date) -> QDateTime:
    # Noon, so the shown date is the same whatever zone the machine's Qt thinks it is in.
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))


class DailyRevenueLine(ReportChart):
    """Revenue of each day of the period as a line; days without sales sit at zero."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Revenue by day"), parent)
        self.series: QLineSeries | None = None
        self.days: list[date] = []

    def show_days(self, days: Sequence[tuple[date, int]]) -> None:
        self.clear()
        self.days = [day for day, _amount in days]
        self._show_empty(not any(amount for _day, amount in days))
        if not days:
            self.series = None
            return
        self.series = QLineSeries()
        self.series.setName(_("Revenue"))
        pen = QPen(QColor(style.ACCENT))
        pen.setWidth(3)
        self.series.setPen(pen)
        self.series.setPointsVisible(len(days) <= 45)
        for day, amount in days:
            self.series.append(float(qt_day(day).toMSecsSinceEpoch()), float(amount))
        self.chart.addSeries(self.series)
        axis = QDateTimeAxis()
        axis.setFormat("dd/MM")
        axis.setTickCount(min(len(days), 8) if len(days) > 1 else 2)
        first, last = qt_day(days[0][0]), qt_day(days[-1][0])
        if first == last:
            first, last = first.addSecs(-12 * 3600), last.addSecs(12 * 3600)
        axis.setRange(first, last)
        axis.setLabelsColor(QColor(style.MUTED))
        axis.setGridLineColor(QColor(style.LINE))
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(axis)
        amounts = money_axis(max(amount for _day, amount in days))
        self.chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(amounts)

    def values(self) -> list[tuple[date, int]]:
        if self.series is None:
            return []
        return [(day, int(point.y())) for day, point in zip(self.days, self.series.points(), strict=True)]


class GroupShares(ReportChart):
    """A pie of revenue by OCOP group, each slice labelled with its share."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Share of revenue by OCOP group"), parent)
        self.series: QPieSeries | None = None
        self.chart.legend().show()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart.legend().setLabelColor(QColor(style.INK))

    def show_shares(self, rows: Sequence[tuple[str, int]]) -> None:
        self.clear()
        chosen = sorted((row for row in rows if row[1] > 0), key=lambda row: row[1], reverse=True)
        self._show_empty(not chosen)
        if not chosen:
            self.series = None
            return
        whole = sum(amount for _name, amount in chosen)
        self.series = QPieSeries()
        self.series.setPieSize(0.78)
        for index, (name, amount) in enumerate(chosen):
            piece = self.series.append(f"{name} · {percent_text(amount, whole)}", float(amount))
            piece.setColor(QColor(SLICE_COLOURS[index % len(SLICE_COLOURS)]))
            piece.setBorderColor(QColor(style.SURFACE))
        self.chart.addSeries(self.series)

    def values(self) -> list[tuple[str, int]]:
        if self.series is None:
            return []
        return [(piece.label(), int(piece.value())) for piece in self.series.slices()]
