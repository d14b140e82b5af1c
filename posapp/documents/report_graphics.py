"""Charts for the report PDFs, drawn with reportlab.graphics in DejaVu Sans so Vietnamese names print exactly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from posapp.documents.fonts import register_fonts
from posapp.domain.text import nfc
from posapp.i18n import _

INK = colors.Color(0.16, 0.38, 0.29)  # the shop's green
PALETTE = (
    INK,
    colors.Color(0.85, 0.55, 0.15),
    colors.Color(0.25, 0.45, 0.7),
    colors.Color(0.7, 0.3, 0.3),
    colors.Color(0.5, 0.5, 0.2),
    colors.Color(0.5, 0.35, 0.6),
    colors.Color(0.55, 0.55, 0.55),
)


def millions(value: float) -> str:
    """An axis label in millions of dong, Vietnamese style: 1.234,5."""
    text = f"{value / 1_000_000:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",0")


def _heading(drawing: Drawing, text: str, width: float, height: float) -> None:
    _regular, bold = register_fonts()
    drawing.add(String(0, height - 10, nfc(text), fontName=bold, fontSize=9))
    drawing.add(String(width, height - 10, _("million ₫"), fontName=_regular, fontSize=7, textAnchor="end"))


def bar_chart(title: str, bars: Sequence[tuple[str, int]], width: float) -> Drawing:
    """Horizontal bars, one per name (best first, top down): revenue by cooperative."""
    regular, _bold = register_fonts()
    row = 6 * mm
    height = max(len(bars), 1) * row + 20 * mm
    drawing = Drawing(width, height)
    _heading(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.42, 8 * mm
    chart.width, chart.height = width * 0.55, height - 20 * mm
    # The category axis runs bottom-up: reverse so the best seller is on top.
    chart.data = [[value for _name, value in reversed(bars)] or [0]]
    chart.categoryAxis.categoryNames = [nfc(name) for name, _value in reversed(bars)] or [""]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = millions
    chart.valueAxis.forceZero = True
    chart.bars[0].fillColor = INK
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def line_chart(title: str, days: Sequence[tuple[date, int]], width: float) -> Drawing:
    """Revenue day by day: one point per day of the period (days without sales at zero)."""
    regular, _bold = register_fonts()
    height = 62 * mm
    drawing = Drawing(width, height)
    _heading(drawing, title, width, height)
    if not days:
        return drawing
    first = days[0][0]
    plot = LinePlot()
    plot.x, plot.y = 14 * mm, 10 * mm
    plot.width, plot.height = width - 18 * mm, height - 22 * mm
    plot.data = [[((day - first).days, value) for day, value in days]]
    plot.lines[0].strokeColor = INK
    plot.lines[0].strokeWidth = 1.2
    span = max((days[-1][0] - first).days, 1)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, span
    plot.xValueAxis.valueSteps = sorted({round(span * step / 5) for step in range(6)})
    plot.xValueAxis.labelTextFormat = lambda offset: f"{first + timedelta(days=round(offset)):%d/%m}"
    plot.yValueAxis.labelTextFormat = millions
    plot.yValueAxis.forceZero = True
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = regular
        axis.labels.fontSize = 7
    drawing.add(plot)
    return drawing


def pie_chart(title: str, slices: Sequence[tuple[str, int]], width: float) -> Drawing:
    """Shares of revenue (only what brought money in: a share cannot be negative)."""
    regular, bold = register_fonts()
    height = 62 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, nfc(title), fontName=bold, fontSize=9))
    shown = [(name, value) for name, value in slices if value > 0]
    whole = sum(value for _name, value in shown)
    if not whole:
        return drawing
    pie = Pie()
    pie.width = pie.height = height - 26 * mm
    pie.x, pie.y = 2 * mm, 8 * mm
    pie.data = [value for _name, value in shown]
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.5
    swatches = []
    for index, (name, value) in enumerate(shown):
        colour = PALETTE[index % len(PALETTE)]
        pie.slices[index].fillColor = colour
        swatches.append((colour, f"{nfc(name)} {value * 100 / whole:.1f} %".replace(".", ",")))
    # A legend beside the pie, not labels around it: OCOP group names run long in Vietnamese.
    legend = Legend()
    legend.x, legend.y = pie.x + pie.width + 8 * mm, pie.y + pie.height
    legend.alignment = "right"
    legend.fontName, legend.fontSize = regular, 7
    legend.columnMaximum = len(swatches)
    legend.dx = legend.dy = 6
    legend.deltay = 11
    legend.colorNamePairs = swatches
    drawing.add(legend)
    drawing.add(pie)
    return drawing
