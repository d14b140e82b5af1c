"""Beside the reports table: the charts, and the top sellers, bottom sellers and slow movers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.i18n import _
from posapp.ui.report_charts import CooperativeBars, DailyRevenueLine, GroupShares
from posapp.ui.report_loading import Overview, daily_revenue, named_revenue
from posapp.ui.report_models import sellers_model, slow_movers_model
from posapp.ui.rows_model import RowsModel

DEFAULT_SLOW_DAYS = 30
COOPERATIVE_WIDTH = 170  # leaves the product's name the room: it is what the manager looks for


def report_table(model: RowsModel[Any] | None = None) -> QTableView:
    """A read-only, sortable table that fits the shop's style: whole rows selected, first column stretched."""
    table = QTableView()
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    unsorted(table)  # else enabling sorting would sort by the first column at once
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    header.setSortIndicatorShown(True)
    return table


def unsorted(table: QTableView) -> None:
    """Show rows in the service's order (biggest first) with no column marked as sorted."""
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)


def stretch_column(table: QTableView, column: int = 0) -> None:
    """Columns fit their contents; `column` takes the spare width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if 0 <= column < header.count():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def squeeze_column(table: QTableView, column: int, width: int) -> None:
    """A column the manager may widen, starting at `width` (long names end in “…”)."""
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(column, width)


class ChartsPanel(QTabWidget):
    """The period's charts, one tab each: bars by cooperative, the daily line, shares by OCOP group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = CooperativeBars()
        self.line = DailyRevenueLine()
        self.shares = GroupShares()
        self.addTab(self.bars, _("By cooperative"))
        self.addTab(self.line, _("By day"))
        self.addTab(self.shares, _("By OCOP group"))

    def show_overview(self, overview: Overview) -> None:
        self.bars.show_revenue(named_revenue(overview.cooperatives))
        self.line.show_days(daily_revenue(overview.days, overview.period))
        self.shares.show_shares(named_revenue(overview.groups))


class SellersPanel(QTabWidget):
    """Top sellers, bottom sellers and slow movers (in stock, no sale in N days)."""

    slow_days_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top_model = sellers_model()
        self.bottom_model = sellers_model()
        self.slow_model = slow_movers_model()
        self.top_table = report_table(self.top_model)
        self.bottom_table = report_table(self.bottom_model)
        self.slow_table = report_table(self.slow_model)
        for table in (self.top_table, self.bottom_table, self.slow_table):
            stretch_column(table)
            squeeze_column(table, 1, COOPERATIVE_WIDTH)
        self.slow_days = QSpinBox()
        self.slow_days.setRange(1, 365)
        self.slow_days.setValue(DEFAULT_SLOW_DAYS)
        self.slow_days.setSuffix(" " + _("days"))
        self.slow_days.setKeyboardTracking(False)  # one refresh per finished number, not per digit
        slow = QWidget()
        slow_layout = QVBoxLayout(slow)
        slow_layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("In stock, no sale in")))
        row.addWidget(self.slow_days)
        row.addStretch(1)
        slow_layout.addLayout(row)
        slow_layout.addWidget(self.slow_table, 1)
        self.addTab(self.top_table, _("Top sellers"))
        self.addTab(self.bottom_table, _("Bottom sellers"))
        self.addTab(slow, _("Slow movers"))
        self.slow_days.valueChanged.connect(self.slow_days_changed.emit)

    def show_overview(self, overview: Overview) -> None:
        self.top_model.set_rows(overview.top)
        self.bottom_model.set_rows(overview.bottom)
        self.slow_model.set_rows(overview.slow)
        for table in (self.top_table, self.bottom_table, self.slow_table):
            unsorted(table)
        self.setTabText(2, _("Slow movers ({count})").format(count=len(overview.slow)))
