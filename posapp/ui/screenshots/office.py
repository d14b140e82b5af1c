"""The back-office part of the tour: a refund with a manager's approval, then the manager's day —
overview, reorders, purchase orders received, consignment settled, reports, the day close and the shift's Z report."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from posapp.domain.money import QTY_SCALE, format_vnd
from posapp.domain.periods import Preset
from posapp.services.dto import Receipt
from posapp.services.report_dto import Grouping
from posapp.ui.cash_count import CountSheet
from posapp.ui.consignment_view import ConsignmentView
from posapp.ui.daily_summary_view import DailySummaryView
from posapp.ui.main_window import MainWindow
from posapp.ui.orders_view import OrdersView
from posapp.ui.receipts_view import ReceiptsView
from posapp.ui.reorder_view import GroupRow, ReorderView
from posapp.ui.reports_view import ReportsView
from posapp.ui.screenshots.kit import ScriptedDialogs, Shots, composite, settle, wait_until
from posapp.ui.screenshots.staging import Person
from posapp.ui.screenshots.till import sign_in
from posapp.ui.shift_dialogs import CloseShiftDialog
from posapp.ui.shift_view import ShiftView

SHORT_BY = 2_000  # the count comes out one 2.000 note short: the close dialog shows the variance in red
PAYMENT_NOTE = "Chuyển khoản thanh toán hàng ký gửi"


def open_screen(window: MainWindow, key: str) -> QWidget:
    """The back-office screen `key`, shown with fresh figures."""
    if not window.in_back_office():
        window.toggle_back_office()
    window.back_office.open_key(key)
    settle(150)
    return window.back_office.currentWidget()


def refund(window: MainWindow, shots: Shots, dialogs: ScriptedDialogs, sale: Receipt, manager: Person) -> None:
    """The cashier takes one item back from the sale; the till asks the manager's PIN for it."""
    view = open_screen(window, "receipts")
    assert isinstance(view, ReceiptsView)
    view.number_field.setText(sale.receipt_no)
    view.run_search()
    view.list.selectRow(0)
    settle()
    view.start_refund()
    dialog = view.refund_dialog
    assert dialog is not None
    for position, editor in enumerate(dialog.editors):
        if isinstance(editor, QSpinBox):
            editor.setValue(1 if position == 0 else 0)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(False)
    settle()
    shots.save(composite(window, dialog), "refund.png")
    dialogs.approver = (manager.name, manager.pin)
    dialogs.on_approval = lambda approval: shots.save(composite(window, dialog, approval), "refund-approval.png")
    dialog.confirm()
    dialogs.on_approval = None
    settle(300)
    shots.save(window.grab(), "receipts.png")


def manager_day(window: MainWindow, shots: Shots, manager: Person) -> None:
    window.toggle_back_office()
    window.switch_user()
    sign_in(window, manager)
    open_screen(window, "overview")
    shots.save(window.grab(), "overview.png")
    open_screen(window, "products")
    shots.save(window.grab(), "products.png")
    order_and_receive(window, shots)
    settle_consignment(window, shots)
    reports(window, shots)
    close_shift(window, shots)


def order_and_receive(window: MainWindow, shots: Shots) -> None:
    """What is low → two draft orders; one goes to the cooperative's inbox (here: the outbox, there being no
    mail server in a demo), the other arrives short and is received with a backorder."""
    reorder = open_screen(window, "reorder")
    assert isinstance(reorder, ReorderView)
    shots.save(window.grab(), "reorder.png")
    made: list[str] = []
    reorder.orders_created.connect(made.extend)
    for _order in range(2):
        groups = [row for row, shown in enumerate(reorder.model.rows()) if isinstance(shown, GroupRow)]
        if not groups:
            break
        reorder.table.selectRow(groups[0])
        reorder.approve_selected()
        reorder.refresh()
    orders = open_screen(window, "orders")
    assert isinstance(orders, OrdersView)
    if made:
        orders.send(made[0])
        wait_until(lambda: not orders.busy)
    if len(made) > 1 and orders.select(made[1]):
        detail = orders.detail
        detail.fill_outstanding()
        first = detail.model.row(0)
        whole_units = first.receive_milli // QTY_SCALE
        detail.model.replace(0, replace(first, receive_milli=max(whole_units // 2, 1) * QTY_SCALE))
        orders.receive_selected()
    settle(200)
    shots.save(window.grab(), "orders.png")


def settle_consignment(window: MainWindow, shots: Shots) -> None:
    """Last month's statement of the consignment cooperative with the most goods, and paying what it is owed."""
    view = open_screen(window, "consignment")
    assert isinstance(view, ConsignmentView)
    view.last_month()
    lines: dict[int, int] = {}
    for index in range(min(view.cooperative.count(), 12)):
        view.cooperative.setCurrentIndex(index)
        view.show_statement()
        lines[index] = len(view.statement.lines) if view.statement is not None else 0
    if lines:
        view.cooperative.setCurrentIndex(max(lines, key=lambda index: lines[index]))
        view.show_statement()
    balance = view.statement.balance if view.statement is not None else 0
    if balance > 0:
        view.amount.setText(format_vnd(balance).removesuffix(" ₫"))
        view.note.setText(PAYMENT_NOTE)
    settle()
    shots.save(window.grab(), "consignment.png")
    if balance > 0:
        view.record_payment()


def reports(window: MainWindow, shots: Shots) -> None:
    view = open_screen(window, "reports")
    assert isinstance(view, ReportsView)
    view.filters.set_grouping(Grouping.COOPERATIVE)
    view.filters.set_preset(Preset.LAST_MONTH)
    view.refresh()  # the filters tell the view of a person's choice only
    wait_until(lambda: not view.is_busy)
    settle(300)
    shots.save(window.grab(), "reports.png")
    daily = open_screen(window, "daily")
    assert isinstance(daily, DailySummaryView)
    settle(300)
    wait_until(lambda: not daily.is_busy)
    settle()
    shots.save(window.grab(), "day-close.png")


def close_shift(window: MainWindow, shots: Shots) -> None:
    """Count the drawer (a note short), close the shift, and the Z report the manager files."""
    view = open_screen(window, "shift")
    assert isinstance(view, ShiftView)
    view.close_shift()
    dialog = view.dialog
    if not isinstance(dialog, CloseShiftDialog):  # no shift open (nobody sold): nothing to close
        return
    count_into(dialog.sheet, dialog.sheet.expected - SHORT_BY)
    dialog.run()  # warns about the variance first
    settle()
    shots.save(composite(window, dialog), "shift-close.png")
    dialog.run()
    settle(300)
    report = view.report_dialog
    if report is not None:
        shots.save(composite(window, report), "z-report.png")
        report.accept()
    settle()


def count_into(sheet: CountSheet, amount: int) -> None:
    """Notes adding up to `amount`, the largest first, as a cashier stacks them."""
    left = max(amount, 0)
    for note in sorted(sheet.spins, reverse=True):
        count, left = divmod(left, note)
        sheet.set_count(note, count)
