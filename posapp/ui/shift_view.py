"""The till's shift for the back office: is one open, its figures so far, cash in/out, X and Z reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.devices.printers import ReceiptPrinter
from posapp.domain.errors import PosError
from posapp.domain.money import format_vnd
from posapp.domain.staff import Actor
from posapp.domain.tender import PaymentMethod, method_label
from posapp.i18n import _
from posapp.services.shifts import ShiftView as Shift
from posapp.services.shifts import ZReport
from posapp.ui.context import ViewContext
from posapp.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from posapp.ui.shift_report_dialog import ShiftReportDialog
from posapp.ui.staffing import shift_service
from posapp.ui.widgets import Banner

Index = QModelIndex | QPersistentModelIndex


class ShiftsModel(QAbstractTableModel):
    """Recent shifts, newest first."""

    def __init__(self, clock_local: Callable[[datetime], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._local = clock_local
        self._shifts: list[Shift] = []

    def headers(self) -> tuple[str, ...]:
        return (_("Till"), _("Opened at"), _("Opened by"), _("Float"), _("Closed at"), _("Closed by"))

    def set_shifts(self, shifts: list[Shift]) -> None:
        self.beginResetModel()
        self._shifts = list(shifts)
        self.endResetModel()

    def shift(self, row: int) -> Shift:
        return self._shifts[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shifts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shifts):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        shift = self._shifts[index.row()]
        cells = (
            shift.till,
            f"{self._local(shift.opened_at):%d/%m/%Y %H:%M}",
            shift.opened_by,
            format_vnd(shift.float_amount),
            f"{self._local(shift.closed_at):%d/%m/%Y %H:%M}" if shift.closed_at else _("open"),
            shift.closed_by,
        )
        return cells[column] if 0 <= column < len(cells) else None


def _button(text: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    if primary:
        button.setObjectName("primary")
    return button


class ShiftView(QWidget):
    """Back-office view of this till's shift. `printer` prints X/Z reports when it can print documents."""

    def __init__(
        self, context: ViewContext, parent: QWidget | None = None, printer: ReceiptPrinter | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.printer = printer
        self.dialog: QDialog | None = None  # the one dialog this view has open
        self.report_dialog: ShiftReportDialog | None = None  # the Z report shown after closing
        self.current: Shift | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        outer.addWidget(self.heading)
        self.banner = Banner()
        outer.addWidget(self.banner)
        panel = QFrame()
        panel.setObjectName("panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(18, 12, 18, 12)
        self.status = QLabel()
        self.status.setObjectName("lastItem")
        self.status.setWordWrap(True)
        inner.addWidget(self.status)
        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(30)
        inner.addLayout(self.figures)
        outer.addWidget(panel)
        row = QHBoxLayout()
        self.open_button = _button(_("Open shift"), primary=True)
        self.cash_in_button = _button(_("Cash in"))
        self.cash_out_button = _button(_("Cash out"))
        self.x_button = _button(_("X report"))
        self.close_button = _button(_("Close shift (Z report)"), primary=True)
        for button, slot in (
            (self.open_button, self.open_shift),
            (self.cash_in_button, lambda: self.move_cash("in")),
            (self.cash_out_button, lambda: self.move_cash("out")),
            (self.x_button, self.x_report),
            (self.close_button, self.close_shift),
        ):
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)
        caption = QLabel(_("Recent shifts"))
        caption.setObjectName("totalCaption")
        outer.addWidget(caption)
        self.model = ShiftsModel(context.shop.clock.local, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.show_report(index.row()))
        outer.addWidget(self.table, 1)
        reprint = QHBoxLayout()
        self.report_button = _button(_("Show the selected shift's report"))
        self.report_button.clicked.connect(lambda: self.show_report(self.table.currentIndex().row()))
        reprint.addStretch(1)
        reprint.addWidget(self.report_button)
        outer.addLayout(reprint)
        self.refresh()

    @property
    def till(self) -> str:
        return self.context.shop.settings.till

    def refresh(self) -> None:
        shifts = shift_service(self.context.shop)
        self.heading.setText(_("Shift at till {till}").format(till=self.till))
        try:
            self.current = shifts.current(self.till)
            report = shifts.x_report(self.till) if self.current is not None else None
            self.model.set_shifts(shifts.recent(self.till))
        except PosError as error:
            self.banner.show_message(str(error), "error")
            return
        self._show(report)
        is_open = self.current is not None
        self.open_button.setEnabled(not is_open)
        for button in (self.cash_in_button, self.cash_out_button, self.x_button, self.close_button):
            button.setEnabled(is_open)

    def _show(self, report: ZReport | None) -> None:
        while self.figures.count():
            taken = self.figures.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if report is None or self.current is None:
            self.status.setText(_("No shift is open at this till."))
            return
        local = self.context.shop.clock.local(self.current.opened_at)
        self.status.setText(
            _("Open since {time} by {name}").format(time=f"{local:%d/%m %H:%M}", name=self.current.opened_by)
        )
        rows = [
            (_("Float"), format_vnd(report.float_amount)),
            (_("Sales receipts"), str(report.sales_count)),
            *((method_label(PaymentMethod(m)), format_vnd(a)) for m, a in report.by_method.items()),
            (_("Refunds paid"), format_vnd(report.refunds_amount)),
            (_("Cash in"), format_vnd(report.cash_in)),
            (_("Cash out"), format_vnd(report.cash_out)),
            (_("Expected in the drawer"), format_vnd(report.expected_cash)),
        ]
        for position, (caption, value) in enumerate(rows):
            head = QLabel(caption)
            head.setObjectName("muted")
            figure = QLabel(value)
            figure.setObjectName("figure")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, column = position % 5, position // 5 * 3  # two columns of five figures
            self.figures.addWidget(head, row, column)
            self.figures.addWidget(figure, row, column + 1)
        figure.setObjectName("lastItem")  # the last one, the cash expected: what the drawer is counted against
        self.figures.setColumnMinimumWidth(2, 60)
        self.figures.setColumnStretch(5, 1)

    # --- actions ------------------------------------------------------------------------
    def _present(self, dialog: QDialog) -> None:
        if self.dialog is not None:  # one at a time: the figures behind it must stay what it was opened on
            dialog.deleteLater()
            self.dialog.raise_()
            return
        self.dialog = dialog
        dialog.finished.connect(lambda _result, dialog=dialog: self._dialog_closed(dialog))
        self.context.dialogs.present(dialog)

    def _dialog_closed(self, dialog: QDialog) -> None:
        dialog.deleteLater()
        if self.dialog is dialog:
            self.dialog = None
        self.refresh()

    def _actor(self) -> Actor | None:
        try:
            return self.context.actor()
        except PosError as error:  # nobody signed in: say so instead of opening anything
            self.banner.show_message(str(error), "error")
            return None

    def open_shift(self) -> None:
        actor = self._actor()
        if actor is None:
            return
        dialog = OpenShiftDialog(shift_service(self.context.shop), self.till, actor, parent=self)
        dialog.opened.connect(lambda _shift: self.banner.show_message(_("Shift opened."), "info"))
        self._present(dialog)

    def move_cash(self, kind: str) -> None:
        actor = self._actor()
        if actor is None:
            return
        dialog = CashMoveDialog(shift_service(self.context.shop), self.till, actor, kind, self)
        dialog.moved.connect(
            lambda movement: self.banner.show_message(
                _("Recorded: {amount} — {reason}").format(amount=format_vnd(movement.amount), reason=movement.reason),
                "info",
            )
        )
        self._present(dialog)

    def x_report(self) -> None:
        try:
            report = shift_service(self.context.shop).x_report(self.till)
        except PosError as error:
            self.banner.show_message(str(error), "error")
            return
        self._present(self._report_dialog(report))

    def close_shift(self) -> None:
        actor = self._actor()
        if actor is None:
            return
        try:
            dialog = CloseShiftDialog(shift_service(self.context.shop), self.till, actor, self)
        except PosError as error:
            self.banner.show_message(str(error), "error")
            return
        dialog.closed.connect(self._closed)
        self._present(dialog)

    def _closed(self, report: ZReport) -> None:
        self.banner.show_message(_("Shift closed."), "info")
        # The Z report follows the count at once: it is what the manager files for the day.
        dialog = self._report_dialog(report)
        dialog.save()
        self.report_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        self.context.dialogs.present(dialog)

    def show_report(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        try:
            report = shift_service(self.context.shop).report(self.model.shift(row).id)
        except PosError as error:
            self.banner.show_message(str(error), "error")
            return
        self._present(self._report_dialog(report))

    def _report_dialog(self, report: ZReport) -> ShiftReportDialog:
        return ShiftReportDialog(report, self.context.shop.settings, self.printer, parent=self)
